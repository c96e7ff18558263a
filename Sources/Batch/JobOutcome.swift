/// How a job ended.
public enum JobStatus: String, Sendable, Hashable {
    /// Finished without findings.
    case ok
    /// Finished with warnings only.
    case warnings
    /// Finished, and the data has errors (exit 1).
    case errors
    /// Could not run to the end: a bad job command line, unreadable input, a limit, an output failure.
    case failed
    /// Skipped by `--changed-only`: inputs, options and tool version are as the previous manifest recorded.
    case unchanged
    /// Not run, or stopped before it finished, because the batch was interrupted.
    case notRun = "not-run"
}

/// What running one job gave, as a `JobExecutor` reports it: the status, finding counts by severity, the files
/// written and the first error, with what the job printed as diagnostics when it went wrong.
public struct JobOutcome: Sendable, Hashable {
    /// How the job ended.
    public var status: JobStatus
    /// The exit status the subcommand would have had on its own: 0 ok, 1 data errors, 2 usage, 3 unreadable input,
    /// 4 a limit, 5 output failure; 130 for a job the interruption stopped, nil for one that never started.
    public var exitCode: Int32?
    /// Error findings (plus one for the error that made a job fail).
    public var errorCount: Int
    /// Warning findings, or a conversion's warnings.
    public var warningCount: Int
    /// The files the job wrote.
    public var outputs: [String]
    /// The first error the job reported, one line, without the `tracksheet: error:` prefix.
    public var firstError: String?
    /// What the job printed as diagnostics (at most `BatchRunner.keptDiagnostics` bytes), kept only for jobs with
    /// errors or failed ones, so that memory does not grow with the number of jobs; it goes into the JUnit report.
    public var diagnostics: String

    /// A job that ran to its end with `exitCode`; the status follows from it and the counts: 0 is ok (or warnings
    /// when there are some), 1 errors, anything else failed.
    public init(exitCode: Int32, errorCount: Int = 0, warningCount: Int = 0, outputs: [String] = [],
                firstError: String? = nil, diagnostics: String = "") {
        switch exitCode {
        case 0: status = warningCount > 0 ? .warnings : .ok
        case 1: status = .errors
        default: status = .failed
        }
        self.exitCode = exitCode
        self.errorCount = errorCount
        self.warningCount = warningCount
        self.outputs = outputs
        self.firstError = firstError
        self.diagnostics = status == .errors || status == .failed
            ? String(decoding: Array(diagnostics.utf8.prefix(BatchRunner.keptDiagnostics)), as: UTF8.self) : ""
    }

    private init(status: JobStatus, exitCode: Int32?, firstError: String?) {
        self.status = status
        self.exitCode = exitCode
        errorCount = 0
        warningCount = 0
        outputs = []
        self.firstError = firstError
        diagnostics = ""
    }

    /// A job that never started (the batch was interrupted first).
    public static let notStarted = JobOutcome(status: .notRun, exitCode: nil, firstError: nil)

    /// A job the interruption stopped midway: it wrote nothing (its temporary files are gone) and counts as not run.
    public static let interrupted = JobOutcome(status: .notRun, exitCode: 130, firstError: "interrupted")

    /// A job skipped by `--changed-only`.
    public static let unchanged = JobOutcome(status: .unchanged, exitCode: nil, firstError: nil)
}

/// Runs one job in this process and reports its outcome; it never throws, a failing job is an outcome too.
///
/// The batch calls it for up to `-j` jobs at once, each in a child task running on a thread of the batch's own, so
/// blocking file work inside is fine. When the batch is interrupted those tasks are cancelled: an executor ends a
/// running job early where it can (`Task.isCancelled`), removes its partial outputs and returns `.interrupted`.
public typealias JobExecutor = @Sendable (BatchJob) async -> JobOutcome

/// One job with its outcome and the wall time it took.
public struct JobResult: Sendable, Hashable {
    /// The job.
    public var job: BatchJob
    /// What it did.
    public var outcome: JobOutcome
    /// Wall time in seconds, measured by the batch around the executor's call.
    public var duration: Double

    /// Creates a result.
    public init(job: BatchJob, outcome: JobOutcome, duration: Double = 0) {
        self.job = job
        self.outcome = outcome
        self.duration = duration
    }

    /// How the job ended.
    public var status: JobStatus { outcome.status }
    /// The job's exit status (nil when it did not start).
    public var exitCode: Int32? { outcome.exitCode }
    /// Error findings the job reported.
    public var errorCount: Int { outcome.errorCount }
    /// Warning findings the job reported.
    public var warningCount: Int { outcome.warningCount }
    /// The first error, one line.
    public var message: String? { outcome.firstError }
    /// What a job with errors or a failed job printed as diagnostics; empty otherwise.
    public var diagnostics: String { outcome.diagnostics }
}
