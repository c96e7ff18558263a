import Rectification
import TabularCore
import XLSXWriter

/// The body of the ledger sheet, built on the row-building thread (`LedgerPipeline`): each row's height, its
/// measure's cells and, in the aspect, problem and issue columns, a group's text on its first row (the group's range
/// marked merged there) and blank cells of the same style on its other rows, which is what merging the range
/// afterwards would write.
///
/// Styles are declared where the one-thread writer made their formats (the body's five at the start, a group's on
/// its first run, a shown deadline's on its first cell), so the workbook makes its formats in the same order.
struct LedgerRows {
    let layout: LedgerLayout
    let styles: LedgerStyles
    let labels: LedgerLabels

    /// The body's most used styles, in the order the workbook is to index them: made right after the sheet's head
    /// (before the summary's and the other sheets' styles), so that most of the body's cells carry a one-digit
    /// style index (`s="7"`), as they did when one thread wrote the workbook.
    static func mainStyles(_ styles: LedgerStyles) -> [CellStyle] {
        [styles.centered, styles.text, styles.number, styles.date]
    }

    /// The body's styles, declared once rather than looked up by style for each of the ledger's cells.
    struct BodyStyles {
        let text, centered, number, date, general: BatchStyle
        /// Date cells showing the deadline as written (2025年6月底前), by that text: a few dozen in a ledger.
        var shownDates: [String: BatchStyle] = [:]
        /// A group cell's style by (aspect column, aligned to the top): declared on first use.
        var groups: [BatchStyle?] = [nil, nil, nil, nil]

        init(rows: inout RowBatchBuilder, styles: LedgerStyles) throws {
            text = try rows.declare(styles.text)
            centered = try rows.declare(styles.centered)
            number = try rows.declare(styles.number)
            date = try rows.declare(styles.date)
            general = try rows.declare(styles.centered.with { $0.numberFormat = "General" })
        }
    }

    /// An aspect, problem or issue column while the rows are written: its runs in row order, the next to start, and
    /// the one under way (its last row and its style).
    struct GroupColumn {
        let column: Int
        let runs: [LedgerLayout.Run]
        var next = 0
        var open: (last: Int, style: BatchStyle)?

        init(column: Int, runs: [LedgerLayout.Run]) {
            self.column = column
            self.runs = runs
        }
    }

    /// Builds every data row into `sink`.
    ///
    /// - Throws: `XLSXWriteError` for a cell Excel cannot hold; `LedgerPipeline.Stopped` when the writing thread stopped.
    func write(into sink: inout LedgerRowSink) throws {
        let plan = layout.plan
        let grouped: Set<LedgerLayout.ColumnKind> = [.aspect, .problem, .issue]
        var body = try BodyStyles(rows: &sink.rows, styles: styles)
        let written = layout.columns.enumerated().filter { !grouped.contains($0.element.kind) }
        var groups = layout.columns.indices.filter { grouped.contains(layout.columns[$0].kind) }.map { column in
            GroupColumn(column: column, runs: layout.runs.filter { $0.kind == layout.columns[column].kind })
        }
        for (offset, row) in layout.rows.enumerated() {
            let sheetRow = LedgerLayout.firstDataRow + offset
            try sink.rows.setRowHeight(min(layout.heights[offset], Worksheet.maxRowHeight), row: sheetRow)
            for index in groups.indices {
                try writeGroupCell(&groups[index], offset: offset, rows: &sink.rows, body: &body)
            }
            // The measure taken out of the row once for all its cells (a copy of a large value each time).
            if let measure = row.measure {
                for (index, column) in written {
                    try writeCell(column.kind, measure: measure, row: row, plan: plan, sheetRow: sheetRow, column: index,
                                  rows: &sink.rows, body: &body)
                }
            } else {
                for (index, _) in written {
                    try sink.rows.writeBlank(row: sheetRow, column: index, style: body.text)
                }
            }
            try sink.endRow()
        }
        if layout.rows.isEmpty {
            for index in layout.columns.indices {
                try sink.rows.writeBlank(row: LedgerLayout.firstDataRow, column: index, style: body.text)
            }
        }
    }

    /// The group column's cell in data row `offset`: a run's text on its first row (its range marked merged when it
    /// spans several rows), a blank of the run's style on its other rows.
    private func writeGroupCell(_ group: inout GroupColumn, offset: Int, rows: inout RowBatchBuilder,
                                body: inout BodyStyles) throws {
        let sheetRow = LedgerLayout.firstDataRow + offset
        if group.next < group.runs.count, group.runs[group.next].first == offset {
            let run = group.runs[group.next]
            group.next += 1
            // A group taller than most of a printed page starts its text at the top, so the text prints on the
            // group's first page rather than in the middle of a merged cell cut by page breaks.
            let height = layout.heights[run.first..<(run.first + run.count)].reduce(0, +)
            let top = height > LedgerSheet.tallGroup
            let slot = (run.kind == .aspect ? 2 : 0) + (top ? 1 : 0)
            let style: BatchStyle
            if let known = body.groups[slot] {
                style = known
            } else {
                var cellStyle = run.kind == .aspect ? styles.centered : styles.text
                if top { cellStyle.verticalAlignment = .top }
                style = try rows.declare(cellStyle)
                body.groups[slot] = style
            }
            if run.count > 1 {
                try rows.markMerged(CellRange(CellAddress(row: sheetRow, column: group.column),
                                              CellAddress(row: sheetRow + run.count - 1, column: group.column)))
                group.open = (sheetRow + run.count - 1, style)
            } else {
                group.open = nil
            }
            try rows.write(run.text, row: sheetRow, column: group.column, style: style)
        } else if let open = group.open, sheetRow <= open.last {
            try rows.writeBlank(row: sheetRow, column: group.column, style: open.style)
            if sheetRow == open.last { group.open = nil }
        }
    }

    private func writeCell(_ kind: LedgerLayout.ColumnKind, measure: Measure, row: LedgerLayout.Row,
                           plan: RectificationPlan, sheetRow: Int, column: Int, rows: inout RowBatchBuilder,
                           body: inout BodyStyles) throws {
        switch kind {
        case .number:
            // A measure row's running number (`Row.ordinal`) is its measure's.
            try rows.write(Double(measure.number), row: sheetRow, column: column, style: body.number)
        case .deadline:
            switch layout.rowDeadlines[sheetRow - LedgerLayout.firstDataRow] ?? layout.deadlineCell(measure.deadline) {
            case .date(let date, let shown):
                var style = body.date
                if let shown {
                    if let known = body.shownDates[shown] {
                        style = known
                    } else {
                        style = try rows.declare(styles.date.with { $0.numberFormat = LedgerLayout.literalFormat(shown) })
                        body.shownDates[shown] = style
                    }
                }
                try rows.write(date, row: sheetRow, column: column, style: style)
            case .text(let text): try rows.write(text, row: sheetRow, column: column, style: body.centered)
            }
        case .field(let field):
            let cell = measure.cell(of: field)
            try write(cell?.value ?? .empty, text: cell?.text ?? "", row: sheetRow, column: column,
                      centered: field != .evidence && field != .target, rows: &rows, body: body)
        case .extra(let offset):
            let cell = measure.extra(at: offset)
            try write(cell?.value ?? .empty, text: cell?.text ?? "", row: sheetRow, column: column, centered: false,
                      rows: &rows, body: body)
        case .measure, .note:
            let text = LedgerLayout.displayText(kind, measure: measure, row: row, plan: plan, labels: labels)
            try rows.write(text, row: sheetRow, column: column, style: body.text)
        default:
            let text = LedgerLayout.displayText(kind, measure: measure, row: row, plan: plan, labels: labels)
            try rows.write(text, row: sheetRow, column: column, style: body.centered)
        }
    }

    /// Writes an input cell keeping its type: dates as dates, numbers as numbers, anything else as its text.
    private func write(_ value: CellValue, text: String, row: Int, column: Int, centered: Bool,
                       rows: inout RowBatchBuilder, body: BodyStyles) throws {
        switch value {
        case .date(let date) where date.year >= 1900:
            try rows.write(date.dateOnly, row: row, column: column, style: body.date)
        case .number(let number) where number.isFinite:
            try rows.write(number, row: row, column: column, style: body.general)
        default:
            try rows.write(text, row: row, column: column, style: centered ? body.centered : body.text)
        }
    }
}
