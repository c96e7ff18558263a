import TabularCore
public import TabularXLSX

extension TableFile {
    /// Whether a file is a workbook by its name (`.xlsx`, `.xlsm`), for choosing the direction of a conversion.
    public static func looksLikeWorkbook(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm")
    }

    /// The sheet a selector names (a name, or a 1-based index), or the first visible worksheet for nil.
    ///
    /// A selector that is a number and also the name of a sheet selects that sheet by name.
    ///
    /// - Throws: `TabularFilesError.unknownSheet` for an index out of range or a workbook without worksheets;
    ///   `XLSXReadError.noSuchSheet` for an unknown name.
    public static func sheet(_ selector: String?, in book: XLSXWorkbook) throws -> SheetInfo {
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
