import Foundation
import Rectification
import TabularCore
import XLSXWriter

/// The second sheet, 统计汇总: the summary paragraph, tables per aspect, unit and leader whose totals and rates are
/// formulas (with cached values), and a stacked column chart of progress by aspect.
struct LedgerSummarySheet {
    let sheet: Worksheet
    /// The chart to fill and insert; the caller adds it to the workbook when there are measures.
    let chart: Chart?
    let result: Reconciliation
    let styles: LedgerStyles
    let labels: LedgerLabels
    let options: LedgerOptions

    /// A table's rows: a name and the domain's tally for it.
    typealias Rows = [(name: String, tally: Tally)]

    /// The counted columns after the name: measures, then the disjoint status buckets (they add up to measures), then
    /// overdue as a part of the unfinished.
    static func values(_ tally: Tally) -> [Int] {
        [tally.measures, tally.allDone, tally.inProgress, tally.notStarted, tally.unrecognized, tally.overdue]
    }

    static let widths: [Double] = [40, 8, 8, 8, 8, 8, 8, 9]

    func write() throws {
        for (index, width) in LedgerSummarySheet.widths.enumerated() {
            try sheet.setColumnWidth(width, columns: index...index)
        }
        try sheet.setGridlines(.hidden)
        let last = LedgerSummarySheet.widths.count - 1
        try sheet.merge(CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 0, column: last)),
                        text: labels.summaryTitle, style: styles.title)
        try sheet.setRowHeight(options.fonts.titleSize * 2.1, row: 0)
        let paragraph = SummaryText.paragraph(result, language: options.language)
        try sheet.merge(CellRange(CellAddress(row: 1, column: 0), CellAddress(row: 1, column: last)),
                        text: paragraph, style: styles.paragraph)
        let totalWidth = LedgerSummarySheet.widths.reduce(0, +)
        let size = options.fonts.bodySize + 1
        let lines = LedgerText.lineCount(paragraph, columnWidth: totalWidth, fontSize: size)
        try sheet.setRowHeight(min(Double(lines) * LedgerText.lineHeight(fontSize: size) + 8, Worksheet.maxRowHeight), row: 1)

        var row = 3
        let aspects = LedgerSummarySheet.aspectRows(result, labels: labels)
        var chartRows: ClosedRange<Int>?
        if let range = try table(labels.byAspect, heading: labels.aspect, rows: aspects, at: &row) {
            chartRows = range
        }
        _ = try table(labels.byUnit, heading: labels.unit,
                      rows: LedgerSummarySheet.groupRows(result, key: .unit, labels: labels), at: &row)
        _ = try table(labels.byLeader, heading: labels.leader,
                      rows: LedgerSummarySheet.groupRows(result, key: .leader, labels: labels), at: &row)
        try sheet.merge(CellRange(CellAddress(row: row, column: 0), CellAddress(row: row, column: last)),
                        text: labels.summaryNote, style: styles.note)
        let noteLines = LedgerText.lineCount(labels.summaryNote, columnWidth: totalWidth, fontSize: options.fonts.bodySize - 1)
        try sheet.setRowHeight(min(Double(noteLines) * LedgerText.lineHeight(fontSize: options.fonts.bodySize - 1) + 6, Worksheet.maxRowHeight), row: row)

        if let chartRows, let chart { try insertChart(chart, rows: chartRows, below: row + 2) }

        try sheet.apply(.ledger(footer: labels.footer, landscape: false))
    }

    /// Writes a heading, a header row, the rows and a totals row; returns the data rows (0-based), nil when empty.
    private func table(_ title: String, heading: String, rows: Rows, at row: inout Int) throws -> ClosedRange<Int>? {
        guard !rows.isEmpty else { return nil }
        try sheet.write(title, row: row, column: 0, style: styles.heading)
        try sheet.setRowHeight(LedgerText.lineHeight(fontSize: options.fonts.headerSize + 1) + 8, row: row)
        row += 1
        let headers = [heading, labels.measures, labels.done, labels.inProgress, labels.notStarted, labels.unrecognized,
                       labels.ofWhichOverdue, labels.completionRate]
        for (column, text) in headers.enumerated() {
            try sheet.write(text, row: row, column: column, style: styles.header)
        }
        try sheet.setRowHeight(LedgerText.lineHeight(fontSize: options.fonts.headerSize) + 10, row: row)
        row += 1
        let first = row
        let lineHeight = LedgerText.lineHeight(fontSize: options.fonts.bodySize)
        for (name, tally) in rows {
            try sheet.write(name, row: row, column: 0, style: styles.text)
            for (offset, value) in LedgerSummarySheet.values(tally).enumerated() {
                try sheet.write(Double(value), row: row, column: offset + 1, style: styles.number)
            }
            try writeRate(row: row, values: LedgerSummarySheet.values(tally), style: styles.percent)
            let lines = LedgerText.lineCount(name, columnWidth: LedgerSummarySheet.widths[0], fontSize: options.fonts.bodySize)
            try sheet.setRowHeight(min(Double(lines) * lineHeight + 6, Worksheet.maxRowHeight), row: row)
            row += 1
        }
        let last = row - 1
        // The totals row sums the rows above, as its formulas do.
        var total = Array(repeating: 0, count: LedgerSummarySheet.values(Tally()).count)
        for (_, tally) in rows {
            for (offset, value) in LedgerSummarySheet.values(tally).enumerated() { total[offset] += value }
        }
        try sheet.write(labels.total, row: row, column: 0, style: styles.totalLabel)
        for (offset, value) in total.enumerated() {
            let letter = CellAddress.columnName(offset + 1)
            try sheet.writeFormula("=SUM(\(letter)\(first + 1):\(letter)\(last + 1))", row: row, column: offset + 1,
                                   style: styles.totalNumber, cachedValue: Double(value))
        }
        try writeRate(row: row, values: total, style: styles.totalPercent)
        try sheet.setRowHeight(lineHeight + 6, row: row)
        row += 2
        return first...last
    }

    /// The completion rate as a formula, done ÷ measures, with its cached value.
    private func writeRate(row: Int, values: [Int], style: CellStyle) throws {
        let excelRow = row + 1
        let rate = values[0] == 0 ? 0 : Double(values[1]) / Double(values[0])
        try sheet.writeFormula("=IF(B\(excelRow)=0,0,C\(excelRow)/B\(excelRow))", row: row, column: values.count + 1,
                               style: style, cachedValue: rate)
    }

    /// A stacked column chart of the status buckets (done / in progress / not started / unrecognized) by aspect,
    /// below the tables.
    private func insertChart(_ chart: Chart, rows: ClosedRange<Int>, below row: Int) throws {
        try chart.setTitle(labels.chartTitle)
        let sheetName = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
        func range(_ column: Int) -> String {
            let letter = CellAddress.columnName(column)
            return "=\(sheetName)!$\(letter)$\(rows.lowerBound + 1):$\(letter)$\(rows.upperBound + 1)"
        }
        let series: [(String, Int, UInt32)] = [
            (labels.done, 2, 0x70AD47), (labels.inProgress, 3, 0x4472C4), (labels.notStarted, 4, 0xA5A5A5),
            (labels.unrecognized, 5, 0xC00000),
        ]
        for (name, column, color) in series {
            try chart.addSeries(name: name, categories: range(0), values: range(column), color: color)
        }
        try chart.setAxisTitles(categories: nil, values: labels.chartValues)
        try chart.setLegendPosition(.bottom)
        let fonts = options.fonts
        try chart.setTitleFont(Chart.Font(name: fonts.header, size: fonts.headerSize + 1, bold: true))
        try chart.setLegendFont(Chart.Font(name: fonts.body, size: fonts.bodySize - 1))
        try chart.setAxisFonts(categories: Chart.Font(name: fonts.body, size: fonts.bodySize - 2, horizontal: true),
                           values: Chart.Font(name: fonts.body, size: fonts.bodySize - 2))
        try sheet.insert(chart, row: row, column: 0, xScale: 1.45, yScale: 1.25)
    }

    // MARK: Rows

    /// One row per aspect (its full text), plus one for measures under no aspect when there are any.
    static func aspectRows(_ result: Reconciliation, labels: LedgerLabels) -> Rows {
        var rows: Rows = result.rollups.aspects.map { keyed in (result.plan.aspect(keyed.key)?.text ?? "", keyed.tally) }
        if result.rollups.withoutAspect.measures > 0 { rows.append((labels.unassigned, result.rollups.withoutAspect)) }
        return rows
    }

    /// One row per unit or leader, in the rollups' order, plus one for measures naming none.
    static func groupRows(_ result: Reconciliation, key: Reconciliation.Grouping, labels: LedgerLabels) -> Rows {
        let named = key == .unit ? result.rollups.units : result.rollups.leaders
        let none = key == .unit ? result.rollups.withoutUnit : result.rollups.withoutLeader
        var rows: Rows = named.map { ($0.name, $0.tally) }
        if none.measures > 0 { rows.append((labels.noGroup(key), none)) }
        return rows
    }
}
