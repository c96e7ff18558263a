import Foundation
import Rectification
import TabularCore
import XLSXWriter

/// The last sheet, 校验结果: every finding with its code, severity, place and message, linked to the ledger cell it
/// concerns (a measure's cell in the finding's column, an issue's cell, or an aspect's or problem's).
///
/// The head is written on the workbook's thread; the rows and the tail on the second writing thread
/// (`write(into:)`, which needs the layout, for the links).
struct LedgerFindingsSheet {
    let result: Reconciliation
    let styles: LedgerStyles
    let labels: LedgerLabels

    static let widths: [Double] = [26, 7, 16, 12, 64, 10]

    static var lastColumn: Int { widths.count - 1 }

    /// A sheet name quoted for a reference: `'整改台账'`.
    static func quotedSheet(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Column widths, gridlines, the title, the header, and the line saying there is no finding when there is none.
    func writeHead(_ sheet: Worksheet) throws {
        for (index, width) in LedgerFindingsSheet.widths.enumerated() {
            try sheet.setColumnWidth(width, columns: index...index)
        }
        try sheet.setGridlines(.hidden)
        let last = LedgerFindingsSheet.lastColumn
        try sheet.merge(CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 0, column: last)),
                        text: labels.findingsTitle, style: styles.title.with { $0.fontSize = styles.fonts.titleSize - 4 })
        try sheet.setRowHeight(styles.fonts.titleSize * 1.8, row: 0)
        let headers = [labels.code, labels.severity, labels.location, labels.column, labels.message, labels.link]
        for (column, text) in headers.enumerated() {
            try sheet.write(text, row: 1, column: column, style: styles.header)
        }
        try sheet.setRowHeight(LedgerText.lineHeight(fontSize: styles.fonts.headerSize) + 10, row: 1)
        if result.findings.isEmpty {
            try sheet.merge(CellRange(CellAddress(row: 2, column: 0), CellAddress(row: 2, column: last)),
                            text: labels.noFindings, style: styles.centered)
        }
    }

    /// After the rows: the panes, the filter and the page setup.
    func writeTail(_ sheet: Worksheet) throws {
        try sheet.freezePanes(row: 2, column: 0)
        try sheet.autofilter(CellRange(CellAddress(row: 1, column: 0),
                                       CellAddress(row: 1 + max(result.findings.count, 1), column: LedgerFindingsSheet.lastColumn)))
        try sheet.apply(.ledger(footer: labels.footer, repeatRows: 0...1))
    }

    /// Builds one row per finding into `sink` (on the second writing thread).
    ///
    /// - Throws: `XLSXWriteError` for a cell Excel cannot hold, or what writing a batch into the sheet throws.
    func write(into sink: inout LedgerRowSink, layout: LedgerLayout) throws {
        let lineHeight = LedgerText.lineHeight(fontSize: styles.fonts.bodySize)
        // Styles declared once for the sheet's rows, a severity's on its first use (in the order the rows use them).
        let text = try sink.rows.declare(styles.text)
        let centered = try sink.rows.declare(styles.centered)
        var link: BatchStyle?
        var severities: [Finding.Severity: BatchStyle] = [:]
        // Each input's file name taken once (the findings of a province's table name the same two files).
        var fileNames: [String: String] = [:]
        let ledger = LedgerFindingsSheet.quotedSheet(labels.ledgerSheet)
        for (offset, finding) in result.findings.enumerated() {
            let row = 2 + offset
            try sink.rows.write(finding.code.rawValue, row: row, column: 0, style: text)
            let severity: BatchStyle
            if let known = severities[finding.severity] {
                severity = known
            } else {
                severity = try sink.rows.declare(LedgerFindingsSheet.style(of: finding.severity, styles: styles))
                severities[finding.severity] = severity
            }
            try sink.rows.write(labels.severity(finding.severity), row: row, column: 1, style: severity)
            let fileName: String
            if let known = fileNames[finding.file] {
                fileName = known
            } else {
                fileName = (finding.file as NSString).lastPathComponent
                fileNames[finding.file] = fileName
            }
            try sink.rows.write(LedgerFindingsSheet.place(finding, fileName: fileName), row: row, column: 2, style: text)
            try sink.rows.write(finding.column ?? "", row: row, column: 3, style: centered)
            let message = finding.message(labels.language)
            try sink.rows.write(message, row: row, column: 4, style: text)
            if let target = target(of: finding, layout: layout) {
                let style: BatchStyle
                if let link { style = link } else {
                    style = try sink.rows.declare(styles.link)
                    link = style
                }
                try sink.rows.writeInternalLink(to: "\(ledger)!\(target)", text: target.description, row: row, column: 5,
                                                style: style)
            } else {
                try sink.rows.writeBlank(row: row, column: 5, style: centered)
            }
            let lines = max(
                LedgerText.lineCount(message, columnWidth: LedgerFindingsSheet.widths[4], fontSize: styles.fonts.bodySize),
                LedgerText.lineCount(finding.code.rawValue, columnWidth: LedgerFindingsSheet.widths[0], fontSize: styles.fonts.bodySize))
            try sink.rows.setRowHeight(min(Double(lines) * lineHeight + 6, Worksheet.maxRowHeight), row: row)
            try sink.endRow()
        }
    }

    /// `tasks.csv:12`, or `tasks.xlsx[Sheet1]:12`: the file's name (`fileName` when the caller has it), sheet and line.
    static func place(_ finding: Finding, fileName: String? = nil) -> String {
        var text = fileName ?? (finding.file as NSString).lastPathComponent
        if let sheet = finding.sheet { text += "[\(sheet)]" }
        if let line = finding.line { text += ":\(line)" }
        return text
    }

    /// The ledger cell a finding concerns, by its subject's key, if the ledger shows it.
    /// The severity column's style: centered, in the severity's color.
    static func style(of severity: Finding.Severity, styles: LedgerStyles) -> CellStyle {
        styles.centered.with { $0.fontColor = severity == .error ? 0xC00000 : severity == .warning ? 0x9C5700 : 0x595959 }
    }

    /// The styles the rows use, in the order they first use them (for `Workbook.writeConcurrently`).
    func rowStyles(layout: LedgerLayout) -> [CellStyle] {
        var list = [styles.text, styles.centered]
        var severities: Set<Finding.Severity> = []
        var linked = false
        for finding in result.findings {
            if severities.insert(finding.severity).inserted {
                list.append(LedgerFindingsSheet.style(of: finding.severity, styles: styles))
            }
            if !linked, target(of: finding, layout: layout) != nil {
                linked = true
                list.append(styles.link)
            }
        }
        return list
    }

    func target(of finding: Finding, layout: LedgerLayout) -> CellAddress? {
        switch finding.subject {
        case .measure(let key):
            guard let row = layout.measureRows[key] else { return nil }
            let kind = columnKind(header: finding.column)
            return CellAddress(row: row, column: layout.column(kind) ?? layout.column(.measure) ?? 0)
        case .issue(let key):
            guard let row = layout.issueRows[key], let column = layout.column(.issue) else { return nil }
            return CellAddress(row: row, column: column)
        case .problem(let key):
            guard let row = layout.problemRows[key], let column = layout.column(.problem) else { return nil }
            return CellAddress(row: row, column: column)
        case .aspect(let key):
            guard let row = layout.aspectRows[key], let column = layout.column(.aspect) else { return nil }
            return CellAddress(row: row, column: column)
        case nil:
            return nil
        }
    }

    /// The ledger column showing a task-table column, found by its header.
    func columnKind(header: String?) -> LedgerLayout.ColumnKind {
        guard let header, let column = result.plan.taskColumns.first(where: { $0.header == header }) else { return .measure }
        guard let field = column.field else {
            let extras = result.plan.taskColumns.filter { $0.field == nil }
            return extras.firstIndex { $0.header == header }.map { .extra($0) } ?? .measure
        }
        switch field {
        case .id: return .number
        case .issue, .issueText: return .issue
        case .aspect: return .aspect
        case .problem: return .problem
        case .measure: return .measure
        case .leader: return .leader
        case .unit: return .unit
        case .owner: return .owner
        case .deadline: return .deadline
        case .status: return .progressText
        case .note: return .note
        default: return .field(field)
        }
    }
}
