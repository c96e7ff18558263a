import Foundation
import TabularCore

/// The batch's own threads, as a task executor: job tasks prefer it, so their blocking work (reading, converting,
/// writing files) never holds a thread of Swift's shared concurrency pool, and `-j N` means N jobs at once whatever
/// the number of cores. Cancellation still reaches the jobs: they run as tasks, only on these threads.
final class JobThreads: TaskExecutor {
    private let work = BoundedQueue<UnownedJob>(capacity: .max)

    /// Starts `count` threads with main-thread-sized stacks (jobs ran as processes of their own before).
    init(count: Int) {
        for _ in 0..<count {
            let thread = Thread { [work, self] in
                while let job = try? work.pop() { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Queues a task's next slice for the first free thread.
    func enqueue(_ job: consuming ExecutorJob) {
        work.push(UnownedJob(job))
    }

    /// Lets the threads end once the queued work is done; call it when no task prefers this executor any more.
    func shutDown() {
        work.close()
    }
}
