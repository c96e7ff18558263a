public import TabularCore

/// A streaming reader over one worksheet's rows, scanning the sheet's BIFF records from its offset in the
/// `Workbook` stream.
///
/// Obtain one from `XLSWorkbook.rows(of:)`. Each `nextRow()` returns the next row with typed cells (shared and
/// inline strings, numbers from NUMBER, RK and MULRK, booleans, errors, cached formula results, dates by the
/// cell's XF); row numbers are Excel's, 1-based, in `Row.line`. Embedded chart substreams are skipped. Cells must
/// come in row order, as every writer puts them. Memory: one row.
public final class XLSSheetReader: RowSource {
    /// The sheet being read.
    public let sheet: SheetInfo
    /// The merged areas of the sheet (MERGEDCELLS records); complete once `nextRow()` has returned nil.
    public private(set) var mergedRanges: [CellRange] = []
    /// The range the sheet's DIMENSIONS record declares, nil when it has none or declares no cells; known once
    /// `nextRow()` has been called. Writers are not bound by it.
    public private(set) var declaredDimension: CellRange?

    private let workbook: XLSWorkbook
    /// Nil only while `scanRow` works on it as a local.
    private var reader: RecordReader?
    private let startOffset: Int
    private var started = false
    private var finished = false
    private var failure: (any Error)?

    private var currentRow = -1
    private var cells: [CellValue] = []
    private var heldRow: Row?
    private var nextLine = 1
    private var rowWidth = 8
    /// Where a formula's string result (the STRING record that follows it) goes.
    private var pendingString: (row: Int, column: Int)?
    private var units: [UInt16] = []
    private var recordOffset = 0

    private static let maxColumn = CellAddress.maxColumn

    init(workbook: XLSWorkbook, sheet: SheetInfo, offset: Int) {
        self.workbook = workbook
        self.sheet = sheet
        startOffset = offset
        reader = RecordReader(stream: workbook.stream, at: offset)
    }

    /// The next row, or nil after the last row that holds a value.
    ///
    /// - Throws: `XLSReadError` with the cell's location: `corruptRecord`, `invalidReference`,
    ///   `sharedStringIndexOutOfRange`, or `structureLimit`. After an error every later call throws the same error.
    public func nextRow() throws -> Row? {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            failure = error
            throw error
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
            guard let row = try scanRow() else {
                finished = true
                return nil
            }
            heldRow = row
        }
    }

    private func location(row: Int? = nil, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: workbook.path, sheet: sheet.name, line: row.map { $0 + 1 }, column: column.map { $0 + 1 },
                       byteOffset: recordOffset)
    }

    private func corrupt(_ message: String, type: Int) -> XLSReadError {
        XLSReadError(.corruptRecord, "\(message) (record 0x\(String(type, radix: 16, uppercase: true)) at byte \(recordOffset) of the Workbook stream); the workbook is corrupt", location: location())
    }

    /// Ends the row in progress: trailing empty cells dropped, nil when nothing is left.
    private func endRow(_ cells: inout [CellValue]) -> Row? {
        while let last = cells.last, last == .empty { cells.removeLast() }
        guard !cells.isEmpty else { return nil }
        rowWidth = max(rowWidth, cells.count)
        let row = Row(cells: cells, line: currentRow + 1)
        cells = []
        cells.reserveCapacity(rowWidth)
        return row
    }

    /// Moves to the row of a cell; returns the finished previous row when the cell starts a later one.
    private func enter(row: Int, column: Int, type: Int, cells: inout [CellValue]) throws -> Row? {
        guard column <= Self.maxColumn else {
            throw XLSReadError(.invalidReference, "column \(column + 1) is beyond the sheet grid", location: location(row: row, column: column))
        }
        if row == currentRow { return nil }
        guard row > currentRow else {
            throw XLSReadError(.invalidReference, "a cell of row \(row + 1) comes after row \(currentRow + 1); cells must be in row order (record 0x\(String(type, radix: 16, uppercase: true)))", location: location(row: row, column: column))
        }
        let finished = currentRow >= 0 ? endRow(&cells) : nil
        currentRow = row
        cells.removeAll(keepingCapacity: true)
        return finished
    }

    private static func place(_ value: CellValue, column: Int, in cells: inout [CellValue]) {
        if column < cells.count {
            cells[column] = value
        } else {
            if column > cells.count { cells.append(contentsOf: repeatElement(.empty, count: column - cells.count)) }
            cells.append(value)
        }
    }

    private func number(_ value: Double, format: Int) -> CellValue {
        let formats = workbook.formats
        let kind = format < formats.count ? formats[format] : .number
        return kind == .number ? .number(value) : kind.value(ofSerial: value, in: workbook.dateSystem)
    }

    /// An RK number: a 30-bit integer or the top 30 bits of a double, optionally divided by 100.
    static func rk(_ raw: UInt32) -> Double {
        var value: Double
        if raw & 2 != 0 {
            value = Double(Int32(bitPattern: raw) >> 2)
        } else {
            value = Double(bitPattern: UInt64(raw & 0xFFFF_FFFC) << 32)
        }
        if raw & 1 != 0 { value /= 100 }
        return value
    }

    /// The text of an Excel error code (BOOLERR, FORMULA).
    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        case 0x2B: "#GETTING_DATA"
        default: "#ERR\(code)!"
        }
    }

    /// Reads records up to the end of the next row that holds a value; nil at the sheet's EOF.
    private func scanRow() throws -> Row? {
        // The record reader and the row's cells are locals while scanning (taken from the object and put back), so
        // that records and cells do not each pay for the object's dynamic exclusivity checks.
        guard var reader = self.reader else { preconditionFailure("the record reader is in use") }
        self.reader = nil
        var cells = self.cells
        self.cells = []
        defer {
            self.reader = reader
            self.cells = cells
        }
        if !started {
            started = true
            guard let bof = try reader.next(), bof.type == 0x0809 else {
                recordOffset = startOffset
                throw corrupt("sheet \"\(sheet.name)\" does not start with a BOF record", type: 0x0809)
            }
        }
        let version = workbook.biffVersion
        var depth = 0
        while let record = try reader.next() {
            recordOffset = record.offset
            let data = reader.data
            let length = record.length
            let type = record.type
            if depth > 0 {
                if type == 0x0809 { depth += 1 } else if type == 0x000A { depth -= 1 }
                continue
            }
            var emitted: Row?
            switch type {
            case 0x0809:
                depth = 1  // an embedded chart's substream, up to its own EOF
            case 0x000A:
                finished = true
                return currentRow >= 0 ? endRow(&cells) : nil
            case 0x0200:  // DIMENSIONS
                if version == 8 && length >= 12 {
                    let firstRow = Int(data.u32(0)), endRow = Int(data.u32(4)), firstColumn = data.u16(8), endColumn = data.u16(10)
                    if endRow > firstRow && endColumn > firstColumn && endRow <= CellAddress.maxRow + 1 && endColumn <= Self.maxColumn + 1 {
                        declaredDimension = CellRange(CellAddress(row: firstRow, column: firstColumn), CellAddress(row: endRow - 1, column: endColumn - 1))
                    }
                } else if length >= 8 {
                    let firstRow = data.u16(0), endRow = data.u16(2), firstColumn = data.u16(4), endColumn = data.u16(6)
                    if endRow > firstRow && endColumn > firstColumn {
                        declaredDimension = CellRange(CellAddress(row: firstRow, column: firstColumn), CellAddress(row: endRow - 1, column: endColumn - 1))
                    }
                }
            case 0x0203:  // NUMBER
                guard length >= 14 else { throw corrupt("a NUMBER record is too short", type: type) }
                let row = data.u16(0), column = data.u16(2)
                emitted = try enter(row: row, column: column, type: type, cells: &cells)
                Self.place(number(Double(bitPattern: data.u64(6)), format: data.u16(4)), column: column, in: &cells)
            case 0x027E:  // RK
                guard length >= 10 else { throw corrupt("an RK record is too short", type: type) }
                let row = data.u16(0), column = data.u16(2)
                emitted = try enter(row: row, column: column, type: type, cells: &cells)
                Self.place(number(Self.rk(data.u32(6)), format: data.u16(4)), column: column, in: &cells)
            case 0x00BD:  // MULRK
                guard length >= 6, (length - 6) % 6 == 0 else { throw corrupt("a MULRK record has a bad length", type: type) }
                let row = data.u16(0), first = data.u16(2)
                let count = (length - 6) / 6
                guard count > 0, data.u16(length - 2) == first + count - 1 else {
                    throw corrupt("a MULRK record's last column does not match its \(count) values", type: type)
                }
                emitted = try enter(row: row, column: first + count - 1, type: type, cells: &cells)
                for index in 0..<count {
                    let base = 4 + index * 6
                    Self.place(number(Self.rk(data.u32(base + 2)), format: data.u16(base)), column: first + index, in: &cells)
                }
            case 0x00FD:  // LABELSST
                guard length >= 10 else { throw corrupt("a LABELSST record is too short", type: type) }
                let row = data.u16(0), column = data.u16(2)
                emitted = try enter(row: row, column: column, type: type, cells: &cells)
                let index = Int(data.u32(6))
                let strings = workbook.sharedStrings
                guard index < strings.count else {
                    throw XLSReadError(.sharedStringIndexOutOfRange, "cell \(CellAddress(row: row, column: column)): shared-string index \(index) is outside the \(strings.count) shared strings; the workbook is corrupt", location: location(row: row, column: column))
                }
                Self.place(.text(strings[index]), column: column, in: &cells)
            case 0x0204, 0x00D6:  // LABEL, RSTRING
                guard length >= 8 else { throw corrupt("a LABEL record is too short", type: type) }
                let row = data.u16(0), column = data.u16(2)
                emitted = try enter(row: row, column: column, type: type, cells: &cells)
                let text: String?
                if version == 8 {
                    text = XLSWorkbook.unicodeString(data, at: 6, length: length)
                } else {
                    let count = data.u16(6)
                    text = 8 + count <= length ? workbook.codePage?.decode(data[8..<(8 + count)]) : nil
                }
                guard let text else { throw corrupt("cell \(CellAddress(row: row, column: column))'s text runs past its record or is not valid in the code page", type: type) }
                Self.place(.text(text), column: column, in: &cells)
            case 0x0205:  // BOOLERR
                guard length >= 8 else { throw corrupt("a BOOLERR record is too short", type: type) }
                let row = data.u16(0), column = data.u16(2)
                emitted = try enter(row: row, column: column, type: type, cells: &cells)
                Self.place(data[7] == 0 ? .bool(data[6] != 0) : .error(Self.errorText(data[6])), column: column, in: &cells)
            case 0x0006:  // FORMULA: the cached result
                guard length >= 20 else { throw corrupt("a FORMULA record is too short", type: type) }
                let row = data.u16(0), column = data.u16(2)
                emitted = try enter(row: row, column: column, type: type, cells: &cells)
                pendingString = nil
                if data[12] == 0xFF && data[13] == 0xFF {
                    switch data[6] {
                    case 0:
                        pendingString = (row, column)
                        Self.place(.text(""), column: column, in: &cells)
                    case 1: Self.place(.bool(data[8] != 0), column: column, in: &cells)
                    case 2: Self.place(.error(Self.errorText(data[8])), column: column, in: &cells)
                    default: Self.place(.text(""), column: column, in: &cells)
                    }
                } else {
                    Self.place(number(Double(bitPattern: data.u64(6)), format: data.u16(4)), column: column, in: &cells)
                }
            case 0x0207:  // STRING: the string result of the FORMULA before it
                guard let target = pendingString else { continue }
                pendingString = nil
                let text: String
                if version == 8 {
                    var payload = ContinuedPayload(reader, length: length, what: "formula's STRING record", path: workbook.path)
                    text = try payload.unicodeString(&reader, units: &units)
                } else {
                    let count = length >= 2 ? data.u16(0) : Int.max
                    guard 2 + count <= length, let decoded = workbook.codePage?.decode(data[2..<(2 + count)]) else {
                        throw corrupt("a formula's STRING result runs past its record or is not valid in the code page", type: type)
                    }
                    text = decoded
                }
                if target.row == currentRow { Self.place(.text(text), column: target.column, in: &cells) }
            case 0x00E5:  // MERGEDCELLS
                guard length >= 2 else { throw corrupt("a MERGEDCELLS record is too short", type: type) }
                let count = data.u16(0)
                guard 2 + count * 8 <= length else { throw corrupt("a MERGEDCELLS record declares \(count) ranges but holds fewer", type: type) }
                guard mergedRanges.count + count <= workbook.limits.maxMergedRanges else {
                    throw XLSReadError(.structureLimit, "the sheet has more than \(workbook.limits.maxMergedRanges) merged ranges", location: location())
                }
                for index in 0..<count {
                    let base = 2 + index * 8
                    let firstRow = data.u16(base), lastRow = data.u16(base + 2), firstColumn = data.u16(base + 4), lastColumn = data.u16(base + 6)
                    guard firstRow <= lastRow, firstColumn <= lastColumn, lastColumn <= Self.maxColumn else {
                        throw corrupt("merged range \(index + 1) has its corners reversed or lies beyond the grid", type: type)
                    }
                    let range = CellRange(CellAddress(row: firstRow, column: firstColumn), CellAddress(row: lastRow, column: lastColumn))
                    if range.first != range.last { mergedRanges.append(range) }
                }
            case 0x0201:  // BLANK: a formatted empty cell, nothing to deliver
                guard length >= 6 else { throw corrupt("a BLANK record is too short", type: type) }
                emitted = try enter(row: data.u16(0), column: data.u16(2), type: type, cells: &cells)
            case 0x00BE:  // MULBLANK
                guard length >= 6 else { throw corrupt("a MULBLANK record is too short", type: type) }
                emitted = try enter(row: data.u16(0), column: data.u16(length - 2), type: type, cells: &cells)
            default:
                break
            }
            if let emitted { return emitted }
        }
        throw XLSReadError(.corruptRecord, "the Workbook stream ends inside sheet \"\(sheet.name)\", before its EOF record; the file is truncated", location: SourceLocation(file: workbook.path, sheet: sheet.name, byteOffset: reader.streamSize))
    }
}
