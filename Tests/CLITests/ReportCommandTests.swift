import Foundation
import TestSupport
import Testing

@Suite("tracksheet report")
struct ReportCommandTests {
    let issues = packagePath("Samples/rectification/issues.csv")
    let tasks = packagePath("Samples/rectification/tasks.csv")
    /// The sample judged on 2025-06-30, with its plan's date, when its 立行立改 measures were due.
    let dates = ["--as-of", "2025-06-30", "--plan-date", "2025-03-11"]

    @Test("the sample ledger has its four sheets in order, with findings on stderr, one line each")
    func sampleLedger() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("台账.xlsx")
        let result = try runTracksheet(["report", issues, tasks, "--unit", "县科协", "--kind", "巡察"] + dates + ["-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("tracksheet: warning: \(issues):") && $0.hasSuffix("[missing-number]") })
        let facts = try #require(try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({'sheets': wb.sheetnames, 'title': wb['整改台账']['A1'].value, 'author': wb.properties.creator}, ensure_ascii=False))
            """, [output]) as? [String: Any])
        #expect(facts["sheets"] as? [String] == ["整改台账", "统计汇总", "校验结果", "_tracksheet"])
        #expect(facts["title"] as? String == "县科协巡察反馈问题整改台账")
        #expect(facts["author"] as? String == "县科协")
    }

    @Test("a claimed count that does not match: the ledger is written and the exit status is 1")
    func errorsStillWrite() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("l.xlsx")
        let result = try runTracksheet(["report", issues, tasks] + dates + ["--expect", "measures=44", "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("tracksheet: error: "))
        #expect(result.stderr.contains("[count-mismatch]"))
        #expect(FileManager.default.fileExists(atPath: output))
    }

    @Test("--split-by unit writes one workbook per unit beside the full ledger")
    func split() throws {
        let folder = try TemporaryDirectory()
        let result = try runTracksheet(["report", issues, tasks] + dates + ["-o", folder.file("l.xlsx"), "--split-by", "unit"])
        #expect(result.status == 0, "\(result.stderr)")
        let parts = try FileManager.default.contentsOfDirectory(atPath: folder.file("l-by-unit")).sorted()
        #expect(parts == ["办公室.xlsx", "学会部.xlsx", "机关党支部.xlsx", "科普股.xlsx"])
    }

    @Test("with SOURCE_DATE_EPOCH and --as-of the ledger's bytes are reproducible")
    func reproducible() throws {
        let folder = try TemporaryDirectory()
        let environment = ["SOURCE_DATE_EPOCH": "1735689600"]
        for name in ["a.xlsx", "b.xlsx"] {
            let result = try runTracksheet(["report", issues, tasks] + dates + ["-o", folder.file(name)],
                                           environment: environment)
            #expect(result.status == 0)
            Thread.sleep(forTimeInterval: 1.1)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("a.xlsx")))
            == Data(contentsOf: URL(fileURLWithPath: folder.file("b.xlsx"))))
    }

    @Test("the ledger may not overwrite an input, and must be named .xlsx")
    func protectsInputs() throws {
        let folder = try TemporaryDirectory()
        let copy = try folder.write("tasks.xlsx", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: packagePath("Samples/rectification/tasks.xlsx")))))
        let result = try runTracksheet(["report", copy, "--as-of", "2025-06-30", "-o", copy])
        #expect(result.status == 2)
        #expect(try runTracksheet(["report", tasks, "-o", folder.file("ledger.csv")]).status == 2)
    }
}
