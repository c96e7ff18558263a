import Dispatch
import Rectification
import Synchronization
import TabularCore

/// Where everything goes on the ledger sheet: the columns, the rows in aspect → problem → issue order, the merged
/// runs, the row heights, and which sheet row holds each measure, issue, problem and aspect (for links).
struct LedgerLayout: Sendable {
    /// What a ledger column shows.
    enum ColumnKind: Hashable {
        case number, aspect, problem, issue, measure, leader, unit, owner, deadline, progressText, status, note
        /// The measure's stable key, in a hidden column at the right end (what relates a returned workbook to the master).
        case key
        /// A recognized optional field the input has (完成日期, 佐证材料, 销号状态, 配合单位, 整改目标).
        case field(Field)
        /// The input's i-th pass-through column (`Measure.extras[i]`).
        case extra(Int)
    }

    /// A column: what it shows, its header and its width in Excel's character units.
    struct Column {
        var kind: ColumnKind
        var header: String
        var width: Double
    }

    /// One data row: a measure (nil for an issue without measures) and the definitions it sits under.
    ///
    /// A class: a row is made once and read by every sheet and pass (heights, cells, merged runs, meta sheet), and a
    /// copy of a measure and its issue takes and drops a count on each of their dozens of texts, a copy of a row one.
    final class Row: Sendable {
        let measure: Measure?
        let issue: Issue?
        let problem: Problem.Key?
        let aspect: Aspect.Key?
        /// The running number (序号) of a measure row: the domain's, the same in the whole and in split workbooks.
        var ordinal: Int? { measure?.number }

        /// A row of `measure` (nil for an issue without measures) under `issue`, `problem` and `aspect`.
        init(measure: Measure?, issue: Issue?, problem: Problem.Key?, aspect: Aspect.Key?) {
            self.measure = measure
            self.issue = issue
            self.problem = problem
            self.aspect = aspect
        }
    }

    /// A vertical run of rows sharing one aspect, problem or issue cell (merged when longer than one row).
    struct Run {
        var kind: ColumnKind
        var first: Int
        var count: Int
        var text: String
    }

    static let titleRow = 0
    static let metaRow = 1
    static let headerRow = 2
    static let firstDataRow = 3

    let result: Reconciliation
    let labels: LedgerLabels
    let fonts: LedgerFonts
    let columns: [Column]
    let rows: [Row]
    let runs: [Run]
    /// Heights in points of the data rows, parallel to `rows`.
    let heights: [Double]
    /// The header row's height in points.
    let headerHeight: Double
    /// Sheet rows (0-based) by measure, issue, problem and aspect key: a measure's row, the others' first row.
    let measureRows: [Measure.Key: Int]
    let issueRows: [Issue.Key: Int]
    let problemRows: [Problem.Key: Int]
    let aspectRows: [Aspect.Key: Int]
    /// How each distinct deadline is written, decided once for the ledger's several sheets.
    let deadlineCells: DeadlineCells
    /// How each data row's deadline is written (nil for a row without a measure), parallel to `rows`.
    let rowDeadlines: [DeadlineCell?]

    /// The days before a deadline from which the ledger colors an unfinished measure amber: the reconciliation's.
    var dueSoonDays: Int { result.configuration.dueSoonDays }

    var plan: RectificationPlan { result.plan }

    /// Lays out a ledger; `returnForm` adds the progress columns a unit fills in (完成日期, 佐证材料, 销号状态) when the
    /// task table has none, for the workbooks handed out by `--split-by`.
    init(result: Reconciliation, options: LedgerOptions, labels: LedgerLabels, returnForm: Bool = false) {
        self.result = result
        self.labels = labels
        fonts = options.fonts
        let deadlineCells = DeadlineCells(labels: labels)
        self.deadlineCells = deadlineCells
        let plan = result.plan
        let fonts = options.fonts
        let columns = LedgerLayout.columns(plan: plan, labels: labels, returnForm: returnForm)
        self.columns = columns

        // Issues in the domain's outline order, each with its measures; measures of no known issue last.
        var rows: [Row] = []
        for issue in plan.issuesInOutlineOrder {
            let measures = plan.measures(of: issue.key)
            if measures.isEmpty {
                rows.append(Row(measure: nil, issue: issue, problem: issue.problem, aspect: issue.aspect))
            }
            for measure in measures {
                rows.append(Row(measure: measure, issue: issue, problem: issue.problem, aspect: issue.aspect))
            }
        }
        for measure in plan.measuresInOutlineOrder where measure.issue == nil {
            rows.append(Row(measure: measure, issue: nil, problem: nil, aspect: nil))
        }
        self.rows = rows

        var measureRows: [Measure.Key: Int] = [:]
        var issueRows: [Issue.Key: Int] = [:]
        var problemRows: [Problem.Key: Int] = [:]
        var aspectRows: [Aspect.Key: Int] = [:]
        for (offset, row) in rows.enumerated() {
            let sheetRow = LedgerLayout.firstDataRow + offset
            if let measure = row.measure { measureRows[measure.key] = sheetRow }
            if let issue = row.issue, issueRows[issue.key] == nil { issueRows[issue.key] = sheetRow }
            if let problem = row.problem, problemRows[problem] == nil { problemRows[problem] = sheetRow }
            if let aspect = row.aspect, aspectRows[aspect] == nil { aspectRows[aspect] = sheetRow }
        }
        self.measureRows = measureRows
        self.issueRows = issueRows
        self.problemRows = problemRows
        self.aspectRows = aspectRows

        // Runs of rows sharing a definition cell.
        var runs: [Run] = []
        let kinds = columns.map(\.kind)
        for kind in [ColumnKind.aspect, .problem, .issue] where kinds.contains(kind) {
            var start = 0
            while start < rows.count {
                let key = LedgerLayout.groupKey(kind, rows[start])
                var end = start + 1
                if key != nil {
                    while end < rows.count, LedgerLayout.groupKey(kind, rows[end]) == key { end += 1 }
                }
                let text = LedgerLayout.groupText(kind, rows[start], plan: plan)
                runs.append(Run(kind: kind, first: start, count: end - start, text: text))
                start = end
            }
        }
        self.runs = runs

        // Row heights: each row fits its own cells; a merged run's text is spread over its rows. Each row's deadline
        // is looked up once here (hashing a deadline's text is not free) for the heights, the body and the meta sheet.
        let lineHeight = LedgerText.lineHeight(fontSize: fonts.bodySize)
        let widths = Dictionary(columns.map { ($0.kind, $0.width) }, uniquingKeysWith: { a, _ in a })
        let measured = columns.filter { ![.aspect, .problem, .issue].contains($0.kind) }
        let rowDeadlines = rows.map { row in row.measure.map { deadlineCells.cell($0.deadline) } }
        self.rowDeadlines = rowDeadlines
        var lines = LedgerLayout.lineCounts(rows: rows, deadlines: rowDeadlines, columns: measured, plan: plan,
                                            labels: labels, fontSize: fonts.bodySize)
        for run in runs {
            let needed = LedgerText.lineCount(run.text, columnWidth: widths[run.kind] ?? 10, fontSize: fonts.bodySize)
            let have = lines[run.first..<(run.first + run.count)].reduce(0, +)
            guard needed > have else { continue }
            let extra = needed - have
            for offset in 0..<run.count {
                lines[run.first + offset] += (extra + offset) / run.count
            }
        }
        heights = lines.map { Double($0) * lineHeight + 6 }
        headerHeight = LedgerLayout.headerHeight(columns: columns, fonts: fonts)
    }

    /// The header row's height in points: its tallest wrapped header.
    static func headerHeight(columns: [Column], fonts: LedgerFonts) -> Double {
        let headerLines = columns.map {
            LedgerText.lineCount($0.header, columnWidth: $0.width, fontSize: fonts.headerSize)
        }.max() ?? 1
        return Double(headerLines) * LedgerText.lineHeight(fontSize: fonts.headerSize) + 10
    }

    /// The lines each row's tallest cell among `columns` needs (at least 1), parallel to `rows`.
    ///
    /// A province's ledger measures about a million cells here, before its first row can be written; the rows are
    /// measured in a few chunks side by side (the texts are read only; each chunk's counts go to its own slot).
    static func lineCounts(rows: [Row], deadlines: [DeadlineCell?], columns: [Column], plan: RectificationPlan,
                           labels: LedgerLabels, fontSize: Double) -> [Int] {
        @Sendable func count(_ range: Range<Int>) -> [Int] {
            range.map { index in
                guard let measure = rows[index].measure else { return 1 }
                var most = 1
                for column in columns {
                    let text = LedgerLayout.displayText(column.kind, measure: measure, row: rows[index], plan: plan,
                                                        labels: labels, deadline: deadlines[index])
                    most = max(most, LedgerText.lineCount(text, columnWidth: column.width, fontSize: fontSize))
                }
                return most
            }
        }
        let chunks = min(4, rows.count / 4_096)
        guard chunks > 1 else { return count(rows.indices) }
        let parts = Mutex<[[Int]]>(Array(repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let part = count((rows.count * chunk / chunks)..<(rows.count * (chunk + 1) / chunks))
            parts.withLock { $0[chunk] = part }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }

    /// The sheet column of a kind of content, if the ledger has it.
    func column(_ kind: ColumnKind) -> Int? { LedgerLayout.column(kind, in: columns) }

    /// The sheet column of a kind of content among `columns`, if there.
    static func column(_ kind: ColumnKind, in columns: [Column]) -> Int? { columns.firstIndex { $0.kind == kind } }

    /// The cell holding the as-of date in the meta row, which conditional formats compare deadlines with.
    var asOfCell: CellAddress { LedgerLayout.asOfCell(columns: columns) }

    /// The as-of cell of a ledger with `columns`: right of the measure column's label in the meta row.
    static func asOfCell(columns: [Column]) -> CellAddress {
        CellAddress(row: LedgerLayout.metaRow, column: (column(.measure, in: columns) ?? 0) + 1)
    }

    /// The last data row (0-based sheet row); the first data row (left blank) when there is no data.
    var lastDataRow: Int { LedgerLayout.lastDataRow(rowCount: rows.count) }

    /// The last data row of a ledger of `rowCount` data rows; the first data row (left blank) when there are none.
    static func lastDataRow(rowCount: Int) -> Int { LedgerLayout.firstDataRow + max(rowCount, 1) - 1 }

    // MARK: Columns

    static func columns(plan: RectificationPlan, labels: LedgerLabels, returnForm: Bool = false) -> [Column] {
        var columns: [Column] = [Column(kind: .number, header: labels.number, width: 5.5)]
        if !plan.aspects.isEmpty { columns.append(Column(kind: .aspect, header: labels.aspect, width: 14)) }
        if !plan.problems.isEmpty { columns.append(Column(kind: .problem, header: labels.problem, width: 16)) }
        columns += [
            Column(kind: .issue, header: labels.issue, width: 16),
            Column(kind: .measure, header: labels.measure, width: 46),
            Column(kind: .leader, header: labels.leader, width: 9),
            Column(kind: .unit, header: labels.unit, width: 10),
            Column(kind: .owner, header: labels.owner, width: 8.5),
            Column(kind: .deadline, header: labels.deadline, width: 14),
            Column(kind: .progressText, header: labels.progressText, width: 13),
            Column(kind: .status, header: labels.status, width: 10.5),
            Column(kind: .note, header: labels.note, width: 10),
        ]
        var fields = Set(plan.taskColumns.compactMap(\.field))
        if returnForm { fields.formUnion([.dateDone, .evidence, .closure]) }
        let optional: [(Field, String, Double)] = [
            (.dateDone, labels.dateDone, 14), (.evidence, labels.evidence, 16), (.closure, labels.closure, 10),
            (.supportingUnits, labels.supportingUnits, 10), (.target, labels.target, 16),
        ]
        for (field, header, width) in optional where fields.contains(field) {
            columns.append(Column(kind: .field(field), header: header, width: width))
        }
        let extras = plan.taskColumns.filter { $0.field == nil }
        for (index, extra) in extras.enumerated() {
            let widest = plan.measures.reduce(LedgerText.width(extra.header)) { widest, measure in
                measure.extra(at: index).map { max(widest, LedgerText.width($0.text)) } ?? widest
            }
            columns.append(Column(kind: .extra(index), header: extra.header, width: min(24, max(8, widest + 2))))
        }
        columns.append(Column(kind: .key, header: labels.key, width: 8))
        return columns
    }

    // MARK: Cell texts

    /// The key that groups rows under one merged cell of a definition column; nil never merges.
    static func groupKey(_ kind: ColumnKind, _ row: Row) -> String? {
        switch kind {
        case .aspect: row.aspect?.rawValue
        case .problem: row.problem?.rawValue
        case .issue: row.issue?.key.rawValue
        default: nil
        }
    }

    /// The text of a definition column's cell for a row.
    static func groupText(_ kind: ColumnKind, _ row: Row, plan: RectificationPlan) -> String {
        switch kind {
        case .aspect: return row.aspect.flatMap(plan.aspect)?.text ?? ""
        case .problem: return row.problem.flatMap(plan.problem)?.text ?? ""
        case .issue:
            if let issue = row.issue { return issueLabel(issue) }
            return row.measure?.issueReference ?? ""
        default: return ""
        }
    }

    /// An issue as printed in the ledger: its ID before its text, `(1)学习不全面`.
    static func issueLabel(_ issue: Issue) -> String {
        let id = issue.id
        if id.isEmpty || issue.text.hasPrefix(id) { return issue.text }
        if issue.text.isEmpty { return id }
        if id.allSatisfy({ $0.isASCII && $0.isNumber }) { return "(\(id))\(issue.text)" }
        return id + issue.text
    }

    /// How a deadline is written in this ledger (`deadlineCell(_:labels:)`, once per distinct deadline).
    func deadlineCell(_ deadline: Deadline) -> DeadlineCell { deadlineCells.cell(deadline) }

    /// The text a cell shows, for row heights and the body (dates as the ledger formats them); `deadline` is how the
    /// row's deadline is written when the caller knows it already.
    static func displayText(_ kind: ColumnKind, row: Row, plan: RectificationPlan, labels: LedgerLabels,
                            deadline: DeadlineCell? = nil) -> String {
        guard let measure = row.measure else { return "" }
        return displayText(kind, measure: measure, row: row, plan: plan, labels: labels, deadline: deadline)
    }

    /// `displayText(_:row:plan:labels:deadline:)` of a row whose measure the caller has taken out of it once for all
    /// the row's cells (a `Measure` is a large value: taking it out of the row for each cell copies it each time).
    static func displayText(_ kind: ColumnKind, measure: Measure, row: Row, plan: RectificationPlan, labels: LedgerLabels,
                            deadline: DeadlineCell? = nil) -> String {
        switch kind {
        case .number: return String(measure.number)
        case .aspect, .problem, .issue: return groupText(kind, row, plan: plan)
        case .measure: return measure.text
        case .leader: return measure.leaders.joined(separator: "、")
        case .unit: return measure.units.joined(separator: "、")
        case .owner: return measure.owners.joined(separator: "、")
        case .deadline:
            switch deadline ?? deadlineCell(measure.deadline, labels: labels) {
            case .date(let date, let shown): return shown ?? labels.date(date)
            case .text(let text): return text
            }
        case .progressText: return measure.status.text
        case .status: return labels.status(measure.status.progress)
        case .note: return measure[.note] ?? ""
        case .key: return measure.key.rawValue
        case .field(let field): return measure[field] ?? ""
        case .extra(let offset): return measure.extra(at: offset)?.text ?? ""
        }
    }

    /// How a deadline is written: a date cell (shown as the office's words when they are not a plain date), or text.
    enum DeadlineCell: Equatable {
        case date(LocalDateTime, shown: String?)
        case text(String)
    }

    /// Whether a deadline's text is the date itself (2025-04-30, 2025年4月30日), which a date format shows as well.
    static func isPlainDate(_ text: String, _ due: LocalDateTime) -> Bool {
        if case .date(let date, _) = TypeInference().infer(TextNormalization.normalized(text)) { return date.dateOnly == due.dateOnly }
        return false
    }

    /// A number format that shows `text` whatever the cell's value: the text quoted, with the characters a format
    /// cannot quote (`"`, `\`, line breaks) left out.
    static func literalFormat(_ text: String) -> String {
        "\"" + String(text.filter { $0 != "\"" && $0 != "\\" && !$0.isNewline }) + "\""
    }

    /// A deadline with a date is a date cell, so that colors and sorting follow it; when the office wrote it otherwise
    /// than as a plain date (2025年6月底前, 3个月内), the cell shows those words (`shown`) through a number format of
    /// literal text, as the signed plan reads. 长期坚持 and 立行立改 alone are written as those words; anything else (a
    /// compound such as 立行立改并长期坚持, a recurring 每月, a wording not understood) keeps its original text.
    static func deadlineCell(_ deadline: Deadline, labels: LedgerLabels) -> DeadlineCell {
        if deadline.fault == nil, let due = deadline.due, !deadline.isLongTerm, !deadline.isImmediate, due.year >= 1900 {
            return .date(due, shown: isPlainDate(deadline.text, due) ? nil : deadline.text)
        }
        let key = TextNormalization.textKey(deadline.text)
        if deadline.fault == nil, deadline.isLongTerm, !deadline.isImmediate, deadline.due == nil,
           ["长期坚持", "长期", "持续推进", "常态化", "长期坚持整改", "长期推进"].contains(key) {
            return .text(labels.longTerm)
        }
        if deadline.fault == nil, deadline.isImmediate, !deadline.isLongTerm,
           ["立行立改", "立即整改", "即知即改", "立即", "马上就改"].contains(key) {
            return .text(labels.immediate)
        }
        return .text(deadline.text)
    }
}

/// `LedgerLayout.deadlineCell(_:labels:)` remembered by deadline: a province's ledger has a few dozen distinct
/// deadlines for 100,000 measures, and telling a plain date from words parses the text.
final class DeadlineCells: Sendable {
    private let labels: LedgerLabels
    /// Guarded: the ledger's rows and the overdue list's are built on different threads.
    private let cells = Mutex<[Deadline: LedgerLayout.DeadlineCell]>([:])

    init(labels: LedgerLabels) {
        self.labels = labels
    }

    /// How `deadline` is written.
    func cell(_ deadline: Deadline) -> LedgerLayout.DeadlineCell {
        if let known = cells.withLock({ $0[deadline] }) { return known }
        let cell = LedgerLayout.deadlineCell(deadline, labels: labels)
        cells.withLock { $0[deadline] = cell }
        return cell
    }
}

/// Estimates of how text wraps in a column, for row heights (Excel does not size merged or wrapped rows itself).
enum LedgerText {
    /// The width of text in Excel's column units at 11 points: East Asian wide characters 2, others 1.
    static func width(_ text: some StringProtocol) -> Double {
        Double(DisplayWidth.width(text))
    }

    /// The lines a wrapped cell needs: each of its lines takes ceil(width / usable width) lines.
    ///
    /// Lines end at LF, not at a CR LF pair (one `Character`, as `String.split(separator: "\n")` sees it); a line's
    /// width is `DisplayWidth.width`'s, counted on the UTF-8 bytes since this runs on every cell of a ledger.
    static func lineCount(_ text: String, columnWidth: Double, fontSize: Double) -> Int {
        // A CJK character at 11pt is 14.67 px, 2.1 units of Calibri's 7-pixel '0'; a cell keeps about 4 px of padding.
        let scale = fontSize / 11 * 1.05
        let usable = max(1, columnWidth - 0.5)
        func lines(_ width: Int) -> Int { max(1, Int((Double(width) * scale / usable).rounded(.up))) }
        var copy = text
        let total = copy.withUTF8 { bytes -> Int in
            var total = 0
            var width = 0
            var index = 0
            var previous: UInt8 = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x0A, previous != 0x0D {
                        total += lines(width)
                        width = 0
                    } else if byte >= 0x20 {
                        width += 1
                    }
                    previous = byte
                    index += 1
                    continue
                }
                // A multi-byte scalar (the string is valid UTF-8): decode it for `isWide`.
                var scalar: UInt32
                var length: Int
                if byte < 0xE0 {
                    scalar = UInt32(byte & 0x1F)
                    length = 2
                } else if byte < 0xF0 {
                    scalar = UInt32(byte & 0x0F)
                    length = 3
                } else {
                    scalar = UInt32(byte & 0x07)
                    length = 4
                }
                for offset in 1..<length {
                    scalar = scalar << 6 | UInt32(bytes[index + offset] & 0x3F)
                }
                width += DisplayWidth.isWide(Unicode.Scalar(scalar) ?? " ") ? 2 : 1
                previous = byte
                index += length
            }
            return total + lines(width)
        }
        return max(1, total)
    }

    /// The height of one line of text in points (14.52 for 11-point text).
    static func lineHeight(fontSize: Double) -> Double { fontSize * 1.32 }
}
