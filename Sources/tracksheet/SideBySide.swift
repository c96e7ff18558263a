import Dispatch
import Foundation
import Synchronization

/// Independent jobs run side by side, on as many threads as the machine has cores, for the commands that read and
/// reconcile more than one workbook (`diff`'s two snapshots, `merge`'s master and returns).
enum SideBySide {
    /// Runs every job and returns their outcomes in the jobs' order, whatever order they finish in; returns when all
    /// have finished. A job that throws does not stop the others, so the caller decides which failure to report:
    /// `firstValues(_:)` reports the earliest job's, as running them one after another would have.
    static func run<Value: Sendable>(_ jobs: [@Sendable () throws -> Value]) -> [Result<Value, any Error>] {
        let outcomes = Mutex<[Result<Value, any Error>?]>(Array(repeating: nil, count: jobs.count))
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let outcome = Result { try jobs[index]() }
            outcomes.withLock { $0[index] = outcome }
        }
        return outcomes.withLock { slots in
            slots.map { slot in
                guard let slot else { preconditionFailure("a job ended without an outcome") }
                return slot
            }
        }
    }

    /// Runs `first` on a thread of its own and `others` side by side meanwhile; the outcomes in order, `first`'s
    /// first. Jobs among `others` may wait for something `first` does: it never waits for a thread of theirs.
    static func run<Value: Sendable>(
        first: @escaping @Sendable () throws -> Value, alongside others: [@Sendable () throws -> Value]
    ) -> [Result<Value, any Error>] {
        let slot = Slot<Value>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let outcome = Result { try first() }
            slot.outcome.withLock { $0 = outcome }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let rest = run(others)
        done.wait()
        guard let outcome = slot.outcome.withLock({ $0 }) else { preconditionFailure("the first job ended without an outcome") }
        return [outcome] + rest
    }

    /// The first job's outcome, set by its thread.
    private final class Slot<Value: Sendable>: Sendable {
        let outcome = Mutex<Result<Value, any Error>?>(nil)
    }

    /// The values of `run(_:)`'s outcomes, or the error of the first job in order that failed.
    static func firstValues<Value: Sendable>(_ outcomes: [Result<Value, any Error>]) throws -> [Value] {
        try outcomes.map { try $0.get() }
    }
}
