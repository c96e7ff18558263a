import Foundation
import Rectification
import TabularCore
import XLSXWriter

/// The third sheet, 逾期清单, written only when a measure is overdue or due soon: those measures with who answers
/// for them, the deadline and the days late or left; each number links to the measure's ledger row.
///
/// The head (`writeHead()`) is written on the workbook's thread; the rows (`LedgerOverdueRows`) and the tail
/// (`writeTail(entryCount:)`) on the second writing thread (`Workbook.writeConcurrently`), beside the ledger's rows.
struct LedgerOverdueSheet {
    /// A listed measure and whether it is overdue (else due soon).
    struct Entry: Equatable {
        var measure: Measure
        var isOverdue: Bool
    }

    let sheet: Worksheet
    let result: Reconciliation
    let styles: LedgerStyles
    let labels: LedgerLabels
    let options: LedgerOptions

    /// Overdue measures (most days late first), then those due soon (fewest days left first), as the domain timed
    /// them; ties in ledger order. Needs the plan only, so it is made while the ledger is laid out.
    static func entries(_ plan: RectificationPlan) -> [Entry] {
        // Positions are filtered and sorted, not measures: each listed measure is copied once, into its entry.
        let measures = plan.measures
        let outline = plan.measurePositionsInOutlineOrder
        let overdue = outline.filter { measures[$0].isOverdue }.sorted { a, b in
            (measures[a].daysLate ?? 0, measures[b].number) > (measures[b].daysLate ?? 0, measures[a].number)
        }
        let dueSoon = outline.filter { measures[$0].isDueSoon }.sorted { a, b in
            (measures[a].daysLeft ?? 0, measures[a].number) < (measures[b].daysLeft ?? 0, measures[b].number)
        }
        return overdue.map { Entry(measure: measures[$0], isOverdue: true) }
            + dueSoon.map { Entry(measure: measures[$0], isOverdue: false) }
    }

    static let widths: [Double] = [6, 18, 42, 9, 10, 8.5, 14, 10.5, 9, 8, 8]

    static var lastColumn: Int { widths.count - 1 }

    /// Column widths, gridlines, the title and the header.
    func writeHead() throws {
        for (index, width) in LedgerOverdueSheet.widths.enumerated() {
            try sheet.setColumnWidth(width, columns: index...index)
        }
        try sheet.setGridlines(.hidden)
        let last = LedgerOverdueSheet.lastColumn
        let title = labels.overdueTitle(asOf: result.asOf, days: result.configuration.dueSoonDays)
        try sheet.merge(CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 0, column: last)),
                        text: title, style: styles.title.with { $0.fontSize = options.fonts.titleSize - 4 })
        try sheet.setRowHeight(options.fonts.titleSize * 1.8, row: 0)
        let headers = [labels.number, labels.issue, labels.measure, labels.leader, labels.unit, labels.owner,
                       labels.deadline, labels.status, labels.kind, labels.daysLate, labels.daysLeft]
        for (column, text) in headers.enumerated() {
            try sheet.write(text, row: 1, column: column, style: styles.header)
        }
        try sheet.setRowHeight(LedgerText.lineHeight(fontSize: options.fonts.headerSize) * 2 + 8, row: 1)
    }

    /// After the `entryCount` rows: the panes, the filter and the page setup.
    func writeTail(entryCount: Int) throws {
        try sheet.freezePanes(row: 2, column: 0)
        try sheet.autofilter(CellRange(CellAddress(row: 1, column: 0),
                                       CellAddress(row: 1 + max(entryCount, 1), column: LedgerOverdueSheet.lastColumn)))
        try sheet.apply(.ledger(footer: labels.footer, repeatRows: 0...1))
    }
}

/// The overdue list's rows, built and written on the second writing thread.
struct LedgerOverdueRows {
    let layout: LedgerLayout
    let entries: [LedgerOverdueSheet.Entry]
    let styles: LedgerStyles
    let labels: LedgerLabels
    let options: LedgerOptions

    /// Builds every entry's row into `sink`.
    ///
    /// - Throws: `XLSXWriteError` for a cell Excel cannot hold, or what writing a batch into the sheet throws.
    func write(into sink: inout LedgerRowSink) throws {
        let plan = layout.plan
        let lineHeight = LedgerText.lineHeight(fontSize: options.fonts.bodySize)
        let ledger = LedgerFindingsSheet.quotedSheet(labels.ledgerSheet)
        // Styles declared on first use (the order in which the workbook first meets them is kept), not looked up by
        // style for each cell: a province's ledger lists tens of thousands of late measures.
        var formats = Formats(styles: styles)
        for (offset, entry) in entries.enumerated() {
            let row = 2 + offset
            let measure = entry.measure
            let issue = measure.issue.flatMap(plan.issue).map(LedgerLayout.issueLabel) ?? measure.issueReference
            if let ledgerRow = layout.measureRows[measure.key] {
                let ordinal = String(measure.number)
                let link = try formats.format(\.link, &sink.rows) { $0.link }
                try sink.rows.writeInternalLink(to: "\(ledger)!A\(ledgerRow + 1)", text: ordinal, row: row, column: 0,
                                                style: link)
            }
            let text = try formats.format(\.text, &sink.rows) { $0.text }
            try sink.rows.write(issue, row: row, column: 1, style: text)
            try sink.rows.write(measure.text, row: row, column: 2, style: text)
            let centered = try formats.format(\.centered, &sink.rows) { $0.centered }
            try sink.rows.write(measure.leaders.joined(separator: "、"), row: row, column: 3, style: centered)
            try sink.rows.write(measure.units.joined(separator: "、"), row: row, column: 4, style: centered)
            try sink.rows.write(measure.owners.joined(separator: "、"), row: row, column: 5, style: centered)
            switch layout.deadlineCell(measure.deadline) {
            case .date(let date, let shown):
                let style = try shown.map { text in try formats.shownDate(text, &sink.rows) }
                    ?? formats.format(\.date, &sink.rows) { $0.date }
                try sink.rows.write(date, row: row, column: 6, style: style)
            case .text(let text): try sink.rows.write(text, row: row, column: 6, style: centered)
            }
            try sink.rows.write(labels.status(measure.status.progress), row: row, column: 7, style: centered)
            let marked = try entry.isOverdue ? formats.format(\.overdue, &sink.rows) { $0.marked($0.overdueMark) }
                : formats.format(\.dueSoon, &sink.rows) { $0.marked($0.dueSoonMark) }
            try sink.rows.write(entry.isOverdue ? labels.isOverdue : labels.isDueSoon, row: row, column: 8, style: marked)
            if entry.isOverdue, let late = measure.daysLate {
                let number = try formats.format(\.overdueNumber, &sink.rows) {
                    $0.marked($0.overdueMark).with { $0.numberFormat = "0" }
                }
                try sink.rows.write(Double(late), row: row, column: 9, style: number)
            } else {
                try sink.rows.writeBlank(row: row, column: 9, style: centered)
            }
            if !entry.isOverdue, let left = measure.daysLeft {
                let number = try formats.format(\.dueSoonNumber, &sink.rows) {
                    $0.marked($0.dueSoonMark).with { $0.numberFormat = "0" }
                }
                try sink.rows.write(Double(left), row: row, column: 10, style: number)
            } else {
                try sink.rows.writeBlank(row: row, column: 10, style: centered)
            }
            let lines = max(
                LedgerText.lineCount(issue, columnWidth: LedgerOverdueSheet.widths[1], fontSize: options.fonts.bodySize),
                LedgerText.lineCount(measure.text, columnWidth: LedgerOverdueSheet.widths[2], fontSize: options.fonts.bodySize))
            try sink.rows.setRowHeight(min(Double(lines) * lineHeight + 6, Worksheet.maxRowHeight), row: row)
            try sink.endRow()
        }
    }

    /// The styles the rows use (for `Workbook.writeConcurrently`): one pass over the entries noting which kinds of
    /// cell occur (a style is a large value, so none is made or hashed per entry).
    func rowStyles() -> [CellStyle] {
        var linked = false, plainDate = false, overdue = false, dueSoon = false, daysLate = false, daysLeft = false
        var shown: [String] = []
        var seen: Set<String> = []
        for entry in entries {
            let measure = entry.measure
            if !linked, layout.measureRows[measure.key] != nil { linked = true }
            if case .date(_, let text) = layout.deadlineCell(measure.deadline) {
                if let text {
                    if seen.insert(text).inserted { shown.append(text) }
                } else {
                    plainDate = true
                }
            }
            if entry.isOverdue {
                overdue = true
                if measure.daysLate != nil { daysLate = true }
            } else {
                dueSoon = true
                if measure.daysLeft != nil { daysLeft = true }
            }
        }
        var list = [styles.text, styles.centered]
        if linked { list.append(styles.link) }
        if plainDate { list.append(styles.date) }
        list += shown.map { text in styles.date.with { $0.numberFormat = LedgerLayout.literalFormat(text) } }
        if overdue { list.append(styles.marked(styles.overdueMark)) }
        if dueSoon { list.append(styles.marked(styles.dueSoonMark)) }
        if daysLate { list.append(styles.marked(styles.overdueMark).with { $0.numberFormat = "0" }) }
        if daysLeft { list.append(styles.marked(styles.dueSoonMark).with { $0.numberFormat = "0" }) }
        return list
    }

    /// The rows' styles, each declared when a row first needs it.
    struct Formats {
        let styles: LedgerStyles
        var link, text, centered, date, overdue, dueSoon, overdueNumber, dueSoonNumber: BatchStyle?
        /// Date cells showing the deadline as written, by that text.
        var shownDates: [String: BatchStyle] = [:]

        init(styles: LedgerStyles) {
            self.styles = styles
        }

        /// The style in `slot`, declared from `style(styles)` on first use.
        mutating func format(_ slot: WritableKeyPath<Formats, BatchStyle?>, _ rows: inout RowBatchBuilder,
                             _ style: (LedgerStyles) -> CellStyle) throws -> BatchStyle {
            if let known = self[keyPath: slot] { return known }
            let made = try rows.declare(style(styles))
            self[keyPath: slot] = made
            return made
        }

        /// The date style that shows `text` instead of the date.
        mutating func shownDate(_ text: String, _ rows: inout RowBatchBuilder) throws -> BatchStyle {
            if let known = shownDates[text] { return known }
            let made = try rows.declare(styles.date.with { $0.numberFormat = LedgerLayout.literalFormat(text) })
            shownDates[text] = made
            return made
        }
    }
}

extension LedgerStyles {
    /// Centered body text in a mark's font and fill colors.
    func marked(_ mark: CellStyle) -> CellStyle {
        centered.with { $0.fontColor = mark.fontColor; $0.fillColor = mark.fillColor }
    }
}
