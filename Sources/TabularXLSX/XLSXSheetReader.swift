import Foundation
public import TabularCore

/// A streaming reader over one worksheet's rows, scanning the sheet XML as it is inflated.
///
/// Obtain one from `XLSXWorkbook.rows(of:)`. Each `nextRow()` returns the next row with typed cells
/// (shared and inline strings, numbers, booleans, errors, formula results, dates by cell style); row numbers are
/// Excel's, 1-based, in `Row.line`. In asynchronous code, `for try await row in reader.rows` reads the same rows and
/// throws the same errors from the loop. Memory: one row plus a bounded queue of inflated chunks.
public final class XLSXSheetReader: RowSource {
    /// The sheet being read.
    public var sheet: SheetInfo { parser.sheet }
    /// The merged areas of the sheet; complete once `nextRow()` has returned nil (they follow the cells in the file).
    public var mergedRanges: [CellRange] { parser.mergedRanges }
    /// The range the sheet's `<dimension ref>` declares, nil when it has none; known once `nextRow()` has been
    /// called (the element precedes the cells). Writers are not bound by it: a row may reach beyond it.
    public var declaredDimension: CellRange? { parser.declaredDimension }

    /// How many formula cells have no cached value (a formula whose value reads as empty, as files written by
    /// openpyxl and other libraries that do not compute formulas hold), among the rows read so far.
    public var formulaCellsWithoutValue: Int { parser.formulasWithoutValue }
    /// The first formula cell without a cached value among the rows read so far, nil when there is none.
    public var firstFormulaCellWithoutValue: CellAddress? { parser.firstFormulaWithoutValue }

    private var parser: SheetParser
    private let source: PartSource
    private var finished = false
    private var heldRow: Row?
    private var nextLine = 1
    private var failure: (any Error)?

    init(sheet: SheetInfo, file: String, source: PartSource, limits: XLSXLimits, sharedStrings: [String],
         styles: [NumberFormatKind], dateSystem: ExcelDateSystem) {
        self.source = source
        parser = SheetParser(sheet: sheet, file: file, source: source, limits: limits, sharedStrings: sharedStrings,
                             styles: styles, dateSystem: dateSystem)
    }

    /// The next row, or nil after the last row that holds a value.
    ///
    /// - Throws: `XLSXReadError` with the cell's location: `invalidReference`, `invalidCellValue`,
    ///   `sharedStringIndexOutOfRange`, `styleIndexOutOfRange`, `malformedXML`, `doctypeForbidden`, `corruptZip`,
    ///   or a limit code. After an error every later call throws the same error.
    public func nextRow() throws -> Row? {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            let reported = source.containerFailure() ?? error
            failure = reported
            throw reported
        }
    }

    /// Appends up to about `count` further rows to `rows` as CSV-ready text (gaps between row numbers as rows
    /// without fields); false when there were none left. The text of each field is what `nextRow()` gives as
    /// `CellValue.text`; the rows are read by a byte-level scanner without a `String` or `CellValue` per cell.
    /// Use either this or `nextRow()` on one reader, not both.
    ///
    /// - Throws: as `nextRow()`. Memory: the rows appended, plus a bounded queue of inflated chunks.
    public func readText(into rows: inout SheetTextRows, count: Int) throws -> Bool {
        if let failure { throw failure }
        do {
            let start = rows.count
            while rows.count - start < count && !finished {
                guard let line = try parser.scanRowText(into: &rows) else {
                    finished = true
                    break
                }
                rows.insertEmptyRowsBeforeLast(line - nextLine)
                nextLine = line + 1
            }
            return rows.count > start
        } catch {
            let reported = source.containerFailure() ?? error
            failure = reported
            throw reported
        }
    }

    private func advance() throws -> Row? {
        while true {
            if let held = heldRow {
                if nextLine < held.line {
                    nextLine += 1
                    return Row(cells: [], line: nextLine - 1)
                }
                heldRow = nil
                nextLine = held.line + 1
                return held
            }
            if finished { return nil }
            guard let row = try parser.scanRow() else {
                finished = true
                return nil
            }
            heldRow = row
        }
    }
}

/// The scanning state of a sheet reader: a value type, so that the hot loop runs without dynamic exclusivity
/// checks on class properties.
struct SheetParser {
    let sheet: SheetInfo
    var mergedRanges: [CellRange] = []
    var declaredDimension: CellRange?

    enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    private let file: String
    private var scanner: XMLScanner
    private let limits: XLSXLimits
    private let sharedStrings: [String]
    private let styles: [NumberFormatKind]
    private let dateSystem: ExcelDateSystem

    private var lastRowNumber = 0

    // Scanning state for the row and cell in progress.
    private var inSheetData = false
    private var rowNumber = 0
    private var inRow = false
    private var cells: [CellValue] = []
    private var nextColumn = 0
    private var inCell = false
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var cellHasValue = false
    private var valueBytes: [UInt8] = []
    private var capturing = false
    private var inInlineString = false
    private var phoneticDepth = 0
    private var rowWidth = 8
    private var cellHasFormula = false

    /// Formula cells whose value reads as empty (no cached value): how many, and the first one.
    private(set) var formulasWithoutValue = 0
    private(set) var firstFormulaWithoutValue: CellAddress?

    private let decoder: CellDecoder
    /// The cells of the row the byte-level scanner is reading (kept for its capacity).
    private var rawCells: [RawCell] = []

    init(sheet: SheetInfo, file: String, source: PartSource, limits: XLSXLimits, sharedStrings: [String],
         styles: [NumberFormatKind], dateSystem: ExcelDateSystem) {
        self.sheet = sheet
        self.file = file
        self.limits = limits
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dateSystem = dateSystem
        decoder = CellDecoder(styles: styles, sharedStrings: sharedStrings, dateSystem: dateSystem)
        scanner = XMLScanner(partName: sheet.partName, location: SourceLocation(file: file, sheet: sheet.name),
                             limits: limits) { try source.next() }
    }

    private func location(row: Int? = nil, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, sheet: sheet.name, line: row, column: column.map { $0 + 1 })
    }

    private func cellError(_ code: XLSXReadError.Code, _ message: String) -> XLSXReadError {
        let reference = CellAddress(row: rowNumber - 1, column: cellColumn)
        return XLSXReadError(code, "cell \(reference): \(message)", location: location(row: rowNumber, column: cellColumn))
    }

    /// Whether the byte-level scanner may read the next row: between rows, and deep enough below the depth
    /// limit for a row's elements (`row`, `c`, `is`, `t`), which it does not count.
    private var canScanFast: Bool {
        inSheetData && !inRow && scanner.isBetweenTokens && scanner.depth + 4 <= limits.maxXMLDepth
    }

    /// Scans to the end of the next row that holds a value; nil at the end of the sheet.
    mutating func scanRow() throws -> Row? {
        while true {
            if canScanFast {
                switch try fastRow() {
                case .row(let row): return row
                case .skipped: continue
                case .fallback: break
                }
            }
            switch try step() {
            case .row(let row): return row
            case .end: return nil
            case .more: continue
            }
        }
    }

    /// Scans to the end of the next row that holds a value and appends it to `rows` as text; its row number, or
    /// nil at the end of the sheet.
    mutating func scanRowText(into rows: inout SheetTextRows) throws -> Int? {
        while true {
            if canScanFast {
                switch try fastRowText(into: &rows) {
                case .row(let line): return line
                case .skipped: continue
                case .fallback: break
                }
            }
            switch try step() {
            case .row(let row):
                rows.append(cells: row.cells)
                return row.line
            case .end: return nil
            case .more: continue
            }
        }
    }

    /// What one event of the general scanner led to.
    private enum Step {
        case row(Row), end, more
    }

    /// What the byte-level scanner did with the next row.
    private enum FastOutcome<Found> {
        /// It read a row holding a value.
        case row(Found)
        /// It read a row without values.
        case skipped
        /// It did not read the row (or what follows is not a row): the general scanner reads it.
        case fallback
    }

    /// The byte-level scanner's next row, scanned into `rawCells`: where it ends and its number, or nil for
    /// `.fallback`. Refills the buffer while the row is incomplete, up to the token limit.
    private mutating func scanRawRow() throws -> (end: Int, number: Int)? {
        var cells: [RawCell] = []
        swap(&cells, &rawCells)
        defer { swap(&cells, &rawCells) }
        let last = lastRowNumber
        let styleCount = styles.count
        let maxValueBytes = limits.maxTokenBytes
        while true {
            let scan = scanner.withUnconsumedBytes { bytes in
                RowScanner.scanRow(bytes, lastRowNumber: last, styleCount: styleCount, maxValueBytes: maxValueBytes,
                                   cells: &cells)
            }
            switch scan {
            case .fallback:
                return nil
            case .row(let end, let number):
                // A row longer than the token limit may hold a tag over it, which the general scanner reports.
                return end <= limits.maxTokenBytes ? (end, number) : nil
            case .needMore:
                // Each refill scans the row again from its start, so a row (or a run of whitespace) past 1 MiB is
                // left to the general scanner, which streams it, rather than scanned ever again as it grows.
                guard scanner.unconsumedCount <= min(limits.maxTokenBytes, 1 << 20), try scanner.bufferMore() else {
                    return nil
                }
            }
        }
    }

    /// Commits a row the byte-level scanner read: consumes it and counts its formulas without a value.
    private mutating func commitFastRow(end: Int, number: Int, formulas: Int, firstFormulaColumn: Int?) {
        scanner.consume(end)
        lastRowNumber = number
        rowNumber = number
        formulasWithoutValue += formulas
        if firstFormulaWithoutValue == nil, let column = firstFormulaColumn {
            firstFormulaWithoutValue = CellAddress(row: number - 1, column: column)
        }
    }

    /// The next row through the byte-level scanner, as cells.
    private mutating func fastRow() throws -> FastOutcome<Row> {
        guard let (end, number) = try scanRawRow() else { return .fallback }
        let decoder = decoder
        var values: [CellValue] = []
        values.reserveCapacity(rowWidth)
        var formulas = 0
        var firstFormulaColumn: Int?
        let valid = scanner.withUnconsumedBytes { bytes in
            for cell in rawCells {
                guard let value = decoder.value(cell, bytes) else { return false }
                if cell.column > values.count {
                    values.append(contentsOf: repeatElement(.empty, count: cell.column - values.count))
                }
                if cell.hasFormula && value == .empty {
                    formulas += 1
                    if firstFormulaColumn == nil { firstFormulaColumn = cell.column }
                }
                values.append(consume value)  // moved: a copy would take and drop one more count on its text
            }
            return true
        }
        guard valid else { return .fallback }
        commitFastRow(end: end, number: number, formulas: formulas, firstFormulaColumn: firstFormulaColumn)
        while let last = values.last, last == .empty { values.removeLast() }
        guard !values.isEmpty else { return .skipped }
        rowWidth = max(rowWidth, values.count)
        return .row(Row(cells: values, line: number))
    }

    /// The next row through the byte-level scanner, appended to `rows` as text.
    private mutating func fastRowText(into rows: inout SheetTextRows) throws -> FastOutcome<Int> {
        guard let (end, number) = try scanRawRow() else { return .fallback }
        let decoder = decoder
        let byteMark = rows.bytes.count
        let fieldMark = rows.fieldEnds.count
        var used = 0
        var formulas = 0
        var firstFormulaColumn: Int?
        let valid = scanner.withUnconsumedBytes { bytes in
            var field = 0
            for cell in rawCells {
                while field < cell.column {
                    rows.fieldEnds.append(rows.bytes.count)
                    field += 1
                }
                guard let empty = decoder.appendText(cell, bytes, to: &rows.bytes) else { return false }
                rows.fieldEnds.append(rows.bytes.count)
                field += 1
                if !empty {
                    used = field
                } else if cell.hasFormula {
                    formulas += 1
                    if firstFormulaColumn == nil { firstFormulaColumn = cell.column }
                }
            }
            return true
        }
        guard valid else {
            rows.bytes.removeSubrange(byteMark...)
            rows.fieldEnds.removeSubrange(fieldMark...)
            return .fallback
        }
        commitFastRow(end: end, number: number, formulas: formulas, firstFormulaColumn: firstFormulaColumn)
        rows.fieldEnds.removeSubrange((fieldMark + used)...)
        rows.bytes.removeSubrange((rows.fieldEnds.last.map { max($0, byteMark) } ?? byteMark)...)
        if used == 0 {
            rows.bytes.removeSubrange(byteMark...)
            return .skipped
        }
        rows.rowEnds.append(rows.fieldEnds.count)
        return .row(number)
    }

    /// Reads one event of the general scanner.
    private mutating func step() throws -> Step {
        do /* one event */ {
            switch try scanner.next() {
            case .start:
                if scanner.nameIs("c") {
                    if inSheetData { try startCell() }
                } else if scanner.nameIs("v") {
                    // An inline-string cell's value is its <is> text alone (ECMA-376 Part 1 §18.3.1.4, §18.18.11);
                    // a <v> beside it is ignored, as Excel does.
                    if inCell && cellType != .inlineString {
                        capturing = true
                        cellHasValue = true
                    }
                } else if scanner.nameIs("t") {
                    if inInlineString && phoneticDepth == 0 { capturing = true }
                } else if scanner.nameIs("row") {
                    if inSheetData { try startRow() }
                } else if scanner.nameIs("is") {
                    if inCell {
                        inInlineString = true
                        cellHasValue = true
                    }
                } else if scanner.nameIs("rPh") {
                    phoneticDepth += 1
                } else if scanner.nameIs("f") {
                    if inCell { cellHasFormula = true }
                } else if scanner.nameIs("sheetData") {
                    inSheetData = true
                } else if scanner.nameIs("mergeCell") {
                    try addMergedRange()
                } else if scanner.nameIs("dimension") {
                    if !inSheetData { try readDimension() }
                }
            case .end:
                if scanner.nameIs("c") {
                    if inCell { try endCell() }
                } else if scanner.nameIs("v") || scanner.nameIs("t") {
                    capturing = false
                } else if scanner.nameIs("row") {
                    if inRow, let row = endRow() { return .row(row) }
                } else if scanner.nameIs("is") {
                    inInlineString = false
                } else if scanner.nameIs("rPh") {
                    phoneticDepth -= 1
                } else if scanner.nameIs("sheetData") {
                    inSheetData = false
                }
            case .text:
                if capturing {
                    scanner.appendText(to: &valueBytes)
                    if valueBytes.count > limits.maxTokenBytes {
                        throw cellError(.structureLimit, "the value is longer than \(limits.maxTokenBytes) bytes")
                    }
                }
            case .endOfDocument:
                return .end
            }
        }
        return .more
    }

    /// Records `<dimension ref="A1:K20">` (or a single cell); a malformed ref is ignored, as it binds nothing.
    private mutating func readDimension() throws {
        declaredDimension = try scanner.attribute("ref").flatMap { CellRange(a1: $0) }
    }

    private mutating func startRow() throws {
        guard !inRow else { throw scanner.error(.malformedXML, "a <row> inside another row") }
        if let number = try scanner.attributeValue("r").map(parseInteger) {
            guard let number, number >= 1, number <= CellAddress.maxRow + 1 else {
                let text = (try? scanner.attribute("r")) ?? nil
                throw XLSXReadError(.invalidReference, "row number \"\(text ?? "")\" is not between 1 and 1048576 (\(scanner.partName), byte \(scanner.byteOffset))", location: location())
            }
            guard number > lastRowNumber else {
                throw XLSXReadError(.invalidReference, "row \(number) comes after row \(lastRowNumber); rows must be in ascending order", location: location(row: number))
            }
            rowNumber = number
        } else {
            rowNumber = lastRowNumber + 1
            guard rowNumber <= CellAddress.maxRow + 1 else {
                throw XLSXReadError(.invalidReference, "more than 1048576 rows", location: location())
            }
        }
        lastRowNumber = rowNumber
        inRow = true
        nextColumn = 0
        cells = []
        cells.reserveCapacity(rowWidth)
    }

    private mutating func endRow() -> Row? {
        inRow = false
        while let last = cells.last, last == .empty { cells.removeLast() }
        guard !cells.isEmpty else { return nil }
        rowWidth = max(rowWidth, cells.count)
        return Row(cells: cells, line: rowNumber)
    }

    private mutating func startCell() throws {
        guard inRow, !inCell else { throw scanner.error(.malformedXML, "a <c> cell outside a <row>") }
        cellColumn = nextColumn
        if let reference = try scanner.attributeValue("r").map(parseReference) {
            guard let (row, column) = reference else {
                let text = (try? scanner.attribute("r")) ?? nil
                throw XLSXReadError(.invalidReference, "cell reference \"\(text ?? "")\" is malformed or beyond XFD1048576", location: location(row: rowNumber))
            }
            guard row == rowNumber else {
                throw XLSXReadError(.invalidReference, "cell \(CellAddress(row: row - 1, column: column)) is inside row \(rowNumber)", location: location(row: rowNumber, column: column))
            }
            guard column >= nextColumn else {
                cellColumn = column
                throw cellError(.invalidReference, "cells are out of order in row \(rowNumber)")
            }
            cellColumn = column
        } else if cellColumn > CellAddress.maxColumn {
            throw XLSXReadError(.invalidReference, "row \(rowNumber) has more than 16384 cells", location: location(row: rowNumber))
        }
        if let bytes = try scanner.attributeValue("t") {
            cellType = try cellType(bytes)
        } else {
            cellType = .number
        }
        cellStyle = 0
        if let style = try scanner.attributeValue("s").map(parseInteger) {
            guard let style, style >= 0, style < styles.count || (style == 0 && styles.isEmpty) else {
                throw cellError(.styleIndexOutOfRange, "style index \((try? scanner.attribute("s")) ?? nil ?? "") is outside the \(styles.count) cell formats of styles.xml; the workbook is corrupt")
            }
            cellStyle = style
        }
        inCell = true
        cellHasValue = false
        cellHasFormula = false
        valueBytes.removeAll(keepingCapacity: true)
    }

    private func cellType(_ bytes: ArraySlice<UInt8>) throws -> CellType {
        if bytes.count == 1 {
            switch bytes.first! {
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: break
            }
        }
        switch String(decoding: bytes, as: UTF8.self) {
        case "n": return .number
        case "s": return .sharedString
        case "inlineStr": return .inlineString
        case "str": return .formulaString
        case "b": return .boolean
        case "e": return .error
        case "d": return .isoDate
        case let other: throw cellError(.invalidCellValue, "unknown cell type t=\"\(other)\"")
        }
    }

    private mutating func endCell() throws {
        inCell = false
        capturing = false
        inInlineString = false
        let value = try cellValue()
        if cellHasFormula && value == .empty {
            formulasWithoutValue += 1
            if firstFormulaWithoutValue == nil {
                firstFormulaWithoutValue = CellAddress(row: rowNumber - 1, column: cellColumn)
            }
        }
        if cellColumn == cells.count {
            cells.append(value)
        } else {
            cells.append(contentsOf: repeatElement(.empty, count: cellColumn - cells.count))
            cells.append(value)
        }
        nextColumn = cellColumn + 1
    }

    private func text() throws -> String {
        guard let string = XStringEscapes.string(valueBytes) else { throw cellError(.invalidCellValue, "the text is not valid UTF-8") }
        return string
    }

    private func cellValue() throws -> CellValue {
        guard cellHasValue else { return .empty }
        switch cellType {
        case .number:
            if valueBytes.isEmpty { return .empty }
            guard let number = parseNumber(valueBytes) else {
                throw cellError(.invalidCellValue, "\"\(String(decoding: valueBytes.prefix(40), as: UTF8.self))\" is not a number")
            }
            let kind = cellStyle < styles.count ? styles[cellStyle] : .number
            return kind == .number ? .number(number) : decoder.temporal(number, kind)
        case .sharedString:
            guard let index = parseInteger(valueBytes[...]), index >= 0, index < sharedStrings.count else {
                throw cellError(.sharedStringIndexOutOfRange, "shared-string index \(String(decoding: valueBytes.prefix(20), as: UTF8.self)) is outside the \(sharedStrings.count) shared strings; the workbook is corrupt")
            }
            return .text(sharedStrings[index])
        case .inlineString, .formulaString:
            return .text(try text())
        case .boolean:
            switch String(decoding: valueBytes, as: UTF8.self) {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            case let other: throw cellError(.invalidCellValue, "\"\(other.prefix(40))\" is not a boolean (0 or 1)")
            }
        case .error:
            return .error(try text())
        case .isoDate:
            let string = try text()
            guard let value = parseISODate(string) else {
                throw cellError(.invalidCellValue, "\"\(string.prefix(40))\" is not an ISO 8601 date")
            }
            return value
        }
    }

    private mutating func addMergedRange() throws {
        // The reference is parsed on its bytes; the text is made only for the error.
        guard let bytes = try scanner.attributeValue("ref") else { return }
        guard let range = bytes.withUnsafeBufferPointer({ CellRange(a1UTF8: $0) }) else {
            let reference = try scanner.attribute("ref") ?? ""
            throw XLSXReadError(.invalidReference, "merged range \"\(reference)\" is malformed or beyond XFD1048576", location: location())
        }
        guard mergedRanges.count < limits.maxMergedRanges else {
            throw XLSXReadError(.structureLimit, "the sheet has more than \(limits.maxMergedRanges) merged ranges", location: location())
        }
        mergedRanges.append(range)
    }
}

/// A non-negative decimal integer of at most 15 digits, or nil.
func parseInteger(_ bytes: some Collection<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 15 else { return nil }
    var value = 0
    for byte in bytes {
        guard byte >= 48 && byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
    }
    return value
}

/// `parseInteger(_:)` of bytes in memory, for the row scanner (a concrete type, so that no iterator is called).
func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 15 else { return nil }
    var value = 0
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        guard byte >= 48 && byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
        index += 1
    }
    return value
}

/// `B12` as (row 12, column 1), or nil when malformed or beyond XFD1048576, from bytes in memory: up to three
/// letters of either case, then up to seven digits, `$` anywhere ignored. Inlined into the row scanner, where it
/// reads every cell's reference.
@inline(__always)
func parseReference(_ bytes: UnsafeBufferPointer<UInt8>) -> (row: Int, column: Int)? {
    var column = 0
    var row = 0
    var letters = 0
    var digits = 0
    for byte in bytes {
        if byte &- 48 < 10 {
            guard letters > 0 else { return nil }
            row = row &* 10 &+ Int(byte &- 48)
            digits += 1
            if digits > 7 { return nil }
        } else if (byte | 0x20) &- 97 < 26 {
            guard digits == 0 else { return nil }
            column = column &* 26 &+ Int((byte | 0x20) &- 96)
            letters += 1
            if letters > 3 { return nil }
        } else if byte != UInt8(ascii: "$") {
            return nil
        }
    }
    guard letters > 0, digits > 0, row >= 1, row <= CellAddress.maxRow + 1, column >= 1, column <= CellAddress.maxColumn + 1
    else { return nil }
    return (row, column - 1)
}

/// `B12` as (row 12, column 1), or nil when malformed or beyond XFD1048576.
func parseReference(_ bytes: some Collection<UInt8>) -> (row: Int, column: Int)? {
    if let reference = bytes.withContiguousStorageIfAvailable({ parseReference($0) }) { return reference }
    return Array(bytes).withUnsafeBufferPointer { parseReference($0) }
}

/// Exact powers of ten as doubles, 10^0 through 10^22.
private let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
}

/// A finite number in XML Schema `double` syntax. Decimals whose digits fit in 2^53 with a power of ten up to
/// 10^22 take Clinger's exact fast path (one correctly rounded operation); anything else goes to the standard
/// library's correctly rounded parser.
func parseNumber(_ bytes: [UInt8]) -> Double? {
    bytes.withUnsafeBufferPointer { parseNumber($0) }
}

/// `parseNumber(_:)` of bytes in memory.
func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    let fast: Double?? = { (pointer: UnsafeBufferPointer<UInt8>) -> Double?? in
        var index = 0
        let count = pointer.count
        var negative = false
        if index < count && (pointer[index] == UInt8(ascii: "-") || pointer[index] == UInt8(ascii: "+")) {
            negative = pointer[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while index < count, pointer[index] >= 48 && pointer[index] <= 57 {
            sawDigit = true
            if mantissa != 0 || pointer[index] != 48 { digits += 1 }
            if digits > 19 { return .some(nil) }
            mantissa = mantissa &* 10 &+ UInt64(pointer[index] - 48)
            index += 1
        }
        if index < count && pointer[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, pointer[index] >= 48 && pointer[index] <= 57 {
                sawDigit = true
                if mantissa != 0 || pointer[index] != 48 { digits += 1 }
                if digits > 19 { return .some(nil) }
                mantissa = mantissa &* 10 &+ UInt64(pointer[index] - 48)
                exponent -= 1
                index += 1
            }
        }
        guard sawDigit else { return nil }
        if index < count && (pointer[index] == UInt8(ascii: "e") || pointer[index] == UInt8(ascii: "E")) {
            index += 1
            var exponentNegative = false
            if index < count && (pointer[index] == UInt8(ascii: "-") || pointer[index] == UInt8(ascii: "+")) {
                exponentNegative = pointer[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < count, pointer[index] >= 48 && pointer[index] <= 57 {
                written = min(written * 10 + Int(pointer[index] - 48), 100_000)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard index == count else { return nil }
        guard mantissa <= 1 << 53, abs(exponent) <= 22 else { return .some(nil) }
        var value = Double(mantissa)
        value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
        return .some(negative ? -value : value)
    }(bytes)
    switch fast {
    case .none:
        return nil
    case .some(.some(let value)):
        return value.isFinite ? value : nil
    case .some(.none):
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}

/// `2024-01-15`, `2024-01-15T10:30:00(.fff)` or `10:30:00` (an ISO 8601 `t="d"` cell) as a date or time.
func parseISODate(_ text: String) -> CellValue? {
    let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
    func time(_ text: Substring) -> (Int, Int, Double)? {
        var clock = text
        if clock.hasSuffix("Z") { clock = clock.dropLast() }
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, let hour = Int(fields[0]), let minute = Int(fields[1]) else { return nil }
        let second = fields.count == 3 ? Double(fields[2]) : 0
        guard let second, second.isFinite else { return nil }
        return (hour, minute, second)
    }
    if parts.count == 1 && text.contains(":") {
        guard let (hour, minute, second) = time(parts[0]), (0...23).contains(hour), (0...59).contains(minute),
              second >= 0, second < 60
        else { return nil }
        return .time(seconds: Double(hour * 3600 + minute * 60) + second, elapsed: false)
    }
    let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
    guard date.count == 3, date[0].count == 4, let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]) else {
        return nil
    }
    var hour = 0, minute = 0, second = 0.0
    if parts.count == 2 {
        guard let clock = time(parts[1]) else { return nil }
        (hour, minute, second) = clock
    }
    return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).map { .date($0) }
}
