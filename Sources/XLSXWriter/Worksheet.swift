import CXlsxWriter
import TabularCore

/// One worksheet of a workbook: cells, rows and columns, panes, filters, merges and page setup.
///
/// Row and column indexes are 0-based. Every write is checked against Excel's limits before it reaches
/// libxlsxwriter, and every libxlsxwriter result is checked. A worksheet must not be used after its workbook closed.
public final class Worksheet: @unchecked Sendable {
    /// Excel's longest cell text, in UTF-16 code units.
    public static let maxTextLength = 32_767

    let pointer: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name.
    public let name: String
    let core: WorkbookCore

    init(pointer: UnsafeMutablePointer<lxw_worksheet>, name: String, core: WorkbookCore) {
        self.pointer = pointer
        self.name = name
        self.core = core
    }

    /// The workbook format for a style (cached by the workbook).
    public func format(_ style: CellStyle) -> Format { core.format(style) }

    // MARK: Cells

    /// Writes text as a string cell, never as a formula, even when it starts with `=`.
    ///
    /// Text that Excel would read as an `_xHHHH_` escape keeps its underscore escaped, so it reads back unchanged.
    /// - Throws: `.textTooLong` past 32,767 characters, `.outsideGrid` outside Excel's grid.
    public func write(_ text: String, row: Int, column: Int, format: Format? = nil) throws {
        try checkCell(row, column)
        if text.utf8.count > Worksheet.maxTextLength, text.utf16.count > Worksheet.maxTextLength {
            throw XLSXWriteError(
                .textTooLong,
                "text of \(text.utf16.count) characters is longer than Excel's limit of 32,767; shorten it or pass --truncate",
                location: location(row, column))
        }
        let stored = ExcelText.escapingUnderscoreEscapes(text)
        let error = stored.withCString { worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(column), $0, format?.pointer) }
        try check(error, "cannot write text", row, column)
    }

    /// Writes a number.
    ///
    /// - Throws: `.invalidNumber` for NaN or infinity, `.outsideGrid` outside Excel's grid.
    public func write(_ number: Double, row: Int, column: Int, format: Format? = nil) throws {
        try checkCell(row, column)
        guard number.isFinite else {
            throw XLSXWriteError(.invalidNumber, "Excel cannot store \(number)", location: location(row, column))
        }
        try check(worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(column), number, format?.pointer),
                  "cannot write a number", row, column)
    }

    /// Writes a date or date-time as an Excel serial number; give it a format with a date number format.
    ///
    /// - Throws: `.invalidArgument` for dates before 1900-01-01 (Excel cannot show them), `.outsideGrid`.
    public func write(_ date: LocalDateTime, row: Int, column: Int, format: Format? = nil) throws {
        try checkCell(row, column)
        guard date.year >= 1900 else {
            throw XLSXWriteError(.invalidArgument, "Excel cannot store dates before 1900: \(date)", location: location(row, column))
        }
        try check(worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(column),
                                         ExcelDateSystem.from1900.serial(of: date), format?.pointer),
                  "cannot write a date", row, column)
    }

    /// Writes a boolean.
    public func write(_ value: Bool, row: Int, column: Int, format: Format? = nil) throws {
        try checkCell(row, column)
        try check(worksheet_write_boolean(pointer, lxw_row_t(row), lxw_col_t(column), value ? 1 : 0, format?.pointer),
                  "cannot write a boolean", row, column)
    }

    /// Writes an empty cell that carries a format (borders on empty cells, for instance).
    public func writeBlank(row: Int, column: Int, format: Format) throws {
        try checkCell(row, column)
        try check(worksheet_write_blank(pointer, lxw_row_t(row), lxw_col_t(column), format.pointer),
                  "cannot write a blank cell", row, column)
    }

    /// Writes a formula such as `=SUM(B2:B9)`, with an optional cached result for readers that do not calculate.
    public func writeFormula(_ formula: String, row: Int, column: Int, format: Format? = nil, cachedValue: Double? = nil) throws {
        try checkCell(row, column)
        let error = formula.withCString { text in
            if let cachedValue {
                return worksheet_write_formula_num(pointer, lxw_row_t(row), lxw_col_t(column), text, format?.pointer, cachedValue)
            }
            return worksheet_write_formula(pointer, lxw_row_t(row), lxw_col_t(column), text, format?.pointer)
        }
        try check(error, "cannot write the formula \(formula)", row, column)
    }

    /// Writes a link to a place in this workbook, e.g. `'整改台账'!A7`, shown as `text`.
    public func writeInternalLink(to reference: String, text: String, row: Int, column: Int, format: Format? = nil) throws {
        try checkCell(row, column)
        let error = "internal:\(reference)".withCString { url in
            text.withCString { label in
                worksheet_write_url_opt(pointer, lxw_row_t(row), lxw_col_t(column), url, format?.pointer, label, nil)
            }
        }
        try check(error, "cannot write a link to \(reference)", row, column)
    }

    /// Merges a range into one cell holding text (merged cells need the workbook's normal, not constant-memory, mode).
    public func merge(_ range: CellRange, text: String, format: Format? = nil) throws {
        try checkCell(range.last.row, range.last.column)
        let error = ExcelText.escapingUnderscoreEscapes(text).withCString {
            worksheet_merge_range(pointer, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                                  lxw_row_t(range.last.row), lxw_col_t(range.last.column), $0, format?.pointer)
        }
        try check(error, "cannot merge \(range)", range.first.row, range.first.column)
    }

    // MARK: Rows, columns and views

    /// Sets the width (in characters of the default font) of columns `first...last`, with an optional default format.
    public func setColumnWidth(_ width: Double, columns: ClosedRange<Int>, format: Format? = nil, hidden: Bool = false) throws {
        try checkCell(0, columns.upperBound)
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        try check(worksheet_set_column_opt(pointer, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width,
                                           format?.pointer, &options),
                  "cannot set column widths", 0, columns.lowerBound)
    }

    /// Sets a row's height in points, with an optional default format.
    public func setRowHeight(_ height: Double, row: Int, format: Format? = nil) throws {
        try checkCell(row, 0)
        try check(worksheet_set_row(pointer, lxw_row_t(row), height, format?.pointer), "cannot set a row height", row, 0)
    }

    /// Freezes the rows above `row` and the columns left of `column`.
    public func freezePanes(row: Int, column: Int) {
        precondition(core.isOpen, "worksheet used after its workbook closed")
        worksheet_freeze_panes(pointer, lxw_row_t(row), lxw_col_t(column))
    }

    /// Puts an autofilter on a range whose first row holds the headers.
    public func autofilter(_ range: CellRange) throws {
        try checkCell(range.last.row, range.last.column)
        try check(worksheet_autofilter(pointer, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                                       lxw_row_t(range.last.row), lxw_col_t(range.last.column)),
                  "cannot set an autofilter on \(range)", range.first.row, range.first.column)
    }

    /// Tells Excel not to flag numbers stored as text in a range (no green triangles on ID numbers and codes).
    public func ignoreNumberStoredAsText(in range: CellRange) throws {
        precondition(core.isOpen, "worksheet used after its workbook closed")
        let error = range.description.withCString {
            worksheet_ignore_errors(pointer, UInt8(LXW_IGNORE_NUMBER_STORED_AS_TEXT.rawValue), $0)
        }
        try check(error, "cannot mark \(range) as text", range.first.row, range.first.column)
    }

    /// Makes this the sheet shown when the workbook opens.
    public func activate() {
        precondition(core.isOpen, "worksheet used after its workbook closed")
        worksheet_activate(pointer)
    }

    /// Hides the sheet: it stays in the workbook (readers and formulas see it) but is not shown as a tab.
    ///
    /// Excel needs one visible sheet and refuses to hide the active one; hide only sheets other than the one
    /// `activate()` names (libxlsxwriter's `worksheet_hide`, which cannot fail).
    public func hide() {
        precondition(core.isOpen, "worksheet used after its workbook closed")
        worksheet_hide(pointer)
    }

    /// Inserts a chart with its top-left corner at a cell, scaled from Excel's default 480 × 288 pixels.
    public func insert(_ chart: Chart, row: Int, column: Int, xScale: Double = 1, yScale: Double = 1) throws {
        try checkCell(row, column)
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try check(worksheet_insert_chart_opt(pointer, lxw_row_t(row), lxw_col_t(column), chart.pointer, &options),
                  "cannot insert a chart", row, column)
    }

    // MARK: Checks

    /// The place of a cell, for error messages.
    func location(_ row: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: core.path, sheet: name, line: row + 1, column: column + 1)
    }

    func checkCell(_ row: Int, _ column: Int) throws {
        precondition(core.isOpen, "worksheet used after its workbook closed")
        guard (0...CellAddress.maxRow).contains(row), (0...CellAddress.maxColumn).contains(column) else {
            throw XLSXWriteError(
                .outsideGrid,
                "row \(row + 1), column \(column + 1) is outside Excel's grid of 1,048,576 rows and 16,384 columns",
                location: location(row, column))
        }
    }

    func check(_ error: lxw_error, _ what: String, _ row: Int, _ column: Int) throws {
        if error != LXW_NO_ERROR {
            throw XLSXWriteError.library(error, what, location: location(row, column))
        }
    }
}

/// ECMA-376's `_xHHHH_` escapes in cell text (Part 1, §22.9.2.19).
enum ExcelText {
    /// Escapes the underscore of any literal `_xHHHH_` in text as `_x005F_`, so readers do not decode it.
    ///
    /// (libxlsxwriter itself escapes the C0 control characters that XML cannot hold.)
    static func escapingUnderscoreEscapes(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return text }
        let array = Array(bytes)
        var output: [UInt8] = []
        var index = 0
        var changed = false
        while index < array.count {
            if array[index] == UInt8(ascii: "_"), isEscape(array, at: index) {
                output.append(contentsOf: Array("_x005F_".utf8))
                changed = true
            } else {
                output.append(array[index])
            }
            index += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    private static func isEscape(_ bytes: [UInt8], at start: Int) -> Bool {
        guard start + 6 < bytes.count, bytes[start + 1] == UInt8(ascii: "x"), bytes[start + 6] == UInt8(ascii: "_") else {
            return false
        }
        return bytes[(start + 2)...(start + 5)].allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
