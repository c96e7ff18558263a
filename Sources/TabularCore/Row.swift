/// One record of a table with the place it came from.
public struct Row: Sendable, Hashable {
    /// The cells, left to right; a row may be shorter or longer than the header.
    public var cells: [CellValue]
    /// The 1-based line (CSV, the line where the record starts) or row number (workbook) of this record.
    public var line: Int
    /// The 0-based byte offset where the record starts, for text inputs.
    public var byteOffset: Int?

    /// Creates a row.
    public init(cells: [CellValue], line: Int, byteOffset: Int? = nil) {
        self.cells = cells
        self.line = line
        self.byteOffset = byteOffset
    }

    /// The cell at a 0-based index, or `.empty` past the row's end.
    public subscript(index: Int) -> CellValue {
        index < cells.count ? cells[index] : .empty
    }

    /// The text of the cell at a 0-based index (`CellValue.text`), "" past the row's end: read in place, where
    /// `self[index].text` would copy the cell out first (one more count taken and dropped on its text).
    public func text(at index: Int) -> String {
        index < cells.count ? cells[index].text : ""
    }
}
