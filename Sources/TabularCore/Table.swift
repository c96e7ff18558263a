/// A whole table in memory: a name, its rows and where it came from. Readers stream; this is for small tables.
public struct Table: Sendable, Hashable {
    /// A name for the table: a sheet name, or the file's base name.
    public var name: String
    /// The input's path, for locations in messages.
    public var file: String
    /// The worksheet, for workbook inputs.
    public var sheet: String?
    /// Every row, the header (if any) included, in input order.
    public var rows: [Row]
    /// Merged areas of a workbook sheet, so that callers can fill merged cells; empty for CSV.
    public var mergedRanges: [CellRange]

    /// Creates a table.
    public init(name: String, file: String, sheet: String? = nil, rows: [Row], mergedRanges: [CellRange] = []) {
        self.name = name
        self.file = file
        self.sheet = sheet
        self.rows = rows
        self.mergedRanges = mergedRanges
    }

    /// The location of a cell in this table, for messages: `line` is the row's line, `column` 1-based.
    public func location(line: Int, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, sheet: sheet, line: line, column: column)
    }
}
