public import TabularCore

/// A legacy Excel 97-2003 `.xls` workbook (BIFF8, and BIFF5/7 of Excel 5 and 95) opened for reading: its sheet
/// list, date system, shared strings and cell formats, and streaming sheet readers.
///
/// The container is an OLE compound file; opening reads its FAT and directory, then the workbook globals (sheet
/// list, SST, FORMAT and XF records, DATEMODE, CODEPAGE) from the `Workbook` (or `Book`) stream. Sheets are read
/// record by record from their offset in that stream and never held whole. Cells come out as the XLSX reader
/// gives them: numbers, text, booleans, errors, formula results, and dates or times where the cell's number
/// format is a date format (the same rules, CJK built-ins included). Memory: the FAT, the shared strings and one
/// row per reader. A workbook and its readers belong to one thread at a time.
///
/// ```swift
/// let workbook = try XLSWorkbook(path: "ledger.xls")
/// let reader = try workbook.rows(of: workbook.worksheets[0])
/// while let row = try reader.nextRow() {
///     print(row.line, row.cells.map(\.text).joined(separator: ","))
/// }
/// ```
public final class XLSWorkbook {
    /// The safety caps type, `XLSLimits`.
    public typealias Limits = XLSLimits

    /// The file's path as given.
    public let path: String
    /// The safety caps in force.
    public let limits: XLSLimits
    /// Every sheet in workbook order; chart sheets (`.chartsheet`), Excel 4 macro sheets and VBA modules
    /// (`.other`) are listed but have no cells to read.
    public let sheets: [SheetInfo]
    /// The workbook's date system: `.from1904` when the DATEMODE record says so, else `.from1900`.
    public let dateSystem: ExcelDateSystem
    /// The BIFF version: 8 (Excel 97-2003) or 5 (Excel 5.0 and 95).
    public let biffVersion: Int

    let stream: StreamBytes
    let sharedStrings: [String]
    let formats: [NumberFormatKind]
    let codePage: CodePage?
    private let sheetOffsets: [Int]

    private static let bof = 0x0809, eof = 0x000A, filePass = 0x002F, codePageRecord = 0x0042, dateMode = 0x0022
    private static let boundSheet = 0x0085, format = 0x041E, xf = 0x00E0, sst = 0x00FC

    /// Opens a workbook and reads its globals.
    ///
    /// - Parameters:
    ///   - path: the workbook file.
    ///   - limits: safety caps; the defaults suit any real workbook.
    /// - Throws: `XLSReadError` — `fileUnreadable`, `emptyFile`, `notACompoundFile`, `corruptContainer`,
    ///   `noWorkbookStream`, `passwordProtected` (a FILEPASS record, or an encrypted .xlsx in its OLE envelope),
    ///   `unsupportedVersion` (BIFF2–4), `corruptRecord`, `unknownCodePage`, `noWorksheet`, or `structureLimit`.
    public init(path: String, limits: XLSLimits = XLSLimits()) throws {
        self.path = path
        self.limits = limits
        let location = SourceLocation(file: path)
        let file = try FileBytes(path: path)
        let head = try file.read(at: 0, count: min(8, file.size))
        guard head.starts(with: CompoundFile.signature) else {
            if head.count >= 4, head[0] == 0x09, [0x00, 0x02, 0x04].contains(head[1]) {
                let version = [0x00: 2, 0x02: 3, 0x04: 4][Int(head[1])]!
                throw XLSReadError(.unsupportedVersion, "this is an Excel BIFF\(version) worksheet (Excel 2.x-4.0), which is not read; open it in Excel or LibreOffice and save it as .xlsx", location: location)
            }
            throw XLSReadError(.notACompoundFile, "the file is not a legacy Excel .xls workbook (no OLE compound-file signature)", location: location)
        }
        let container: CompoundFile
        do {
            container = try CompoundFile(file: file, path: path, limits: limits)
        } catch let error as XLSReadError where error.code == .corruptContainer {
            // A damaged envelope that still names an EncryptedPackage stream is an encrypted .xlsx, as the XLSX
            // reader says too: the password is the thing to fix, not the container.
            let name = Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let head = try file.read(at: 0, count: min(file.size, 64 << 10))
            if (0...max(0, head.count - name.count)).contains(where: { head[$0..<min(head.count, $0 + name.count)].elementsEqual(name) }) {
                throw XLSReadError(.passwordProtected, "password-protected workbook: remove the password in Excel (File > Info > Protect Workbook) and save again", location: location)
            }
            throw error
        }
        let streams = try container.rootStreams()
        if streams.contains(where: { $0.name == "EncryptedPackage" }) {
            throw XLSReadError(.passwordProtected, "password-protected workbook: remove the password in Excel (File > Info > Protect Workbook) and save again", location: location)
        }
        guard let entry = streams.first(where: { $0.type == 2 && $0.name.lowercased() == "workbook" })
            ?? streams.first(where: { $0.type == 2 && $0.name.lowercased() == "book" })
        else {
            let names = streams.map { "\"\($0.name)\"" }.prefix(8).joined(separator: ", ")
            throw XLSReadError(.noWorkbookStream, "the compound file holds no Workbook stream (it has \(names.isEmpty ? "no streams" : names)); it is not an Excel workbook but another Office document", location: location)
        }
        stream = try container.open(entry)

        var reader = RecordReader(stream: stream, at: 0)
        guard let first = try reader.next(), first.type == Self.bof || [0x0009, 0x0209, 0x0409].contains(first.type) else {
            throw XLSReadError(.corruptRecord, "the \(entry.name) stream does not start with a BOF record", location: location)
        }
        guard first.type == Self.bof else {
            throw XLSReadError(.unsupportedVersion, "this is an Excel BIFF\([0x0009: 2, 0x0209: 3, 0x0409: 4][first.type]!) workbook (Excel 2.x-4.0), which is not read; open it in Excel or LibreOffice and save it as .xlsx", location: location)
        }
        let declared = first.length >= 2 ? reader.data.u16(0) : 0
        switch declared {
        case 0x0600: biffVersion = 8
        case 0x0500: biffVersion = 5
        case 0x0200, 0x0300, 0x0400:
            throw XLSReadError(.unsupportedVersion, "this is an Excel BIFF\(declared >> 8) workbook (Excel 2.x-4.0), which is not read; open it in Excel or LibreOffice and save it as .xlsx", location: location)
        default: biffVersion = entry.name.lowercased() == "book" ? 5 : 8
        }

        var codePageNumber = 1252
        var codePage: CodePage?
        var is1904 = false
        var sheets: [SheetInfo] = []
        var offsets: [Int] = []
        var customFormats: [Int: NumberFormatKind] = [:]
        var xfFormats: [Int] = []
        var strings: [String] = []
        func recordError(_ message: String, _ record: BIFFRecord) -> XLSReadError {
            XLSReadError(.corruptRecord, "\(message) (record 0x\(String(record.type, radix: 16, uppercase: true)) at byte \(record.offset) of the \(entry.name) stream); the workbook is corrupt", location: SourceLocation(file: path, byteOffset: record.offset))
        }
        func text8(_ bytes: ArraySlice<UInt8>, _ record: BIFFRecord) throws -> String {
            if codePage == nil || codePage?.number != codePageNumber {
                guard let opened = CodePage(codePageNumber) else {
                    throw XLSReadError(.unknownCodePage, "the workbook's code page \(codePageNumber) cannot be converted on this system; save it as .xlsx in Excel", location: location)
                }
                codePage = opened
            }
            guard let text = codePage!.decode(bytes) else { throw recordError("text is not valid in code page \(codePageNumber)", record) }
            return text
        }

        var ended = false
        while let record = try reader.next() {
            let data = reader.data
            let length = record.length
            switch record.type {
            case Self.eof:
                ended = true
            case Self.filePass:
                throw XLSReadError(.passwordProtected, "password-protected workbook: remove the password in Excel (File > Info > Protect Workbook) and save again", location: location)
            case Self.codePageRecord where length >= 2:
                codePageNumber = data.u16(0)
            case Self.dateMode where length >= 2:
                is1904 = data.u16(0) == 1
            case Self.boundSheet:
                guard length >= 8 else { throw recordError("a BOUNDSHEET record is too short", record) }
                guard sheets.count < limits.maxSheets else {
                    throw XLSReadError(.structureLimit, "the workbook lists more than \(limits.maxSheets) sheets", location: location)
                }
                let offset = Int(data.u32(0))
                let name: String
                if biffVersion == 8 {
                    name = try Self.shortString(data, at: 6, length: length) ?? { throw recordError("a sheet name runs past its BOUNDSHEET record", record) }()
                } else {
                    let count = Int(data[6])
                    guard 7 + count <= length else { throw recordError("a sheet name runs past its BOUNDSHEET record", record) }
                    name = try text8(data[7..<(7 + count)], record)
                }
                guard offset < stream.size else {
                    throw recordError("sheet \"\(name)\" starts at byte \(offset), past the stream's \(stream.size) bytes", record)
                }
                let visibility: SheetInfo.Visibility = switch data[4] & 3 {
                case 0: .visible
                case 1: .hidden
                default: .veryHidden
                }
                let kind: SheetInfo.Kind = switch data[5] {
                case 0: .worksheet
                case 2: .chartsheet
                default: .other
                }
                sheets.append(SheetInfo(index: sheets.count, name: name, visibility: visibility, kind: kind, partName: "\(entry.name)@\(offset)"))
                offsets.append(offset)
            case Self.format:
                guard length >= 3 else { throw recordError("a FORMAT record is too short", record) }
                let id = data.u16(0)
                let code: String
                if biffVersion == 8 {
                    guard length >= 5, let decoded = Self.unicodeString(data, at: 2, length: length) else {
                        throw recordError("a number-format code runs past its FORMAT record", record)
                    }
                    code = decoded
                } else {
                    let count = Int(data[2])
                    guard 3 + count <= length else { throw recordError("a number-format code runs past its FORMAT record", record) }
                    code = try text8(data[3..<(3 + count)], record)
                }
                customFormats[id] = NumberFormatKind.classify(code)
            case Self.xf:
                guard length >= 4 else { throw recordError("an XF record is too short", record) }
                guard xfFormats.count < limits.maxFormats else {
                    throw XLSReadError(.structureLimit, "the workbook has more than \(limits.maxFormats) cell formats (XF records)", location: location)
                }
                xfFormats.append(data.u16(2))
            case Self.sst where biffVersion == 8:
                strings = try Self.readSST(&reader, record: record, limits: limits, path: path)
            default:
                break
            }
            if ended { break }
        }
        guard ended else {
            throw XLSReadError(.corruptRecord, "the \(entry.name) stream ends before the workbook globals' EOF record; the file is truncated", location: SourceLocation(file: path, byteOffset: stream.size))
        }
        guard sheets.contains(where: { $0.kind == .worksheet }) else {
            throw XLSReadError(.noWorksheet, "the workbook has no worksheet (only \(sheets.count) chart or other sheet(s)); there are no cells to read", location: location)
        }
        self.sheets = sheets
        sheetOffsets = offsets
        sharedStrings = strings
        formats = xfFormats.map { customFormats[$0] ?? NumberFormatKind.builtIn($0) }
        dateSystem = is1904 ? .from1904 : .from1900
        if biffVersion == 5, codePage == nil || codePage?.number != codePageNumber {
            guard let opened = CodePage(codePageNumber) else {
                throw XLSReadError(.unknownCodePage, "the workbook's code page \(codePageNumber) cannot be converted on this system; save it as .xlsx in Excel", location: location)
            }
            codePage = opened
        }
        self.codePage = codePage
    }

    /// A ShortXLUnicodeString (8-bit count, option byte, characters) inside one record, or nil past its end.
    static func shortString(_ data: [UInt8], at start: Int, length: Int) -> String? {
        guard start + 2 <= length else { return nil }
        return characters(data, count: Int(data[start]), flags: data[start + 1], at: start + 2, length: length)
    }

    /// An XLUnicodeString (16-bit count, option byte, characters) inside one record, or nil past its end.
    static func unicodeString(_ data: [UInt8], at start: Int, length: Int) -> String? {
        guard start + 3 <= length else { return nil }
        return characters(data, count: data.u16(start), flags: data[start + 2], at: start + 3, length: length)
    }

    private static func characters(_ data: [UInt8], count: Int, flags: UInt8, at start: Int, length: Int) -> String? {
        if flags & 1 != 0 {
            guard start + 2 * count <= length else { return nil }
            return UTF16Text.string((0..<count).lazy.map { UInt16(data[start + 2 * $0]) | UInt16(data[start + 2 * $0 + 1]) << 8 })
        }
        guard start + count <= length else { return nil }
        let bytes = data[start..<(start + count)]
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return UTF16Text.string(bytes.lazy.map { UInt16($0) })
    }

    /// Reads the shared-string table from its SST record and the CONTINUE records after it.
    ///
    /// - Throws: `structureLimit` past `maxSharedStrings` or `maxSharedStringCharacters`; `corruptRecord` when the
    ///   records end before the declared number of strings.
    private static func readSST(_ reader: inout RecordReader, record: BIFFRecord, limits: XLSLimits, path: String) throws -> [String] {
        guard record.length >= 8 else {
            throw XLSReadError(.corruptRecord, "the SST record is too short (\(record.length) bytes)", location: SourceLocation(file: path, byteOffset: record.offset))
        }
        var payload = ContinuedPayload(reader, length: record.length, what: "shared-string table (SST)", path: path)
        _ = try payload.u32(&reader)
        let unique = try payload.u32(&reader)
        guard unique <= limits.maxSharedStrings else {
            throw XLSReadError(.structureLimit, "the shared-string table declares \(unique) strings, more than the limit of \(limits.maxSharedStrings)", location: SourceLocation(file: path, byteOffset: record.offset))
        }
        var strings: [String] = []
        // Each string takes at least 3 bytes, so a count that lies cannot reserve more than the stream could hold.
        strings.reserveCapacity(min(unique, reader.streamSize / 3))
        var units: [UInt16] = []
        var characters = 0
        for index in 0..<unique {
            do {
                strings.append(try payload.unicodeString(&reader, units: &units))
            } catch let error as XLSReadError where error.code == .corruptRecord {
                throw XLSReadError(.corruptRecord, "the shared-string table declares \(unique) strings but its records end after \(index); the workbook is corrupt", location: SourceLocation(file: path, byteOffset: record.offset))
            }
            characters += units.count
            guard characters <= limits.maxSharedStringCharacters else {
                throw XLSReadError(.structureLimit, "the shared strings hold more than \(limits.maxSharedStringCharacters) characters", location: SourceLocation(file: path, byteOffset: record.offset))
            }
        }
        return strings
    }

    /// The worksheets alone, in workbook order.
    public var worksheets: [SheetInfo] { sheets.filter { $0.kind == .worksheet } }

    /// The sheet with a name (exact match first, then case-insensitive, as Excel treats sheet names).
    ///
    /// - Throws: `noSuchSheet` naming the sheets there are.
    public func sheet(named name: String) throws -> SheetInfo {
        if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
        throw XLSReadError(.noSuchSheet, "there is no sheet named \"\(name)\"; the workbook has \(names)", location: SourceLocation(file: path))
    }

    /// Opens a streaming reader over a worksheet's rows.
    ///
    /// Rows come in order with 1-based Excel row numbers in `Row.line`; missing rows between rows that hold
    /// values are delivered as empty rows, missing cells as `.empty`; trailing empty cells and trailing empty
    /// rows are dropped. Memory: the shared strings (read when the workbook was opened) plus one row.
    ///
    /// - Throws: `noSuchSheet` for a chart sheet, macro sheet or VBA module, or a sheet of another workbook; then,
    ///   while reading, any `XLSReadError` naming the cell or record.
    public func rows(of sheet: SheetInfo) throws -> XLSSheetReader {
        guard sheet.index < sheets.count, sheets[sheet.index] == sheet else {
            throw XLSReadError(.noSuchSheet, "sheet \"\(sheet.name)\" is not a sheet of this workbook", location: SourceLocation(file: path, sheet: sheet.name))
        }
        guard sheet.kind == .worksheet else {
            throw XLSReadError(.noSuchSheet, "sheet \"\(sheet.name)\" is a \(sheet.kind == .chartsheet ? "chart sheet" : "macro sheet or VBA module") and has no cells; choose a worksheet", location: SourceLocation(file: path, sheet: sheet.name))
        }
        return XLSSheetReader(workbook: self, sheet: sheet, offset: sheetOffsets[sheet.index])
    }

    /// Reads a whole worksheet into a table, with its merged ranges.
    ///
    /// - Parameter fillMerged: when true, every cell of a merged area gets the area's top-left value (rows are
    ///   added when an area reaches below the last row with values); otherwise only the top-left cell holds it.
    /// - Throws: as `rows(of:)`; `structureLimit` when filling would exceed `maxMergedFillCells`.
    ///   Memory: the whole sheet; prefer `rows(of:)` for large sheets.
    public func readTable(sheet: SheetInfo, fillMerged: Bool = false) throws -> Table {
        let reader = try rows(of: sheet)
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        let merged = reader.mergedRanges
        if fillMerged, !SheetRows.fillMerged(merged, in: &rows, maxCells: limits.maxMergedFillCells) {
            throw XLSReadError(.structureLimit, "merged ranges cover more than \(limits.maxMergedFillCells) cells; read without filling merged cells", location: SourceLocation(file: path, sheet: sheet.name))
        }
        return Table(name: sheet.name, file: path, sheet: sheet.name, rows: rows, mergedRanges: merged)
    }

    /// The smallest range holding every non-empty cell, found by scanning the sheet (DIMENSIONS is not
    /// trusted); nil for a sheet without values. Memory: one row.
    ///
    /// - Throws: as `rows(of:)`.
    public func usedRange(of sheet: SheetInfo) throws -> CellRange? {
        let reader = try rows(of: sheet)
        var used = SheetRows.UsedRange()
        while let row = try reader.nextRow() { used.add(row) }
        return used.range
    }
}
