import ArgumentParser
import Batch
import Foundation
import OutputSupport
import Rectification
import Reports
import Synchronization

/// What one run of `check`, `report` or `convert` produced, before it becomes an exit status: the finding counts
/// by severity, the files written, and whether the data failed the check.
struct CommandOutcome {
    /// Error findings.
    var errorCount: Int
    /// Warning findings, or the warnings a conversion reported.
    var warningCount: Int
    /// The files written.
    var outputs: [String]
    /// 0, or 1 when the findings fail the command (errors, or warnings with `--strict`).
    var exitCode: Int32
    /// The first `BatchRunner.keptFindings` findings, which a batch shows (annotations, JUnit test cases).
    private var shownFindings: [Finding] = []
    /// The language of the findings' messages.
    private var language: Language = .chinese
    /// One line saying what a conversion wrote, for the terminal (nil for other commands).
    var summary: String?

    /// The outcome of a reconciliation: counts from the findings' severities, messages in `language`.
    init(findings: [Finding], outputs: [String], failsOnWarnings: Bool = false, language: Language = .chinese) {
        errorCount = findings.count(where: { $0.severity == .error })
        warningCount = findings.count(where: { $0.severity == .warning })
        self.outputs = outputs
        exitCode = errorCount > 0 || (failsOnWarnings && warningCount > 0) ? 1 : 0
        shownFindings = Array(findings.prefix(BatchRunner.keptFindings))
        self.language = language
    }

    /// The findings as a batch shows them, at most `BatchRunner.keptFindings`, their messages built only when asked
    /// (a batch keeps them only for annotations or a JUnit report).
    var jobFindings: [JobFinding] {
        shownFindings.map { finding in
            let severity: JobFinding.Severity = switch finding.severity {
            case .error: .error
            case .warning: .warning
            case .info: .notice
            }
            return JobFinding(severity: severity, code: finding.code.rawValue, file: finding.file, line: finding.line,
                              column: finding.column, message: finding.message(language))
        }
    }

    /// The outcome of a conversion, which has warnings but no findings.
    init(warningCount: Int, outputs: [String]) {
        errorCount = 0
        self.warningCount = warningCount
        self.outputs = outputs
        exitCode = 0
    }

    /// Ends a plain command run the way the README's exit codes say: exit 1 when the findings fail it.
    func exitIfFailed() throws {
        if exitCode != 0 { throw CommandFailure.findings }
    }
}

/// A subcommand that a batch job runs in this process: its `run()` is `perform(console: .terminal)` followed by the
/// exit status, so a job and a command line do the same work.
protocol PerformableCommand: ParsableCommand {
    /// Does the command's work, printing through `console`; failures are thrown, findings are in the outcome.
    func perform(console: CommandConsole) throws -> CommandOutcome
}

extension Check: PerformableCommand {}
extension Report: PerformableCommand {}
extension Convert: PerformableCommand {}

/// Where a subcommand's text goes: the terminal when it runs on its own, or a batch job's record, so that jobs
/// running side by side never print over one another.
final class CommandConsole: Sendable {
    private enum Destination {
        case terminal
        case record(limit: Int)
    }

    private struct Record {
        var text = ""
        var bytes = 0
        var warnings = 0
        var firstError: String?
    }

    private let destination: Destination
    private let record = Mutex(Record())

    private init(destination: Destination) {
        self.destination = destination
    }

    /// Standard output, and diagnostics on standard error as `Diagnostics` prints them.
    static var terminal: CommandConsole { CommandConsole(destination: .terminal) }

    /// A batch job's console: diagnostics are kept (the first `limit` UTF-8 bytes of them) for the job's record, and
    /// standard output is dropped, as it was when jobs ran as child processes whose output only fed the counts.
    static func record(limit: Int) -> CommandConsole {
        CommandConsole(destination: .record(limit: limit))
    }

    /// Whether text for standard output may be colored: on a terminal without `NO_COLOR`, never in a record.
    var colors: Bool {
        if case .terminal = destination { return TerminalColors.enabled }
        return false
    }

    /// Writes data meant for standard output.
    func output(_ data: Data) {
        if case .terminal = destination { StandardStream.output.write(data) }
    }

    /// Reports an error line (`tracksheet: error: …`).
    func error(_ message: String) {
        record.withLock { if $0.firstError == nil { $0.firstError = message } }
        diagnostic("tracksheet: error: \(message)", terminal: Diagnostics.error, message)
    }

    /// Reports a warning line (`tracksheet: warning: …`).
    func warning(_ message: String) {
        record.withLock { $0.warnings += 1 }
        diagnostic("tracksheet: warning: \(message)", terminal: Diagnostics.warning, message)
    }

    /// Reports a plain information line.
    func note(_ message: String) {
        diagnostic(message, terminal: Diagnostics.note, message)
    }

    /// How many warnings were reported.
    var warningCount: Int { record.withLock { $0.warnings } }

    /// The first error reported, without its prefix.
    var firstError: String? { record.withLock { $0.firstError } }

    /// The diagnostics kept by a record console.
    var diagnostics: String { record.withLock { $0.text } }

    private func diagnostic(_ line: String, terminal: (String) -> Void, _ message: String) {
        switch destination {
        case .terminal:
            terminal(message)
        case .record(let limit):
            record.withLock { record in
                guard record.bytes < limit else { return }
                record.text += line + "\n"
                record.bytes += line.utf8.count + 1
            }
        }
    }
}
