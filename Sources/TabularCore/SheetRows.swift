/// What every workbook reader does the same way with a worksheet's rows: fill merged areas, measure the used range.
public enum SheetRows {
    /// Copies each merged area's top-left value into every cell of it, adding rows where an area reaches below the
    /// last one; areas whose top-left cell is empty are left alone. Returns false, with `rows` partly filled, when the
    /// areas to fill cover more than `maxCells` cells (the caller throws its reader's limit error).
    public static func fillMerged(_ ranges: [CellRange], in rows: inout [Row], maxCells: Int) -> Bool {
        var budget = maxCells
        for range in ranges {
            let value = range.first.row < rows.count ? rows[range.first.row][range.first.column] : .empty
            guard value != .empty else { continue }
            budget -= (range.last.row - range.first.row + 1) * (range.last.column - range.first.column + 1)
            guard budget >= 0 else { return false }
            while rows.count <= range.last.row { rows.append(Row(cells: [], line: rows.count + 1)) }
            for row in range.first.row...range.last.row {
                if rows[row].cells.count <= range.last.column {
                    rows[row].cells.append(contentsOf: repeatElement(.empty, count: range.last.column + 1 - rows[row].cells.count))
                }
                for column in range.first.column...range.last.column { rows[row].cells[column] = value }
            }
        }
        return true
    }

    /// The smallest range holding every non-empty cell of rows read one at a time (1-based `Row.line`).
    public struct UsedRange {
        private var firstRow: Int?
        private var lastRow = 0
        private var minColumn = Int.max
        private var maxColumn = 0

        /// An empty measure.
        public init() {}

        /// Takes a row into the measure.
        public mutating func add(_ row: Row) {
            guard let firstColumn = row.cells.firstIndex(where: { !$0.isEmpty }),
                  let lastColumn = row.cells.lastIndex(where: { !$0.isEmpty })
            else { return }
            if firstRow == nil { firstRow = row.line - 1 }
            lastRow = row.line - 1
            minColumn = min(minColumn, firstColumn)
            maxColumn = max(maxColumn, lastColumn)
        }

        /// The range measured so far, nil when no row had a value.
        public var range: CellRange? {
            guard let firstRow else { return nil }
            return CellRange(CellAddress(row: firstRow, column: minColumn), CellAddress(row: lastRow, column: maxColumn))
        }
    }
}
