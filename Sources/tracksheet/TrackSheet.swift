import ArgumentParser
import Foundation
import OutputSupport
import Reports
import Synchronization
import TabularCSV
import TabularCore

/// The `tracksheet` command: converts office spreadsheets, checks rectification task tables, writes ledgers.
@main
struct TrackSheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracksheet",
        abstract: "Convert office spreadsheets and keep rectification tracking sheets (整改台账).",
        discussion: """
            Exit codes, the same for every subcommand:
              0  success (warnings allowed)
              1  the data has errors (findings), or a batch job failed
              2  usage error
              3  an input cannot be read or decoded (missing, corrupt, wrong encoding)
              4  an Excel or safety limit is exceeded
              5  the output cannot be written
            """,
        version: TrackSheet.version,
        subcommands: [Convert.self, Sheets.self, Check.self, Report.self, Summary.self, Diff.self, Merge.self, Batch.self]
    )

    /// The tool's version, printed by `--version` and recorded in batch manifests.
    static let version = "0.1.0"

    /// Parses the command line and runs it, mapping every failure to the README's exit codes.
    static func main() {
        ignoreBrokenPipes()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // Only a command line that does not parse is looked at for a mistaken subcommand (listing the
            // subcommands' names costs every run a few milliseconds otherwise).
            if let mistake = unknownSubcommandMessage(Array(CommandLine.arguments.dropFirst())) {
                Diagnostics.error(mistake)
                Diagnostics.note("Run 'tracksheet --help' for usage.")
                Foundation.exit(2)
            }
            terminate(with: error)
        }
        do {
            try command.run()
        } catch {
            terminate(with: error)
        }
        exitIfOutputFailed()
    }
}

extension TrackSheet {
    /// The message for a command line whose first word is not a subcommand (`tracksheet convrt a.csv`,
    /// `tracksheet file.csv -o b.xlsx`), which ArgumentParser would report as the first option it cannot place;
    /// nil when the first word is an option or a subcommand.
    static func unknownSubcommandMessage(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.map { $0._commandName }
        guard !names.contains(first), first != "help" else { return nil }
        let list = "the subcommands are " + names.joined(separator: ", ")
        if let close = names.first(where: { editDistance($0, first.lowercased()) <= 2 }) {
            return "unknown subcommand '\(first)': did you mean '\(close)'? (\(list))"
        }
        if first.contains(".") || first.contains("/") {
            return "unknown subcommand '\(first)': a file comes after the subcommand, e.g. "
                + "'tracksheet convert \(first) -o out.xlsx' (\(list))"
        }
        return "unknown subcommand '\(first)' (\(list))"
    }

    /// The Levenshtein distance between two short words.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Ends the process with exit 5 when standard output could not take what a command wrote (a full disk, `ulimit -f`);
/// a closed pipe is not a failure.
func exitIfOutputFailed() {
    guard case .failed(let code) = StandardStream.output.stop else { return }
    let reason = String(cString: strerror(code))
    Diagnostics.error(Diagnostics.language.pick("无法写入标准输出：\(reason)", "cannot write to standard output: \(reason)"))
    Foundation.exit(5)
}

/// Prints an error the way every subcommand does and ends the process with the error's exit code.
func terminate(with error: any Error) -> Never {
    exitIfOutputFailed()
    switch error {
    case let csv as CSVError where csv.code == .outputClosed:
        // `tracksheet convert book.xlsx -o - | head`: the reader had enough; not an error.
        Foundation.exit(0)
    case let located as any LocatedError:
        Diagnostics.error(ErrorText.describe(located, in: Diagnostics.language))
        Foundation.exit(exitCode(for: located.category))
    case let failure as CommandFailure:
        if let message = failure.message { Diagnostics.error(message) }
        Foundation.exit(failure.code)
    default:
        let code = TrackSheet.exitCode(for: error)
        if code == .success {
            print(TrackSheet.fullMessage(for: error))
            Foundation.exit(0)
        }
        if error is ExitCode {
            Foundation.exit(code.rawValue)
        }
        // Everything ArgumentParser reports (unknown options, missing arguments, validation) is a usage error.
        let message = TrackSheet.message(for: error)
        StandardStream.error.write("tracksheet: error: \(message)\n")
        if !(error is CleanExit) {
            StandardStream.error.write("Run 'tracksheet --help' for usage.\n")
        }
        Foundation.exit(2)
    }
}

/// The exit code for a kind of failure, as the README's table lists them.
func exitCode(for category: FailureCategory) -> Int32 {
    switch category {
    case .invalidData: 1
    case .usage: 2
    case .unreadableInput: 3
    case .limitExceeded: 4
    case .outputFailure: 5
    }
}

/// An exit that a subcommand chooses itself, with an optional message for stderr.
struct CommandFailure: Error {
    /// The exit status.
    var code: Int32
    /// A one-line message, or nil when the command printed its own.
    var message: String?

    /// Findings with errors were reported (exit 1).
    static let findings = CommandFailure(code: 1, message: nil)

    /// A usage error with a message (exit 2).
    static func usage(_ message: String) -> CommandFailure { CommandFailure(code: 2, message: message) }
}

/// Diagnostics on stderr, one line each, prefixed like compilers do.
enum Diagnostics {
    /// The language of error lines: the running command's `--lang`, or the locale's (`LanguageOption.fromEnvironment`)
    /// for commands without one and for failures before a command runs.
    static var language: Language {
        get { chosenLanguage.withLock { $0 } ?? LanguageOption.fromEnvironment.language }
        set { chosenLanguage.withLock { $0 = newValue } }
    }
    private static let chosenLanguage = Mutex<Language?>(nil)

    /// Prints `tracksheet: error: …`.
    static func error(_ message: String) {
        StandardStream.error.write("tracksheet: error: \(message)\n")
    }

    /// Prints `tracksheet: warning: …`.
    static func warning(_ message: String) {
        StandardStream.error.write("tracksheet: warning: \(message)\n")
    }

    /// Prints a plain progress or information line.
    static func note(_ message: String) {
        StandardStream.error.write("\(message)\n")
    }
}

/// A closed pipe (`tracksheet … | head`) is not an error, and a file-size limit (`ulimit -f`) is an output failure:
/// both make writes fail with an error we report, instead of killing the process with its output half-written.
func ignoreBrokenPipes() {
    signal(SIGPIPE, SIG_IGN)
    signal(SIGXFSZ, SIG_IGN)
}
