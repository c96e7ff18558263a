import Foundation
import TestSupport
import Testing

/// OpenDocument spreadsheets through the commands: the same output as for the .xlsx LibreOffice saves from them.
@Suite("tracksheet with .ods inputs")
struct ODSCommandTests {
    static let fixtures = "Tests/Fixtures/ods/"

    @Test("convert --all-sheets writes the same CSV for an .ods as for the .xlsx LibreOffice saves from it")
    func csvLikeXLSX() throws {
        let folder = try TemporaryDirectory()
        let fromODS = folder.file("ods")
        let fromXLSX = folder.file("xlsx")
        let ods = try runTracksheet(["convert", packagePath(Self.fixtures + "libreoffice.ods"), "--all-sheets", "-o", fromODS])
        #expect(ods.status == 0, "\(ods.stderr)")
        let xlsx = try runTracksheet(["convert", packagePath(Self.fixtures + "libreoffice-resaved.xlsx"), "--all-sheets", "-o", fromXLSX])
        #expect(xlsx.status == 0, "\(xlsx.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: fromXLSX).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: fromODS).sorted() == names)
        #expect(names.count == 11)
        // 布尔: LibreOffice keeps an imported boolean as the formula TRUE() with a float result in .ods (pandas
        // reads 1.0 too), but writes it to .xlsx as a boolean cell; make_fixtures.py gives it its own sheet.
        for name in names where name != "布尔.csv" {
            let left = try String(contentsOfFile: (fromODS as NSString).appendingPathComponent(name), encoding: .utf8)
            let right = try String(contentsOfFile: (fromXLSX as NSString).appendingPathComponent(name), encoding: .utf8)
            #expect(left == right, "\(name)")
        }
        let types = try String(contentsOfFile: (fromODS as NSString).appendingPathComponent("类型.csv"), encoding: .utf8)
        #expect(types.hasPrefix("名称,数值,百分比,金额,日期,日期时间,时间,\n整改任务一,12,0.25,1234.5,2025-03-31,2025-03-31T08:30:00,09:15:00,\n"))
    }

    @Test("convert one sheet of an .ods, named .ods or not, by name or index")
    func convertSheet() throws {
        let folder = try TemporaryDirectory()
        let renamed = folder.file("export.xlsx")
        try FileManager.default.copyItem(atPath: packagePath(Self.fixtures + "odfpy.ods"), toPath: renamed)
        for input in [packagePath(Self.fixtures + "odfpy.ods"), renamed] {
            let output = folder.file("out.csv")
            let result = try runTracksheet(["convert", input, "--sheet", "重复与合并", "--fill-merged", "-o", output])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try String(contentsOfFile: output, encoding: .utf8) == """
                x,x,,,,,,9
                x,x,,,,,,9
                x,x,,,,,,9
                ,,,,,,,
                ,,,,,,,
                merged,merged,1,,,,,
                merged,merged,2,,,,,

                """)
            try FileManager.default.removeItem(atPath: output)
        }
    }

    @Test("convert an .ods to .xlsx: every worksheet, typed cells kept typed, as openpyxl reads them")
    func toXLSX() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("out.xlsx")
        let result = try runTracksheet(["convert", packagePath(Self.fixtures + "odfpy.ods"), "--all-sheets", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try workbookCells(output)
        #expect(Set(book.keys) == ["文本", "值", "重复与合并", "隐藏表"])
        let values = try #require(book["值"])
        #expect(values[0].prefix(2).map { $0[0] } == ["1.5", "0.125"])
        #expect(values[1][0] == ["2025-03-31 00:00:00", "d", "yyyy-mm-dd"])
        #expect(values[1][2] == ["13:45:00", "d", "hh:mm:ss"])
        #expect(values[1][3][2] == "[h]:mm:ss")
        #expect(values[2][0] == ["True", "b", "General"])
        #expect(values[2][3] == ["untyped text", "s", "General"])
        #expect(book["文本"]?[0][0][0] == "a   b c")
    }

    @Test("sheets lists an .ods as it lists the .xlsx LibreOffice saves from it")
    func sheetsLikeXLSX() throws {
        let ods = try runTracksheet(["sheets", packagePath(Self.fixtures + "libreoffice.ods")])
        let xlsx = try runTracksheet(["sheets", packagePath(Self.fixtures + "libreoffice-resaved.xlsx")])
        #expect(ods.status == 0, "\(ods.stderr)")
        #expect(ods.stdout == xlsx.stdout)
        #expect(ods.stdout.contains("5  隐藏  hidden  A1"))
    }

    @Test("check reads LibreOffice's .ods of the rectification sample as it reads the .xlsx")
    func checkLikeXLSX() throws {
        let dates = ["--as-of", "2025-06-30", "--plan-date", "2025-03-11", "--format", "json"]
        let ods = try runTracksheet(["check", packagePath(Self.fixtures + "tasks.ods")] + dates)
        let xlsx = try runTracksheet(["check", packagePath("Samples/rectification/tasks.xlsx")] + dates)
        #expect(ods.status == 0, "\(ods.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(ods.stdout.utf8)) as? [String: Any])
        #expect((document["summary"] as? [String: Int])?["measures"] == 47)
        let odsPath = packagePath(Self.fixtures + "tasks.ods")
        let xlsxPath = packagePath("Samples/rectification/tasks.xlsx")
        #expect(ods.stdout.replacingOccurrences(of: odsPath, with: xlsxPath) == xlsx.stdout)
    }

    @Test("report takes an .ods where it takes an .xlsx")
    func report() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("ledger.xlsx")
        let result = try runTracksheet(["report", packagePath("Samples/rectification/issues.csv"),
                                        packagePath(Self.fixtures + "tasks.ods"), "--kind", "巡察", "--as-of", "2025-06-30",
                                        "--plan-date", "2025-03-11", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))
    }
}
