import Foundation

/// Runs a producing closure on its own thread and hands its items to the caller in batches through a bounded queue,
/// so that reading and typing a table overlap with writing it, in flat memory.
///
/// The consumer takes batches with `nextBatch()`, then calls `finish()`, which stops the producer if it is still
/// running and rethrows the error that stopped it, if any.
final class BackgroundProducer<Item>: @unchecked Sendable {
    /// Items per batch: large enough to make the hand-over cheap, small enough to keep memory flat.
    static var batchSize: Int { 512 }

    private let queue: BoundedQueue<[Item]>
    private let produce: () throws -> Item?
    private let done = DispatchSemaphore(value: 0)
    private var failure: (any Error)?

    /// Starts producing at once; `produce` returns nil at the end of the input.
    init(capacity: Int = 8, produce: @escaping () throws -> Item?) {
        queue = BoundedQueue(capacity: capacity)
        self.produce = produce
        let thread = Thread { [self] in run() }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// The next batch, or nil when the producer has finished (or failed).
    func nextBatch() -> [Item]? { queue.pop() }

    /// Stops the producer if it is still running, waits for it, and rethrows its error.
    func finish() throws {
        queue.close()
        done.wait()
        if let failure { throw failure }
    }

    private func run() {
        defer {
            queue.close()
            done.signal()
        }
        do {
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            while let item = try produce() {
                batch.append(item)
                if batch.count == Self.batchSize {
                    guard queue.push(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { queue.push(batch) }
        } catch {
            failure = error
        }
    }
}
