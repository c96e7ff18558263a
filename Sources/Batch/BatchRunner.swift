import Foundation

/// Runs batch jobs in this process through a `JobExecutor`, at most `parallelJobs` at once, as child tasks of one
/// task group: a job that fails (bad encoding, corrupt workbook, a usage error) is an outcome, and the others go on.
///
/// Cancelling the task that calls `run` interrupts the batch: no further job starts, running jobs are cancelled
/// (their executor stops them and removes their temporaries), and `run` still returns every job's result.
public struct BatchRunner: Sendable {
    /// How many jobs run at once.
    public let parallelJobs: Int
    /// How much of a job's diagnostics is kept for reports, in UTF-8 bytes.
    public static let keptDiagnostics = 8 << 10
    /// How many findings of one job are kept for annotations and the JUnit report (the counts keep them all).
    public static let keptFindings = 1000

    private let execute: JobExecutor

    /// Creates a runner that runs each job with `executor`.
    public init(parallelJobs: Int, executor: @escaping JobExecutor) {
        self.parallelJobs = max(1, parallelJobs)
        execute = executor
    }

    /// Runs every job and returns the results in the jobs' order, whatever order they finished in.
    ///
    /// `onFinish` is called after each job, one at a time on the calling task, with the count finished so far.
    /// Jobs that an interruption kept from starting are `.notRun` and are not reported to `onFinish`.
    public func run(_ jobs: [BatchJob], onFinish: (JobResult, Int) -> Void) async -> [JobResult] {
        var results = jobs.map { JobResult(job: $0, outcome: .notStarted) }
        guard !jobs.isEmpty else { return results }
        let threads = JobThreads(count: min(parallelJobs, jobs.count))
        defer { threads.shutDown() }
        await withTaskGroup(of: (Int, JobResult).self) { group in
            var next = 0
            func startNext() {
                guard next < jobs.count, !Task.isCancelled else { return }
                let index = next
                next += 1
                group.addTask(executorPreference: threads) { (index, await runOne(jobs[index])) }
            }
            for _ in 0..<min(parallelJobs, jobs.count) { startNext() }
            var finished = 0
            while let (index, result) = await group.next() {
                results[index] = result
                if result.outcome != .notStarted {
                    finished += 1
                    onFinish(result, finished)
                }
                startNext()
            }
        }
        return results
    }

    private func runOne(_ job: BatchJob) async -> JobResult {
        guard !Task.isCancelled else { return JobResult(job: job, outcome: .notStarted) }
        for output in job.outputs {
            let folder = (output as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await execute(job)
        let elapsed = start.duration(to: clock.now).components
        return JobResult(job: job, outcome: outcome,
                         duration: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }
}
