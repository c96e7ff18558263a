import Batch
import Foundation
import Reports

/// Runs planned jobs with the shared batch options and maps the outcome to the exit status.
struct BatchExecution {
    let options: BatchOptions
    let outputFolder: String

    func run(_ jobs: [BatchJob]) throws {
        let settings = BatchSession.Settings(
            executable: currentExecutable(), toolVersion: TrackSheet.version, parallelJobs: options.parallelJobs,
            shard: options.shard.flatMap(Shard.init), changedOnly: options.changedOnly, outputFolder: outputFolder,
            junitPath: options.junit, includeTiming: !options.noTiming)
        let progress = BatchProgress(style: BatchProgress.style(quiet: options.quiet))
        let outcome = try BatchSession(settings: settings).run(jobs) { result, done, total in
            progress.report(result, done: done, total: total)
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

/// The path of the running tracksheet binary, so that batch jobs run the same version.
func currentExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}
