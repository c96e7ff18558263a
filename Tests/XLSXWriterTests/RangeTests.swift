import Foundation
import TabularCore
import TestSupport
import Testing
import XLSXWriter

/// One row of the range table: a call on a fresh worksheet, and the error code and offending value it must throw.
struct RangeCase: Sendable, CustomTestStringConvertible {
    let label: String
    let code: XLSXWriteError.Code
    let value: String?
    let run: @Sendable (Worksheet, borrowing Workbook) throws -> Void

    init(_ label: String, _ code: XLSXWriteError.Code, value: String?,
         run: @escaping @Sendable (Worksheet, borrowing Workbook) throws -> Void) {
        self.label = label
        self.code = code
        self.value = value
        self.run = run
    }

    var testDescription: String { label }
}

private func range(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int) -> CellRange {
    CellRange(CellAddress(row: firstRow, column: firstColumn), CellAddress(row: lastRow, column: lastColumn))
}

private func setup(_ change: (inout PageSetup) -> Void) -> PageSetup {
    var setup = PageSetup()
    change(&setup)
    return setup
}

@Suite("Out-of-range arguments throw a code and the value; they never trap")
struct RangeTests {
    static let cases: [RangeCase] = [
        // Cells
        RangeCase("row -1", .outsideGrid, value: "-1") { sheet, _ in try sheet.write("x", row: -1, column: 0) },
        RangeCase("row 1,048,576", .outsideGrid, value: "1048576") { sheet, _ in try sheet.write(1.0, row: 1_048_576, column: 0) },
        RangeCase("row Int.max", .outsideGrid, value: "\(Int.max)") { sheet, _ in try sheet.write(true, row: .max, column: 0) },
        RangeCase("row Int.min", .outsideGrid, value: "\(Int.min)") { sheet, _ in try sheet.writeBlank(row: .min, column: 0, style: CellStyle()) },
        RangeCase("column -1", .outsideGrid, value: "-1") { sheet, _ in try sheet.write("x", row: 0, column: -1) },
        RangeCase("column 16,384", .outsideGrid, value: "16384") {
            sheet, _ in try sheet.write(LocalDateTime(year: 2025, month: 1, day: 1)!, row: 0, column: 16_384)
        },
        RangeCase("formula at column Int.max", .outsideGrid, value: "\(Int.max)") { sheet, _ in try sheet.writeFormula("=1", row: 0, column: .max) },
        RangeCase("link at row -5", .outsideGrid, value: "-5") { sheet, _ in try sheet.writeInternalLink(to: "S!A1", text: "t", row: -5, column: 0) },
        RangeCase("date before 1900", .invalidArgument, value: "1899-12-31") {
            sheet, _ in try sheet.write(LocalDateTime(year: 1899, month: 12, day: 31)!, row: 0, column: 0)
        },
        RangeCase("NaN", .invalidNumber, value: "nan") { sheet, _ in try sheet.write(Double.nan, row: 0, column: 0) },
        RangeCase("empty formula", .invalidArgument, value: "") { sheet, _ in try sheet.writeFormula("", row: 0, column: 0) },
        RangeCase("infinite cached value", .invalidNumber, value: "inf") {
            sheet, _ in try sheet.writeFormula("=1/0", row: 0, column: 0, cachedValue: .infinity)
        },
        RangeCase("empty link target", .invalidArgument, value: "") { sheet, _ in try sheet.writeInternalLink(to: "", text: "t", row: 0, column: 0) },
        // Columns and rows
        RangeCase("width -1", .valueOutOfRange, value: "-1.0") { sheet, _ in try sheet.setColumnWidth(-1, columns: 0...0) },
        RangeCase("width 256", .valueOutOfRange, value: "256.0") { sheet, _ in try sheet.setColumnWidth(256, columns: 0...0) },
        RangeCase("width NaN", .valueOutOfRange, value: "nan") { sheet, _ in try sheet.setColumnWidth(.nan, columns: 0...0) },
        RangeCase("columns -1...0", .outsideGrid, value: "-1") { sheet, _ in try sheet.setColumnWidth(8, columns: -1...0) },
        RangeCase("columns 0...16,384", .outsideGrid, value: "16384") { sheet, _ in try sheet.setColumnWidth(8, columns: 0...16_384) },
        RangeCase("height -1", .valueOutOfRange, value: "-1.0") { sheet, _ in try sheet.setRowHeight(-1, row: 0) },
        RangeCase("height 410", .valueOutOfRange, value: "410.0") { sheet, _ in try sheet.setRowHeight(410, row: 0) },
        RangeCase("height infinity", .valueOutOfRange, value: "inf") { sheet, _ in try sheet.setRowHeight(.infinity, row: 0) },
        RangeCase("height at row -1", .outsideGrid, value: "-1") { sheet, _ in try sheet.setRowHeight(15, row: -1) },
        RangeCase("freeze at row -1", .outsideGrid, value: "-1") { sheet, _ in try sheet.freezePanes(row: -1, column: 0) },
        RangeCase("freeze at column 16,384", .outsideGrid, value: "16384") { sheet, _ in try sheet.freezePanes(row: 1, column: 16_384) },
        // Ranges
        RangeCase("autofilter from row -1", .outsideGrid, value: "-1") { sheet, _ in try sheet.autofilter(range(-1, 0, 3, 3)) },
        RangeCase("autofilter to column 16,384", .outsideGrid, value: "16384") { sheet, _ in try sheet.autofilter(range(0, 0, 3, 16_384)) },
        RangeCase("numbers-as-text from column -2", .outsideGrid, value: "-2") {
            sheet, _ in try sheet.ignoreNumberStoredAsText(in: range(0, -2, 3, 3))
        },
        RangeCase("merge from row -1", .outsideGrid, value: "-1") { sheet, _ in try sheet.merge(range(-1, 0, 1, 1), text: "t") },
        RangeCase("merge of one cell", .invalidArgument, value: "B2") { sheet, _ in try sheet.merge(range(1, 1, 1, 1), text: "t") },
        RangeCase("overlapping merges", .invalidArgument, value: "B2:C3") { sheet, _ in
            try sheet.merge(range(0, 0, 1, 1), text: "first")
            try sheet.merge(range(1, 1, 2, 2), text: "second")
        },
        // Rules
        RangeCase("conditional format to row 1,048,576", .outsideGrid, value: "1048576") { sheet, _ in
            try sheet.addConditionalFormat(ConditionalFormat(formula: "=A1>1", style: CellStyle { $0.bold = true }), to: range(0, 0, 1_048_576, 0))
        },
        RangeCase("conditional format without formula", .invalidArgument, value: "") { sheet, _ in
            try sheet.addConditionalFormat(ConditionalFormat(formula: "", style: CellStyle()), to: range(0, 0, 1, 0))
        },
        RangeCase("drop-down from column -1", .outsideGrid, value: "-1") { sheet, _ in
            try sheet.addDropDown(DropDownList(values: ["a"]), to: range(0, -1, 1, 0))
        },
        RangeCase("drop-down without values", .invalidArgument, value: "") { sheet, _ in
            try sheet.addDropDown(DropDownList(values: []), to: range(0, 0, 1, 0))
        },
        RangeCase("drop-down value with a comma", .invalidArgument, value: "a,b") { sheet, _ in
            try sheet.addDropDown(DropDownList(values: ["a,b"]), to: range(0, 0, 1, 0))
        },
        RangeCase("drop-down error title of 33 characters", .invalidArgument, value: String(repeating: "t", count: 33)) { sheet, _ in
            try sheet.addDropDown(DropDownList(values: ["a"], errorMessage: (String(repeating: "t", count: 33), "m")), to: range(0, 0, 1, 0))
        },
        // Page setup
        RangeCase("scale 9", .valueOutOfRange, value: "9") { sheet, _ in try sheet.apply(setup { $0.scale = 9 }) },
        RangeCase("scale 401", .valueOutOfRange, value: "401") { sheet, _ in try sheet.apply(setup { $0.scale = 401 }) },
        RangeCase("fit -1 pages wide", .valueOutOfRange, value: "-1") { sheet, _ in try sheet.apply(setup { $0.fitWidth = -1 }) },
        RangeCase("fit 32,768 pages wide", .valueOutOfRange, value: "32768") { sheet, _ in try sheet.apply(setup { $0.fitWidth = 32_768 }) },
        RangeCase("fit -1 pages tall", .valueOutOfRange, value: "-1") {
            sheet, _ in try sheet.apply(setup { $0.fitWidth = 1; $0.fitHeight = -1 })
        },
        RangeCase("left margin -0.1", .valueOutOfRange, value: "-0.1") {
            sheet, _ in try sheet.apply(setup { $0.margins = (left: -0.1, right: 0.5, top: 0.5, bottom: 0.5) })
        },
        RangeCase("bottom margin NaN", .valueOutOfRange, value: "nan") {
            sheet, _ in try sheet.apply(setup { $0.margins = (left: 0.5, right: 0.5, top: 0.5, bottom: .nan) })
        },
        RangeCase("repeated rows from -1", .outsideGrid, value: "-1...1") { sheet, _ in try sheet.apply(setup { $0.repeatRows = -1...1 }) },
        RangeCase("repeated rows to 1,048,576", .outsideGrid, value: "0...1048576") {
            sheet, _ in try sheet.apply(setup { $0.repeatRows = 0...1_048_576 })
        },
        RangeCase("footer with a picture", .invalidArgument, value: "&L&G") { sheet, _ in try sheet.apply(setup { $0.footer = "&L&G" }) },
        // Styles
        RangeCase("font size 0", .valueOutOfRange, value: "0.0") { sheet, _ in try sheet.write("x", row: 0, column: 0, style: CellStyle { $0.fontSize = 0 }) },
        RangeCase("font size 410", .valueOutOfRange, value: "410.0") { _, workbook in _ = try workbook.format(CellStyle { $0.fontSize = 410 }) },
        RangeCase("fill color 0x1000000", .valueOutOfRange, value: "0x1000000") {
            sheet, _ in try sheet.setRowHeight(20, row: 0, style: CellStyle { $0.fillColor = 0x100_0000 })
        },
        RangeCase("number format of 128 bytes", .invalidArgument, value: String(repeating: "0", count: 128)) { sheet, _ in
            _ = try sheet.format(CellStyle { $0.numberFormat = String(repeating: "0", count: 128) })
        },
        RangeCase("font name of 32 characters", .invalidArgument, value: String(repeating: "宋", count: 32)) { sheet, _ in
            try sheet.merge(range(0, 0, 0, 1), text: "t", style: CellStyle { $0.fontName = String(repeating: "宋", count: 32) })
        },
        // Charts
        RangeCase("chart at row -1", .outsideGrid, value: "-1") { sheet, workbook in try sheet.insert(workbook.addChart(.pie), row: -1, column: 0) },
        RangeCase("chart scale 0", .valueOutOfRange, value: "0.0") { sheet, workbook in
            let chart = try workbook.addChart(.pie)
            try chart.addSeries(name: "v", categories: "S!A1:A2", values: "S!B1:B2")
            try sheet.insert(chart, row: 0, column: 0, xScale: 0)
        },
        RangeCase("chart scale -2", .valueOutOfRange, value: "-2.0") { sheet, workbook in
            let chart = try workbook.addChart(.pie)
            try chart.addSeries(name: "v", categories: "S!A1:A2", values: "S!B1:B2")
            try sheet.insert(chart, row: 0, column: 0, yScale: -2)
        },
    ]

    @Test("each bad argument throws its code with the offending value", arguments: cases)
    func rejected(_ row: RangeCase) throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("range.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S")
        let error = try #require(throws: XLSXWriteError.self) { try row.run(sheet, workbook) }
        #expect(error.code == row.code)
        #expect(error.value == row.value)
        // Nothing half-applied: the workbook still closes into a file that openpyxl opens.
        try sheet.write("after", row: 5, column: 5)
        try workbook.close()
        let value = try openpyxl("print(json.dumps(openpyxl.load_workbook(sys.argv[1])['S']['F6'].value))",
                                 [folder.file("range.xlsx")]) as? String
        #expect(value == "after")
    }

    @Test("the limits themselves are accepted and reach the file")
    func limitsAccepted() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("limits.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S")
        try sheet.write("corner", row: CellAddress.maxRow, column: CellAddress.maxColumn)
        try sheet.setColumnWidth(255, columns: 0...0)
        try sheet.setColumnWidth(0, columns: 1...1)
        try sheet.setRowHeight(409, row: 0)
        var page = PageSetup()
        page.scale = 400
        page.margins = (left: 0, right: 0.25, top: 1, bottom: 1.5)
        page.repeatRows = 0...CellAddress.maxRow
        try sheet.apply(page)
        try workbook.close()
        let facts = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['S']
            print(json.dumps([ws['XFD1048576'].value, ws.column_dimensions['A'].width, ws.row_dimensions[1].height,
                              int(ws.page_setup.scale), ws.page_margins.left, ws.page_margins.bottom]))
            """, [path]) as? [Any]
        #expect(facts?[0] as? String == "corner")
        #expect((facts?[1] as? Double ?? 0) >= 255)
        #expect(facts?[2] as? Double == 409)
        #expect(facts?[3] as? Int == 400)
        #expect(facts?[4] as? Double == 0)
        #expect(facts?[5] as? Double == 1.5)
    }
}
