import Rectification
import TabularCore
import XLSXWriter

/// The change log of a merged master, 变更记录: one row per applied change — running number, key, unit, field, old
/// value, new value and the returns it came from — under a one-row header, so that any reader takes it as a table.
struct LedgerChangesSheet {
    let sheet: Worksheet
    let changes: [MergeChange]
    let styles: LedgerStyles
    let labels: LedgerLabels

    static let widths: [Double] = [6, 8, 14, 12, 36, 36, 24]


    func write() throws {
        for (index, width) in LedgerChangesSheet.widths.enumerated() {
            try sheet.setColumnWidth(width, columns: index...index)
        }
        let headers = labels.language == .chinese
            ? ["序号", "编号", "责任单位", "字段", "原值", "新值", "来源"]
            : ["No.", "Key", "Unit", "Field", "Old value", "New value", "Return"]
        for (column, text) in headers.enumerated() {
            try sheet.write(text, row: 0, column: column, style: styles.header)
        }
        for (offset, change) in changes.enumerated() {
            let row = offset + 1
            let cells = [
                change.key.rawValue, change.unit, labels.changeField(change.field),
                labels.changeValue(change.field, change.old), labels.changeValue(change.field, change.new),
                change.sources.joined(separator: "、"),
            ]
            try sheet.write(Double(change.number), row: row, column: 0, style: styles.number)
            for (index, text) in cells.enumerated() {
                try sheet.write(text, row: row, column: index + 1, style: index >= 3 ? styles.text : styles.centered)
            }
        }
        try sheet.freezePanes(row: 1, column: 0)
    }
}
