import Dispatch
import Synchronization

/// The fewest items `inHalves` cuts in two: below it the thread's own pass costs less than a second thread.
let halvesMinimum = 4096

/// `work` over `0..<count`, in two halves run side by side from `halvesMinimum` items on (a province's hundred
/// thousand measures compared), else in one part: the parts' results, in order.
func inHalves<Part: Sendable>(of count: Int, _ work: @Sendable (Range<Int>) -> Part) -> [Part] {
    let parts = count >= halvesMinimum ? 2 : 1
    let results = Mutex<[Part?]>(Array(repeating: nil, count: parts))
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        let result = work(count * part / parts..<count * (part + 1) / parts)
        results.withLock { $0[part] = result }
    }
    return results.withLock { $0 }.map { result in
        guard let result else { preconditionFailure("every part was done") }
        return result
    }
}
