import Foundation
import TestSupport
import Testing

/// Legacy .xls inputs go wherever .xlsx inputs go, with the same output as the .xlsx saved from them.
@Suite("legacy .xls inputs")
struct XLSInputTests {
    static func fixture(_ name: String) -> String { packagePath("Tests/Fixtures/xls/\(name)") }

    @Test("sheets lists an .xls's sheets in tab order, the hidden one marked, with used ranges")
    func sheets() throws {
        let result = try runTracksheet(["sheets", Self.fixture("lo_types.xls")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines.first?.hasPrefix("1  Types") == true && lines.first?.hasSuffix("visible  A1:F14") == true, "\(lines)")
        #expect(lines.contains { $0.contains("Hidden") && $0.contains("hidden") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("4  中文") }, "\(lines)")
    }

    @Test("every sheet of an .xls converts to the same CSV as LibreOffice's .xlsx of it")
    func csvLikeXLSX() throws {
        let folder = try TemporaryDirectory()
        let fromXLS = try runTracksheet(["convert", "--lang", "en", Self.fixture("lo_types.xls"), "--all-sheets", "-o", folder.file("xls") + "/"])
        #expect(fromXLS.status == 0, "\(fromXLS.stderr)")
        let fromXLSX = try runTracksheet(["convert", "--lang", "en", Self.fixture("lo_types_from_xls.xlsx"), "--all-sheets", "-o", folder.file("xlsx") + "/"])
        #expect(fromXLSX.status == 0, "\(fromXLSX.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("xlsx")).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("xls")).sorted() == names)
        #expect(names.count == 8, "\(names)")
        // LibreOffice's .xlsx export loses two things its .xls holds (xlrd reads both from the .xls): a formula's
        // cached boolean is written as the number 0, and pi is cut to 15 significant digits. Those two lines of
        // the .xlsx's CSV are put back as the .xls holds them; everything else must match as LibreOffice wrote it.
        let lossy = ["compare,0,": "compare,FALSE,", "double,3.14159265358979,NUMBER,,,": "double,3.141592653589793,NUMBER,,,"]
        for name in names {
            let xls = try String(contentsOfFile: folder.file("xls/\(name)"), encoding: .utf8)
            let xlsx = try String(contentsOfFile: folder.file("xlsx/\(name)"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map { lossy[String($0)] ?? String($0) }
                .joined(separator: "\n")
            #expect(xls == xlsx, "\(name)")
        }
        let types = try String(contentsOfFile: folder.file("xls/Types.csv"), encoding: .utf8)
        #expect(types.hasPrefix("kind,value,note,,,\nint,42,RK integer,,,\n"), "\(types)")
    }

    @Test("an .xls converts to an .xlsx that openpyxl reads with the same typed cells, every worksheet kept")
    func toXLSX() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("book.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", Self.fixture("xlwt_types.xls"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "wrote \(output): 2 sheets, 11 rows, 0 warnings\n")
        let cells = try workbookCells(output)
        #expect(cells.keys.sorted() == ["Data", "Hidden"])
        let data = try #require(cells["Data"])
        #expect(data[0][0] == ["text", "s", "General"])
        #expect(data[0][1] == ["数字", "s", "General"])
        #expect(data[1][1] == ["1234567.891", "n", "General"])
        #expect(data[3][0] == ["2024-12-31 00:00:00", "d", "yyyy-mm-dd"])
        #expect(data[3][1] == ["2020-02-29 23:59:59", "d", "yyyy-mm-dd hh:mm:ss"])
        #expect(data[4][0] == ["True", "b", "General"])
        #expect(data[9][3] == ["far", "s", "General"])
    }

    @Test("check and report read the .xls tasks table as they read the .xlsx it came from")
    func checkAndReport() throws {
        let issues = packagePath("Samples/rectification/issues.csv")
        var outputs: [[String]] = []
        for source in [Self.fixture("tasks.xls"), packagePath("Samples/rectification/tasks.xlsx")] {
            let folder = try TemporaryDirectory()
            // The same name for both, so that locations in messages match: the bytes decide the format.
            try FileManager.default.copyItem(atPath: source, toPath: folder.file("tasks.xlsx"))
            let dates = ["--kind", "巡察", "--as-of", "2025-06-30", "--plan-date", "2025-03-11"]
            let check = try runTracksheet(["check", issues, "tasks.xlsx"] + dates, in: folder.path)
            let report = try runTracksheet(["report", issues, "tasks.xlsx"] + dates + ["-o", "ledger.xlsx"], in: folder.path)
            #expect(report.status == check.status || report.status == 0, "\(report.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder.file("ledger.xlsx")))
            outputs.append(["\(check.status)", check.stdout, check.stderr, "\(report.status)", report.stdout])
        }
        #expect(outputs[0] == outputs[1])
        #expect(!outputs[0][1].isEmpty)
    }

    @Test("a damaged .xls is one line naming the damage, exit 3; a password-protected one says so")
    func damaged() throws {
        let result = try runTracksheet(["convert", "--lang", "en", packagePath("Tests/TabularXLSXTests/Fixtures/other_legacy.xls"), "-o", "-"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("compound-file header is damaged"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        for arguments in [["convert", Self.fixture("encrypted.xlsx"), "-o", "-"], ["sheets", Self.fixture("encrypted.xlsx")]] {
            let encrypted = try runTracksheet(arguments)
            #expect(encrypted.status == 3, "\(encrypted.stderr)")
            #expect(encrypted.stderr.contains("password-protected workbook"), "\(encrypted.stderr)")
        }
    }
}
