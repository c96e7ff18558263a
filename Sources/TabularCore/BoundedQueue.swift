import Dispatch
import Synchronization

/// A blocking first-in-first-out queue with a capacity, handing elements from producer threads to consumer threads:
/// the one queue type behind every pipeline of the package (rows in both conversion directions, inflated ZIP chunks,
/// batch jobs waiting for a thread).
///
/// Producers wait while the queue is full, so memory stays bounded by `capacity` elements whatever the input size.
/// The queue ends in one of two ways: the producing side calls `close(throwing:)`, after which consumers drain what
/// is left and then get nil (or the error); or the consuming side calls `cancel()`, which drops what is buffered and
/// makes every waiting and later `push` return false, so that producers stop.
///
/// All state lives in one `Mutex`; threads wait outside it on two semaphores, each waiter having registered itself
/// under the lock first, so no wake-up is lost and none is spent on a thread that is not waiting.
package final class BoundedQueue<Element: Sendable>: Sendable {
    private let capacity: Int
    private let state: Mutex<State>
    /// Signalled once for each registered producer when space frees up (or the queue ends).
    private let spaceFreed = DispatchSemaphore(value: 0)
    /// Signalled once for each registered consumer when an element arrives (or the queue ends).
    private let elementAdded = DispatchSemaphore(value: 0)

    /// Creates a queue holding at most `capacity` elements (at least 1).
    package init(capacity: Int) {
        precondition(capacity > 0, "a queue needs room for one element")
        self.capacity = capacity
        state = Mutex(State(ring: Ring(reserving: min(capacity, 64))))
    }

    /// Adds an element, waiting while the queue is full; false when the queue was closed or cancelled (the element
    /// is dropped then).
    @discardableResult
    package func push(_ element: Element) -> Bool {
        while true {
            let step: PushStep = state.withLock { state in
                if state.closed { return .refused }
                guard state.ring.count < capacity else {
                    state.waitingProducers += 1
                    return .wait
                }
                state.ring.append(element)
                guard state.waitingConsumers > 0 else { return .added(wakeConsumer: false) }
                state.waitingConsumers -= 1
                return .added(wakeConsumer: true)
            }
            switch step {
            case .refused: return false
            case .added(let wakeConsumer):
                if wakeConsumer { elementAdded.signal() }
                return true
            case .wait: spaceFreed.wait()
            }
        }
    }

    /// Takes the oldest element, waiting while the queue is empty; nil once the queue is closed and drained.
    ///
    /// - Throws: the error given to `close(throwing:)`, once the elements pushed before it are taken.
    package func pop() throws -> Element? {
        while true {
            let step: PopStep = state.withLock { state in
                if let element = state.ring.popFirst() {
                    guard state.waitingProducers > 0 else { return .element(element, wakeProducer: false) }
                    state.waitingProducers -= 1
                    return .element(element, wakeProducer: true)
                }
                if state.closed { return state.failure.map(PopStep.failed) ?? .end }
                state.waitingConsumers += 1
                return .wait
            }
            switch step {
            case .element(let element, let wakeProducer):
                if wakeProducer { spaceFreed.signal() }
                return element
            case .end: return nil
            case .failed(let error): throw error
            case .wait: elementAdded.wait()
            }
        }
    }

    /// Ends the queue from the producing side: later pushes are refused; consumers take what is left, then get nil,
    /// or `error` thrown when one is given. Closing twice keeps the first error.
    package func close(throwing error: (any Error)? = nil) {
        end { state in
            if state.failure == nil, !state.closed { state.failure = error }
        }
    }

    /// Ends the queue from the consuming side: buffered elements are dropped, producers' pushes return false.
    package func cancel() {
        end { state in state.ring.removeAll() }
    }

    private func end(_ change: (inout State) -> Void) {
        let (producers, consumers) = state.withLock { state in
            change(&state)
            state.closed = true
            defer { (state.waitingProducers, state.waitingConsumers) = (0, 0) }
            return (state.waitingProducers, state.waitingConsumers)
        }
        for _ in 0..<producers { spaceFreed.signal() }
        for _ in 0..<consumers { elementAdded.signal() }
    }

    private struct State {
        var ring: Ring
        var closed = false
        var failure: (any Error)?
        var waitingProducers = 0
        var waitingConsumers = 0
    }

    private enum PushStep {
        case added(wakeConsumer: Bool)
        case refused
        case wait
    }

    private enum PopStep {
        case element(Element, wakeProducer: Bool)
        case end
        case failed(any Error)
        case wait
    }

    /// A growable ring buffer; a taken slot is cleared at once, so the queue retains nothing it handed out.
    private struct Ring {
        private var slots: [Element?]
        private var head = 0
        private(set) var count = 0

        init(reserving slotCount: Int) {
            slots = Array(repeating: nil, count: max(slotCount, 1))
        }

        mutating func append(_ element: Element) {
            if count == slots.count { grow() }
            slots[(head + count) % slots.count] = element
            count += 1
        }

        mutating func popFirst() -> Element? {
            guard count > 0 else { return nil }
            defer {
                slots[head] = nil
                head = (head + 1) % slots.count
                count -= 1
            }
            return slots[head]
        }

        mutating func removeAll() {
            for index in slots.indices { slots[index] = nil }
            head = 0
            count = 0
        }

        private mutating func grow() {
            var larger: [Element?] = Array(repeating: nil, count: slots.count * 2)
            for offset in 0..<count { larger[offset] = slots[(head + offset) % slots.count] }
            slots = larger
            head = 0
        }
    }
}
