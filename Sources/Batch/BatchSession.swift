import Foundation
import OutputSupport
import TabularCore

/// A whole batch run: selects the shard, skips unchanged jobs, runs the rest in parallel in this process, reports
/// progress, and writes the manifest (atomically, also after an interruption) and an optional JUnit report.
public struct BatchSession: Sendable {
    /// Settings of a run.
    public struct Settings: Sendable {
        /// The tool version recorded in the manifest and in fingerprints.
        public var toolVersion: String
        /// Jobs run at once.
        public var parallelJobs: Int
        /// Only this shard's jobs run.
        public var shard: Shard?
        /// Skip jobs whose fingerprint matches the previous manifest.
        public var changedOnly: Bool
        /// Where the manifest goes.
        public var outputFolder: String
        /// Where a JUnit report goes, if anywhere.
        public var junitPath: String?
        /// Record durations in the manifest.
        public var includeTiming: Bool
        /// Inputs the plan left out, with why (Excel's lock files), recorded in the manifest. Default none.
        public var skippedInputs: [RunManifest.SkippedInput] = []

        /// Creates settings.
        public init(toolVersion: String, parallelJobs: Int, shard: Shard?, changedOnly: Bool,
                    outputFolder: String, junitPath: String?, includeTiming: Bool) {
            self.toolVersion = toolVersion
            self.parallelJobs = parallelJobs
            self.shard = shard
            self.changedOnly = changedOnly
            self.outputFolder = outputFolder
            self.junitPath = junitPath
            self.includeTiming = includeTiming
        }
    }

    /// What a finished run did.
    public struct Outcome: Sendable {
        /// Every selected job's result, in plan order.
        public var results: [JobResult]
        /// Whether the run was interrupted.
        public var interrupted: Bool
        /// Where the manifest was written.
        public var manifestPath: String

        /// 0 all ok, 1 any job with errors or failed, 130 interrupted.
        public var exitStatus: Int32 {
            if interrupted { return 130 }
            return results.contains { $0.status == .errors || $0.status == .failed } ? 1 : 0
        }
    }

    private let settings: Settings
    private let executor: JobExecutor

    /// Creates a session whose jobs run through `executor`.
    public init(settings: Settings, executor: @escaping JobExecutor) {
        self.settings = settings
        self.executor = executor
    }

    /// Runs the jobs. Cancelling the calling task (the command line does on SIGINT and SIGTERM) stops the batch
    /// cleanly: no further job starts, running jobs end early with their partial outputs removed, and the manifest
    /// records which jobs finished.
    ///
    /// - Parameter progress: told about each finished job, one at a time, with the count done and the total.
    /// - Throws: `BatchError` (`.outputFailure`) when the output folder or the manifest cannot be written.
    public func run(_ plannedJobs: [BatchJob], progress: (JobResult, Int, Int) -> Void) async throws -> Outcome {
        let jobs = settings.shard.map { shard in plannedJobs.filter(shard.contains) } ?? plannedJobs
        do {
            try FileManager.default.createDirectory(atPath: settings.outputFolder, withIntermediateDirectories: true)
        } catch {
            throw BatchError("cannot create the output folder: \(error.localizedDescription)",
                             location: SourceLocation(file: settings.outputFolder), category: .outputFailure)
        }
        let manifestPath = (settings.outputFolder as NSString).appendingPathComponent(RunManifest.fileName)

        var skipped: [Int: JobResult] = [:]
        if settings.changedOnly {
            let previous = RunManifest.previousJobs(at: manifestPath)
            for (index, job) in jobs.enumerated() {
                guard let record = previous[job.id],
                      record.fingerprint == RunManifest.fingerprint(of: job, toolVersion: settings.toolVersion),
                      job.outputs.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else { continue }
                skipped[index] = JobResult(job: job, outcome: record.outcome)
            }
        }
        let toRun = jobs.indices.filter { skipped[$0] == nil }
        let runner = BatchRunner(parallelJobs: settings.parallelJobs, executor: executor)
        let total = toRun.count
        let ran = await runner.run(toRun.map { jobs[$0] }) { result, done in progress(result, done, total) }
        let interrupted = Task.isCancelled

        var results = jobs.map { JobResult(job: $0, outcome: .notStarted) }
        for (index, result) in skipped { results[index] = result }
        for (position, index) in toRun.enumerated() { results[index] = ran[position] }

        var manifest = RunManifest(toolVersion: settings.toolVersion, results: results,
                                   complete: !interrupted, shard: settings.shard)
        manifest.skippedInputs = settings.skippedInputs
        try writeAtomically(manifest.json(includeTiming: settings.includeTiming), to: manifestPath)
        if let junitPath = settings.junitPath {
            try writeAtomically(BatchJUnit.xml(results, includeTiming: settings.includeTiming), to: junitPath)
        }
        return Outcome(results: results, interrupted: interrupted, manifestPath: manifestPath)
    }

    private func writeAtomically(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch let error as AtomicFileError {
            throw BatchError(error.message, location: error.location, category: .outputFailure)
        }
    }
}

/// The JUnit XML report of a batch: one test case per finding of a check or report job (failed for an error; a
/// warning passes with its text in `system-out`), and one per job without findings, failed when it has errors or
/// failed. A job that `--changed-only` skipped is reported as it ended when it last ran (its findings are not kept,
/// so it is one test case), so an unchanged failure is still a failure. Test cases are named `kind.job-id`
/// (class) and the job id or `code file:line [column]`; a job's time goes to its first test case.
public enum BatchJUnit {
    private struct TestCase {
        var classname: String
        var name: String
        var time: Double?
        var body: Body
    }

    private enum Body {
        case passed
        case warning(String)
        case failure(message: String, type: String?, text: String)
        case skipped(String)
    }

    /// The report's text.
    public static func xml(_ results: [JobResult], includeTiming: Bool) -> String {
        var cases: [TestCase] = []
        for result in results {
            let classname = "\(result.job.kind.rawValue).\(result.job.id)"
            let time = includeTiming ? result.duration : nil
            if !result.findings.isEmpty && result.status != .failed {
                for (index, finding) in result.findings.enumerated() {
                    var name = "\(finding.code) \(finding.file)" + (finding.line.map { ":\($0)" } ?? "")
                    if let column = finding.column { name += " [\(column)]" }
                    let body: Body = finding.severity == .error
                        ? .failure(message: finding.message, type: finding.code, text: finding.summary)
                        : .warning(finding.summary)
                    // The job's time goes to its first finding, so that the cases add up to the run.
                    cases.append(TestCase(classname: classname, name: name, time: index == 0 ? time : nil, body: body))
                }
                continue
            }
            let body: Body
            switch result.status {
            case .errors, .failed:
                let message = (result.message ?? "\(result.errorCount) error(s)")
                    + (result.unchanged ? " (unchanged since the previous run)" : "")
                body = .failure(message: message, type: nil, text: result.diagnostics)
            case .notRun:
                body = .skipped(result.status.rawValue)
            case .ok, .warnings:
                body = .passed
            }
            cases.append(TestCase(classname: classname, name: result.job.id, time: time, body: body))
        }
        let failures = cases.filter { if case .failure = $0.body { true } else { false } }.count
        let skipped = cases.filter { if case .skipped = $0.body { true } else { false } }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"tracksheet batch\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"tracksheet batch\" tests=\"\(cases.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">\n"
        for testCase in cases {
            let time = testCase.time.map { " time=\"\(String(format: "%.3f", $0))\"" } ?? ""
            out += "    <testcase classname=\"\(XMLText.escape(testCase.classname))\" name=\"\(XMLText.escape(testCase.name))\"\(time)"
            switch testCase.body {
            case .passed:
                out += "/>\n"
            case .warning(let text):
                out += ">\n      <system-out>\(XMLText.escape(text))</system-out>\n    </testcase>\n"
            case .failure(let message, let type, let text):
                let typeAttribute = type.map { " type=\"\(XMLText.escape($0))\"" } ?? ""
                out += ">\n      <failure\(typeAttribute) message=\"\(XMLText.escape(message))\">\(XMLText.escape(text))</failure>\n    </testcase>\n"
            case .skipped(let message):
                out += ">\n      <skipped message=\"\(message)\"/>\n    </testcase>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
