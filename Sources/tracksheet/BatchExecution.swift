import Batch
import Dispatch
import Foundation
import OutputSupport
import Reports
import Synchronization

/// Runs planned jobs with the shared batch options and maps the outcome to the exit status.
struct BatchExecution {
    let options: BatchOptions
    let outputFolder: String
    /// Files the plan left out (Excel's lock files), recorded in the manifest.
    var skippedInputs: [RunManifest.SkippedInput] = []

    /// Checks every job's options, then runs the jobs.
    ///
    /// - Parameter failure: a reason for exit 1 found while planning (`--strict`), reported after the jobs ran.
    /// - Throws: `CommandFailure` (exit 2) before anything runs when a job's options do not parse; exit 1 when a job
    ///   has errors or failed, or for `failure`; 130 when interrupted.
    func run(_ jobs: [BatchJob], failure: String? = nil) throws {
        for job in jobs { try BatchJobExecutor.validate(job) }
        var settings = BatchSession.Settings(
            toolVersion: TrackSheet.version, parallelJobs: options.parallelJobs,
            shard: options.shard.flatMap(Shard.init), changedOnly: options.changedOnly, outputFolder: outputFolder,
            junitPath: options.junit, includeTiming: !options.noTiming)
        settings.skippedInputs = skippedInputs
        let progress = BatchProgress(style: BatchProgress.style(quiet: options.quiet))
        let session = BatchSession(settings: settings, executor: BatchJobExecutor.executor(
            keepingFindings: options.format == .github || options.junit != nil))
        let outcome = try runUntilInterrupted {
            try await session.run(jobs) { result, done, total in progress.report(result, done: done, total: total) }
        }
        if options.format == .github { printAnnotations(outcome.results) }
        if !options.quiet {
            let counts = Dictionary(grouping: outcome.results, by: \.status).mapValues(\.count)
            let unchanged = outcome.results.count(where: \.unchanged)
            let language = options.lang.language
            let summary = ([JobStatus.ok, .warnings, .errors, .failed, .notRun]
                .compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
                + (unchanged > 0 ? [language.pick("其中 \(unchanged) 个与上次运行相同",
                                                  "\(unchanged) of them unchanged since the previous run")] : []))
                .joined(separator: language.pick("，", ", "))
            Diagnostics.note(language.pick(
                "\(outcome.results.count) 个作业：\(summary)；运行清单：\(outcome.manifestPath)",
                "\(outcome.results.count) jobs: \(summary); manifest: \(outcome.manifestPath)"))
        }
        if outcome.exitStatus != 0 {
            throw CommandFailure(code: outcome.exitStatus, message: outcome.interrupted ? options.lang.language.pick("已中断", "interrupted") : failure)
        }
        if let failure { throw CommandFailure(code: 1, message: failure) }
    }
}

extension BatchExecution {
    /// GitHub annotations on stdout: each finding of a check or report job at its file and line, as
    /// `check --format github` prints it (warnings included), and one error for a job that failed or had errors
    /// without findings to show (an unchanged job carried forward from the previous run).
    func printAnnotations(_ results: [JobResult]) {
        var text = ""
        for result in results {
            if result.status != .failed && !result.findings.isEmpty {
                for finding in result.findings {
                    text += FindingsGitHub.command(finding.severity.rawValue, file: finding.file, line: finding.line,
                                                   code: finding.code, column: finding.column, message: finding.message)
                }
            } else if result.status == .errors || result.status == .failed {
                let file = result.job.inputs.first ?? ""
                let message = "\(result.job.id): \(result.message ?? result.status.rawValue)"
                    + (result.unchanged ? " (unchanged since the previous run)" : "")
                text += "::error file=\(FindingsGitHub.escapeProperty(file))::\(FindingsGitHub.escapeData(message))\n"
            }
        }
        StandardStream.output.write(text)
    }
}

/// Runs `work` in a task and waits for it on this (the main) thread; SIGINT and SIGTERM cancel the task instead of
/// ending the process, so the batch can stop its jobs cleanly and still write its manifest.
func runUntilInterrupted<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
    let result = ResultSlot<Value>()
    let finished = DispatchSemaphore(value: 0)
    let task = Task.detached {
        defer { finished.signal() }
        do {
            result.set(.success(try await work()))
        } catch {
            result.set(.failure(error))
        }
    }
    let signals = SignalWatcher { task.cancel() }
    finished.wait()
    signals.cancel()
    return try result.get()
}

/// The result a task leaves for the thread that waits for it.
private final class ResultSlot<Value: Sendable>: Sendable {
    private let value = Mutex<Result<Value, any Error>?>(nil)

    func set(_ result: Result<Value, any Error>) {
        value.withLock { $0 = result }
    }

    func get() throws -> Value {
        guard let result = value.withLock({ $0 }) else { preconditionFailure("the batch task ended without a result") }
        return try result.get()
    }
}

/// Turns SIGINT and SIGTERM into a callback while it is alive, instead of ending the process.
struct SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
