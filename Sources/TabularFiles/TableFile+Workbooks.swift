import Foundation
import TabularCore
import TabularXLSX

extension TableFile {
    /// Whether a file is to be read as a workbook, decided by its first bytes rather than its name: a ZIP
    /// package (an .xlsx, also one named .xls as WPS users send; an .ods, read by its own reader; an .xlsb, which
    /// the workbook reader names in one line) or an OLE compound file (a legacy .xls or an encrypted workbook,
    /// likewise named). Text is read as CSV whatever its extension. A file whose bytes cannot be read (missing,
    /// empty, a folder, standard input) and Excel's lock files (`~$name.xlsx`) are decided by name (`.xlsx`,
    /// `.xlsm`, `.xls`, `.ods`), so that the workbook reader reports them.
    public static func looksLikeWorkbook(_ path: String) -> Bool {
        let byName = isNamedLikeWorkbook(path)
        if path == "-" { return false }
        if (path as NSString).lastPathComponent.hasPrefix("~$") && byName { return true }
        guard let head = leadingBytes(path, count: 8), !head.isEmpty else { return byName }
        return isZIP(head) || head.starts(with: oleSignature)
    }

    /// Whether a file's name says it is a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`), whatever its content.
    public static func isNamedLikeWorkbook(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") || lowered.hasSuffix(".xls")
            || lowered.hasSuffix(".ods")
    }

    /// Whether bytes start with a ZIP signature (`PK` and 3/4, 5/6 or 7/8), as every OOXML and ODF package does.
    private static func isZIP(_ head: [UInt8]) -> Bool {
        head.count >= 4 && head[0] == 0x50 && head[1] == 0x4B
            && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8))
    }
    /// Whether a file starts with the OLE compound-file signature (a legacy .xls, or an encrypted workbook).
    static func isCompoundFile(_ path: String) -> Bool {
        leadingBytes(path, count: 8).map { $0.starts(with: oleSignature) } ?? false
    }

    /// The OLE compound file signature: legacy .xls, and encrypted OOXML workbooks.
    private static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Up to `count` first bytes of a regular file, or nil when it cannot be opened or is not a regular file.
    private static func leadingBytes(_ path: String, count: Int) -> [UInt8]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)).map { [UInt8]($0) }
    }

    /// The sheet a selector names (a name, or a 1-based index), or the first visible worksheet for nil.
    ///
    /// A selector that is a number and also the name of a sheet selects that sheet by name.
    ///
    /// - Throws: `TabularFilesError.unknownSheet` for an index out of range or a workbook without worksheets;
    ///   `XLSXReadError.noSuchSheet` for an unknown name.
    public static func sheet(_ selector: String?, in book: any WorkbookReader) throws -> SheetInfo {
        guard let selector else {
            guard let first = book.worksheets.first(where: { $0.visibility == .visible }) ?? book.worksheets.first else {
                throw TabularFilesError(.unknownSheet, "the workbook has no worksheet", location: SourceLocation(file: book.path))
            }
            return first
        }
        if let index = Int(selector), !book.sheets.contains(where: { $0.name == selector }) {
            guard (1...book.sheets.count).contains(index) else {
                throw TabularFilesError(.unknownSheet, "there is no sheet \(index); the workbook has \(book.sheets.count)",
                                        location: SourceLocation(file: book.path))
            }
            return book.sheets[index - 1]
        }
        return try book.sheet(named: selector)
    }
}
