import TabularCore

/// Rows of one worksheet built away from the thread that writes the workbook, for `Worksheet.write(_:)`.
///
/// libxlsxwriter writes a workbook on one thread. Everything that is not a libxlsxwriter call (deciding what a cell
/// holds, its text, number and style, checking Excel's limits, escaping) can be done on another thread by a
/// `RowBatchBuilder`, whose batches the writing thread then hands to libxlsxwriter with little more than one C call
/// a cell: texts are passed as pointers into the batch's own UTF-8 buffer, without a copy or a `String` per cell.
///
/// A batch is a plain value (`Sendable`): build it on any thread, write it on the workbook's. Memory: the commands
/// (24 bytes a cell) and the texts' UTF-8 bytes of the rows it holds.
public struct RowBatch: Sendable {
    /// One step, in the order the builder was given them.
    enum Command: Sendable {
        /// Make the next of `styles` into a format of the workbook, as the next style slot.
        case declareStyle
        /// A row's height in points.
        case height(row: Int32, points: Double)
        /// Text at `offset` in `bytes` (NUL-terminated), in a style slot (-1: none).
        case text(row: Int32, column: Int32, offset: Int32, slot: Int32)
        /// A number (dates as their serial).
        case number(row: Int32, column: Int32, value: Double, slot: Int32)
        /// An empty cell with a style.
        case blank(row: Int32, column: Int32, slot: Int32)
        /// An internal link: the URL (`internal:…`) and the shown text, both offsets in `bytes`.
        case link(row: Int32, column: Int32, url: Int32, text: Int32, slot: Int32)
        /// A range marked merged, its cells written by later commands.
        case markMerged(first: CellAddress, last: CellAddress)
        /// A range of one row merged into one cell holding text at `offset`.
        case merge(first: CellAddress, last: CellAddress, offset: Int32, slot: Int32)
    }

    /// The worksheet the batch is for.
    public let sheet: String
    /// The batch's place among its builder's batches (0, 1, 2 …); the worksheet takes them in this order.
    public let sequence: Int
    var commands: [Command] = []
    /// The texts, each followed by a NUL byte.
    var bytes: [UInt8] = []
    /// The styles `declareStyle` commands make, in order.
    var styles: [CellStyle] = []

    init(sheet: String, sequence: Int) {
        self.sheet = sheet
        self.sequence = sequence
    }

    /// Whether the batch holds no command.
    public var isEmpty: Bool { commands.isEmpty }
}

/// A style declared to a `RowBatchBuilder`: a slot that the worksheet resolves to its workbook's format when the
/// batch declaring it is written, in the order styles were declared (so formats are made in the same order as with
/// `Worksheet.format(_:)` at the same points).
public struct BatchStyle: Hashable, Sendable {
    let slot: Int32
}

/// Builds the `RowBatch`es of one worksheet, on any thread, with the checks `Worksheet`'s write methods make
/// (Excel's grid and text limits, NaN, dates before 1900, rows in order on a streamed sheet), so that an error is
/// thrown where the offending cell is built, with its location.
///
/// ```swift
/// var rows = RowBatchBuilder(sheet: "整改台账", path: "台账.xlsx", streamed: true)
/// let text = try rows.declare(CellStyle { $0.wrapsText = true })
/// try rows.write("学习流于表面", row: 3, column: 1, style: text)
/// let batch = rows.takeBatch()          // hand over to the writing thread…
/// try worksheet.write(batch)            // …which writes it
/// ```
public struct RowBatchBuilder: Sendable {
    /// The worksheet's name, for the batches and error locations.
    public let sheet: String
    /// The workbook's path, for error locations.
    public let path: String
    /// Whether the worksheet is streamed (rows in order).
    public let streamed: Bool
    private var batch: RowBatch
    private var declared: Int32 = 0
    private var currentRow = 0
    private var links = 0

    /// A builder for the worksheet `sheet` of the workbook at `path`; `streamed` when it is `RowStorage.streamed`
    /// (then rows are checked to come in order, as the worksheet would).
    public init(sheet: String, path: String, streamed: Bool) {
        self.sheet = sheet
        self.path = path
        self.streamed = streamed
        batch = RowBatch(sheet: sheet, sequence: 0)
    }

    /// The number of commands in the batch under way (about one a cell), to decide when to hand it over.
    public var count: Int { batch.commands.count }

    /// Hands over the batch built so far and starts the next one.
    public mutating func takeBatch() -> RowBatch {
        let next = RowBatch(sheet: sheet, sequence: batch.sequence + 1)
        defer { batch = next }
        return batch
    }

    /// Declares a style for the cells that follow; the worksheet makes it into its workbook's format (or finds the
    /// one made before) when it writes this batch, at this point.
    ///
    /// - Throws: the codes of `CellStyle`'s checks (`.valueOutOfRange`, `.invalidArgument`).
    public mutating func declare(_ style: CellStyle) throws -> BatchStyle {
        try style.validate(at: SourceLocation(file: path, sheet: sheet))
        batch.styles.append(style)
        batch.commands.append(.declareStyle)
        defer { declared += 1 }
        return BatchStyle(slot: declared)
    }

    // MARK: Cells

    /// Text as a string cell, as `Worksheet.write(_:row:column:format:)` writes it.
    ///
    /// - Throws: `.textTooLong`, `.outsideGrid`, `.rowOutOfOrder` on a streamed sheet.
    public mutating func write(_ text: String, row: Int, column: Int, style: BatchStyle?) throws {
        try check(row, column)
        try checkLength(text, row, column)
        let offset = append(text, escaping: true)
        batch.commands.append(.text(row: Int32(row), column: Int32(column), offset: offset, slot: style?.slot ?? -1))
        currentRow = row
    }

    /// A number.
    ///
    /// - Throws: `.invalidNumber` for NaN or infinity, `.outsideGrid`, `.rowOutOfOrder`.
    public mutating func write(_ number: Double, row: Int, column: Int, style: BatchStyle?) throws {
        try check(row, column)
        guard number.isFinite else {
            throw XLSXWriteError(.invalidNumber, "Excel cannot store \(number)", location: location(row, column), value: "\(number)")
        }
        batch.commands.append(.number(row: Int32(row), column: Int32(column), value: number, slot: style?.slot ?? -1))
        currentRow = row
    }

    /// A date as its Excel serial number; give it a style with a date number format.
    ///
    /// - Throws: `.invalidArgument` for dates before 1900, `.outsideGrid`, `.rowOutOfOrder`.
    public mutating func write(_ date: LocalDateTime, row: Int, column: Int, style: BatchStyle?) throws {
        try check(row, column)
        guard date.year >= 1900 else {
            throw XLSXWriteError(.invalidArgument, "Excel cannot store dates before 1900", location: location(row, column),
                                 value: "\(date)")
        }
        batch.commands.append(.number(row: Int32(row), column: Int32(column),
                                      value: ExcelDateSystem.from1900.serial(of: date), slot: style?.slot ?? -1))
        currentRow = row
    }

    /// An empty cell carrying a style.
    ///
    /// - Throws: `.outsideGrid`, `.rowOutOfOrder`.
    public mutating func writeBlank(row: Int, column: Int, style: BatchStyle) throws {
        try check(row, column)
        batch.commands.append(.blank(row: Int32(row), column: Int32(column), slot: style.slot))
        currentRow = row
    }

    /// A link to a place in this workbook, as `Worksheet.writeInternalLink(to:text:row:column:style:)` writes it.
    ///
    /// - Throws: `.invalidArgument` for an empty or too long reference, `.textTooLong`, `.valueOutOfRange` past
    ///   65,530 links, `.outsideGrid`, `.rowOutOfOrder`.
    public mutating func writeInternalLink(to reference: String, text: String, row: Int, column: Int, style: BatchStyle?) throws {
        try check(row, column)
        let url = try Worksheet.internalLinkURL(to: reference, text: text, linksSoFar: links, at: location(row, column))
        let urlOffset = append(url, escaping: false)
        let textOffset = append(text, escaping: false)
        batch.commands.append(.link(row: Int32(row), column: Int32(column), url: urlOffset, text: textOffset,
                                    slot: style?.slot ?? -1))
        links += 1
        currentRow = row
    }

    /// A row's height in points (stored to a hundredth, as `Worksheet.setRowHeight` stores it).
    ///
    /// - Throws: `.valueOutOfRange` outside 0...409 points, `.outsideGrid`, `.rowOutOfOrder`.
    public mutating func setRowHeight(_ height: Double, row: Int) throws {
        try check(row, 0)
        guard (0...Worksheet.maxRowHeight).contains(height) else {
            throw XLSXWriteError(.valueOutOfRange, "a row height must be 0 to 409 points", location: location(row, 0), value: "\(height)")
        }
        batch.commands.append(.height(row: Int32(row), points: Worksheet.storedHeight(height)))
        currentRow = row
    }

    /// Marks a range merged without writing its cells, as `Worksheet.markMerged(_:)` does (overlaps are checked by
    /// the worksheet when it writes the batch).
    ///
    /// - Throws: `.invalidArgument` for a single cell, `.outsideGrid`, `.rowOutOfOrder`.
    public mutating func markMerged(_ range: CellRange) throws {
        try check(range.last.row, range.last.column)
        try check(range.first.row, range.first.column)
        guard range.first != range.last else {
            throw XLSXWriteError(.invalidArgument, "a merged range needs more than one cell; write the cell instead",
                                 location: location(range.first.row, range.first.column), value: range.description)
        }
        batch.commands.append(.markMerged(first: range.first, last: range.last))
    }

    /// Merges a range of one row into one cell holding text, as `Worksheet.merge(_:text:style:)` does.
    ///
    /// - Throws: `.invalidArgument` for a single cell or, on a streamed sheet, a range of several rows;
    ///   `.textTooLong`, `.outsideGrid`, `.rowOutOfOrder`.
    public mutating func merge(_ range: CellRange, text: String, style: BatchStyle?) throws {
        try check(range.last.row, range.last.column)
        try check(range.first.row, range.first.column)
        guard range.first != range.last else {
            throw XLSXWriteError(.invalidArgument, "a merged range needs more than one cell; write the cell instead",
                                 location: location(range.first.row, range.first.column), value: range.description)
        }
        if streamed, range.first.row != range.last.row {
            throw XLSXWriteError(.invalidArgument, "a streamed worksheet merges a range of several rows with markMerged(_:) and the cells written row by row",
                                 location: location(range.first.row, range.first.column), value: range.description)
        }
        try checkLength(text, range.first.row, range.first.column)
        let offset = append(text, escaping: true)
        batch.commands.append(.merge(first: range.first, last: range.last, offset: offset, slot: style?.slot ?? -1))
        if streamed { currentRow = range.first.row }
    }

    // MARK: Checks and text

    private func location(_ row: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: path, sheet: sheet, line: row &+ 1, column: column &+ 1)
    }

    /// Excel's grid, and on a streamed sheet the order of rows.
    @inline(__always)
    private func check(_ row: Int, _ column: Int) throws {
        guard (0...CellAddress.maxRow).contains(row) else {
            throw XLSXWriteError(.outsideGrid, "row index \(row) is outside Excel's grid of rows 0...1,048,575 (0-based)",
                                 location: SourceLocation(file: path, sheet: sheet), value: "\(row)")
        }
        guard (0...CellAddress.maxColumn).contains(column) else {
            throw XLSXWriteError(.outsideGrid, "column index \(column) is outside Excel's grid of columns 0...16,383 (0-based)",
                                 location: SourceLocation(file: path, sheet: sheet), value: "\(column)")
        }
        if streamed, row < currentRow {
            throw XLSXWriteError(
                .rowOutOfOrder,
                "row \(row + 1) is finished: a streamed worksheet takes its rows in order and row \(currentRow + 1) was started; write the rows top to bottom",
                location: location(row, column), value: "\(row + 1)")
        }
    }

    @inline(__always)
    private func checkLength(_ text: String, _ row: Int, _ column: Int) throws {
        try Worksheet.checkLength(text, at: location(row, column))
    }

    /// Appends a text's UTF-8 bytes and a NUL, escaping `_xHHHH_` as `Worksheet` does for cell text; returns where
    /// it starts.
    private mutating func append(_ text: String, escaping: Bool) -> Int32 {
        let start = batch.bytes.count
        var text = text
        text.withUTF8 { utf8 in
            if escaping, utf8.count >= 7, utf8.contains(UInt8(ascii: "_")) {
                batch.bytes.append(contentsOf: ExcelText.escapingUnderscoreEscapes(String(decoding: utf8, as: UTF8.self)).utf8)
            } else {
                batch.bytes.append(contentsOf: utf8)
            }
        }
        batch.bytes.append(0)
        return Int32(start)
    }
}
