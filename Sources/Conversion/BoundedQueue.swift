#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking first-in-first-out queue with a capacity, handing batches from a producer thread to a consumer.
///
/// The producer blocks while the queue is full, so memory stays bounded by `capacity` batches whatever the input
/// size. Either side can `close()` it: the producer when it is done, the consumer when it gives up.
final class BoundedQueue<Element>: @unchecked Sendable {
    /// A ring of `capacity` slots; popped slots are cleared at once so nothing is retained.
    private var slots: [Element?]
    private var head = 0
    private var count = 0
    private let capacity: Int
    private var closed = false
    private var mutex = pthread_mutex_t()
    private var notEmpty = pthread_cond_t()
    private var notFull = pthread_cond_t()

    /// Creates a queue holding at most `capacity` elements.
    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        slots = Array(repeating: nil, count: capacity)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&notEmpty, nil)
        pthread_cond_init(&notFull, nil)
    }

    deinit {
        pthread_cond_destroy(&notFull)
        pthread_cond_destroy(&notEmpty)
        pthread_mutex_destroy(&mutex)
    }

    /// Adds an element, waiting while the queue is full; returns false when the queue was closed.
    @discardableResult
    func push(_ element: Element) -> Bool {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while count >= capacity && !closed { pthread_cond_wait(&notFull, &mutex) }
        guard !closed else { return false }
        slots[(head + count) % capacity] = element
        count += 1
        pthread_cond_signal(&notEmpty)
        return true
    }

    /// Takes the oldest element, waiting while the queue is empty; nil once it is closed and drained.
    func pop() -> Element? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while count == 0 && !closed { pthread_cond_wait(&notEmpty, &mutex) }
        guard count > 0, let element = slots[head] else { return nil }
        slots[head] = nil
        head = (head + 1) % capacity
        count -= 1
        pthread_cond_signal(&notFull)
        return element
    }

    /// Closes the queue: waiting producers return, consumers drain what is left and then get nil.
    func close() {
        pthread_mutex_lock(&mutex)
        closed = true
        pthread_cond_broadcast(&notEmpty)
        pthread_cond_broadcast(&notFull)
        pthread_mutex_unlock(&mutex)
    }
}
