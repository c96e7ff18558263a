import Foundation
public import Rectification
public import TabularCore
import XLSXWriter

/// The fonts of a ledger workbook, by role; the defaults are the ones Chinese offices print ledgers in.
public struct LedgerFonts: Sendable, Hashable {
    /// The title's font; default 方正小标宋简体.
    public var title: String
    /// The header row's font; default 黑体.
    public var header: String
    /// The body's font; default 仿宋_GB2312.
    public var body: String
    /// The title's size in points; default 20.
    public var titleSize: Double
    /// The header row's size in points; default 11.
    public var headerSize: Double
    /// The body's size in points; default 11 (row heights are estimated from it).
    public var bodySize: Double

    /// Creates fonts; every argument defaults to the office fonts above.
    public init(
        title: String = "方正小标宋简体", header: String = "黑体", body: String = "仿宋_GB2312",
        titleSize: Double = 20, headerSize: Double = 11, bodySize: Double = 11
    ) {
        self.title = title
        self.header = header
        self.body = body
        self.titleSize = titleSize
        self.headerSize = headerSize
        self.bodySize = bodySize
    }
}

/// The options of a ledger workbook (`tracksheet ledger`); every default is documented on its property.
public struct LedgerOptions: Sendable, Hashable {
    /// The title above the table; default nil: `{unit}{kind}反馈问题整改台账` (巡察反馈问题整改台账, 审计发现问题整改台账 …
    /// by the reconciliation's kind), without the unit when none is given.
    public var title: String?
    /// The unit that keeps the ledger (填报单位), also the document's author and company; default nil.
    public var unit: String?
    /// The language of sheet names, headers and the summary; default Chinese.
    public var language: Language
    /// The fonts; default the office fonts (方正小标宋简体, 黑体, 仿宋_GB2312).
    public var fonts: LedgerFonts
    /// The creation time in seconds since 1970 (`SOURCE_DATE_EPOCH`); default nil: now. Fixing it makes the
    /// workbook byte-for-byte reproducible.
    public var creationTime: Int?
    /// The report date (填报日期); default nil: the reconciliation's as-of date.
    public var reportDate: LocalDateTime?

    /// Creates options with the defaults above.
    public init(
        title: String? = nil, unit: String? = nil, language: Language = .chinese,
        fonts: LedgerFonts = LedgerFonts(), creationTime: Int? = nil, reportDate: LocalDateTime? = nil
    ) {
        self.title = title
        self.unit = unit
        self.language = language
        self.fonts = fonts
        self.creationTime = creationTime
        self.reportDate = reportDate
    }

    /// The title as written: the explicit one, else one made from the unit and the kind of review.
    public func effectiveTitle(kind: RectificationKind?) -> String {
        if let title, !title.isEmpty { return title }
        let name = kind.ledgerName(language)
        guard let unit, !unit.isEmpty else { return language == .chinese ? name : name.prefix(1).uppercased() + name.dropFirst() }
        return language.pick(unit + name, "\(unit) \(name)")
    }
}

/// The rectification ledger (整改台账) as an XLSX workbook: the ledger, a summary with a chart, the overdue list and
/// the findings, print-ready on A4 landscape.
///
/// ```swift
/// try LedgerWorkbook.write(result, to: "台账.xlsx", options: LedgerOptions(unit: "县科协"))
/// ```
public enum LedgerWorkbook {
    /// Writes the ledger workbook to `path` (atomically: the file appears only when complete).
    ///
    /// Sheets: 整改台账 (Ledger), 统计汇总 (Summary), 逾期清单 (Overdue, only when a measure is overdue or due
    /// soon) and 校验结果 (Findings). Memory: every sheet but the summary is streamed row by row to temporary files
    /// (`RowStorage.streamed`), so the workbook adds little to the reconciliation's own memory.
    /// - Throws: `XLSXWriteError` — `.output` when the file cannot be written, `.textTooLong` for a cell past
    ///   32,767 characters, `.library` for anything libxlsxwriter refuses.
    public static func write(_ result: Reconciliation, to path: String, options: LedgerOptions) throws {
        try write(result, to: path, options: options, part: nil, master: nil)
    }

    /// Writes a merged master (`Reconciliation.merging(_:)`): the ledger of `merge.merged` with a 变更记录 (Changes)
    /// sheet after the findings listing every change applied (key, unit, field, old and new value, the returns).
    /// - Throws: as `write(_:to:options:)`.
    /// The merge's own findings (edits refused, returns disagreeing) are listed in the 校验结果 sheet with the new
    /// master's, once each: a finding the new master already has about the same measure is not repeated.
    public static func write(_ merge: LedgerMerge, to path: String, options: LedgerOptions) throws {
        var merged = merge.merged
        let listed = Set(merged.findings.compactMap { finding in finding.subject.map { FindingOnSubject(finding.code, $0) } })
        merged.findings += merge.findings.filter { finding in
            finding.subject.map { !listed.contains(FindingOnSubject(finding.code, $0)) } ?? true
        }
        try write(merged, to: path, options: options, part: nil, master: LedgerWorkbook.identity(of: merge.merged),
                  changes: merge.changes)
    }

    /// The identity a ledger records: the master's as read back, else the plan's fingerprint.
    static func identity(of result: Reconciliation) -> String {
        result.configuration.ledger?.metadata?.master ?? result.plan.fingerprint
    }

    /// Writes one ledger workbook per unit or leader into `folder` (created if needed), each with only that group's
    /// measures, the findings about them and the file-level findings, numbered as in the whole ledger
    /// (`Reconciliation.slices(by:)`); returns the paths written, in the order the groups first appear.
    ///
    /// Files are named after the group (`办公室.xlsx`), with characters that file systems refuse replaced by `_`;
    /// measures that name no unit (or leader) go to `未明确责任单位.xlsx` (`未明确责任领导.xlsx`). The caller writes
    /// the full ledger itself with `write(_:to:options:)`.
    /// - Throws: `XLSXWriteError` `.output` when the folder cannot be created, else as `write(_:to:options:)`; the
    ///   workbooks written before a failure stay in the folder.
    public static func writeSplit(
        _ result: Reconciliation, by grouping: Reconciliation.Grouping, into folder: String, options: LedgerOptions
    ) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw XLSXWriteError(.output, "cannot create the folder \(folder): \(error.localizedDescription)",
                                 location: SourceLocation(file: folder))
        }
        var paths: [String] = []
        var usedNames: Set<String> = []
        let master = LedgerWorkbook.identity(of: result)
        for part in LedgerPart.parts(of: result, by: grouping, language: options.language) {
            var name = LedgerPart.fileName(part.name)
            var number = 2
            while usedNames.contains(name.lowercased()) {
                name = LedgerPart.fileName(part.name) + "-\(number)"
                number += 1
            }
            usedNames.insert(name.lowercased())
            let path = (folder as NSString).appendingPathComponent(name + ".xlsx")
            try write(part.result, to: path, options: options, part: part, master: master)
            paths.append(path)
        }
        return paths
    }

    /// Writes one workbook on three threads: a row-building thread (`LedgerPipeline`) lays the ledger out and builds
    /// the ledger sheet's rows; this thread writes the workbook's fixed parts and then the ledger's rows while a
    /// second writing thread (`Workbook.writeConcurrently`) builds and writes the overdue list's, the findings' and
    /// the meta sheet's. `master` is the ledger's identity, nil for `identity(of: result)`, computed here while the
    /// other thread lays out.
    ///
    /// Every sheet gets the same cells, merges and rules as when one thread wrote them; the formats are indexed
    /// before the second thread starts, in the order they were made, so the workbook is the same on every run.
    static func write(
        _ result: Reconciliation, to path: String, options: LedgerOptions, part: LedgerPart?, master: String?,
        changes: [MergeChange]? = nil
    ) throws {
        let labels = LedgerLabels(options.language)
        let styles = LedgerStyles(fonts: options.fonts, dateFormat: labels.dateFormat)
        var workbookOptions = WorkbookOptions()
        workbookOptions.rowStorageBufferSize = LedgerWorkbook.rowStorageBufferSize
        let workbook = try Workbook(path: path, options: workbookOptions)
        let laidOut = LedgerPromise<LedgerLayout>()
        let pipeline = LedgerPipeline { queue in
            let layout = LedgerLayout(result: result, options: options, labels: labels, returnForm: part != nil)
            laidOut.fulfill(layout)
            var ledger = LedgerRowSink(sheet: labels.ledgerSheet, path: path, queue: queue)
            try LedgerRows(layout: layout, styles: styles, labels: labels).write(into: &ledger)
            try ledger.finish(count: layout.rows.count)
        }
        defer { pipeline.stop() }
        let master = master ?? LedgerWorkbook.identity(of: result)

        var properties = DocumentProperties()
        properties.title = options.effectiveTitle(kind: result.kind) + (part.map { labels.partSuffix($0) } ?? "")
        properties.subject = result.kind.ledgerName(options.language)
        properties.author = options.unit
        properties.company = options.unit
        properties.keywords = labels.keywords(result.kind)
        properties.comments = SummaryText.paragraph(result, language: options.language)
        properties.created = options.creationTime
        try workbook.setProperties(properties)

        // The sheets in their order, with their heads; the rows follow on two threads.
        let ledger = try workbook.addWorksheet(named: labels.ledgerSheet, rows: .streamed)
        let columns = LedgerLayout.columns(plan: result.plan, labels: labels, returnForm: part != nil)
        let ledgerSheet = LedgerSheet(sheet: ledger, columns: columns, result: result, styles: styles, labels: labels,
                                      options: options, part: part, master: master)
        try ledgerSheet.writeHead()
        for style in LedgerRows.mainStyles(styles) { _ = try workbook.format(style) }
        let summary = try workbook.addWorksheet(named: labels.summarySheet)
        let chart = result.plan.measures.isEmpty ? nil : try workbook.addChart(.stackedColumn)
        try LedgerSummarySheet(sheet: summary, chart: chart, result: result, styles: styles, labels: labels,
                               options: options).write()
        let late = LedgerOverdueSheet.entries(result.plan)
        let layout = laidOut.wait()
        var handed: [Worksheet] = []
        var handedStyles: [CellStyle] = []
        if !late.isEmpty {
            let sheet = try workbook.addWorksheet(named: labels.overdueSheet, rows: .streamed)
            let overdue = LedgerOverdueSheet(sheet: sheet, result: result, styles: styles, labels: labels, options: options)
            try overdue.writeHead()
            handed.append(sheet)
            handedStyles += LedgerOverdueRows(layout: layout, entries: late, styles: styles, labels: labels, options: options)
                .rowStyles()
        }
        let findingsSheet = try workbook.addWorksheet(named: labels.findingsSheet, rows: .streamed)
        let findings = LedgerFindingsSheet(result: result, styles: styles, labels: labels)
        try findings.writeHead(findingsSheet)
        handed.append(findingsSheet)
        handedStyles += findings.rowStyles(layout: layout)
        let changesSheet = try changes.map { _ in try workbook.addWorksheet(named: labels.changesSheet, rows: .streamed) }
        let meta = try workbook.addWorksheet(named: LedgerMetaSheet.name, rows: .streamed)
        handed.append(meta)

        try workbook.writeConcurrently(handing: handed, styles: handedStyles, to: { sheets in
            var next = 0
            if !late.isEmpty {
                let overdue = LedgerOverdueSheet(sheet: sheets[next], result: result, styles: styles, labels: labels,
                                                 options: options)
                var rows = LedgerRowSink(writingInto: overdue.sheet, path: path)
                try LedgerOverdueRows(layout: layout, entries: late, styles: styles, labels: labels, options: options)
                    .write(into: &rows)
                try rows.finish(count: late.count)
                try overdue.writeTail(entryCount: late.count)
                next += 1
            }
            var findingRows = LedgerRowSink(writingInto: sheets[next], path: path)
            try findings.write(into: &findingRows, layout: layout)
            try findingRows.finish(count: result.findings.count)
            try findings.writeTail(sheets[next])
            var metaRows = LedgerRowSink(writingInto: sheets[next + 1], path: path)
            try LedgerMetaSheet(result: result, layout: layout, labels: labels, part: part, master: master)
                .write(into: &metaRows)
            try metaRows.finish(count: 0)
        }, whileHere: {
            let rowCount = try pipeline.write(into: ledger)
            try ledgerSheet.writeTail(rowCount: rowCount)
            if let changes, let changesSheet {
                try LedgerChangesSheet(sheet: changesSheet, changes: changes, styles: styles, labels: labels).write()
            }
        })
        try meta.hide()
        try ledger.activate()
        pipeline.stop()
        try workbook.close()
    }
}

extension LedgerWorkbook {
    /// The stdio buffer of each streamed sheet's temporary file: 256 KB instead of stdio's 4 KB, so that the four
    /// streamed sheets' rows (133 MB of XML at 100,000 measures) go to their files, and are read back at close, in
    /// 256 KB system calls rather than 4 KB ones (1 MB of memory for the four).
    static let rowStorageBufferSize = 256 * 1024
}

/// A finding's code and what it is about, to list a finding once.
private struct FindingOnSubject: Hashable {
    var code: Finding.Code
    var subject: Finding.Subject

    init(_ code: Finding.Code, _ subject: Finding.Subject) {
        self.code = code
        self.subject = subject
    }
}
