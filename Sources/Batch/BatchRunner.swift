import Foundation
import OutputSupport
import TabularCore

/// How a job ended.
public enum JobStatus: String, Sendable, Hashable {
    /// Finished without findings.
    case ok
    /// Finished with warnings only.
    case warnings
    /// Finished, and the data has errors (exit 1).
    case errors
    /// Could not run to the end: unreadable input, a limit, an output failure, a crash.
    case failed
    /// Skipped by `--changed-only`: inputs, options and tool version are as the previous manifest recorded.
    case unchanged
    /// Not run because the batch was interrupted.
    case notRun = "not-run"
}

/// What one job did: status, counts, timing and the diagnostics it printed.
public struct JobResult: Sendable, Hashable {
    /// The job.
    public var job: BatchJob
    /// How it ended.
    public var status: JobStatus
    /// The subcommand's exit status (nil when not run).
    public var exitCode: Int32?
    /// Error findings (or error lines) the job reported.
    public var errorCount = 0
    /// Warning findings (or warning lines) the job reported.
    public var warningCount = 0
    /// The first error line, for failed jobs.
    public var message: String?
    /// Wall time in seconds.
    public var duration: Double = 0
    /// What a job with errors or a failed job printed on stderr (at most `BatchRunner.keptDiagnostics` bytes), for
    /// the JUnit report; empty for jobs that succeeded, so memory does not grow with the number of jobs.
    public var diagnostics = ""
}

/// Runs jobs as child processes of the tracksheet binary, several at once, each isolated from the others.
///
/// A job that fails (bad encoding, corrupt workbook, even a crash) is recorded and the others go on. On
/// `interrupt()` no further job starts, running children get SIGTERM, and their half-written temporaries are removed.
public final class BatchRunner: @unchecked Sendable {
    /// The program to run (the tracksheet binary itself).
    public let executable: String
    /// How many jobs run at once.
    public let parallelJobs: Int
    /// How much of a job's stderr is kept for reports, in UTF-8 bytes.
    public static let keptDiagnostics = 8 << 10

    private let lock = NSLock()
    private var running: Set<pid_t> = []
    private var interrupted = false

    /// Creates a runner.
    public init(executable: String, parallelJobs: Int) {
        self.executable = executable
        self.parallelJobs = max(1, parallelJobs)
    }

    /// Whether `interrupt()` was called.
    public var wasInterrupted: Bool { lock.withLock { interrupted } }

    /// Stops the batch: no new job starts, and running children are sent SIGTERM.
    public func interrupt() {
        lock.withLock {
            interrupted = true
            for pid in running { kill(pid, SIGTERM) }
        }
    }

    /// Runs every job and returns the results in the jobs' order, whatever order they finished in.
    ///
    /// `onFinish` is called (from worker threads, one at a time) after each job with the count finished so far.
    public func run(_ jobs: [BatchJob], onFinish: @escaping @Sendable (JobResult, Int) -> Void) -> [JobResult] {
        let resultsLock = NSLock()
        let group = DispatchGroup()
        // Guarded by resultsLock: the results in job order, the next job to start, how many have finished.
        nonisolated(unsafe) var shared = (results: jobs.map { JobResult(job: $0, status: .notRun) }, next: 0, finished: 0)
        for _ in 0..<min(parallelJobs, max(jobs.count, 1)) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while true {
                    let index: Int? = resultsLock.withLock {
                        guard !wasInterrupted, shared.next < jobs.count else { return nil }
                        defer { shared.next += 1 }
                        return shared.next
                    }
                    guard let index else { return }
                    let result = runOne(jobs[index])
                    resultsLock.withLock {
                        shared.results[index] = result
                        shared.finished += 1
                        onFinish(result, shared.finished)
                    }
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return resultsLock.withLock { shared.results }
    }

    private func runOne(_ job: BatchJob) -> JobResult {
        var result = JobResult(job: job, status: .failed)
        let start = DispatchTime.now()
        defer { result.duration = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        for output in job.outputs {
            let folder = (output as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = job.arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let errorPipe = Pipe()
        let outputPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = outputPipe
        process.standardInput = FileHandle.nullDevice
        let launched: Bool = lock.withLock {
            guard !interrupted else { return false }
            do {
                try process.run()
            } catch {
                result.message = "cannot start \(executable): \(error.localizedDescription)"
                return false
            }
            running.insert(process.processIdentifier)
            return true
        }
        guard launched else {
            if result.message == nil { result.status = .notRun }
            return result
        }
        nonisolated(unsafe) var standardOutput = Data()
        let reader = DispatchGroup()
        DispatchQueue.global().async(group: reader) { standardOutput = outputPipe.fileHandleForReading.readDataToEndOfFile() }
        let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        reader.wait()
        process.waitUntilExit()
        lock.withLock { _ = running.remove(process.processIdentifier) }

        let diagnostics = String(decoding: errorData, as: UTF8.self)
        let killed = process.terminationReason == .uncaughtSignal
        result.exitCode = killed ? 128 + process.terminationStatus : process.terminationStatus
        if killed {
            // A killed child may leave its temporary output behind; no one else will finish it.
            for output in job.outputs { AtomicFile.removeStaleTemporaries(besides: output) }
        }
        let lines = diagnostics.split(separator: "\n")
        result.warningCount = lines.filter { $0.hasPrefix("tracksheet: warning:") }.count
        result.errorCount = lines.filter { $0.hasPrefix("tracksheet: error:") }.count
        if job.kind == .check || job.kind == .report, let counts = FindingCounts(json: standardOutput) {
            result.errorCount = counts.errors
            result.warningCount = counts.warnings
        }
        result.message = lines.first { $0.hasPrefix("tracksheet: error:") }.map { String($0.dropFirst("tracksheet: error: ".count)) }
        switch result.exitCode {
        case 0: result.status = result.warningCount > 0 ? .warnings : .ok
        case 1: result.status = .errors
        default:
            result.status = wasInterrupted && killed ? .notRun : .failed
            if result.message == nil { result.message = killed ? "killed by signal \(process.terminationStatus)" : "exit \(result.exitCode ?? -1)" }
        }
        if result.status == .errors || result.status == .failed {
            result.diagnostics = String(decoding: Array(diagnostics.utf8.prefix(BatchRunner.keptDiagnostics)), as: UTF8.self)
        }
        return result
    }
}

/// Error and warning counts read from a `check --format json` document.
struct FindingCounts {
    var errors = 0
    var warnings = 0

    init?(json data: Data) {
        guard !data.isEmpty, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let findings = object["findings"] as? [[String: Any]] else { return nil }
        for finding in findings {
            if finding["severity"] as? String == "error" { errors += 1 } else { warnings += 1 }
        }
    }
}
