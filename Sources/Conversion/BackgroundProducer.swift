import Foundation
import TabularCore

/// Runs a producing closure on its own thread and hands its items to the caller in batches through a bounded queue,
/// so that reading and typing a table overlap with writing it, in flat memory.
///
/// The consumer takes batches with `nextBatch()`, then calls `finish()`, which stops the producer if it is still
/// running and rethrows the error that stopped it, if any. When the consumer runs inside a task that is cancelled
/// (a batch run being interrupted), `nextBatch()` ends early and `finish()` throws `CancellationError`, so the
/// conversion fails and removes its partial output instead of writing half a table.
final class BackgroundProducer<Item: Sendable> {
    private let queue: BoundedQueue<[Item]>
    private let done = DispatchSemaphore(value: 0)
    /// Why `nextBatch()` stopped early; read and written by the consumer only.
    private var failure: (any Error)?

    /// Starts producing at once; `produce` returns nil at the end of the input.
    ///
    /// `produce` and what it captures (a reader, typically) belong to the producer thread from here on, until
    /// `finish()` has waited for that thread to end: the caller touches them again only after `finish()`.
    /// `batchSize` items go into one hand-over: by default 512, large enough to make the hand-over cheap, small
    /// enough to keep memory flat; 1 when each item is itself a batch of rows.
    init(capacity: Int = 8, batchSize: Int = 512, produce: @escaping () throws -> Item?) {
        let queue = BoundedQueue<[Item]>(capacity: capacity)
        let done = done
        self.queue = queue
        // The hand-over described above, which Swift cannot check for a closure that captures a class.
        nonisolated(unsafe) let produce = produce
        let thread = Thread {
            defer {
                queue.close()
                done.signal()
            }
            do {
                var batch: [Item] = []
                batch.reserveCapacity(batchSize)
                while let item = try produce() {
                    batch.append(item)
                    if batch.count == batchSize {
                        guard queue.push(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { queue.push(batch) }
            } catch {
                queue.close(throwing: error)
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// The next batch, or nil when the producer has finished, failed, or the consuming task was cancelled.
    func nextBatch() -> [Item]? {
        guard failure == nil else { return nil }
        if Task.isCancelled {
            failure = CancellationError()
            return nil
        }
        do {
            return try queue.pop()
        } catch {
            failure = error
            return nil
        }
    }

    /// Stops the producer if it is still running, waits for it, and rethrows its error (or `CancellationError`).
    func finish() throws {
        queue.cancel()
        done.wait()
        if let failure { throw failure }
        // A failure that came after the last batch the consumer took.
        _ = try queue.pop()
    }
}
