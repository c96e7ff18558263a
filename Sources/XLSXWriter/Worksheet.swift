import CXlsxWriter
import TabularCore

/// One worksheet of a workbook: cells, rows and columns, panes, filters, merges and page setup.
///
/// Row and column indexes are 0-based. Every argument is checked against Excel's limits before it reaches
/// libxlsxwriter, and every libxlsxwriter result is checked: a bad one is a thrown `XLSXWriteError`, never a trap.
/// Cell looks are given as `CellStyle` values, which the worksheet turns into its own workbook's formats, so no
/// format can cross workbooks. After its workbook closed (or was dropped) every method throws `.workbookClosed`.
///
/// Not `Sendable`: use a workbook and its worksheets from one thread at a time (`Workbook.writeConcurrently` hands
/// some to a second thread, checked). Memory: a worksheet refers to its
/// workbook's shared state, not the other way round; dropping it frees its Swift state (the C sheet belongs to the
/// workbook).
public final class Worksheet {
    /// Excel's longest cell text, in UTF-16 code units.
    public static let maxTextLength = 32_767
    /// Excel's widest column, in characters of the default font.
    public static let maxColumnWidth = 255.0
    /// Excel's tallest row, in points.
    public static let maxRowHeight = 409.0
    /// The most links Excel keeps on one worksheet.
    public static let maxLinks = 65_530
    /// The longest link target Excel accepts, in characters.
    public static let maxLinkLength = 2_079

    /// The libxlsxwriter worksheet, valid while `core` is open.
    let pointer: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name.
    public let name: String
    /// The workbook's shared state.
    let core: WorkbookCore
    /// The ranges merged so far, to refuse overlaps (which Excel reports as a damaged file).
    var merged = MergedRanges()
    /// The number of links written, against `maxLinks`.
    var links = 0
    /// How the sheet holds its cells until the workbook is written.
    public let rowStorage: RowStorage
    /// In a streamed sheet, the row written last (libxlsxwriter's current row): rows above it are on disk already.
    var currentRow = 0
    /// The formats of the styles `RowBatch`es declared, by slot (valid while `core` is open).
    var batchFormats: [UnsafeMutablePointer<lxw_format>] = []
    /// The number of `RowBatch`es written, the sequence number the next must carry.
    var batchesWritten = 0
    /// While the sheet is handed to a second thread (`Workbook.writeConcurrently`): that thread and the frozen
    /// formats the sheet resolves styles from. Set and cleared only while no other thread runs.
    var lane: SheetLane?

    init(pointer: UnsafeMutablePointer<lxw_worksheet>, name: String, core: WorkbookCore, rowStorage: RowStorage) {
        self.pointer = pointer
        self.name = name
        self.core = core
        self.rowStorage = rowStorage
    }

    // MARK: Cells

    /// This workbook's format for a style, made on first use and cached: a cheap handle for writing many cells.
    ///
    /// - Throws: `.valueOutOfRange` or `.invalidArgument` for a style Excel cannot hold (see `CellStyle`),
    ///   `.workbookClosed`, `.library` when libxlsxwriter cannot allocate the format.
    public func format(_ style: CellStyle) throws -> CellFormat {
        if let lane {
            _ = try openSheet()
            return try lane.handle(for: style, at: SourceLocation(file: core.path, sheet: name))
        }
        return try core.format(for: style, at: SourceLocation(file: core.path, sheet: name))
    }

    /// Writes text as a string cell, never as a formula, even when it starts with `=`.
    ///
    /// Text that Excel would read as an `_xHHHH_` escape keeps its underscore escaped, so it reads back unchanged.
    /// - Throws: `.textTooLong` past 32,767 characters, `.outsideGrid` outside Excel's grid, `.workbookClosed`, and
    ///   for a bad style the codes of `CellStyle`'s checks (`.valueOutOfRange`, `.invalidArgument`).
    public func write(_ text: String, row: Int, column: Int, style: CellStyle? = nil) throws {
        try write(text, row: row, column: column, lxwFormat: format(style, row, column))
    }

    /// Writes text with a format handle of this workbook, as `write(_:row:column:style:)` does.
    ///
    /// - Throws: as `write(_:row:column:style:)`, and `.wrongWorkbook` for a format of another workbook.
    public func write(_ text: String, row: Int, column: Int, format: CellFormat?) throws {
        try write(text, row: row, column: column, lxwFormat: pointer(of: format, row, column))
    }

    private func write(_ text: String, row: Int, column: Int, lxwFormat format: UnsafeMutablePointer<lxw_format>?) throws {
        let sheet = try writableCell(row, column)
        try checkLength(text, row, column)
        let stored = ExcelText.escapingUnderscoreEscapes(text)
        let error = stored.withCString { worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), $0, format) }
        try checkWrite(error, "cannot write text", row, column)
    }

    /// Writes a number.
    ///
    /// - Throws: `.invalidNumber` for NaN or infinity, `.outsideGrid` outside Excel's grid, `.workbookClosed`.
    public func write(_ number: Double, row: Int, column: Int, style: CellStyle? = nil) throws {
        try write(number, row: row, column: column, lxwFormat: format(style, row, column))
    }

    /// Writes a number with a format handle of this workbook, as `write(_:row:column:style:)` does.
    ///
    /// - Throws: as `write(_:row:column:style:)`, and `.wrongWorkbook` for a format of another workbook.
    public func write(_ number: Double, row: Int, column: Int, format: CellFormat?) throws {
        try write(number, row: row, column: column, lxwFormat: pointer(of: format, row, column))
    }

    private func write(_ number: Double, row: Int, column: Int, lxwFormat format: UnsafeMutablePointer<lxw_format>?) throws {
        let sheet = try writableCell(row, column)
        guard number.isFinite else {
            throw XLSXWriteError(.invalidNumber, "Excel cannot store \(number)", location: location(row, column), value: "\(number)")
        }
        try checkWrite(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), number, format), "cannot write a number", row, column)
    }

    /// Writes a date or date-time as an Excel serial number; give it a style with a date number format.
    ///
    /// - Throws: `.invalidArgument` for dates before 1900-01-01 (Excel cannot show them), `.outsideGrid`,
    ///   `.workbookClosed`.
    public func write(_ date: LocalDateTime, row: Int, column: Int, style: CellStyle? = nil) throws {
        try write(date, row: row, column: column, lxwFormat: format(style, row, column))
    }

    /// Writes a date with a format handle of this workbook, as `write(_:row:column:style:)` does.
    ///
    /// - Throws: as `write(_:row:column:style:)`, and `.wrongWorkbook` for a format of another workbook.
    public func write(_ date: LocalDateTime, row: Int, column: Int, format: CellFormat?) throws {
        try write(date, row: row, column: column, lxwFormat: pointer(of: format, row, column))
    }

    private func write(_ date: LocalDateTime, row: Int, column: Int, lxwFormat format: UnsafeMutablePointer<lxw_format>?) throws {
        let sheet = try writableCell(row, column)
        guard date.year >= 1900 else {
            throw XLSXWriteError(.invalidArgument, "Excel cannot store dates before 1900", location: location(row, column),
                                 value: "\(date)")
        }
        try checkWrite(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), ExcelDateSystem.from1900.serial(of: date), format),
                  "cannot write a date", row, column)
    }

    /// Writes a boolean.
    ///
    /// - Throws: `.outsideGrid` outside Excel's grid, `.workbookClosed`.
    public func write(_ value: Bool, row: Int, column: Int, style: CellStyle? = nil) throws {
        try write(value, row: row, column: column, lxwFormat: format(style, row, column))
    }

    /// Writes a boolean with a format handle of this workbook.
    ///
    /// - Throws: as `write(_:row:column:style:)`, and `.wrongWorkbook` for a format of another workbook.
    public func write(_ value: Bool, row: Int, column: Int, format: CellFormat?) throws {
        try write(value, row: row, column: column, lxwFormat: pointer(of: format, row, column))
    }

    private func write(_ value: Bool, row: Int, column: Int, lxwFormat format: UnsafeMutablePointer<lxw_format>?) throws {
        let sheet = try writableCell(row, column)
        try checkWrite(worksheet_write_boolean(sheet, lxw_row_t(row), lxw_col_t(column), value ? 1 : 0, format),
                  "cannot write a boolean", row, column)
    }

    /// Writes an empty cell that carries a style (borders on empty cells, for instance).
    ///
    /// - Throws: `.outsideGrid` outside Excel's grid, `.workbookClosed`.
    public func writeBlank(row: Int, column: Int, style: CellStyle) throws {
        try writeBlank(row: row, column: column, lxwFormat: format(style, row, column))
    }

    /// Writes an empty cell that carries a format handle of this workbook.
    ///
    /// - Throws: as `writeBlank(row:column:style:)`, and `.wrongWorkbook` for a format of another workbook.
    public func writeBlank(row: Int, column: Int, format: CellFormat) throws {
        try writeBlank(row: row, column: column, lxwFormat: pointer(of: format, row, column))
    }

    private func writeBlank(row: Int, column: Int, lxwFormat format: UnsafeMutablePointer<lxw_format>?) throws {
        let sheet = try writableCell(row, column)
        try checkWrite(worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), format), "cannot write a blank cell", row, column)
    }

    /// Writes a formula such as `=SUM(B2:B9)`, with an optional cached result for readers that do not calculate.
    ///
    /// - Throws: `.invalidArgument` for an empty formula, `.invalidNumber` for a NaN or infinite cached value,
    ///   `.textTooLong` past 8,192 characters, `.outsideGrid`, `.workbookClosed`, or libxlsxwriter's code.
    public func writeFormula(_ formula: String, row: Int, column: Int, style: CellStyle? = nil, cachedValue: Double? = nil) throws {
        let sheet = try writableCell(row, column)
        guard !formula.isEmpty, !formula.utf8.contains(0) else {
            throw XLSXWriteError(.invalidArgument, "a formula cannot be empty or hold a NUL character", location: location(row, column),
                                 value: formula)
        }
        guard formula.utf16.count <= 8_192 else {
            throw XLSXWriteError(.textTooLong, "a formula has at most 8,192 characters", location: location(row, column),
                                 value: String(formula.prefix(40)) + "…")
        }
        if let cachedValue, !cachedValue.isFinite {
            throw XLSXWriteError(.invalidNumber, "a formula's cached value must be a finite number", location: location(row, column),
                                 value: "\(cachedValue)")
        }
        let format = try format(style, row, column)
        let error = formula.withCString { text in
            if let cachedValue {
                return worksheet_write_formula_num(sheet, lxw_row_t(row), lxw_col_t(column), text, format, cachedValue)
            }
            return worksheet_write_formula(sheet, lxw_row_t(row), lxw_col_t(column), text, format)
        }
        try checkWrite(error, "cannot write the formula \(formula)", row, column)
    }

    /// Writes a link to a place in this workbook, e.g. `'整改台账'!A7`, shown as `text`.
    ///
    /// - Throws: `.invalidArgument` for an empty reference or one past 2,079 characters, `.textTooLong` for text
    ///   past 32,767 characters, `.valueOutOfRange` past 65,530 links on the sheet, `.outsideGrid`,
    ///   `.workbookClosed`, or libxlsxwriter's code.
    public func writeInternalLink(to reference: String, text: String, row: Int, column: Int, style: CellStyle? = nil) throws {
        let sheet = try writableCell(row, column)
        let url = try Worksheet.internalLinkURL(to: reference, text: text, linksSoFar: links, at: location(row, column))
        let format = try format(style, row, column)
        if format == nil { try refuseWhileHanded("given a link without a style (the workbook's default link format is shared)") }
        let error = url.withCString { target in
            text.withCString { label in
                worksheet_write_url_opt(sheet, lxw_row_t(row), lxw_col_t(column), target, format, label, nil)
            }
        }
        try checkWrite(error, "cannot write a link to \(reference)", row, column)
        links += 1
    }

    /// Merges a range into one cell holding text: the first cell gets the text, the others are written blank, all
    /// with the style.
    ///
    /// In a streamed worksheet (`RowStorage.streamed`) only a range within one row is merged this way; a range of
    /// several rows is marked with `markMerged(_:)` and its cells written row by row.
    /// - Throws: `.invalidArgument` for a single cell, a range that overlaps one merged before (Excel calls such a
    ///   file damaged) or, in a streamed worksheet, a range of several rows; `.rowOutOfOrder` in a streamed worksheet
    ///   when the row is finished already; `.textTooLong`, `.outsideGrid`, `.workbookClosed`, or libxlsxwriter's code.
    public func merge(_ range: CellRange, text: String, style: CellStyle? = nil) throws {
        let sheet = try cells(range)
        try checkMergeable(range)
        if rowStorage == .streamed {
            guard range.first.row == range.last.row else {
                throw XLSXWriteError(.invalidArgument, "a streamed worksheet merges a range of several rows with markMerged(_:) and the cells written row by row",
                                     location: location(range.first.row, range.first.column), value: range.description)
            }
            _ = try writableCell(range.first.row, range.first.column)
        }
        try checkLength(text, range.first.row, range.first.column)
        let format = try format(style, range.first.row, range.first.column)
        let error = ExcelText.escapingUnderscoreEscapes(text).withCString {
            worksheet_merge_range(sheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                                  lxw_row_t(range.last.row), lxw_col_t(range.last.column), $0, format)
        }
        try checkWrite(error, "cannot merge \(range)", range.first.row, range.first.column)
        merged.insert(range)
    }

    /// Marks a range as merged without writing any of its cells, for the caller to write them: the first with the
    /// value, the others blank, all with the same style (what `merge(_:text:style:)` writes).
    ///
    /// This is how a streamed worksheet merges a range of several rows: mark it while its first row is the one
    /// being written (or before), then write the rows in order. In an in-memory worksheet it may be called at any time.
    /// - Throws: `.invalidArgument` for a single cell or a range that overlaps one merged before, `.rowOutOfOrder` in
    ///   a streamed worksheet when the range's first row is finished already, `.outsideGrid`, `.workbookClosed`, or
    ///   libxlsxwriter's code.
    public func markMerged(_ range: CellRange) throws {
        let sheet = try cells(range)
        try checkMergeable(range)
        try checkOrder(range.first.row, range.first.column)
        // Empty text and no format: libxlsxwriter records the range and writes no cell (an empty string and a blank
        // without a format are both skipped), so nothing moves the streamed sheet's current row.
        let error = "".withCString {
            worksheet_merge_range(sheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                                  lxw_row_t(range.last.row), lxw_col_t(range.last.column), $0, nil)
        }
        try check(error, "cannot merge \(range)", range.first.row, range.first.column)
        merged.insert(range)
    }

    /// Refuses a single cell and a range overlapping one merged before.
    private func checkMergeable(_ range: CellRange) throws {
        guard range.first != range.last else {
            throw XLSXWriteError(.invalidArgument, "a merged range needs more than one cell; write the cell instead",
                                 location: location(range.first.row, range.first.column), value: range.description)
        }
        if let other = merged.firstOverlap(with: range) {
            throw XLSXWriteError(.invalidArgument, "the merged range \(range) overlaps \(other), merged before",
                                 location: location(range.first.row, range.first.column), value: range.description)
        }
    }

    // MARK: Rows, columns and views

    /// Sets the width (in characters of the default font) of columns `first...last`, with an optional default style.
    ///
    /// - Throws: `.valueOutOfRange` for a width outside 0...255, `.outsideGrid` for columns outside the grid,
    ///   `.workbookClosed`.
    public func setColumnWidth(_ width: Double, columns: ClosedRange<Int>, style: CellStyle? = nil, hidden: Bool = false) throws {
        let sheet = try cells(CellRange(CellAddress(row: 0, column: columns.lowerBound), CellAddress(row: 0, column: columns.upperBound)))
        guard (0...Worksheet.maxColumnWidth).contains(width) else {
            throw XLSXWriteError(.valueOutOfRange, "a column width must be 0 to 255 characters",
                                 location: location(0, columns.lowerBound), value: "\(width)")
        }
        let format = try format(style, 0, columns.lowerBound)
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        try check(worksheet_set_column_opt(sheet, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, format, &options),
                  "cannot set column widths", 0, columns.lowerBound)
    }

    /// Sets a row's height in points (stored to a hundredth of a point), with an optional default style.
    ///
    /// - Throws: `.valueOutOfRange` for a height outside 0...409 points, `.outsideGrid`, `.workbookClosed`.
    public func setRowHeight(_ height: Double, row: Int, style: CellStyle? = nil) throws {
        let sheet = try writableCell(row, 0)
        guard (0...Worksheet.maxRowHeight).contains(height) else {
            throw XLSXWriteError(.valueOutOfRange, "a row height must be 0 to 409 points", location: location(row, 0), value: "\(height)")
        }
        let format = try format(style, row, 0)
        try checkWrite(worksheet_set_row(sheet, lxw_row_t(row), Worksheet.storedHeight(height), format),
                       "cannot set a row height", row, 0)
    }

    /// A row height as the package stores it: rounded to a hundredth of a point, so that a computed height is written
    /// `35.04`, not libxlsxwriter's `%.16g` of it, `35.04000000000001` (Excel keeps heights to a twentieth at best).
    static func storedHeight(_ points: Double) -> Double {
        (points * 100).rounded() / 100
    }

    /// Freezes the rows above `row` and the columns left of `column`.
    ///
    /// - Throws: `.outsideGrid` outside Excel's grid, `.workbookClosed`.
    public func freezePanes(row: Int, column: Int) throws {
        let sheet = try cell(row, column)
        worksheet_freeze_panes(sheet, lxw_row_t(row), lxw_col_t(column))
    }

    /// Puts an autofilter on a range whose first row holds the headers.
    ///
    /// - Throws: `.outsideGrid` outside Excel's grid, `.workbookClosed`, or libxlsxwriter's code.
    public func autofilter(_ range: CellRange) throws {
        let sheet = try cells(range)
        try check(worksheet_autofilter(sheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                                       lxw_row_t(range.last.row), lxw_col_t(range.last.column)),
                  "cannot set an autofilter on \(range)", range.first.row, range.first.column)
    }

    /// Tells Excel not to flag numbers stored as text in a range (no green triangles on ID numbers and codes).
    ///
    /// - Throws: `.outsideGrid` outside Excel's grid, `.workbookClosed`, or libxlsxwriter's code.
    public func ignoreNumberStoredAsText(in range: CellRange) throws {
        let sheet = try cells(range)
        let error = range.description.withCString {
            worksheet_ignore_errors(sheet, UInt8(LXW_IGNORE_NUMBER_STORED_AS_TEXT.rawValue), $0)
        }
        try check(error, "cannot mark \(range) as text", range.first.row, range.first.column)
    }

    /// Makes this the sheet shown when the workbook opens.
    ///
    /// - Throws: `.workbookClosed`.
    public func activate() throws {
        let sheet = try openSheet()
        try refuseWhileHanded("activated (the workbook's active sheet is shared)")
        worksheet_activate(sheet)
    }

    /// Hides the sheet: it stays in the workbook (readers and formulas see it) but is not shown as a tab.
    ///
    /// Excel needs one visible sheet and refuses to hide the active one; hide only sheets other than the one
    /// `activate()` names (libxlsxwriter's `worksheet_hide`, which cannot fail).
    ///
    /// - Throws: `.workbookClosed` after the workbook was written.
    public func hide() throws {
        let sheet = try openSheet()
        try refuseWhileHanded("hidden (the workbook's first visible sheet is shared)")
        worksheet_hide(sheet)
    }

    /// Inserts a chart of this workbook with its top-left corner at a cell, scaled from Excel's default 480 × 288
    /// pixels. A chart is inserted once.
    ///
    /// - Throws: `.wrongWorkbook` for a chart of another workbook, `.workbookClosed`, `.invalidArgument` for a chart
    ///   without series or one inserted before, `.valueOutOfRange` for a scale outside 0 < scale ≤ 100,
    ///   `.outsideGrid`, or libxlsxwriter's code.
    public func insert(_ chart: Chart, row: Int, column: Int, xScale: Double = 1, yScale: Double = 1) throws {
        let sheet = try cell(row, column)
        try refuseWhileHanded("given a chart (charts belong to the workbook)")
        let chartPointer = try chart.pointerForInsertion(into: core, at: location(row, column))
        for scale in [xScale, yScale] where !(scale > 0 && scale <= 100) {
            throw XLSXWriteError(.valueOutOfRange, "a chart's scale must be above 0 and at most 100", location: location(row, column),
                                 value: "\(scale)")
        }
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try check(worksheet_insert_chart_opt(sheet, lxw_row_t(row), lxw_col_t(column), chartPointer, &options),
                  "cannot insert a chart", row, column)
        chart.isInserted = true
    }

    // MARK: Checks

    /// The place of a cell, for error messages.
    func location(_ row: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: core.path, sheet: name, line: row &+ 1, column: column &+ 1)
    }

    /// The C worksheet while the workbook is open.
    ///
    /// - Throws: `.workbookClosed` once it was closed or dropped.
    @inline(__always)
    func openSheet() throws -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try core.openPointer(sheet: name)
        if let lane { try lane.checkThread(sheet: name, path: core.path) }
        return pointer
    }

    /// Refuses what would reach the workbook's shared state while the sheet is handed to a second thread.
    ///
    /// - Throws: `.invalidArgument` during `Workbook.writeConcurrently`, for a sheet it handed over.
    func refuseWhileHanded(_ what: @autoclosure () -> String) throws {
        if lane != nil {
            throw XLSXWriteError(.invalidArgument,
                                 "a worksheet handed to a second thread (Workbook.writeConcurrently) cannot be \(what()) until writeConcurrently returns",
                                 location: SourceLocation(file: core.path, sheet: name), value: name)
        }
    }

    /// The C worksheet, after checking that the workbook is open and the cell is inside Excel's grid.
    ///
    /// - Throws: `.workbookClosed`, `.outsideGrid` (with the offending index as the value).
    @inline(__always)
    func cell(_ row: Int, _ column: Int) throws -> UnsafeMutablePointer<lxw_worksheet> {
        let sheet = try openSheet()
        guard (0...CellAddress.maxRow).contains(row) else {
            throw XLSXWriteError(.outsideGrid, "row index \(row) is outside Excel's grid of rows 0...1,048,575 (0-based)",
                                 location: SourceLocation(file: core.path, sheet: name), value: "\(row)")
        }
        guard (0...CellAddress.maxColumn).contains(column) else {
            throw XLSXWriteError(.outsideGrid, "column index \(column) is outside Excel's grid of columns 0...16,383 (0-based)",
                                 location: SourceLocation(file: core.path, sheet: name), value: "\(column)")
        }
        return sheet
    }

    /// The C worksheet for writing a cell (or a row's height), after the checks of `cell(_:_:)` and, in a streamed
    /// worksheet, that the row is not finished yet.
    ///
    /// - Throws: as `cell(_:_:)`, and `.rowOutOfOrder`.
    @inline(__always)
    func writableCell(_ row: Int, _ column: Int) throws -> UnsafeMutablePointer<lxw_worksheet> {
        let sheet = try cell(row, column)
        try checkOrder(row, column)
        return sheet
    }

    /// In a streamed worksheet, refuses a row above the one written last (libxlsxwriter would drop the cell).
    ///
    /// - Throws: `.rowOutOfOrder`.
    @inline(__always)
    func checkOrder(_ row: Int, _ column: Int) throws {
        if rowStorage == .streamed, row < currentRow {
            throw XLSXWriteError(
                .rowOutOfOrder,
                "row \(row + 1) is finished: a streamed worksheet takes its rows in order and row \(currentRow + 1) was started; write the rows top to bottom",
                location: location(row, column), value: "\(row + 1)")
        }
    }

    /// The C worksheet, after checking that the workbook is open and both corners of a range are inside the grid.
    func cells(_ range: CellRange) throws -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try cell(range.first.row, range.first.column)
        return try cell(range.last.row, range.last.column)
    }

    /// The C format of this workbook for a style, nil for none.
    ///
    /// - Throws: `.workbookClosed`, or the codes of `CellStyle`'s checks.
    func format(_ style: CellStyle?, _ row: Int, _ column: Int) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let style else { return nil }
        if let lane { return try pointer(of: lane.handle(for: style, at: self.location(row, column)), row, column) }
        return try pointer(of: core.format(for: style, at: self.location(row, column)), row, column)
    }

    /// The C format behind a handle, nil for none.
    ///
    /// - Throws: `.wrongWorkbook` for a handle of another workbook, `.workbookClosed`.
    @inline(__always)
    func pointer(of format: CellFormat?, _ row: Int, _ column: Int) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        if let lane { return try lane.pointer(of: format, at: self.location(row, column)) }
        return try core.pointer(of: format, at: self.location(row, column))
    }

    @inline(__always)
    /// `internal:REFERENCE` for a link to a place in this workbook, checked as Excel limits links (whether written
    /// now or in a `RowBatch`).
    ///
    /// - Throws: `.invalidArgument` for an empty reference, one past 2,079 characters or holding NUL,
    ///   `.textTooLong` for text past 32,767 characters, `.valueOutOfRange` when the sheet holds the most links.
    static func internalLinkURL(to reference: String, text: String, linksSoFar: Int, at location: SourceLocation) throws
        -> String
    {
        let url = "internal:\(reference)"
        guard !reference.isEmpty, url.utf16.count <= Worksheet.maxLinkLength, !url.utf8.contains(0) else {
            throw XLSXWriteError(.invalidArgument, "a link target has 1 to \(Worksheet.maxLinkLength - 9) characters",
                                 location: location, value: reference)
        }
        try checkLength(text, at: location)
        guard linksSoFar < Worksheet.maxLinks else {
            throw XLSXWriteError(.valueOutOfRange, "a worksheet holds at most 65,530 links", location: location,
                                 value: "\(linksSoFar + 1)")
        }
        return url
    }

    func checkLength(_ text: String, _ row: Int, _ column: Int) throws {
        try Worksheet.checkLength(text, at: location(row, column))
    }

    /// Refuses text longer than a cell holds (32,767 UTF-16 units), whether written now or in a `RowBatch`.
    static func checkLength(_ text: String, at location: SourceLocation) throws {
        if text.utf8.count > Worksheet.maxTextLength, text.utf16.count > Worksheet.maxTextLength {
            throw XLSXWriteError(
                .textTooLong,
                "text of \(text.utf16.count) characters is longer than Excel's limit of 32,767; shorten it or pass --truncate",
                location: location, value: String(text.prefix(40)) + "…")
        }
    }

    @inline(__always)
    func check(_ error: lxw_error, _ what: String, _ row: Int, _ column: Int) throws {
        if error != LXW_NO_ERROR {
            throw XLSXWriteError.library(error, what, location: location(row, column))
        }
    }

    /// `check(_:_:_:_:)` for a call that wrote to `row`: in a streamed worksheet that row is now the current one.
    @inline(__always)
    func checkWrite(_ error: lxw_error, _ what: String, _ row: Int, _ column: Int) throws {
        try check(error, what, row, column)
        if rowStorage == .streamed { currentRow = row }
    }

    /// Flushes a worksheet's constant-memory row storage and returns its size in bytes (0 in normal mode).
    ///
    /// - Throws: `.output` when a write to it failed (a full disk, a file-size limit): libxlsxwriter does not check.
    static func flushRowStorage(_ sheet: UnsafeMutablePointer<lxw_worksheet>, name: String, path: String) throws -> Int {
        guard let file = sheet.pointee.optimize_tmpfile else { return 0 }
        let size = fflush(file) == 0 && ferror(file) == 0 ? Int(ftello(file)) : -1
        guard size >= 0 else {
            throw XLSXWriteError(.output, "cannot write the workbook's temporary data (disk full or file size limit?)",
                                 location: SourceLocation(file: path, sheet: name))
        }
        return size
    }
}

extension CellRange {
    /// Whether two ranges share a cell.
    func overlaps(_ other: CellRange) -> Bool {
        first.row <= other.last.row && other.first.row <= last.row
            && first.column <= other.last.column && other.first.column <= last.column
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
