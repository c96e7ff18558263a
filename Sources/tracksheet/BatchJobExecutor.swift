import ArgumentParser
import Batch
import Reports
import TabularCSV
import TabularCore

/// The batch's `JobExecutor`: parses each job's command line with the subcommand's own options and calls the
/// `perform` its `run()` calls, in this process, with a console that keeps the job's diagnostics for its record.
enum BatchJobExecutor {
    /// The executor of a batch: runs each job, keeping its findings (up to `BatchRunner.keptFindings`) only when the
    /// batch shows them (GitHub annotations, a JUnit report), so that a long batch's memory does not grow with them.
    static func executor(keepingFindings: Bool) -> JobExecutor {
        { job in await run(job, keepingFindings: keepingFindings) }
    }

    /// Runs one job; every failure becomes an outcome, an interruption (task cancellation) `.interrupted`.
    static func run(_ job: BatchJob, keepingFindings: Bool) async -> JobOutcome {
        let console = CommandConsole.record(limit: BatchRunner.keptDiagnostics)
        do {
            guard let command = try TrackSheet.parseAsRoot(job.arguments) as? any PerformableCommand else {
                throw CommandFailure.usage("'\(job.kind.rawValue)' is not a subcommand a batch job can run")
            }
            let outcome = try command.perform(console: console)
            return JobOutcome(exitCode: outcome.exitCode, errorCount: outcome.errorCount,
                              warningCount: outcome.warningCount, outputs: outcome.outputs,
                              firstError: console.firstError, diagnostics: console.diagnostics,
                              findings: keepingFindings ? outcome.jobFindings : [])
        } catch is CancellationError {
            return .interrupted
        } catch {
            let failure = ExitFailure(error)
            if let message = failure.message { console.error(message) }
            if failure.isUsage { console.note("Run 'tracksheet --help' for usage.") }
            return JobOutcome(exitCode: failure.code, errorCount: failure.code == 0 ? 0 : 1,
                              warningCount: console.warningCount, firstError: console.firstError,
                              diagnostics: console.diagnostics)
        }
    }
}

extension BatchJobExecutor {
    /// Parses a job's command line with its subcommand's own options, as the job will, without running anything: a
    /// batch checks every job this way before the first one starts.
    ///
    /// - Throws: `CommandFailure` (exit 2) naming the job and what is wrong with its options.
    static func validate(_ job: BatchJob) throws {
        let kind = job.kind.rawValue
        let problem: String
        do {
            if try TrackSheet.parseAsRoot(job.arguments) is any PerformableCommand { return }
            problem = "'\(kind)' is not a subcommand a batch job can run"
        } catch {
            problem = ExitFailure(error).message ?? "its options ask for help or a version instead of work"
        }
        throw CommandFailure.usage(
            "job '\(job.id)' (\(kind)): \(problem); 'tracksheet \(kind) --help' lists the options a \(kind) job takes "
                + "(options for one kind go in [defaults.\(kind)] or in the job)")
    }
}

/// The exit status and one-line message that `terminate(with:)` gives an error, for a job that cannot print them.
struct ExitFailure {
    /// The exit status.
    var code: Int32
    /// The `tracksheet: error:` line's text, if the error has one.
    var message: String?
    /// Whether ArgumentParser refused the command line (then a hint to `--help` follows the message).
    var isUsage = false

    init(_ error: any Error) {
        switch error {
        case let csv as CSVError where csv.code == .outputClosed:
            (code, message) = (0, nil)
        case let located as any LocatedError:
            (code, message) = (exitCode(for: located.category), ErrorText.describe(located, in: Diagnostics.language))
        case let failure as CommandFailure:
            (code, message) = (failure.code, failure.message)
        case let exit as ExitCode:
            (code, message) = (exit.rawValue, nil)
        default:
            // Everything ArgumentParser reports (unknown options, missing arguments, validation, --help).
            let status = TrackSheet.exitCode(for: error)
            (code, message) = status == .success ? (0, nil) : (2, TrackSheet.message(for: error))
            isUsage = status != .success && !(error is CleanExit)
        }
    }
}
