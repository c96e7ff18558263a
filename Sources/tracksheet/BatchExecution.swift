import Batch
import Dispatch
import Foundation
import Reports
import Synchronization

/// Runs planned jobs with the shared batch options and maps the outcome to the exit status.
struct BatchExecution {
    let options: BatchOptions
    let outputFolder: String

    func run(_ jobs: [BatchJob]) throws {
        let settings = BatchSession.Settings(
            toolVersion: TrackSheet.version, parallelJobs: options.parallelJobs,
            shard: options.shard.flatMap(Shard.init), changedOnly: options.changedOnly, outputFolder: outputFolder,
            junitPath: options.junit, includeTiming: !options.noTiming)
        let progress = BatchProgress(style: BatchProgress.style(quiet: options.quiet))
        let session = BatchSession(settings: settings, executor: BatchJobExecutor.run)
        let outcome = try runUntilInterrupted {
            try await session.run(jobs) { result, done, total in progress.report(result, done: done, total: total) }
        }
        if options.format == .github {
            for result in outcome.results where result.status == .errors || result.status == .failed {
                let file = result.job.inputs.first ?? ""
                print("::error file=\(FindingsGitHub.escapeProperty(file))::\(FindingsGitHub.escapeData("\(result.job.id): \(result.message ?? result.status.rawValue)"))")
            }
        }
        if !options.quiet {
            let counts = Dictionary(grouping: outcome.results, by: \.status).mapValues(\.count)
            let summary = [JobStatus.ok, .warnings, .errors, .failed, .unchanged, .notRun]
                .compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
                .joined(separator: ", ")
            Diagnostics.note("\(outcome.results.count) jobs: \(summary); manifest: \(outcome.manifestPath)")
        }
        if outcome.exitStatus != 0 {
            throw CommandFailure(code: outcome.exitStatus, message: outcome.interrupted ? "interrupted" : nil)
        }
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
