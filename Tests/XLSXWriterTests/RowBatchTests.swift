import Foundation
import TabularCore
import TestSupport
import Testing
import XLSXWriter

@Suite("Row batches: rows built on another thread, written by the workbook's thread")
struct RowBatchTests {
    /// The sheet's cells as openpyxl reads them: value, number format, bold, fill, horizontal alignment, by A1 name;
    /// merged ranges; row heights; links.
    private func read(_ path: String, sheet: String) throws -> [String: Any] {
        try #require(try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb[sys.argv[2]]
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.has_style or c.value is not None:
                        cells[c.coordinate] = [c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat(),
                                               c.number_format, bool(c.font.b), c.fill.fgColor.rgb if c.fill.fill_type else None,
                                               c.alignment.horizontal]
            print(json.dumps({
                "cells": cells,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "heights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height is not None},
                "links": {c.coordinate: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink},
            }))
            """, [path, sheet]) as? [String: Any])
    }

    @Test("a batch built on another thread writes texts, numbers, dates, blanks, links, heights and merges as the sheet's own methods do")
    func writesEveryKind() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("batch.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "表", rows: .streamed)
        let built = try await Task.detached { () throws -> RowBatch in
            var rows = RowBatchBuilder(sheet: "表", path: path, streamed: true)
            let bold = try rows.declare(CellStyle { $0.bold = true; $0.horizontalAlignment = .center })
            let date = try rows.declare(CellStyle { $0.numberFormat = "yyyy-mm-dd" })
            let fill = try rows.declare(CellStyle { $0.fillColor = 0xFFC7CE })
            try rows.setRowHeight(30, row: 0)
            try rows.merge(CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 0, column: 2)), text: "标题", style: bold)
            try rows.markMerged(CellRange(CellAddress(row: 1, column: 0), CellAddress(row: 2, column: 0)))
            try rows.write("学习流于表面", row: 1, column: 0, style: bold)
            try rows.write(12.5, row: 1, column: 1, style: nil)
            try rows.write(LocalDateTime(year: 2025, month: 6, day: 30)!, row: 1, column: 2, style: date)
            try rows.writeBlank(row: 2, column: 0, style: bold)
            try rows.writeInternalLink(to: "'表'!A1", text: "回到顶部", row: 2, column: 1, style: nil)
            try rows.writeBlank(row: 2, column: 2, style: fill)
            try rows.write("_x0041_", row: 3, column: 0, style: nil)
            return rows.takeBatch()
        }.value
        try sheet.write(built)
        try workbook.close()

        let sheetData = try read(path, sheet: "表")
        let cells = try #require(sheetData["cells"] as? [String: [Any]])
        #expect(cells["A1"]?[0] as? String == "标题")
        #expect(cells["A1"]?[2] as? Bool == true)
        #expect(cells["A1"]?[4] as? String == "center")
        #expect(cells["A2"]?[0] as? String == "学习流于表面")
        #expect(cells["B2"]?[0] as? Double == 12.5)
        #expect(cells["C2"]?[0] as? String == "2025-06-30T00:00:00")
        #expect(cells["C2"]?[1] as? String == "yyyy-mm-dd")
        #expect(cells["B3"]?[0] as? String == "回到顶部")
        #expect((cells["C3"]?[3] as? String)?.hasSuffix("FFC7CE") == true)
        // A literal _x0041_ is stored with its underscore escaped (_x005F_), so that Excel, which decodes _xHHHH_ in
        // cell text, shows it as typed; openpyxl does not decode inline strings and shows the stored form.
        #expect(cells["A4"]?[0] as? String == "_x005F_x0041_")
        #expect(sheetData["merged"] as? [String] == ["A1:C1", "A2:A3"])
        #expect((sheetData["heights"] as? [String: Double])?["1"] == 30)
        #expect((sheetData["links"] as? [String: String])?["B3"] == "'表'!A1")
    }

    @Test("the same cells written by a batch and by the sheet's methods give the same package, byte for byte")
    func sameBytesAsDirectWrites() throws {
        let folder = try TemporaryDirectory()
        func build(_ path: String, batched: Bool) throws {
            let workbook = try Workbook(path: path)
            var properties = DocumentProperties()
            properties.created = 1_764_460_800
            try workbook.setProperties(properties)
            let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
            let text = CellStyle { $0.wrapsText = true; $0.border = .thin }
            let number = CellStyle { $0.numberFormat = "0" }
            if batched {
                var rows = RowBatchBuilder(sheet: "S", path: path, streamed: true)
                let textStyle = try rows.declare(text)
                let numberStyle = try rows.declare(number)
                for row in 0..<50 {
                    try rows.setRowHeight(20, row: row)
                    try rows.write(Double(row), row: row, column: 0, style: numberStyle)
                    try rows.write("第\(row)行 & <x>", row: row, column: 1, style: textStyle)
                    try rows.writeBlank(row: row, column: 2, style: textStyle)
                    if row % 10 == 0 { try sheet.write(rows.takeBatch()) }
                }
                try sheet.write(rows.takeBatch())
            } else {
                for row in 0..<50 {
                    try sheet.setRowHeight(20, row: row)
                    try sheet.write(Double(row), row: row, column: 0, style: number)
                    try sheet.write("第\(row)行 & <x>", row: row, column: 1, style: text)
                    try sheet.writeBlank(row: row, column: 2, style: text)
                }
            }
            try workbook.close()
        }
        try build(folder.file("direct.xlsx"), batched: false)
        try build(folder.file("batched.xlsx"), batched: true)
        let direct = try Data(contentsOf: URL(fileURLWithPath: folder.file("direct.xlsx")))
        let batched = try Data(contentsOf: URL(fileURLWithPath: folder.file("batched.xlsx")))
        #expect(direct == batched)
    }

    /// A builder's check, by the code it throws and the cell it names.
    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let code: XLSXWriteError.Code
        let row: Int?
        let act: @Sendable (inout RowBatchBuilder) throws -> Void
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "text past 32,767 characters", code: .textTooLong, row: 3) {
            try $0.write(String(repeating: "字", count: 32_768), row: 2, column: 0, style: nil)
        },
        Refusal(name: "NaN", code: .invalidNumber, row: 1) { try $0.write(Double.nan, row: 0, column: 0, style: nil) },
        Refusal(name: "a date before 1900", code: .invalidArgument, row: 1) {
            try $0.write(LocalDateTime(year: 1899, month: 12, day: 31)!, row: 0, column: 0, style: nil)
        },
        Refusal(name: "a row past the grid", code: .outsideGrid, row: nil) {
            try $0.write("x", row: CellAddress.maxRow + 1, column: 0, style: nil)
        },
        Refusal(name: "a row above the one written last", code: .rowOutOfOrder, row: 4) {
            try $0.write("x", row: 5, column: 0, style: nil)
            try $0.write("y", row: 3, column: 0, style: nil)
        },
        Refusal(name: "a height above 409 points", code: .valueOutOfRange, row: 1) { try $0.setRowHeight(410, row: 0) },
        Refusal(name: "a merge of one cell", code: .invalidArgument, row: 1) {
            try $0.markMerged(CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 0, column: 0)))
        },
        Refusal(name: "a merge of several rows with text on a streamed sheet", code: .invalidArgument, row: 1) {
            try $0.merge(CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 1, column: 0)), text: "x", style: nil)
        },
        Refusal(name: "an empty link target", code: .invalidArgument, row: 1) {
            try $0.writeInternalLink(to: "", text: "x", row: 0, column: 0, style: nil)
        },
        Refusal(name: "a style with a font size of 0", code: .valueOutOfRange, row: nil) {
            _ = try $0.declare(CellStyle { $0.fontSize = 0 })
        },
    ]

    @Test("the builder refuses what the sheet's methods refuse, with the code and the cell", arguments: refusals)
    func builderRefuses(_ refusal: Refusal) throws {
        var rows = RowBatchBuilder(sheet: "S", path: "/tmp/x.xlsx", streamed: true)
        let error = try #require(throws: XLSXWriteError.self) { try refusal.act(&rows) }
        #expect(error.code == refusal.code)
        #expect(error.location?.sheet == "S")
        #expect(error.location?.file == "/tmp/x.xlsx")
        #expect(error.location?.line == refusal.row)
    }

    @Test("a batch for another sheet, or out of order, is refused before any cell is written")
    func wrongSheetOrOrder() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("order.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        var other = RowBatchBuilder(sheet: "T", path: path, streamed: true)
        try other.write("x", row: 0, column: 0, style: nil)
        let wrongSheet = try #require(throws: XLSXWriteError.self) { try sheet.write(other.takeBatch()) }
        #expect(wrongSheet.code == .invalidArgument)

        var rows = RowBatchBuilder(sheet: "S", path: path, streamed: true)
        try rows.write("first", row: 0, column: 0, style: nil)
        let first = rows.takeBatch()
        try rows.write("second", row: 1, column: 0, style: nil)
        let second = rows.takeBatch()
        let outOfOrder = try #require(throws: XLSXWriteError.self) { try sheet.write(second) }
        #expect(outOfOrder.code == .invalidArgument)
        #expect(outOfOrder.value == "1")
        try sheet.write(first)
        try sheet.write(second)
        try workbook.close()
        let cells = try #require(try read(path, sheet: "S")["cells"] as? [String: [Any]])
        #expect(cells["A1"]?[0] as? String == "first")
        #expect(cells["A2"]?[0] as? String == "second")
    }

    @Test("a merged range overlapping one merged before is refused when the batch is written")
    func overlapRefusedOnWrite() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("overlap.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        try sheet.markMerged(CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 3, column: 0)))
        var rows = RowBatchBuilder(sheet: "S", path: path, streamed: true)
        try rows.markMerged(CellRange(CellAddress(row: 2, column: 0), CellAddress(row: 4, column: 1)))
        let error = try #require(throws: XLSXWriteError.self) { try sheet.write(rows.takeBatch()) }
        #expect(error.code == .invalidArgument)
        #expect(error.value == "A3:B5")
    }

    @Test("a batch written after its workbook closed throws workbook-closed")
    func afterClose() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("closed.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        try workbook.close()
        var rows = RowBatchBuilder(sheet: "S", path: path, streamed: true)
        try rows.write("late", row: 0, column: 0, style: nil)
        let error = try #require(throws: XLSXWriteError.self) { try sheet.write(rows.takeBatch()) }
        #expect(error.code == .workbookClosed)
    }
}
