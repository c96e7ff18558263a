import TabularCore

extension Measure {
    /// The text of the measure's first cell of a recognized field, as `cells.first { $0.field == field }?.text`
    /// gives it, read through the table row without building every cell (merge compares a few fields of every
    /// measure); nil when the measure has no such cell.
    func firstCellText(of field: Field) -> String? {
        switch storedCells {
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
