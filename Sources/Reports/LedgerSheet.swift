import Foundation
import Rectification
import TabularCore
import XLSXWriter

/// The first sheet, 整改台账: title, meta row, header, and one row per measure under merged aspect, problem and issue
/// cells, with a status drop-down, conditional colors and print settings.
///
/// Written in two halves on the writing thread (`writeHead()` before the body, `writeTail(rowCount:)` after it),
/// around the body's rows, which `LedgerRows` builds on the row-building thread.
struct LedgerSheet {
    let sheet: Worksheet
    /// The ledger's columns (`LedgerLayout.columns`), the same the row-building thread lays out.
    let columns: [LedgerLayout.Column]
    let result: Reconciliation
    let styles: LedgerStyles
    let labels: LedgerLabels
    let options: LedgerOptions
    let part: LedgerPart?
    /// The identity of the whole ledger (for a part, the master's), noted in a part's meta row.
    let master: String

    var lastColumn: Int { columns.count - 1 }

    /// The height in points above which a merged group's text is aligned to the top (about two-thirds of the rows
    /// an A4 landscape page holds below the repeated title and header).
    static let tallGroup = 320.0

    /// Column widths, gridlines, the title, the meta row and the header.
    func writeHead() throws {
        for (index, column) in columns.enumerated() {
            // The key column is hidden: it prints nowhere and is what a returned workbook is merged by.
            try sheet.setColumnWidth(column.width, columns: index...index, hidden: column.kind == .key)
        }
        try sheet.setGridlines(.hidden)
        try writeTitleAndMeta()
        try writeHeader()
    }

    /// After the body's `rowCount` data rows: the drop-down and colors, the panes, the filter and the page setup.
    func writeTail(rowCount: Int) throws {
        let lastDataRow = LedgerLayout.lastDataRow(rowCount: rowCount)
        try addRules(rowCount: rowCount)
        let header = LedgerLayout.headerRow
        try sheet.freezePanes(row: LedgerLayout.firstDataRow, column: 0)
        try sheet.autofilter(CellRange(CellAddress(row: header, column: 0), CellAddress(row: lastDataRow, column: lastColumn)))
        try sheet.apply(.ledger(footer: labels.footer, repeatRows: LedgerLayout.titleRow...LedgerLayout.headerRow))
    }

    private func range(_ row: Int, _ first: Int, _ last: Int) -> CellRange {
        CellRange(CellAddress(row: row, column: first), CellAddress(row: row, column: last))
    }

    /// Merges a range of one row, or writes the single cell, with text.
    private func mergeOrWrite(_ text: String, row: Int, columns: ClosedRange<Int>, style: CellStyle) throws {
        if columns.count > 1 {
            try sheet.merge(range(row, columns.lowerBound, columns.upperBound), text: text, style: style)
        } else {
            try sheet.write(text, row: row, column: columns.lowerBound, style: style)
        }
    }

    private func writeTitleAndMeta() throws {
        var title = options.effectiveTitle(kind: result.kind)
        if let part { title += labels.partSuffix(part) }
        try mergeOrWrite(title, row: LedgerLayout.titleRow, columns: 0...lastColumn, style: styles.title)
        try sheet.setRowHeight(options.fonts.titleSize * 2.1, row: LedgerLayout.titleRow)

        let row = LedgerLayout.metaRow
        let measure = LedgerLayout.column(.measure, in: columns) ?? 1
        let unit = part?.key == .unit ? part?.name ?? "" : options.unit ?? ""
        let source = part.map { _ in labels.partSource(master: master, asOf: result.asOf) } ?? ""
        try mergeOrWrite(labels.unitLabel + unit + source, row: row, columns: 0...max(0, measure - 1), style: styles.meta)
        try sheet.write(labels.asOfLabel, row: row, column: measure, style: styles.metaLabel)
        // A merged cell holds text; the date then overwrites its first cell, as libxlsxwriter documents.
        try mergeOrWrite("", row: row, columns: (measure + 1)...(measure + 2), style: styles.metaDate)
        try sheet.write(result.asOf.dateOnly, row: row, column: measure + 1, style: styles.metaDate)
        try mergeOrWrite(labels.reportDateLabel, row: row, columns: (measure + 3)...(measure + 4), style: styles.metaLabel)
        try mergeOrWrite("", row: row, columns: (measure + 5)...(measure + 6), style: styles.metaDate)
        let reportDate = (options.reportDate ?? result.asOf).dateOnly
        try sheet.write(reportDate, row: row, column: measure + 5, style: styles.metaDate)
        try sheet.setRowHeight(LedgerText.lineHeight(fontSize: options.fonts.bodySize) + 8, row: row)
    }

    private func writeHeader() throws {
        for (index, column) in columns.enumerated() {
            try sheet.write(column.header, row: LedgerLayout.headerRow, column: index, style: styles.header)
        }
        let height = LedgerLayout.headerHeight(columns: columns, fonts: options.fonts)
        try sheet.setRowHeight(min(height, Worksheet.maxRowHeight), row: LedgerLayout.headerRow)
    }

    /// The status drop-down and the colors that follow the deadline, the status and the as-of cell.
    private func addRules(rowCount: Int) throws {
        guard rowCount > 0, let status = LedgerLayout.column(.status, in: columns),
              let deadline = LedgerLayout.column(.deadline, in: columns) else { return }
        let first = LedgerLayout.firstDataRow
        let last = LedgerLayout.lastDataRow(rowCount: rowCount)
        func columnRange(_ column: Int) -> CellRange {
            CellRange(CellAddress(row: first, column: column), CellAddress(row: last, column: column))
        }
        try sheet.addDropDown(
            DropDownList(values: labels.statusChoices, allowsBlank: true,
                         errorMessage: (title: labels.statusErrorTitle, message: labels.statusErrorMessage)),
            to: columnRange(status))
        for rule in LedgerSheet.rules(columns: columns, dueSoonDays: result.configuration.dueSoonDays, labels: labels,
                                      styles: styles) {
            try sheet.addConditionalFormat(rule, to: columnRange(deadline))
            try sheet.addConditionalFormat(rule, to: columnRange(status))
        }
    }

    /// The conditional formats of the deadline and status columns, relative to the first data row: overdue (a date
    /// deadline before the as-of cell, not done), due soon (within the configured days, not done), done.
    /// A text deadline (长期坚持) is never a number, so never red or amber.
    static func rules(columns: [LedgerLayout.Column], dueSoonDays: Int, labels: LedgerLabels,
                      styles: LedgerStyles) -> [ConditionalFormat] {
        guard let statusColumn = LedgerLayout.column(.status, in: columns),
              let deadlineColumn = LedgerLayout.column(.deadline, in: columns) else { return [] }
        let row = LedgerLayout.firstDataRow + 1
        let status = "$\(CellAddress.columnName(statusColumn))\(row)"
        let due = "$\(CellAddress.columnName(deadlineColumn))\(row)"
        let asOfCell = LedgerLayout.asOfCell(columns: columns)
        let asOf = "$\(CellAddress.columnName(asOfCell.column))$\(asOfCell.row + 1)"
        let notDone = labels.doneStatuses.map { "\(status)<>\(quoted($0))" }.joined(separator: ",")
        let isDone = labels.doneStatuses.map { "\(status)=\(quoted($0))" }.joined(separator: ",")
        return [
            ConditionalFormat(formula: "=AND(ISNUMBER(\(due)),\(due)<\(asOf),\(notDone))", style: styles.overdueMark,
                              stopIfTrue: true),
            ConditionalFormat(
                formula: "=AND(ISNUMBER(\(due)),\(due)>=\(asOf),\(due)-\(asOf)<=\(dueSoonDays),\(notDone))",
                style: styles.dueSoonMark, stopIfTrue: true),
            ConditionalFormat(formula: "=OR(\(isDone))", style: styles.doneMark),
        ]
    }

    /// A string literal for a formula.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
