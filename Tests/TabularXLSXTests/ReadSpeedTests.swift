import Foundation
import TabularCore
import TabularXLSX
import Testing

/// A read-speed measurement over a workbook named by `TRACKSHEET_XLSX_BENCH` (skipped otherwise); run it in a
/// release build. It asserts only that rows came back; the timing goes to standard output for the record.
@Suite struct ReadSpeedTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TRACKSHEET_XLSX_BENCH"] != nil))
    func readWholeFirstSheet() throws {
        let path = try #require(ProcessInfo.processInfo.environment["TRACKSHEET_XLSX_BENCH"])
        let start = Date()
        let workbook = try XLSXWorkbook(path: path)
        let reader = try workbook.rows(of: workbook.worksheets[0])
        var rows = 0
        var cells = 0
        while let row = try reader.nextRow() {
            rows += 1
            cells += row.cells.count
        }
        let seconds = Date().timeIntervalSince(start)
        #expect(rows > 0)
        print("xlsx-bench: \(rows) rows, \(cells) cells in \(String(format: "%.3f", seconds)) s = \(Int(Double(rows) / seconds)) rows/s")
    }
}
