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
            let previous = RunManifest.previousFingerprints(at: manifestPath)
            for (index, job) in jobs.enumerated()
            where previous[job.id] == RunManifest.fingerprint(of: job, toolVersion: settings.toolVersion)
                && job.outputs.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
                skipped[index] = JobResult(job: job, outcome: .unchanged)
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

        let manifest = RunManifest(toolVersion: settings.toolVersion, results: results,
                                   complete: !interrupted, shard: settings.shard)
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

/// The JUnit XML report of a batch: one test case per job, failed when it has errors or failed.
public enum BatchJUnit {
    /// The report's text.
    public static func xml(_ results: [JobResult], includeTiming: Bool) -> String {
        let failures = results.filter { $0.status == .errors || $0.status == .failed }.count
        let skipped = results.filter { $0.status == .unchanged || $0.status == .notRun }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"tracksheet batch\" tests=\"\(results.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"tracksheet batch\" tests=\"\(results.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">\n"
        for result in results {
            let time = includeTiming ? " time=\"\(String(format: "%.3f", result.duration))\"" : ""
            out += "    <testcase classname=\"\(XMLText.escape(result.job.kind.rawValue))\" name=\"\(XMLText.escape(result.job.id))\"\(time)"
            switch result.status {
            case .errors, .failed:
                let message = result.message ?? "\(result.errorCount) error(s)"
                out += ">\n      <failure message=\"\(XMLText.escape(message))\">\(XMLText.escape(result.diagnostics))</failure>\n    </testcase>\n"
            case .unchanged, .notRun:
                out += ">\n      <skipped message=\"\(result.status.rawValue)\"/>\n    </testcase>\n"
            case .ok, .warnings:
                out += "/>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
