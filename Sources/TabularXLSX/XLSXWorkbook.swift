import Foundation
public import TabularCore

/// An `.xlsx`/`.xlsm` workbook opened for reading: its sheet list, date system, and streaming sheet readers.
///
/// Opening reads only the small structural parts (content types, relationships, `workbook.xml`, `styles.xml`);
/// shared strings are read once, on the first sheet read; sheets are streamed and never held whole.
/// Memory: the shared strings plus one row per reader. Any writer's output is accepted (Excel, LibreOffice, WPS,
/// openpyxl, XlsxWriter), including Strict OOXML namespaces and prefixed elements. A workbook and its readers
/// belong to one thread at a time.
///
/// ```swift
/// let workbook = try XLSXWorkbook(path: "ledger.xlsx")
/// let reader = try workbook.rows(of: workbook.worksheets[0])
/// while let row = try reader.nextRow() {
///     print(row.line, row.cells.map(\.text).joined(separator: ","))
/// }
/// ```
public final class XLSXWorkbook {
    /// The safety caps type, `XLSXLimits`.
    public typealias Limits = XLSXLimits

    /// The file's path as given.
    public let path: String
    /// The safety caps in force.
    public let limits: XLSXLimits
    /// Every sheet in workbook order, chart sheets included (with `kind == .chartsheet`).
    public let sheets: [SheetInfo]
    /// The workbook's date system: `.from1904` when `workbookPr date1904` is set, else `.from1900`.
    public let dateSystem: ExcelDateSystem

    private let package: ZIPPackage
    private let openMeter: ZIPPackage.Meter
    private let sharedStringsPart: String?
    private let styles: CellStyles
    private var sharedStringsCache: [String]?

    /// Opens a workbook and reads its structure.
    ///
    /// - Parameters:
    ///   - path: the workbook file.
    ///   - limits: safety caps; the defaults suit any real workbook.
    /// - Throws: `XLSXReadError` — `fileUnreadable`, `emptyFile`, `notAZipPackage`, `passwordProtected`,
    ///   `legacyXLS`, `binaryXLSB`, `openDocument`, `corruptZip`, `unsafeEntryName`, `missingPart`,
    ///   `targetOutsidePackage`, `malformedXML`, `doctypeForbidden`, `noWorksheet`, or a limit code.
    public init(path: String, limits: XLSXLimits = XLSXLimits()) throws {
        self.path = path
        self.limits = limits
        let location = SourceLocation(file: path)
        let package = try ZIPPackage(path: path, limits: limits)
        self.package = package
        let meter = ZIPPackage.Meter(limit: limits.maxTotalUncompressedBytes, file: path)
        openMeter = meter

        if package.contains("mimetype") {
            let mimetype = String(decoding: try package.read("mimetype", meter: meter).prefix(200), as: UTF8.self)
            if mimetype.hasPrefix("application/vnd.oasis.opendocument") {
                throw XLSXReadError(.openDocument, "this is an OpenDocument spreadsheet (.ods), not .xlsx; save it as .xlsx in LibreOffice (File > Save As)", location: location)
            }
        }
        if package.contains("xl/workbook.bin") {
            throw XLSXReadError(.binaryXLSB, "this is a binary .xlsb workbook (xl/workbook.bin), not .xlsx; save it as .xlsx in Excel", location: location)
        }

        let workbookPart = try PackageStructure.workbookPart(package: package, meter: meter)
        if workbookPart.hasSuffix(".bin") {
            throw XLSXReadError(.binaryXLSB, "this is a binary .xlsb workbook (\(workbookPart)), not .xlsx; save it as .xlsx in Excel", location: location)
        }
        guard package.contains(workbookPart) else {
            throw XLSXReadError(.missingPart, "the workbook part \(workbookPart) is missing from the package", location: location)
        }
        let workbook = try PackageStructure.parseWorkbook(workbookPart, package: package, meter: meter)
        let relationships = try PackageStructure.relationships(of: workbookPart, package: package, meter: meter)
        dateSystem = workbook.date1904 ? .from1904 : .from1900

        var sheets: [SheetInfo] = []
        for (index, entry) in workbook.sheets.enumerated() {
            guard let relationship = relationships.first(where: { $0.id == entry.relationshipID }), !relationship.isExternal else {
                throw XLSXReadError(.missingPart, "sheet \"\(entry.name)\" refers to relationship \(entry.relationshipID), which \(PackageStructure.relsName(for: workbookPart)) does not define", location: location)
            }
            let kind: SheetInfo.Kind
            if relationship.isType("worksheet") {
                kind = .worksheet
            } else if relationship.isType("chartsheet") {
                kind = .chartsheet
            } else {
                kind = .other
            }
            let visibility: SheetInfo.Visibility
            switch entry.state {
            case "hidden": visibility = .hidden
            case "veryHidden": visibility = .veryHidden
            default: visibility = .visible
            }
            sheets.append(SheetInfo(index: index, name: entry.name, visibility: visibility, kind: kind, partName: relationship.target))
        }
        guard sheets.contains(where: { $0.kind == .worksheet }) else {
            throw XLSXReadError(.noWorksheet, "the workbook has no worksheet (only \(sheets.count) chart or other sheet(s)); there are no cells to read", location: location)
        }
        self.sheets = sheets

        sharedStringsPart = relationships.first { $0.isType("sharedStrings") && !$0.isExternal }?.target
        if let stylesPart = relationships.first(where: { $0.isType("styles") && !$0.isExternal })?.target,
           package.contains(stylesPart) {
            var scanner = XMLScanner(partName: stylesPart, location: location, limits: limits,
                                     bytes: try package.read(stylesPart, meter: meter))
            styles = try CellStyles.parse(&scanner)
        } else {
            styles = CellStyles()
        }
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
        throw XLSXReadError(.noSuchSheet, "there is no sheet named \"\(name)\"; the workbook has \(names)", location: SourceLocation(file: path))
    }

    /// Opens a streaming reader over a worksheet's rows.
    ///
    /// Rows come in order with 1-based Excel row numbers in `Row.line`; missing rows between rows that hold
    /// values are delivered as empty rows, missing cells as `.empty`; trailing empty cells and trailing empty
    /// rows are dropped. The sheet is inflated on a background thread into a bounded queue.
    /// Memory: the shared strings (read once per workbook) plus one row and a 1 MiB chunk queue.
    ///
    /// - Throws: `noSuchSheet` for a chart sheet; then, while reading, any `XLSXReadError` naming the cell.
    public func rows(of sheet: SheetInfo) throws -> XLSXSheetReader {
        guard sheet.kind == .worksheet else {
            throw XLSXReadError(.noSuchSheet, "sheet \"\(sheet.name)\" is a \(sheet.kind == .chartsheet ? "chart sheet" : "non-worksheet sheet") and has no cells; choose a worksheet", location: SourceLocation(file: path, sheet: sheet.name))
        }
        let strings = try sharedStrings()
        let meter = openMeter.fork()
        let source = try PartSource(path: path, limits: limits, part: sheet.partName, meter: meter)
        return XLSXSheetReader(
            sheet: sheet, file: path, source: source, limits: limits, sharedStrings: strings,
            styles: styles.kinds, dateSystem: dateSystem)
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
            throw XLSXReadError(.structureLimit, "merged ranges cover more than \(limits.maxMergedFillCells) cells; read without filling merged cells", location: SourceLocation(file: path, sheet: sheet.name))
        }
        return Table(name: sheet.name, file: path, sheet: sheet.name, rows: rows, mergedRanges: merged)
    }

    /// The smallest range holding every non-empty cell, found by scanning the sheet (the `dimension` element
    /// is not trusted); nil for a sheet without values. Memory: one row.
    ///
    /// - Throws: as `rows(of:)`.
    public func usedRange(of sheet: SheetInfo) throws -> CellRange? {
        let reader = try rows(of: sheet)
        var used = SheetRows.UsedRange()
        while let row = try reader.nextRow() { used.add(row) }
        return used.range
    }

    private func sharedStrings() throws -> [String] {
        if let sharedStringsCache { return sharedStringsCache }
        var strings: [String] = []
        if let part = sharedStringsPart {
            guard package.contains(part) else {
                throw XLSXReadError(.missingPart, "the shared-strings part \(part) is missing from the package", location: SourceLocation(file: path))
            }
            let source = try PartSource(path: path, limits: limits, part: part, meter: openMeter)
            var scanner = XMLScanner(partName: part, location: SourceLocation(file: path), limits: limits) {
                try source.next()
            }
            do {
                strings = try SharedStrings.read(&scanner, limits: limits)
            } catch {
                throw source.containerFailure() ?? error
            }
        }
        sharedStringsCache = strings
        return strings
    }
}
