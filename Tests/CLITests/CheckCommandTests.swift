import Foundation
import TestSupport
import Testing

@Suite("tracksheet check and summary on the seed sample")
struct CheckCommandTests {
    let issues = packagePath("Samples/rectification/issues.csv")
    let tasks = packagePath("Samples/rectification/tasks.csv")
    /// The sample judged on 2025-06-30, with its plan's date, when its 立行立改 measures were due.
    let dates = ["--as-of", "2025-06-30", "--plan-date", "2025-03-11"]

    @Test("the sample prints the two unnumbered problems and the rollup line, and passes without --expect")
    func sampleText() throws {
        let result = try runTracksheet(["check", issues, tasks] + dates)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("issues.csv:19 [问题]"))
        #expect(result.stdout.contains("““四风”问题依然存在”未标序号"))
        #expect(result.stdout.contains("issues.csv:25 [问题]"))
        #expect(result.stdout.contains("“组织生活不严谨”未标序号"))
        #expect(result.stdout.hasSuffix("4 个方面 10 个问题 31 项；措施 47 条：已完成 47，正在推进 0，未启动 0；未完成 0 条，其中逾期 0\n"))
    }

    @Test("date options take a full date in the forms offices write", arguments: [
        "2025-12-04", "2025/12/4", "2025.12.4", "20251204", "2025年12月4日", "２０２５-１２-０４",
    ])
    func dateOptions(_ text: String) throws {
        let result = try runTracksheet(["summary", issues, tasks, "--as-of", text])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("截至2025年12月4日，"))
    }

    @Test("a date option that is not a full date is a usage error naming the option", arguments: [
        "12月4日", "2025年12月", "2025年底", "立行立改", "2025-02-30", "tomorrow", "2025年12月底",
    ])
    func badDateOptions(_ text: String) throws {
        let result = try runTracksheet(["check", issues, tasks, "--as-of", text])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--as-of “\(text)” is not a date"))
    }

    @Test("malformed --map and --expect are usage errors", arguments: [
        ["--map", "负责同志"], ["--map", "=owner"], ["--map", "负责同志=nonsense"],
        ["--expect", "measures"], ["--expect", "bananas=3"], ["--expect", "measures=-1"], ["--expect", "measures=x"],
        ["--phase", "短期"], ["--phase", "近期=2025-06-30"], ["--phase", "短期=明年"],
        ["--phase", "短期=2025-06-30", "--phase", "short=2025-07-31"],
    ])
    func badMappingsAndExpectations(_ option: [String]) throws {
        let result = try runTracksheet(["check", issues, tasks, "--as-of", "2025-06-30"] + option)
        #expect(result.status == 2)
        #expect(result.stderr.contains(option[0]))
    }

    @Test("claimed counts in Chinese or English words", arguments: ["措施=47", "measures = 47", "具体问题=31", "方面=4"])
    func expectations(_ text: String) throws {
        let result = try runTracksheet(["check", issues, tasks] + dates + ["--expect", text])
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test("the claimed 44 measures do not match the 47 in the table: an error, exit 1")
    func claimedCount() throws {
        let result = try runTracksheet(["check", issues, tasks] + dates + ["--expect", "measures=44",
                                        "--expect", "issues=31", "--format", "json"])
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary["measures"] == 47)
        #expect(summary["issues"] == 31)
        #expect(summary["problems"] == 10)
        #expect(summary["aspects"] == 4)
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["code"] as? String == "count-mismatch" }.count == 1)
        #expect(findings.filter { $0["code"] as? String == "missing-number" }.count == 2)
    }

    @Test("--strict fails on warnings; github format prints annotations")
    func strictAndGitHub() throws {
        let strict = try runTracksheet(["check", issues, tasks] + dates + ["--strict"])
        #expect(strict.status == 1)
        let github = try runTracksheet(["check", issues, tasks] + dates + ["--format", "github"])
        #expect(github.status == 0)
        #expect(github.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning file=") }.count == 2)
    }

    @Test("the XLSX sample with merged cells, a title banner and a two-row header reads like the CSV")
    func workbookSample() throws {
        let result = try runTracksheet(["check", packagePath("Samples/rectification/tasks.xlsx")] + dates + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["summary"] as? [String: Int])?["measures"] == 47)
    }

    @Test("a measure pointing at an unknown issue is an error naming file, line and column")
    func unknownReference() throws {
        let folder = try TemporaryDirectory()
        let broken = try folder.write("tasks.csv", text: """
            问题编号,整改措施,责任领导,责任单位,责任人,完成时限,完成情况
            (1),学习,王某,办公室,李某,2025年3月31日,已完成
            (99),不存在的问题,王某,办公室,李某,2025年3月31日,已完成

            """)
        let definitions = try folder.write("issues.csv", text: "序号,具体问题\n(1),学习不全面\n")
        let result = try runTracksheet(["check", definitions, broken, "--as-of", "2025-06-30", "--format", "github"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=\(broken),line=3"))
    }

    @Test("--phase gives 短期 and 中期 their dates; without it they are errors")
    func phases() throws {
        let folder = try TemporaryDirectory()
        let plan = try folder.write("tasks.csv", text: """
            问题编号,整改措施,责任领导,责任单位,责任人,完成时限,完成情况
            (1),学习,王某,办公室,李某,短期,已完成
            (1),制度,王某,办公室,李某,中期,已完成

            """)
        let definitions = try folder.write("issues.csv", text: "序号,具体问题\n(1),学习不全面\n")
        let without = try runTracksheet(["check", definitions, plan, "--as-of", "2025-06-30", "--format", "github"])
        #expect(without.status == 1)
        #expect(without.stdout.components(separatedBy: "title=deadline-needs-phase-dates").count == 3, "\(without.stdout)")
        let with = try runTracksheet(["check", definitions, plan, "--as-of", "2025-06-30", "--phase", "短期=2025-06-30",
                                      "--phase", "中期=2025年12月31日"])
        #expect(with.status == 0, "\(with.stdout)")
    }

    @Test("summary prints the published paragraph")
    func summary() throws {
        let result = try runTracksheet(["summary", issues, tasks, "--kind", "巡察"] + dates)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("截至2025年6月30日，巡察反馈的四方面10个问题，已整改落实10个"))
        #expect(result.stdout.contains("制定措施47个"))
    }

    @Test("unreadable inputs exit 3; a bad date exits 2")
    func failures() throws {
        #expect(try runTracksheet(["check", "/nonexistent/tasks.csv"]).status == 3)
        #expect(try runTracksheet(["check", tasks, "--as-of", "yesterday"]).status == 2)
    }

    @Test("a reader that goes away (`check … | head`) is not an error: the run ends with its own exit status")
    func closedPipe() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: buildProductsDirectory + "/tracksheet")
        process.arguments = ["check", issues, tasks, "--format", "json"] + dates
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        // No reader at all: the first write meets a closed pipe.
        try output.fileHandleForReading.close()
        try process.run()
        let diagnostics = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "\(diagnostics)")
        #expect(process.terminationStatus == 0, "\(diagnostics)")
        #expect(diagnostics.isEmpty)
    }

    @Test("standard output that cannot take the text (a file-size limit) is an output failure, exit 5, named once")
    func unwritableOutput() throws {
        let folder = try TemporaryDirectory()
        // `ulimit -f 1` allows 512 or 1,024 bytes; the sample's findings a year later as JSON are 6 KB.
        let script = "ulimit -f 1; exec \"$0\" \"$@\" > \"\(folder.file("out.json"))\""
        let result = try runProcess("/bin/sh", ["-c", script, buildProductsDirectory + "/tracksheet", "check", "--lang",
                                                "en", issues, tasks, "--format", "json", "--as-of", "2026-11-30"])
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr == "tracksheet: error: cannot write to standard output: File too large\n")
    }
}
