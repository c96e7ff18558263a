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
    /// Not run, or stopped before it finished, because the batch was interrupted.
    case notRun = "not-run"
}

/// What running one job gave, as a `JobExecutor` reports it: the status, finding counts by severity, the files
/// written and the first error, with what the job printed as diagnostics when it went wrong.
public struct JobOutcome: Sendable, Hashable {
    /// How the job ended; for a job `--changed-only` skipped, how it ended when it last ran.
    public var status: JobStatus
    /// Whether `--changed-only` skipped the job: its status, counts and message are carried forward from the previous
    /// manifest, so that a job that had errors still has them (and still fails the run).
    public var unchanged = false
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
    /// The job's findings (check and report jobs), at most `BatchRunner.keptFindings` of them, for GitHub
    /// annotations and JUnit test cases; empty for conversions and for jobs `--changed-only` skipped.
    public var findings: [JobFinding] = []

    /// A job that ran to its end with `exitCode`; the status follows from it and the counts: 0 is ok (or warnings
    /// when there are some), 1 errors, anything else failed.
    public init(exitCode: Int32, errorCount: Int = 0, warningCount: Int = 0, outputs: [String] = [],
                firstError: String? = nil, diagnostics: String = "", findings: [JobFinding] = []) {
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
        self.findings = Array(findings.prefix(BatchRunner.keptFindings))
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

    /// A job skipped by `--changed-only`, carrying forward what the previous manifest recorded of it.
    public static func carriedForward(status: JobStatus, exitCode: Int32?, errorCount: Int, warningCount: Int,
                                      outputs: [String], message: String?) -> JobOutcome {
        var outcome = JobOutcome(status: status, exitCode: exitCode, firstError: message)
        outcome.errorCount = errorCount
        outcome.warningCount = warningCount
        outcome.outputs = outputs
        outcome.unchanged = true
        return outcome
    }
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

    /// How the job ended (for an unchanged job, how it ended when it last ran).
    public var status: JobStatus { outcome.status }
    /// Whether `--changed-only` skipped the job and carried its previous result forward.
    public var unchanged: Bool { outcome.unchanged }
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
    /// The job's findings, for annotations and JUnit test cases.
    public var findings: [JobFinding] { outcome.findings }
}
