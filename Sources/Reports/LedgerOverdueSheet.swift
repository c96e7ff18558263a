import Foundation
import Rectification
import TabularCore
import XLSXWriter

/// The third sheet, 逾期清单, written only when a measure is overdue or due soon: those measures with who answers
/// for them, the deadline and the days late or left; each number links to the measure's ledger row.
struct LedgerOverdueSheet {
    /// A listed measure and whether it is overdue (else due soon).
    struct Entry: Equatable {
        var measure: Measure
        var isOverdue: Bool
    }

    let sheet: Worksheet
    let layout: LedgerLayout
    let entries: [Entry]
    let styles: LedgerStyles
    let labels: LedgerLabels
    let options: LedgerOptions

    /// Overdue measures (most days late first), then those due soon (fewest days left first), as the domain timed
    /// them; ties in ledger order.
    static func entries(_ layout: LedgerLayout) -> [Entry] {
        let measures = layout.plan.measuresInOutlineOrder
        let overdue = measures.filter(\.isOverdue).sorted { ($0.daysLate ?? 0, $1.number) > ($1.daysLate ?? 0, $0.number) }
        let dueSoon = measures.filter(\.isDueSoon).sorted { ($0.daysLeft ?? 0, $0.number) < ($1.daysLeft ?? 0, $1.number) }
        return overdue.map { Entry(measure: $0, isOverdue: true) } + dueSoon.map { Entry(measure: $0, isOverdue: false) }
    }

    static let widths: [Double] = [6, 18, 42, 9, 10, 8.5, 14, 10.5, 9, 8, 8]

    func write() throws {
        for (index, width) in LedgerOverdueSheet.widths.enumerated() {
            try sheet.setColumnWidth(width, columns: index...index)
        }
        try sheet.setGridlines(.hidden)
        let last = LedgerOverdueSheet.widths.count - 1
        let title = labels.overdueTitle(asOf: layout.result.asOf, days: layout.dueSoonDays)
        try sheet.merge(CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 0, column: last)),
                        text: title, style: styles.title.with { $0.fontSize = options.fonts.titleSize - 4 })
        try sheet.setRowHeight(options.fonts.titleSize * 1.8, row: 0)
        let headers = [labels.number, labels.issue, labels.measure, labels.leader, labels.unit, labels.owner,
                       labels.deadline, labels.status, labels.kind, labels.daysLate, labels.daysLeft]
        for (column, text) in headers.enumerated() {
            try sheet.write(text, row: 1, column: column, style: styles.header)
        }
        try sheet.setRowHeight(LedgerText.lineHeight(fontSize: options.fonts.headerSize) * 2 + 8, row: 1)
        let plan = layout.plan
        let lineHeight = LedgerText.lineHeight(fontSize: options.fonts.bodySize)
        // Formats resolved on first use (the order in which the workbook first meets them is kept), not looked up by
        // style for each cell: a province's ledger lists tens of thousands of late measures.
        var formats = Formats(sheet: sheet, styles: styles)
        for (offset, entry) in entries.enumerated() {
            let row = 2 + offset
            let measure = entry.measure
            let issue = measure.issue.flatMap(plan.issue).map(LedgerLayout.issueLabel) ?? measure.issueReference
            if let ledgerRow = layout.measureRows[measure.key] {
                let ordinal = String(measure.number)
                try sheet.writeInternalLink(to: "\(LedgerFindingsSheet.quotedSheet(labels.ledgerSheet))!A\(ledgerRow + 1)",
                                            text: ordinal, row: row, column: 0, style: styles.link)
            }
            try sheet.write(issue, row: row, column: 1, format: formats.format(\.text) { $0.text })
            try sheet.write(measure.text, row: row, column: 2, format: formats.format(\.text) { $0.text })
            let centered = try formats.format(\.centered) { $0.centered }
            try sheet.write(measure.leaders.joined(separator: "、"), row: row, column: 3, format: centered)
            try sheet.write(measure.units.joined(separator: "、"), row: row, column: 4, format: centered)
            try sheet.write(measure.owners.joined(separator: "、"), row: row, column: 5, format: centered)
            switch layout.deadlineCell(measure.deadline) {
            case .date(let date, let shown):
                let format = try shown.map { text in try formats.shownDate(text) } ?? formats.format(\.date) { $0.date }
                try sheet.write(date, row: row, column: 6, format: format)
            case .text(let text): try sheet.write(text, row: row, column: 6, format: centered)
            }
            try sheet.write(labels.status(measure.status.progress), row: row, column: 7, format: centered)
            let marked = try entry.isOverdue ? formats.format(\.overdue) { $0.marked($0.overdueMark) }
                : formats.format(\.dueSoon) { $0.marked($0.dueSoonMark) }
            try sheet.write(entry.isOverdue ? labels.isOverdue : labels.isDueSoon, row: row, column: 8, format: marked)
            let number = { () throws -> CellFormat in
                try entry.isOverdue ? formats.format(\.overdueNumber) { $0.marked($0.overdueMark).with { $0.numberFormat = "0" } }
                    : formats.format(\.dueSoonNumber) { $0.marked($0.dueSoonMark).with { $0.numberFormat = "0" } }
            }
            if entry.isOverdue, let late = measure.daysLate {
                try sheet.write(Double(late), row: row, column: 9, format: number())
            } else {
                try sheet.writeBlank(row: row, column: 9, format: centered)
            }
            if !entry.isOverdue, let left = measure.daysLeft {
                try sheet.write(Double(left), row: row, column: 10, format: number())
            } else {
                try sheet.writeBlank(row: row, column: 10, format: centered)
            }
            let lines = max(
                LedgerText.lineCount(issue, columnWidth: LedgerOverdueSheet.widths[1], fontSize: options.fonts.bodySize),
                LedgerText.lineCount(measure.text, columnWidth: LedgerOverdueSheet.widths[2], fontSize: options.fonts.bodySize))
            try sheet.setRowHeight(min(Double(lines) * lineHeight + 6, Worksheet.maxRowHeight), row: row)
        }
        try sheet.freezePanes(row: 2, column: 0)
        try sheet.autofilter(CellRange(CellAddress(row: 1, column: 0), CellAddress(row: 1 + max(entries.count, 1), column: last)))
        try sheet.apply(.ledger(footer: labels.footer, repeatRows: 0...1))
    }
}

extension LedgerOverdueSheet {
    /// The sheet's formats, each made when a row first needs it.
    struct Formats {
        let sheet: Worksheet
        let styles: LedgerStyles
        var text, centered, date, overdue, dueSoon, overdueNumber, dueSoonNumber: CellFormat?
        /// Date cells showing the deadline as written, by that text.
        var shownDates: [String: CellFormat] = [:]

        init(sheet: Worksheet, styles: LedgerStyles) {
            self.sheet = sheet
            self.styles = styles
        }

        /// The format in `slot`, made from `style(styles)` on first use.
        mutating func format(_ slot: WritableKeyPath<Formats, CellFormat?>, _ style: (LedgerStyles) -> CellStyle) throws -> CellFormat {
            if let known = self[keyPath: slot] { return known }
            let made = try sheet.format(style(styles))
            self[keyPath: slot] = made
            return made
        }

        /// The date format that shows `text` instead of the date.
        mutating func shownDate(_ text: String) throws -> CellFormat {
            if let known = shownDates[text] { return known }
            let made = try sheet.format(styles.date.with { $0.numberFormat = LedgerLayout.literalFormat(text) })
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
