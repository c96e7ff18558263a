import Foundation
import Rectification
import TabularCore
import XLSXWriter

/// The first sheet, 整改台账: title, meta row, header, and one row per measure under merged aspect, problem and issue
/// cells, with a status drop-down, conditional colors and print settings.
struct LedgerSheet {
    let sheet: Worksheet
    let layout: LedgerLayout
    let styles: LedgerStyles
    let labels: LedgerLabels
    let options: LedgerOptions
    let part: LedgerPart?
    /// The identity of the whole ledger (for a part, the master's), noted in a part's meta row.
    let master: String

    var lastColumn: Int { layout.columns.count - 1 }

    /// The height in points above which a merged group's text is aligned to the top (about two-thirds of the rows
    /// an A4 landscape page holds below the repeated title and header).
    static let tallGroup = 320.0

    func write() throws {
        for (index, column) in layout.columns.enumerated() {
            // The key column is hidden: it prints nowhere and is what a returned workbook is merged by.
            try sheet.setColumnWidth(column.width, columns: index...index, hidden: column.kind == .key)
        }
        try sheet.setGridlines(.hidden)
        try writeTitleAndMeta()
        try writeHeader()
        try writeRows()
        try addRules()
        let header = LedgerLayout.headerRow
        try sheet.freezePanes(row: LedgerLayout.firstDataRow, column: 0)
        try sheet.autofilter(CellRange(CellAddress(row: header, column: 0), CellAddress(row: layout.lastDataRow, column: lastColumn)))
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
        var title = options.effectiveTitle(kind: layout.result.kind)
        if let part { title += labels.partSuffix(part) }
        try mergeOrWrite(title, row: LedgerLayout.titleRow, columns: 0...lastColumn, style: styles.title)
        try sheet.setRowHeight(options.fonts.titleSize * 2.1, row: LedgerLayout.titleRow)

        let row = LedgerLayout.metaRow
        let measure = layout.column(.measure) ?? 1
        let unit = part?.key == .unit ? part?.name ?? "" : options.unit ?? ""
        let source = part.map { _ in labels.partSource(master: master, asOf: layout.result.asOf) } ?? ""
        try mergeOrWrite(labels.unitLabel + unit + source, row: row, columns: 0...max(0, measure - 1), style: styles.meta)
        try sheet.write(labels.asOfLabel, row: row, column: measure, style: styles.metaLabel)
        // A merged cell holds text; the date then overwrites its first cell, as libxlsxwriter documents.
        try mergeOrWrite("", row: row, columns: (measure + 1)...(measure + 2), style: styles.metaDate)
        try sheet.write(layout.result.asOf.dateOnly, row: row, column: measure + 1, style: styles.metaDate)
        try mergeOrWrite(labels.reportDateLabel, row: row, columns: (measure + 3)...(measure + 4), style: styles.metaLabel)
        try mergeOrWrite("", row: row, columns: (measure + 5)...(measure + 6), style: styles.metaDate)
        let reportDate = (options.reportDate ?? layout.result.asOf).dateOnly
        try sheet.write(reportDate, row: row, column: measure + 5, style: styles.metaDate)
        try sheet.setRowHeight(LedgerText.lineHeight(fontSize: options.fonts.bodySize) + 8, row: row)
    }

    private func writeHeader() throws {
        for (index, column) in layout.columns.enumerated() {
            try sheet.write(column.header, row: LedgerLayout.headerRow, column: index, style: styles.header)
        }
        try sheet.setRowHeight(min(layout.headerHeight, Worksheet.maxRowHeight), row: LedgerLayout.headerRow)
    }

    /// The body's formats, resolved once rather than looked up by style for each of the ledger's cells.
    struct BodyFormats {
        let text, centered, number, date, general: CellFormat
        /// Date cells showing the deadline as written (2025年6月底前), by that text: a few dozen in a ledger.
        var shownDates: [String: CellFormat] = [:]

        init(sheet: Worksheet, styles: LedgerStyles) throws {
            text = try sheet.format(styles.text)
            centered = try sheet.format(styles.centered)
            number = try sheet.format(styles.number)
            date = try sheet.format(styles.date)
            general = try sheet.format(styles.centered.with { $0.numberFormat = "General" })
        }
    }

    /// The body, row by row (the sheet is streamed): each row's height, its measure's cells and, in the aspect,
    /// problem and issue columns, a group's text on its first row (the group's range marked merged there) and blank
    /// cells of the same style on its other rows, which is what merging the range afterwards would write.
    private func writeRows() throws {
        let plan = layout.plan
        let grouped: Set<LedgerLayout.ColumnKind> = [.aspect, .problem, .issue]
        var formats = try BodyFormats(sheet: sheet, styles: styles)
        let written = layout.columns.enumerated().filter { !grouped.contains($0.element.kind) }
        var groups = layout.columns.indices.filter { grouped.contains(layout.columns[$0].kind) }.map { column in
            GroupColumn(column: column, runs: layout.runs.filter { $0.kind == layout.columns[column].kind })
        }
        for (offset, row) in layout.rows.enumerated() {
            let sheetRow = LedgerLayout.firstDataRow + offset
            try sheet.setRowHeight(min(layout.heights[offset], Worksheet.maxRowHeight), row: sheetRow)
            for index in groups.indices {
                try writeGroupCell(&groups[index], offset: offset)
            }
            for (index, column) in written {
                try writeCell(column.kind, row: row, plan: plan, sheetRow: sheetRow, column: index, formats: &formats)
            }
        }
        if layout.rows.isEmpty {
            for index in layout.columns.indices {
                try sheet.writeBlank(row: LedgerLayout.firstDataRow, column: index, style: styles.text)
            }
        }
    }

    /// An aspect, problem or issue column while the rows are written: its runs in row order, the next to start, and
    /// the one under way (its last row and its format).
    struct GroupColumn {
        let column: Int
        let runs: [LedgerLayout.Run]
        var next = 0
        var open: (last: Int, format: CellFormat)?

        init(column: Int, runs: [LedgerLayout.Run]) {
            self.column = column
            self.runs = runs
        }
    }

    /// The group column's cell in data row `offset`: a run's text on its first row (its range marked merged when it
    /// spans several rows), a blank of the run's style on its other rows.
    private func writeGroupCell(_ group: inout GroupColumn, offset: Int) throws {
        let sheetRow = LedgerLayout.firstDataRow + offset
        if group.next < group.runs.count, group.runs[group.next].first == offset {
            let run = group.runs[group.next]
            group.next += 1
            var style = run.kind == .aspect ? styles.centered : styles.text
            // A group taller than most of a printed page starts its text at the top, so the text prints on the
            // group's first page rather than in the middle of a merged cell cut by page breaks.
            let height = layout.heights[run.first..<(run.first + run.count)].reduce(0, +)
            if height > LedgerSheet.tallGroup { style.verticalAlignment = .top }
            let format = try sheet.format(style)
            if run.count > 1 {
                try sheet.markMerged(CellRange(CellAddress(row: sheetRow, column: group.column),
                                               CellAddress(row: sheetRow + run.count - 1, column: group.column)))
                group.open = (sheetRow + run.count - 1, format)
            } else {
                group.open = nil
            }
            try sheet.write(run.text, row: sheetRow, column: group.column, format: format)
        } else if let open = group.open, sheetRow <= open.last {
            try sheet.writeBlank(row: sheetRow, column: group.column, format: open.format)
            if sheetRow == open.last { group.open = nil }
        }
    }

    private func writeCell(_ kind: LedgerLayout.ColumnKind, row: LedgerLayout.Row, plan: RectificationPlan,
                           sheetRow: Int, column: Int, formats: inout BodyFormats) throws {
        guard let measure = row.measure else {
            try sheet.writeBlank(row: sheetRow, column: column, format: formats.text)
            return
        }
        switch kind {
        case .number:
            if let ordinal = row.ordinal {
                try sheet.write(Double(ordinal), row: sheetRow, column: column, format: formats.number)
            } else {
                try sheet.writeBlank(row: sheetRow, column: column, format: formats.number)
            }
        case .deadline:
            switch layout.deadlineCell(measure.deadline) {
            case .date(let date, let shown):
                var format = formats.date
                if let shown {
                    if let known = formats.shownDates[shown] {
                        format = known
                    } else {
                        format = try sheet.format(styles.date.with { $0.numberFormat = LedgerLayout.literalFormat(shown) })
                        formats.shownDates[shown] = format
                    }
                }
                try sheet.write(date, row: sheetRow, column: column, format: format)
            case .text(let text): try sheet.write(text, row: sheetRow, column: column, format: formats.centered)
            }
        case .field(let field):
            let value = measure.cells.first { $0.field == field }?.value ?? .empty
            try write(value, text: measure[field] ?? "", row: sheetRow, column: column,
                      centered: field != .evidence && field != .target, formats: formats)
        case .extra(let offset):
            let extras = measure.extras
            let cell = offset < extras.count ? extras[offset] : nil
            try write(cell?.value ?? .empty, text: cell?.text ?? "", row: sheetRow, column: column, centered: false,
                      formats: formats)
        case .measure, .note:
            let text = LedgerLayout.displayText(kind, row: row, plan: plan, labels: labels)
            try sheet.write(text, row: sheetRow, column: column, format: formats.text)
        default:
            let text = LedgerLayout.displayText(kind, row: row, plan: plan, labels: labels)
            try sheet.write(text, row: sheetRow, column: column, format: formats.centered)
        }
    }

    /// Writes an input cell keeping its type: dates as dates, numbers as numbers, anything else as its text.
    private func write(_ value: CellValue, text: String, row: Int, column: Int, centered: Bool, formats: BodyFormats) throws {
        switch value {
        case .date(let date) where date.year >= 1900:
            try sheet.write(date.dateOnly, row: row, column: column, format: formats.date)
        case .number(let number) where number.isFinite:
            try sheet.write(number, row: row, column: column, format: formats.general)
        default:
            try sheet.write(text, row: row, column: column, format: centered ? formats.centered : formats.text)
        }
    }

    /// The status drop-down and the colors that follow the deadline, the status and the as-of cell.
    private func addRules() throws {
        guard !layout.rows.isEmpty, let status = layout.column(.status), let deadline = layout.column(.deadline) else { return }
        let first = LedgerLayout.firstDataRow
        let last = layout.lastDataRow
        func columnRange(_ column: Int) -> CellRange {
            CellRange(CellAddress(row: first, column: column), CellAddress(row: last, column: column))
        }
        try sheet.addDropDown(
            DropDownList(values: labels.statusChoices, allowsBlank: true,
                         errorMessage: (title: labels.statusErrorTitle, message: labels.statusErrorMessage)),
            to: columnRange(status))
        for rule in LedgerSheet.rules(layout: layout, labels: labels, styles: styles) {
            try sheet.addConditionalFormat(rule, to: columnRange(deadline))
            try sheet.addConditionalFormat(rule, to: columnRange(status))
        }
    }

    /// The conditional formats of the deadline and status columns, relative to the first data row: overdue (a date
    /// deadline before the as-of cell, not done), due soon (within the configured days, not done), done.
    /// A text deadline (长期坚持) is never a number, so never red or amber.
    static func rules(layout: LedgerLayout, labels: LedgerLabels, styles: LedgerStyles) -> [ConditionalFormat] {
        guard let statusColumn = layout.column(.status), let deadlineColumn = layout.column(.deadline) else { return [] }
        let row = LedgerLayout.firstDataRow + 1
        let status = "$\(CellAddress.columnName(statusColumn))\(row)"
        let due = "$\(CellAddress.columnName(deadlineColumn))\(row)"
        let asOf = "$\(CellAddress.columnName(layout.asOfCell.column))$\(layout.asOfCell.row + 1)"
        let notDone = labels.doneStatuses.map { "\(status)<>\(quoted($0))" }.joined(separator: ",")
        let isDone = labels.doneStatuses.map { "\(status)=\(quoted($0))" }.joined(separator: ",")
        return [
            ConditionalFormat(formula: "=AND(ISNUMBER(\(due)),\(due)<\(asOf),\(notDone))", style: styles.overdueMark,
                              stopIfTrue: true),
            ConditionalFormat(
                formula: "=AND(ISNUMBER(\(due)),\(due)>=\(asOf),\(due)-\(asOf)<=\(layout.dueSoonDays),\(notDone))",
                style: styles.dueSoonMark, stopIfTrue: true),
            ConditionalFormat(formula: "=OR(\(isDone))", style: styles.doneMark),
        ]
    }

    /// A string literal for a formula.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
