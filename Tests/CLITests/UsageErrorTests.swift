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

@Suite("convert in the user's language")
struct ConvertLanguageTests {
    @Test("under a Chinese or C locale, convert's warnings and its summary line are in Chinese; --lang en in English")
    func chineseWarnings() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("花名册.csv", text: "2025年第一季度职工花名册\n姓名,部门,电话\n张三,办公室,1\n李四,学会部\n")
        let output = folder.file("花名册.xlsx")
        let chinese = try runTracksheet(["convert", input, "-o", output])
        #expect(chinese.status == 0, "\(chinese.stderr)")
        #expect(chinese.stderr == """
            tracksheet: warning: \(input): 第 1 行是表头上方的标题，表头在第 2 行；可用 --header-row N 指定表头所在的行
            tracksheet: warning: \(input):4: 此行有 2 个字段，表头有 3 个；已用空单元格补齐
            已写出 \(output)：1 个工作表，2 行数据，2 条警告

            """)
        let english = try runTracksheet(["convert", input, "-o", folder.file("en.xlsx"), "--lang", "en"])
        #expect(english.stderr.hasPrefix("tracksheet: warning: \(input): row 1 reads as a title above the header in row 2"))
        #expect(english.stderr.hasSuffix("wrote \(folder.file("en.xlsx")): 1 sheet, 2 data rows, 2 warnings\n"))
    }
}
