import Foundation
import TestSupport
import Testing

/// Writes a workbook with openpyxl (an independent writer): two sheets, a hidden one, dates, merged cells.
func makeWorkbook(_ path: String) throws {
    _ = try runPython("""
        import sys, datetime, openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = '台账'
        ws.append(['类别', '名称', '金额', '日期', '公式'])
        ws.append(['一', '=危险', 0.1, datetime.date(2025, 3, 31), '+86 138'])
        ws.append([None, '苹果,梨', 1234567890123, datetime.datetime(2025, 3, 31, 8, 30), '-5'])
        ws['B2'].data_type = 's'  # text that starts with =, not a formula
        ws.merge_cells('A2:A3')
        second = wb.create_sheet('统计|汇总')
        second.append(['合计', 3])
        hidden = wb.create_sheet('隐藏')
        hidden.sheet_state = 'hidden'
        hidden.append(['secret'])
        wb.save(sys.argv[1])
        """, [path])
}

@Suite("tracksheet convert and sheets: XLSX to CSV")
struct ConvertWorkbookTests {
    @Test("sheets lists index, name, visibility and the used range")
    func sheets() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("book.xlsx")
        try makeWorkbook(book)
        let result = try runTracksheet(["sheets", book])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines == [["1", "台账", "visible", "A1:E3"], ["2", "统计|汇总", "visible", "A1:B1"], ["3", "隐藏", "hidden", "A1"]])
        let json = try runTracksheet(["sheets", book, "--format", "json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["usedRange"] as? String } == ["A1:E3", "A1:B1", "A1"])
    }

    @Test("the first visible sheet becomes CSV: shortest numbers, ISO dates, quoting where needed")
    func firstSheet() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("book.xlsx")
        try makeWorkbook(book)
        let output = folder.file("out.csv")
        let result = try runTracksheet(["convert", "--lang", "en", book, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == """
            类别,名称,金额,日期,公式
            一,=危险,0.1,2025-03-31,+86 138
            ,"苹果,梨",1234567890123,2025-03-31T08:30:00,-5

            """)
    }

    @Test("--fill-merged, --bom, --escape-formulas, --delimiter and --encoding shape the CSV")
    func options() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("book.xlsx")
        try makeWorkbook(book)
        let output = folder.file("out.csv")
        let result = try runTracksheet(["convert", "--lang", "en", book, "--fill-merged", "--bom", "--escape-formulas", "--delimiter", ";", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines[1] == "一;\"'=危险\";0.1;2025-03-31;\"'+86 138\"")
        #expect(lines[2].hasPrefix("一;苹果,梨;"))

        let gbk = folder.file("gbk.csv")
        #expect(try runTracksheet(["convert", "--lang", "en", book, "--encoding", "GB18030", "-o", gbk]).status == 0)
        let decoded = try runProcess("/usr/bin/iconv", ["-f", "GB18030", "-t", "UTF-8", gbk])
        #expect(decoded.stdout.hasPrefix("类别,名称"))
    }

    @Test("--sheet by name or index, and --all-sheets into a folder with safe file names")
    func sheetSelection() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("book.xlsx")
        try makeWorkbook(book)
        #expect(try runTracksheet(["convert", "--lang", "en", book, "--sheet", "统计|汇总", "-o", folder.file("a.csv")]).status == 0)
        #expect(try String(contentsOfFile: folder.file("a.csv"), encoding: .utf8) == "合计,3\n")
        #expect(try runTracksheet(["convert", "--lang", "en", book, "--sheet", "3", "-o", folder.file("b.csv")]).status == 0)
        #expect(try String(contentsOfFile: folder.file("b.csv"), encoding: .utf8) == "secret\n")
        let missing = try runTracksheet(["convert", "--lang", "en", book, "--sheet", "nope", "-o", folder.file("c.csv")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("台账"))

        let all = try runTracksheet(["convert", "--lang", "en", book, "--all-sheets", "-o", folder.file("csv")])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("csv")).sorted() == ["台账.csv", "统计_汇总.csv", "隐藏.csv"])
    }

    @Test("chart sheets are listed as charts and skipped with a note by --all-sheets")
    func chartSheets() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("chart.xlsx")
        _ = try runPython("""
            import sys, openpyxl
            from openpyxl.chart import BarChart, Reference
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = '数据'
            for row in [['名称', '数量'], ['甲', 3], ['乙', 5]]:
                ws.append(row)
            chart = BarChart()
            chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
            wb.create_chartsheet('图表').add_chart(chart)
            wb.save(sys.argv[1])
            """, [book])
        let listing = try runTracksheet(["sheets", book])
        #expect(listing.stdout.contains("图表  visible    chart") || listing.stdout.split(separator: "\n").last?.hasSuffix("chart") == true)
        let all = try runTracksheet(["convert", "--lang", "en", book, "--all-sheets", "-o", folder.file("csv")])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr.contains("skipped the chart sheet '图表'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("csv")) == ["数据.csv"])
    }
}
