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

@Suite("Errors in the language of --lang or the locale")
struct ErrorLanguageTests {
    @Test("a Chinese or C locale prints the error in Chinese, an English locale in English, --lang overrides both")
    func languageOfErrors() throws {
        let folder = try TemporaryDirectory()
        let missing = folder.file("缺失的问题清单.csv")
        let chinese = try runTracksheet(["convert", missing, "-o", folder.file("out.xlsx")])
        #expect(chinese.status == 3)
        #expect(chinese.stderr.hasPrefix("tracksheet: error: \(missing): 找不到文件（详情："), "\(chinese.stderr)")
        let english = try runTracksheet(["convert", missing, "-o", folder.file("out.xlsx")], environment: ["LANG": "en_US.UTF-8"])
        #expect(english.stderr == "tracksheet: error: \(missing): no such file; check the path\n")
        let chosen = try runTracksheet(["check", missing, "--lang", "en"])
        #expect(chosen.status == 3)
        #expect(chosen.stderr == "tracksheet: error: \(missing): no such file; check the path\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.xlsx")))
    }
}
