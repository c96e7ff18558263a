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
    let layout: LedgerLayout
    let styles: LedgerStyles
    let labels: LedgerLabels
    let options: LedgerOptions

    /// Disjoint counts of a group's measures: done, overdue (not done, past due), in progress and not started (both
    /// without the overdue ones; statuses not understood count as not started). They add up to `measures`.
    struct Counts: Equatable {
        var measures = 0
        var done = 0
        var inProgress = 0
        var notStarted = 0
        var overdue = 0

        mutating func add(_ measure: Measure) {
            measures += 1
            if measure.status.progress.isDone {
                done += 1
            } else if measure.isOverdue {
                overdue += 1
            } else if measure.status.progress == .inProgress {
                inProgress += 1
            } else {
                notStarted += 1
            }
        }

        var values: [Int] { [measures, done, inProgress, notStarted, overdue] }
    }

    /// A table's rows: a name and its counts.
    typealias Rows = [(name: String, counts: Counts)]

    static let widths: [Double] = [44, 9, 9, 9, 9, 9, 10]

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
        let aspects = LedgerSummarySheet.aspectRows(result.plan, labels: labels)
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
        let headers = [heading, labels.measures, labels.done, labels.inProgress, labels.notStarted, labels.overdue,
                       labels.completionRate]
        for (column, text) in headers.enumerated() {
            try sheet.write(text, row: row, column: column, style: styles.header)
        }
        try sheet.setRowHeight(LedgerText.lineHeight(fontSize: options.fonts.headerSize) + 10, row: row)
        row += 1
        let first = row
        let lineHeight = LedgerText.lineHeight(fontSize: options.fonts.bodySize)
        for (name, counts) in rows {
            try sheet.write(name, row: row, column: 0, style: styles.text)
            for (offset, value) in counts.values.enumerated() {
                try sheet.write(Double(value), row: row, column: offset + 1, style: styles.number)
            }
            try writeRate(row: row, counts: counts, style: styles.percent)
            let lines = LedgerText.lineCount(name, columnWidth: LedgerSummarySheet.widths[0], fontSize: options.fonts.bodySize)
            try sheet.setRowHeight(min(Double(lines) * lineHeight + 6, Worksheet.maxRowHeight), row: row)
            row += 1
        }
        let last = row - 1
        var total = Counts()
        for (_, counts) in rows {
            total.measures += counts.measures
            total.done += counts.done
            total.inProgress += counts.inProgress
            total.notStarted += counts.notStarted
            total.overdue += counts.overdue
        }
        try sheet.write(labels.total, row: row, column: 0, style: styles.totalLabel)
        for (offset, value) in total.values.enumerated() {
            let letter = CellAddress.columnName(offset + 1)
            try sheet.writeFormula("=SUM(\(letter)\(first + 1):\(letter)\(last + 1))", row: row, column: offset + 1,
                                   style: styles.totalNumber, cachedValue: Double(value))
        }
        try writeRate(row: row, counts: total, style: styles.totalPercent)
        try sheet.setRowHeight(lineHeight + 6, row: row)
        row += 2
        return first...last
    }

    /// The completion rate as a formula, done ÷ measures, with its cached value.
    private func writeRate(row: Int, counts: Counts, style: CellStyle) throws {
        let excelRow = row + 1
        let rate = counts.measures == 0 ? 0 : Double(counts.done) / Double(counts.measures)
        try sheet.writeFormula("=IF(B\(excelRow)=0,0,C\(excelRow)/B\(excelRow))", row: row, column: 6,
                               style: style, cachedValue: rate)
    }

    /// A stacked column chart of done / in progress / not started / overdue by aspect, below the tables.
    private func insertChart(_ chart: Chart, rows: ClosedRange<Int>, below row: Int) throws {
        try chart.setTitle(labels.chartTitle)
        let sheetName = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
        func range(_ column: Int) -> String {
            let letter = CellAddress.columnName(column)
            return "=\(sheetName)!$\(letter)$\(rows.lowerBound + 1):$\(letter)$\(rows.upperBound + 1)"
        }
        let series: [(String, Int, UInt32)] = [
            (labels.done, 2, 0x70AD47), (labels.inProgress, 3, 0x4472C4), (labels.notStarted, 4, 0xA5A5A5),
            (labels.overdue, 5, 0xC00000),
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

    // MARK: Counting

    /// One row per aspect (its full text), plus one for measures under no aspect when there are any.
    static func aspectRows(_ plan: RectificationPlan, labels: LedgerLabels) -> Rows {
        var counts = Array(repeating: Counts(), count: plan.aspects.count)
        var unassigned = Counts()
        for measure in plan.measures {
            if let issue = measure.issueIndex, let aspect = plan.issues[issue].aspectIndex {
                counts[aspect].add(measure)
            } else {
                unassigned.add(measure)
            }
        }
        var rows: Rows = plan.aspects.indices.map { (plan.aspects[$0].text, counts[$0]) }
        if unassigned.measures > 0 { rows.append((labels.unassigned, unassigned)) }
        return rows
    }

    /// One row per unit or leader, in the rollups' order, plus one for measures naming none.
    static func groupRows(_ result: Reconciliation, key: LedgerWorkbook.SplitKey, labels: LedgerLabels) -> Rows {
        let named = key == .unit ? result.rollups.units : result.rollups.leaders
        var position: [String: Int] = [:]
        for (index, tally) in named.enumerated() { position[TextNormalization.textKey(tally.name)] = index }
        var counts = Array(repeating: Counts(), count: named.count)
        var none = Counts()
        for measure in result.plan.measures {
            let names = key == .unit ? measure.units : measure.leaders
            if names.isEmpty { none.add(measure) }
            var seen: Set<Int> = []
            for name in names {
                guard let index = position[TextNormalization.textKey(name)], seen.insert(index).inserted else { continue }
                counts[index].add(measure)
            }
        }
        var rows: Rows = named.indices.map { (named[$0].name, counts[$0]) }
        if none.measures > 0 { rows.append((labels.noGroup(key), none)) }
        return rows
    }
}
