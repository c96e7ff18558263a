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
        try open(path, sheet: sheet, csv: csv).table
    }

    /// Reads `path` as `read` does, keeping the workbook open so that its other sheets are read without opening
    /// and indexing the file again (a workbook's shared strings are read once for all its sheets).
    ///
    /// - Throws: as `read`.
    public static func open(_ path: String, sheet: String? = nil, csv: CSVReader.Configuration = .init()) throws -> Opened {
        guard looksLikeWorkbook(path) else {
            return Opened(table: try CSVReader.readTable(path: path, configuration: csv), workbook: nil)
        }
        let book = try openWorkbook(path)
        return Opened(table: try book.readTable(sheet: Self.sheet(sheet, in: book), fillMerged: false), workbook: book)
    }

    /// A table read from a file, with the workbook it came from when it is one.
    public struct Opened {
        /// The table read.
        public let table: Table
        /// The open workbook the table is a sheet of; nil for a CSV file.
        public let workbook: (any WorkbookReader)?

        /// Another sheet of the same workbook, by exact name (hidden sheets included); nil for a CSV file or when
        /// the workbook has no sheet of that name.
        ///
        /// - Throws: the workbook reader's errors.
        public func sheet(named name: String) throws -> Table? {
            guard let workbook, let sheet = workbook.sheets.first(where: { $0.name == name }) else { return nil }
            return try workbook.readTable(sheet: sheet, fillMerged: false)
        }
    }
}
