import Foundation
import TestSupport
import Testing

/// A command line whose first word is not a subcommand, and what the error says about it.
struct UnknownSubcommandCase: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var says: String
    var testDescription: String { arguments.joined(separator: " ") }
}

@Suite("Usage errors name the mistake")
struct UsageErrorTests {
    @Test("a mistyped subcommand or a file where the subcommand goes is an unknown subcommand, with the list",
          arguments: [
              UnknownSubcommandCase(arguments: ["convrt", "a.csv", "-o", "b.xlsx"],
                                    says: "unknown subcommand 'convrt': did you mean 'convert'?"),
              UnknownSubcommandCase(arguments: ["file.csv", "-o", "b.xlsx"],
                                    says: "unknown subcommand 'file.csv': a file comes after the subcommand, e.g. 'tracksheet convert file.csv -o out.xlsx'"),
              UnknownSubcommandCase(arguments: ["frobnicate"], says: "unknown subcommand 'frobnicate'"),
          ])
    func unknownSubcommand(_ row: UnknownSubcommandCase) throws {
        let result = try runTracksheet(row.arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("tracksheet: error: \(row.says)"), "\(result.stderr)")
        #expect(result.stderr.contains("the subcommands are convert, sheets, check, report, summary, diff, merge, batch"))
        #expect(result.stderr.hasSuffix("Run 'tracksheet --help' for usage.\n"))
        #expect(!result.stderr.contains("Unknown option"))
    }

    @Test("options before a subcommand and `help` still reach ArgumentParser")
    func knownWordsPass() throws {
        #expect(try runTracksheet(["--version"]).status == 0)
        #expect(try runTracksheet(["help", "convert"]).status == 0)
    }
}
