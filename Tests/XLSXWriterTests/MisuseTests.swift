import Foundation
import TabularCore
import TestSupport
import Testing
import XLSXWriter

/// A format, chart or worksheet never crosses or outlives its workbook: misuse is a thrown error, never a C call.
@Suite("Handles stay with their workbook")
struct MisuseTests {
    @Test("a format handle of workbook A used on workbook B throws wrong-workbook; B still writes a clean file")
    func foreignFormat() throws {
        let folder = try TemporaryDirectory()
        let a = try Workbook(path: folder.file("a.xlsx"))
        let b = try Workbook(path: folder.file("b.xlsx"))
        let bold = try a.format(CellStyle { $0.bold = true })
        let sheet = try b.addWorksheet(named: "B")
        let error = try #require(throws: XLSXWriteError.self) { try sheet.write("x", row: 0, column: 0, format: bold) }
        #expect(error.code == .wrongWorkbook)
        #expect(error.location?.sheet == "B")
        try sheet.write("plain", row: 0, column: 0)
        try a.close()
        try b.close()
        let cell = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['B']
            print(json.dumps([ws['A1'].value, ws['A1'].font.b]))
            """, [folder.file("b.xlsx")]) as? [Any]
        #expect(cell?.first as? String == "plain")
        #expect(cell?.last as? Bool == false)
    }

    /// The use-after-free of issue #10: a format of a closed workbook used on another one.
    @Test("a format handle of a closed workbook used on another throws wrong-workbook, for every kind of cell")
    func formatOfClosedWorkbook() throws {
        let folder = try TemporaryDirectory()
        let closed = try Workbook(path: folder.file("closed.xlsx"))
        let stale = try closed.format(CellStyle { $0.numberFormat = "0.00" })
        _ = try closed.addWorksheet(named: "S")
        try closed.close()

        let workbook = try Workbook(path: folder.file("open.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S")
        let attempts: [(Worksheet) throws -> Void] = [
            { try $0.write("text", row: 0, column: 0, format: stale) },
            { try $0.write(1.5, row: 0, column: 0, format: stale) },
            { try $0.write(LocalDateTime(year: 2025, month: 1, day: 1)!, row: 0, column: 0, format: stale) },
            { try $0.write(true, row: 0, column: 0, format: stale) },
            { try $0.writeBlank(row: 0, column: 0, format: stale) },
        ]
        for attempt in attempts {
            #expect { try attempt(sheet) } throws: { ($0 as? XLSXWriteError)?.code == .wrongWorkbook }
        }
        try sheet.write(2.5, row: 0, column: 0, format: workbook.format(CellStyle { $0.numberFormat = "0.00" }))
        try workbook.close()
        let cell = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['S']
            print(json.dumps([ws['A1'].value, ws['A1'].number_format]))
            """, [folder.file("open.xlsx")]) as? [Any]
        #expect(cell?.first as? Double == 2.5)
        #expect(cell?.last as? String == "0.00")
    }

    @Test("a worksheet, a format and a chart used after close throw workbook-closed")
    func useAfterClose() throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("w.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S")
        let format = try sheet.format(CellStyle { $0.italic = true })
        let chart = try workbook.addChart(.pie)
        try sheet.write(1, row: 0, column: 0)
        try chart.addSeries(name: "n", categories: "=S!$A$1:$A$1", values: "=S!$A$1:$A$1")
        try workbook.close()

        let attempts: [() throws -> Void] = [
            { try sheet.write("x", row: 1, column: 0) },
            { try sheet.write("x", row: 1, column: 0, format: format) },
            { try sheet.write("x", row: 1, column: 0, style: CellStyle { $0.bold = true }) },
            { _ = try sheet.format(CellStyle { $0.bold = true }) },
            { try sheet.setColumnWidth(10, columns: 0...0) },
            { try sheet.freezePanes(row: 1, column: 0) },
            { try sheet.activate() },
            { try sheet.setGridlines(.hidden) },
            { try sheet.apply(PageSetup()) },
            { try sheet.insert(chart, row: 2, column: 0) },
            { try chart.setTitle("t") },
            { try chart.setLegendPosition(.bottom) },
        ]
        for attempt in attempts {
            #expect { try attempt() } throws: { ($0 as? XLSXWriteError)?.code == .workbookClosed }
        }
    }

    @Test("a worksheet of a workbook dropped without close throws workbook-closed")
    func useAfterDrop() throws {
        let folder = try TemporaryDirectory()
        var sheet: Worksheet?
        do {
            let workbook = try Workbook(path: folder.file("dropped.xlsx"))
            sheet = try workbook.addWorksheet(named: "S")
        }
        let error = try #require(throws: XLSXWriteError.self) { try sheet?.write("x", row: 0, column: 0) }
        #expect(error.code == .workbookClosed)
        #expect(try folder.contents() == [])
    }

    @Test("a chart of another workbook, open or closed, is refused by insert")
    func foreignChart() throws {
        let folder = try TemporaryDirectory()
        let other = try Workbook(path: folder.file("other.xlsx"))
        let otherSheet = try other.addWorksheet(named: "S")
        try otherSheet.write(1, row: 0, column: 0)
        let foreign = try other.addChart(.column)
        try foreign.addSeries(name: "v", categories: "=S!$A$1:$A$1", values: "=S!$A$1:$A$1")

        let workbook = try Workbook(path: folder.file("main.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S")
        try sheet.write(1, row: 0, column: 0)
        #expect { try sheet.insert(foreign, row: 2, column: 0) } throws: { ($0 as? XLSXWriteError)?.code == .wrongWorkbook }
        try other.close()
        #expect { try sheet.insert(foreign, row: 2, column: 0) } throws: { ($0 as? XLSXWriteError)?.code == .wrongWorkbook }

        let own = try workbook.addChart(.column)
        try own.addSeries(name: "v", categories: "=S!$A$1:$A$1", values: "=S!$A$1:$A$1")
        try sheet.insert(own, row: 2, column: 0)
        try workbook.close()
        let charts = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['S']
            print(json.dumps(len(ws._charts)))
            """, [folder.file("main.xlsx")]) as? Int
        #expect(charts == 1)
    }

    @Test("a chart is inserted once, and only with a series")
    func chartRules() throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("c.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S")
        let chart = try workbook.addChart(.stackedBar)
        #expect { try sheet.insert(chart, row: 0, column: 0) } throws: { ($0 as? XLSXWriteError)?.code == .invalidArgument }
        try chart.addSeries(name: "v", categories: "=S!$A$1:$A$2", values: "=S!$B$1:$B$2")
        try sheet.insert(chart, row: 0, column: 0)
        #expect(chart.isInserted)
        #expect { try sheet.insert(chart, row: 5, column: 0) } throws: { ($0 as? XLSXWriteError)?.code == .invalidArgument }
        try workbook.close()
    }

    @Test("chart text is literal and chart ranges are sheet references", arguments: [
        ChartCase("series name starting with =", value: "=S!$A$1") { try $0.addSeries(name: "=S!$A$1", categories: "S!A1:A2", values: "S!B1:B2") },
        ChartCase("empty series name", value: "") { try $0.addSeries(name: "", categories: "S!A1:A2", values: "S!B1:B2") },
        ChartCase("categories without a sheet", value: "$A$1:$A$2") { try $0.addSeries(name: "n", categories: "$A$1:$A$2", values: "S!B1:B2") },
        ChartCase("categories on a sheet that does not exist", value: "Nope!A1:A2") { try $0.addSeries(name: "n", categories: "Nope!A1:A2", values: "S!B1:B2") },
        ChartCase("values outside the grid", value: "S!B1:B1048577") { try $0.addSeries(name: "n", categories: "S!A1:A2", values: "S!B1:B1048577") },
        ChartCase("unbalanced quote", value: "'S!A1:A2") { try $0.addSeries(name: "n", categories: "'S!A1:A2", values: "S!B1:B2") },
        ChartCase("title starting with =", value: "=A1") { try $0.setTitle("=A1") },
        ChartCase("axis title starting with =", value: "=B1") { try $0.setAxisTitles(categories: nil, values: "=B1") },
        ChartCase("color above 0xFFFFFF", code: .valueOutOfRange, value: "0x1000000") {
            try $0.addSeries(name: "n", categories: "S!A1:A2", values: "S!B1:B2", color: 0x100_0000)
        },
        ChartCase("font size 0", code: .valueOutOfRange, value: "0.0") { try $0.setTitleFont(Chart.Font(size: 0)) },
        ChartCase("font name of 32 characters", value: String(repeating: "x", count: 32)) {
            try $0.setLegendFont(Chart.Font(name: String(repeating: "x", count: 32)))
        },
    ])
    func chartArguments(_ row: ChartCase) throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("c.xlsx"))
        _ = try workbook.addWorksheet(named: "S")
        let chart = try workbook.addChart(.column)
        let error = try #require(throws: XLSXWriteError.self) { try row.run(chart) }
        #expect(error.code == row.code)
        #expect(error.value == row.value)
    }

    @Test("quoted sheet names are valid chart references; names with an apostrophe are refused before libxlsxwriter warns")
    func quotedReference() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("q.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "统计 汇总")
        _ = try workbook.addWorksheet(named: "It's")
        try sheet.write("a", row: 0, column: 0)
        try sheet.write(3, row: 0, column: 1)
        let chart = try workbook.addChart(.column)
        #expect { try chart.addSeries(name: "v", categories: "='It''s'!$A$1:$A$1", values: "='It''s'!$B$1:$B$1") } throws: {
            ($0 as? XLSXWriteError)?.code == .invalidArgument
        }
        try chart.addSeries(name: "v", categories: "='统计 汇总'!$A$1:$A$1", values: "='统计 汇总'!$B$1:$B$1")
        try sheet.insert(chart, row: 2, column: 0)
        try workbook.close()
        let xml = try runPython("""
            import sys, zipfile
            print(zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml').decode())
            """, [path])
        #expect(xml.contains("<c:f>'统计 汇总'!$B$1:$B$1</c:f>"))
        #expect(xml.contains("<c:v>3</c:v>"))
    }
}

/// One row of the chart-argument table: what is done to a fresh chart, and the error code and value it must throw.
struct ChartCase: Sendable, CustomTestStringConvertible {
    let label: String
    let code: XLSXWriteError.Code
    let value: String?
    let run: @Sendable (Chart) throws -> Void

    init(_ label: String, code: XLSXWriteError.Code = .invalidArgument, value: String?, run: @escaping @Sendable (Chart) throws -> Void) {
        self.label = label
        self.code = code
        self.value = value
        self.run = run
    }

    var testDescription: String { label }
}
