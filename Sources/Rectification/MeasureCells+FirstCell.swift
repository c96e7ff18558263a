import TabularCore

extension MeasureCells {
    /// The first cell of a recognized field, as `cells.first { $0.field == field }` gives it, read through the table
    /// row without building every cell (merge compares a few fields of every measure, through a pointer to it:
    /// `measure.pointee.storedCells.firstCell(of:)` copies no measure); nil when there is no such cell.
    func firstCell(of field: Field) -> MeasureCell? {
        switch self {
        case .cells(let cells):
            return cells.first { $0.field == field }
        case .row(let values, let columns):
            return columns.shared.indices.first { columns.shared[$0].field == field }
                .map { MeasureCells.cell(at: $0, of: values, through: columns) }
        }
    }

    /// The cell of a row's values in the kept column at `position` (a value past the row's end is an empty cell).
    static func cell(at position: Int, of values: [CellValue], through columns: MeasureColumns) -> MeasureCell {
        let index = columns.indexes[position]
        return MeasureCell(column: columns.shared[position], value: index < values.count ? values[index] : .empty)
    }
}
