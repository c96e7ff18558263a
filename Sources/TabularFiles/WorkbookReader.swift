public import TabularCore
import TabularODS
import TabularXLS
import TabularXLSX

/// A workbook opened for reading, whatever its format (.xlsx, and the formats added beside it): its sheets, and a
/// streaming reader per worksheet. `TableFile.openWorkbook(_:)` opens one by the file's content.
public protocol WorkbookReader: AnyObject {
    /// The file's path as given.
    var path: String { get }
    /// Every sheet in tab order, worksheets and others.
    var sheets: [SheetInfo] { get }
    /// The sheet with a name (exact match first, then case-insensitive, as Excel treats sheet names).
    func sheet(named name: String) throws -> SheetInfo
    /// A streaming reader over a worksheet's rows (1-based row numbers in `Row.line`, trailing empties dropped).
    func sheetReader(of sheet: SheetInfo) throws -> any SheetRowReader
    /// A whole worksheet as a table with its merged ranges; `fillMerged` copies each area's top-left value into it.
    func readTable(sheet: SheetInfo, fillMerged: Bool) throws -> Table
    /// The smallest range holding every non-empty cell, found by reading the sheet; nil for an empty sheet.
    func usedRange(of sheet: SheetInfo) throws -> CellRange?
}

/// A worksheet's rows read one at a time, and what is known about the sheet once they are read.
public protocol SheetRowReader: AnyObject {
    /// The next row, or nil after the last.
    func nextRow() throws -> Row?
    /// The sheet's merged ranges (complete after the last row).
    var mergedRanges: [CellRange] { get }
    /// The used range the file declares before its cells (XLSX `<dimension>`, BIFF DIMENSIONS), or nil.
    var declaredDimension: CellRange? { get }
}

extension WorkbookReader {
    /// The worksheets alone, in workbook order.
    public var worksheets: [SheetInfo] { sheets.filter { $0.kind == .worksheet } }
}

extension XLSXWorkbook: WorkbookReader {
    /// The sheet's streaming reader.
    public func sheetReader(of sheet: SheetInfo) throws -> any SheetRowReader { try rows(of: sheet) }
}

extension XLSXSheetReader: SheetRowReader {}

extension XLSWorkbook: WorkbookReader {
    /// The sheet's streaming reader.
    public func sheetReader(of sheet: SheetInfo) throws -> any SheetRowReader { try rows(of: sheet) }
}

extension ODSWorkbook: WorkbookReader {
    /// The sheet's streaming reader.
    public func sheetReader(of sheet: SheetInfo) throws -> any SheetRowReader { try rows(of: sheet) }
}

extension XLSSheetReader: SheetRowReader {}

extension ODSSheetReader: SheetRowReader {}

extension TableFile {
    /// Opens a workbook by its content (not its name): an OLE compound file is a legacy .xls (an encrypted
    /// workbook in that envelope is named by `XLSReadError.passwordProtected`); an OpenDocument spreadsheet (.ods)
    /// when the package says so (`ODSWorkbook.isOpenDocument(path:)`); anything else an .xlsx/.xlsm package, whose
    /// reader names the other formats the first bytes reveal (an .xlsb).
    ///
    /// - Throws: the format reader's error naming the file.
    public static func openWorkbook(_ path: String, xlsxLimits: XLSXLimits = XLSXLimits()) throws -> any WorkbookReader {
        if isCompoundFile(path) { return try XLSWorkbook(path: path) }
        if ODSWorkbook.isOpenDocument(path: path) { return try ODSWorkbook(path: path, limits: ODSLimits(container: xlsxLimits)) }
        return try XLSXWorkbook(path: path, limits: xlsxLimits)
    }
}
