import Foundation
import TabularCore
import TabularXLSX
import TestSupport
import Testing

/// Every row of every worksheet as `readText` gives it: each row's fields as strings, with its line number.
private func textRows(_ path: String, limits: XLSXLimits = XLSXLimits()) throws -> [[String]] {
    let workbook = try XLSXWorkbook(path: path, limits: limits)
    var result: [[String]] = []
    for sheet in workbook.worksheets {
        let reader = try workbook.rows(of: sheet)
        var rows = SheetTextRows()
        while try reader.readText(into: &rows, count: 3) {
            var first = 0
            for end in rows.rowEnds {
                var fields: [String] = []
                var start = first == 0 ? 0 : rows.fieldEnds[first - 1]
                for fieldEnd in rows.fieldEnds[first..<end] {
                    fields.append(String(decoding: rows.bytes[start..<fieldEnd], as: UTF8.self))
                    start = fieldEnd
                }
                result.append(fields)
                first = end
            }
            rows.removeAll()
        }
    }
    return result
}

/// Every row of every worksheet through `nextRow()`, as `CellValue.text`, gaps between row numbers as empty rows.
private func cellRows(_ path: String, limits: XLSXLimits = XLSXLimits()) throws -> [[String]] {
    let workbook = try XLSXWorkbook(path: path, limits: limits)
    var result: [[String]] = []
    for sheet in workbook.worksheets {
        let reader = try workbook.rows(of: sheet)
        while let row = try reader.nextRow() { result.append(row.cells.map(\.text)) }
    }
    return result
}

@Suite("XLSXSheetReader.readText and formula cells without a value")
struct RowTextTests {
    /// The text path promises `CellValue.text` of what `nextRow()` reads, and the same errors: checked on every
    /// committed fixture (written by openpyxl, XlsxWriter, LibreOffice, and hostile hand-made packages).
    @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: fixture("")).filter { $0.hasSuffix(".xlsx") }.sorted())
    func textMatchesCells(name: String) throws {
        let limits = XLSXLimits()
        let cells = Result { try cellRows(fixture(name), limits: limits) }
        let text = Result { try textRows(fixture(name), limits: limits) }
        switch (cells, text) {
        case (.success(let expected), .success(let found)):
            #expect(found == expected)
        case (.failure(let expected), .failure(let found)):
            #expect("\(found)" == "\(expected)")
        default:
            Issue.record("one path failed and the other did not: \(cells) vs \(text)")
        }
    }

    /// openpyxl stores formulas without computing them: `<f>A5+B5</f><v></v>`.
    @Test func formulasWithoutCachedValues() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("formulas.xlsx")
        _ = try runPython("""
            import sys, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            for row in range(1, 5):
                ws.append([row, row * 2])
            ws.append([5, 10, '=A5+B5'])
            ws.append(['=A1', 12, '=SUM(A6:B6)'])
            wb.save(sys.argv[1])
            """, [path])
        let workbook = try XLSXWorkbook(path: path)
        let reader = try workbook.rows(of: workbook.worksheets[0])
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(rows.map(\.cells.count) == [2, 2, 2, 2, 2, 2])
        #expect(reader.formulaCellsWithoutValue == 3)
        #expect(reader.firstFormulaCellWithoutValue == CellAddress(row: 4, column: 2))

        let textReader = try workbook.rows(of: workbook.worksheets[0])
        var text = SheetTextRows()
        while try textReader.readText(into: &text, count: 100) {}
        #expect(text.count == 6)
        #expect(textReader.formulaCellsWithoutValue == 3)
        #expect(textReader.firstFormulaCellWithoutValue == CellAddress(row: 4, column: 2))
    }
}
