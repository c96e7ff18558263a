import TabularCore

extension MeasureCells {
    /// The text of the first cell of a recognized field, as `cells.first { $0.field == field }?.text` gives it, read
    /// through the table row without building every cell (merge compares a few fields of every measure, through a
    /// pointer to it: `measure.pointee.storedCells.firstText(of:)` copies no measure); nil when there is no such cell.
    func firstText(of field: Field) -> String? {
        switch self {
        case .cells(let cells):
            return cells.first { $0.field == field }?.text
        case .row(let values, let columns):
            for position in columns.indexes.indices where columns.shared[position].field == field {
                let index = columns.indexes[position]
                return MeasureCell(column: columns.shared[position], value: index < values.count ? values[index] : .empty).text
            }
            return nil
        }
    }
}
