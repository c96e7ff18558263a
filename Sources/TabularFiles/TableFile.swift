public import TabularCSV
public import TabularCore

/// Reads a whole table from a CSV or XLSX file, for inputs small enough to hold in memory (task tables, rosters).
public enum TableFile {
    /// Reads `path`: a workbook (`.xlsx`, `.xlsm`) by its sheet (name or 1-based index; default the first visible
    /// worksheet), with merged ranges but without filling them; anything else as CSV with `csv` options.
    ///
    /// Memory: the whole table; use `CSVReader` or `XLSXWorkbook.rows(of:)` to stream a large file.
    ///
    /// - Throws: `CSVError`, `XLSXReadError` or `TabularFilesError.unknownSheet`, each naming the file.
    public static func read(_ path: String, sheet: String? = nil, csv: CSVReader.Configuration = .init()) throws -> Table {
        guard looksLikeWorkbook(path) else {
            return try CSVReader.readTable(path: path, configuration: csv)
        }
        let book = try openWorkbook(path)
        return try book.readTable(sheet: Self.sheet(sheet, in: book), fillMerged: false)
    }
}

extension TableFile {
    /// Reads the sheet named `name` of a workbook, or returns nil when the file is not a workbook or has no sheet
    /// of that name (hidden sheets included), for optional companions such as a ledger's hidden meta sheet.
    ///
    /// - Throws: `XLSXReadError` when the workbook cannot be read.
    public static func readSheetIfPresent(_ path: String, named name: String) throws -> Table? {
        guard looksLikeWorkbook(path) else { return nil }
        let book = try openWorkbook(path)
        guard let sheet = book.sheets.first(where: { $0.name == name }) else { return nil }
        return try book.readTable(sheet: sheet, fillMerged: false)
    }
}
