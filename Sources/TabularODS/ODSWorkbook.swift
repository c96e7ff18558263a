import Foundation
public import TabularCore
import TabularXLSX

/// An OpenDocument spreadsheet (`.ods`, LibreOffice's and WPS's format) opened for reading: its tables as sheets,
/// and streaming readers over them with the same cells, rows and merged ranges as the XLSX reader gives.
///
/// Opening checks the `mimetype` entry and scans `content.xml` once, streaming, to list the tables (hidden ones by
/// their automatic style's `table:display="false"`) without parsing their rows, and checks the part's ZIP
/// checksum; later scans of the part do not check it again while its entry declares the same one. `usedRange(of:)` measures every
/// table in one more scan when first asked. Each reader scans `content.xml` again up to the end of its table. Repetition (`table:number-rows-repeated`,
/// `table:number-columns-repeated`) is honoured for cells with values and only counted for empty runs, so the
/// million empty rows LibreOffice declares after the last value cost nothing. Memory: one row per reader plus the
/// chunk queue. Errors are `XLSXReadError`, with the same codes and locations as for an .xlsx (the container,
/// XML and limit faults are the same faults, raised by the same shared code). A workbook and its readers belong
/// to one thread at a time.
///
/// ```swift
/// let workbook = try ODSWorkbook(path: "台账.ods")
/// let reader = try workbook.rows(of: workbook.worksheets[0])
/// while let row = try reader.nextRow() {
///     print(row.line, row.cells.map(\.text).joined(separator: ","))
/// }
/// ```
public final class ODSWorkbook {
    /// The safety caps type, `ODSLimits`.
    public typealias Limits = ODSLimits

    /// The file's path as given.
    public let path: String
    /// The safety caps in force.
    public let limits: ODSLimits
    /// Every table in document order, as worksheets.
    public let sheets: [SheetInfo]

    /// The used range of each sheet, by position, once `usedRange(of:)` measured them.
    private var measures: [CellRange?]?
    private let openMeter: ZIPPackage.Meter
    /// The CRC-32 of `content.xml` that the listing at opening checked the whole part against: later scans of
    /// the same part (while its entry declares the same checksum) inflate it without checking it again.
    private let contentChecksum: UInt32

    /// The mimetype of OpenDocument spreadsheets (and, with `-template`, of their templates).
    static let spreadsheetMimetype = "application/vnd.oasis.opendocument.spreadsheet"

    /// Opens a spreadsheet: checks its mimetype and lists its tables, reading `content.xml` once.
    ///
    /// - Parameters:
    ///   - path: the .ods file.
    ///   - limits: safety caps; the defaults suit any real spreadsheet.
    /// - Throws: `XLSXReadError` — `fileUnreadable`, `emptyFile`, `notAZipPackage`, `corruptZip`,
    ///   `unsafeEntryName`, `missingPart` (no `content.xml`), `noWorksheet` (another OpenDocument kind, or no
    ///   table), `malformedXML`, `doctypeForbidden`, `invalidCellValue`, `invalidReference`, or a limit code.
    public init(path: String, limits: ODSLimits = ODSLimits()) throws {
        self.path = path
        self.limits = limits
        let location = SourceLocation(file: path)
        let package = try ZIPPackage(path: path, limits: limits.container)
        let meter = ZIPPackage.Meter(limit: limits.container.maxTotalUncompressedBytes, file: path)
        openMeter = meter
        if package.contains("mimetype") {
            let bytes = try package.read("mimetype", meter: meter).prefix(200)
            let mimetype = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard mimetype.hasPrefix(Self.spreadsheetMimetype) else {
                let kind = mimetype.hasPrefix("application/vnd.oasis.opendocument.")
                    ? "an OpenDocument \(mimetype.dropFirst("application/vnd.oasis.opendocument.".count)) file"
                    : "a package of type \(mimetype)"
                throw XLSXReadError(.noWorksheet, "this is \(kind), not a spreadsheet; it has no sheets to read", location: location)
            }
        }
        guard package.contains("content.xml") else {
            throw XLSXReadError(.missingPart, "the OpenDocument package has no content.xml; the file is incomplete", location: location)
        }

        // Listing only: no table's rows are parsed (target -1), so opening costs one inflate and tokenization.
        let source = try PartSource(path: path, limits: limits.container, part: "content.xml", meter: meter)
        var parser = ODSContentParser(file: path, limits: limits, target: -1) { try source.next() }
        var sheets: [SheetInfo] = []
        do {
            scan: while true {
                switch try parser.next() {
                case .table(let index, let name, let hidden):
                    guard index < limits.maxSheets else {
                        throw XLSXReadError(.structureLimit, "the spreadsheet has more than \(limits.maxSheets) tables", location: location)
                    }
                    sheets.append(SheetInfo(index: index, name: name, visibility: hidden ? .hidden : .visible,
                                            kind: .worksheet, partName: "content.xml"))
                case .row, .tableEnd:
                    continue
                case .end:
                    break scan
                }
            }
        } catch {
            throw source.containerFailure() ?? error
        }
        // The listing took every chunk without an error, so the part matched its checksum.
        contentChecksum = source.checksum
        guard !sheets.isEmpty else {
            throw XLSXReadError(.noWorksheet, "the OpenDocument content.xml holds no spreadsheet table; there are no cells to read", location: location)
        }
        self.sheets = sheets
    }

    /// Measures every table's used range, scanning `content.xml` once; the result is kept.
    ///
    /// - Throws: as `init`, and `missingPart` when the tables are no longer those listed at opening.
    private func measured() throws -> [CellRange?] {
        if let measures { return measures }
        let location = SourceLocation(file: path)
        let source = try PartSource(path: path, limits: limits.container, part: "content.xml", meter: openMeter.fork(),
                                    verifiedChecksum: contentChecksum)
        var parser = ODSContentParser(file: path, limits: limits, target: nil) { try source.next() }
        var measures: [CellRange?] = []
        do {
            scan: while true {
                switch try parser.next() {
                case .table:
                    measures.append(nil)
                case .row(let run):
                    guard let firstColumn = run.cells.firstIndex(where: { !$0.isEmpty }) else { continue }
                    let lastColumn = run.cells.lastIndex(where: { !$0.isEmpty }) ?? firstColumn
                    let lastRow = run.firstRow + run.count - 1
                    if let used = measures[measures.count - 1] {
                        measures[measures.count - 1] = CellRange(
                            CellAddress(row: used.first.row, column: min(used.first.column, firstColumn)),
                            CellAddress(row: lastRow, column: max(used.last.column, lastColumn)))
                    } else {
                        measures[measures.count - 1] = CellRange(CellAddress(row: run.firstRow, column: firstColumn),
                                                                 CellAddress(row: lastRow, column: lastColumn))
                    }
                case .tableEnd:
                    continue
                case .end:
                    break scan
                }
            }
        } catch {
            throw source.containerFailure() ?? error
        }
        guard measures.count == sheets.count else {
            throw XLSXReadError(.missingPart, "content.xml holds \(measures.count) tables, not the \(sheets.count) it held when opened; the file changed since it was opened", location: location)
        }
        self.measures = measures
        return measures
    }

    /// Whether a file is an OpenDocument package, decided by its bytes: a ZIP whose first entry is a stored
    /// `mimetype` naming an OpenDocument type (as ODF requires), or else a ZIP with a `content.xml` and no
    /// OOXML `[Content_Types].xml` or `xl/workbook.xml`. False for anything unreadable.
    public static func isOpenDocument(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        let head = [UInt8]((try? handle.read(upToCount: 512)) ?? Data())
        try? handle.close()
        guard head.count >= 38, head[0] == 0x50, head[1] == 0x4B, head[2] == 3, head[3] == 4 else { return false }
        let method = Int(head[8]) | Int(head[9]) << 8
        let nameLength = Int(head[26]) | Int(head[27]) << 8
        let extraLength = Int(head[28]) | Int(head[29]) << 8
        if nameLength == 8, method == 0, head[30..<38].elementsEqual("mimetype".utf8) {
            let start = 38 + extraLength
            let prefix = Array("application/vnd.oasis.opendocument.".utf8)
            if start + prefix.count <= head.count, head[start..<(start + prefix.count)].elementsEqual(prefix) {
                return true
            }
        }
        guard let package = try? ZIPPackage(path: path, limits: XLSXLimits()) else { return false }
        return package.contains("content.xml") && !package.contains("[Content_Types].xml")
            && !package.contains("xl/workbook.xml")
    }

    /// The tables alone, in document order (every sheet of an .ods is a worksheet).
    public var worksheets: [SheetInfo] { sheets.filter { $0.kind == .worksheet } }

    /// The sheet with a name (exact match first, then case-insensitive, as for an .xlsx).
    ///
    /// - Throws: `noSuchSheet` naming the sheets there are.
    public func sheet(named name: String) throws -> SheetInfo {
        if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
        throw XLSXReadError(.noSuchSheet, "there is no sheet named \"\(name)\"; the workbook has \(names)", location: SourceLocation(file: path))
    }

    /// Opens a streaming reader over a sheet's rows (see `ODSSheetReader`).
    ///
    /// - Throws: `noSuchSheet` for a sheet of another workbook; then, while reading, any `XLSXReadError` naming
    ///   the cell.
    public func rows(of sheet: SheetInfo) throws -> ODSSheetReader {
        guard sheet.index >= 0, sheet.index < sheets.count, sheets[sheet.index] == sheet else {
            throw XLSXReadError(.noSuchSheet, "sheet \"\(sheet.name)\" is not a table of this spreadsheet", location: SourceLocation(file: path, sheet: sheet.name))
        }
        let source = try PartSource(path: path, limits: limits.container, part: "content.xml", meter: openMeter.fork(),
                                    verifiedChecksum: contentChecksum)
        return ODSSheetReader(sheet: sheet, file: path, source: source, limits: limits)
    }

    /// Reads a whole sheet into a table, with its merged ranges.
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
        if fillMerged, !SheetRows.fillMerged(merged, in: &rows, maxCells: limits.container.maxMergedFillCells) {
            throw XLSXReadError(.structureLimit, "merged ranges cover more than \(limits.container.maxMergedFillCells) cells; read without filling merged cells", location: SourceLocation(file: path, sheet: sheet.name))
        }
        return Table(name: sheet.name, file: path, sheet: sheet.name, rows: rows, mergedRanges: merged)
    }

    /// The smallest range holding every non-empty cell, measured (every table at once, reading `content.xml` once)
    /// when first asked; nil for a sheet without values.
    ///
    /// - Throws: `noSuchSheet` for a sheet of another workbook; any `XLSXReadError` of reading the tables.
    public func usedRange(of sheet: SheetInfo) throws -> CellRange? {
        guard sheet.index >= 0, sheet.index < sheets.count, sheets[sheet.index] == sheet else {
            throw XLSXReadError(.noSuchSheet, "sheet \"\(sheet.name)\" is not a table of this spreadsheet", location: SourceLocation(file: path, sheet: sheet.name))
        }
        return try measured()[sheet.index]
    }
}
