internal import Crypto
import Foundation
import OutputSupport
import TabularCore

/// The record a batch run leaves in `OUTDIR/tracksheet-manifest.json`: every job's inputs and outputs with their
/// SHA-256, status, finding counts and duration, plus totals. A job `--changed-only` skipped is marked `unchanged`
/// and keeps the status, counts and message of its last run (its duration is 0). Written in a fixed key order, so that the same run
/// gives the same bytes (durations aside, which `includeTiming: false` drops).
public struct RunManifest: Sendable {
    /// The file name the manifest gets in the output folder.
    public static let fileName = "tracksheet-manifest.json"

    /// The tool's version, part of every job's fingerprint.
    public var toolVersion: String
    /// Each job's result, in plan order.
    public var results: [JobResult]
    /// Whether every planned job ran (false after an interruption).
    public var complete: Bool
    /// The shard this run covered, if any.
    public var shard: Shard?
    /// Inputs the plan left out, with why; written as `skipped` only when there are any. Default none.
    public var skippedInputs: [SkippedInput] = []

    /// A file a folder run matched but did not convert, and why.
    public struct SkippedInput: Sendable, Hashable {
        /// The file's path.
        public var path: String
        /// Why it was left out, one line.
        public var reason: String

        /// Creates a record of a skipped file.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Creates a manifest.
    public init(toolVersion: String, results: [JobResult], complete: Bool, shard: Shard?) {
        self.toolVersion = toolVersion
        self.results = results
        self.complete = complete
        self.shard = shard
    }

    /// A job's fingerprint: the SHA-256 of the tool version, the job's kind and options, and its inputs' contents
    /// (not their paths, nor the output paths, so that moving folders does not change it). `--changed-only` skips a
    /// job whose fingerprint matches the previous manifest's and whose outputs still exist.
    public static func fingerprint(of job: BatchJob, toolVersion: String) -> String {
        var hash = SHA256()
        hash.update(data: Array("tracksheet \(toolVersion)\0\(job.kind.rawValue)\0".utf8))
        for option in job.options { hash.update(data: Array("\(option)\0".utf8)) }
        for input in job.inputs { hash.update(data: Array("\(fileDigest(input) ?? "missing")\0".utf8)) }
        return hexDigits(hash.finalize())
    }

    /// The SHA-256 of a file's contents, or nil when it cannot be read. Reads in 1 MiB chunks.
    public static func fileDigest(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
        return hexDigits(hash.finalize())
    }

    /// A digest as lowercase hex digits, the form manifests record.
    private static func hexDigits(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.Digest.byteCount * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// What a previous manifest recorded of one job: its fingerprint and its result, which `--changed-only` carries
    /// forward when the job is skipped.
    public struct PreviousJob: Sendable {
        /// The job's fingerprint when it last ran.
        public var fingerprint: String
        /// Its result then, marked unchanged.
        public var outcome: JobOutcome
    }

    /// The jobs recorded by a previous manifest, by job id, for jobs that ran to their end (ok, warnings or errors);
    /// a failed or unfinished job always runs again.
    public static func previousJobs(at path: String) -> [String: PreviousJob] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let jobs = object["jobs"] as? [[String: Any]] else { return [:] }
        var result: [String: PreviousJob] = [:]
        for job in jobs {
            guard let id = job["id"] as? String, let fingerprint = job["fingerprint"] as? String,
                  let statusName = job["status"] as? String, let status = JobStatus(rawValue: statusName),
                  [.ok, .warnings, .errors].contains(status),
                  let errors = job["errors"] as? Int, let warnings = job["warnings"] as? Int else { continue }
            let outputs = (job["outputs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            let outcome = JobOutcome.carriedForward(status: status, exitCode: (job["exitCode"] as? Int).map(Int32.init),
                                               errorCount: errors, warningCount: warnings, outputs: outputs,
                                               message: job["message"] as? String)
            result[id] = PreviousJob(fingerprint: fingerprint, outcome: outcome)
        }
        return result
    }

    /// The manifest as JSON text, keys in a fixed order, two-space indented.
    public func json(includeTiming: Bool) -> String {
        var out = "{\n"
        out += "  \"tool\": \(JSONText.quote("tracksheet " + toolVersion)),\n"
        out += "  \"complete\": \(complete),\n"
        out += "  \"shard\": \(shard.map { JSONText.quote($0.description) } ?? "null"),\n"
        out += "  \"totals\": {"
        let counts = Dictionary(grouping: results, by: \.status).mapValues(\.count)
        let totals: [(String, Int)] = [
            ("jobs", results.count), ("ok", counts[.ok] ?? 0), ("warnings", counts[.warnings] ?? 0),
            ("errors", counts[.errors] ?? 0), ("failed", counts[.failed] ?? 0), ("unchanged", results.count(where: \.unchanged)),
            ("notRun", counts[.notRun] ?? 0),
        ]
        out += totals.map { "\(JSONText.quote($0.0)): \($0.1)" }.joined(separator: ", ")
        if includeTiming {
            out += ", \"durationSeconds\": \(format(results.reduce(0) { $0 + $1.duration }))"
        }
        out += "},\n"
        if !skippedInputs.isEmpty {
            let entries = skippedInputs.map { "    {\"path\": \(JSONText.quote($0.path)), \"reason\": \(JSONText.quote($0.reason))}" }
            out += "  \"skipped\": [\n" + entries.joined(separator: ",\n") + "\n  ],\n"
        }
        out += "  \"jobs\": ["
        for (index, result) in results.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"id\": \(JSONText.quote(result.job.id)),\n"
            out += "      \"kind\": \(JSONText.quote(result.job.kind.rawValue)),\n"
            out += "      \"arguments\": [\(result.job.arguments.map(JSONText.quote).joined(separator: ", "))],\n"
            out += "      \"inputs\": \(files(result.job.inputs)),\n"
            let outputs = result.status == .notRun ? [] : result.job.outputs
            out += "      \"outputs\": \(files(outputs)),\n"
            out += "      \"status\": \(JSONText.quote(result.status.rawValue)),\n"
            out += "      \"unchanged\": \(result.unchanged),\n"
            out += "      \"exitCode\": \(result.exitCode.map(String.init) ?? "null"),\n"
            out += "      \"errors\": \(result.errorCount),\n"
            out += "      \"warnings\": \(result.warningCount),\n"
            out += "      \"message\": \(result.message.map(JSONText.quote) ?? "null"),\n"
            if includeTiming { out += "      \"durationSeconds\": \(format(result.duration)),\n" }
            out += "      \"fingerprint\": \(JSONText.quote(RunManifest.fingerprint(of: result.job, toolVersion: toolVersion)))\n"
            out += "    }"
        }
        out += results.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    private func files(_ paths: [String]) -> String {
        let entries = paths.map { path in
            "{\"path\": \(JSONText.quote(path)), \"sha256\": \(RunManifest.fileDigest(path).map(JSONText.quote) ?? "null")}"
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }

    private func format(_ seconds: Double) -> String {
        String(format: "%.3f", seconds)
    }
}
