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

    /// The cell of the `offset`-th column no field recognized, as `cells.filter { $0.field == nil }[offset]` gives it,
    /// read through the table row without building every cell; nil past the last such column.
    func extraCell(at offset: Int) -> MeasureCell? {
        var seen = 0
        switch self {
        case .cells(let cells):
            for cell in cells where cell.field == nil {
                if seen == offset { return cell }
                seen += 1
            }
        case .row(let values, let columns):
            for position in columns.shared.indices where columns.shared[position].field == nil {
                if seen == offset { return MeasureCells.cell(at: position, of: values, through: columns) }
                seen += 1
            }
        }
        return nil
    }

    /// The cell of a row's values in the kept column at `position` (a value past the row's end is an empty cell).
    static func cell(at position: Int, of values: [CellValue], through columns: MeasureColumns) -> MeasureCell {
        let index = columns.indexes[position]
        return MeasureCell(column: columns.shared[position], value: index < values.count ? values[index] : .empty)
    }
}
