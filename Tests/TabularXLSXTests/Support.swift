import TabularCore
import TabularXLSX
import TestSupport
import Testing

/// The absolute path of a committed fixture (made by Fixtures/make_fixtures.py).
func fixture(_ name: String) -> String {
    packagePath("Tests/TabularXLSXTests/Fixtures/\(name)")
}

/// Every row of a sheet, by name, through the streaming reader.
func readRows(_ file: String, sheet: String, limits: XLSXLimits = XLSXLimits()) throws -> [Row] {
    let workbook = try XLSXWorkbook(path: fixture(file), limits: limits)
    let reader = try workbook.rows(of: try workbook.sheet(named: sheet))
    var rows: [Row] = []
    while let row = try reader.nextRow() { rows.append(row) }
    return rows
}

/// The value at an A1 reference in rows read from a sheet, `.empty` when absent.
func value(_ rows: [Row], _ reference: String) -> CellValue {
    guard let address = CellAddress(a1: reference) else { return .error("bad test reference \(reference)") }
    guard let row = rows.first(where: { $0.line == address.row + 1 }) else { return .empty }
    return row[address.column]
}

/// A date-time for expectations (in argument tables, where `#require` cannot run); an impossible one becomes an
/// `.error` cell naming it, so the expectation fails instead of the test process trapping.
func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Double = 0) -> CellValue {
    guard let value = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else {
        return .error("bad test date \(year)-\(month)-\(day) \(hour):\(minute):\(second)")
    }
    return .date(value)
}

/// The error a throwing expression produced, as an `XLSXReadError`, or nil when it did not throw one.
func readError(_ body: () throws -> Void) -> XLSXReadError? {
    do {
        try body()
        return nil
    } catch let error as XLSXReadError {
        return error
    } catch {
        return XLSXReadError(.malformedXML, "unexpected error type: \(error)", location: nil)
    }
}
