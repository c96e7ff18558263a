import Foundation
import Synchronization
import TabularCore

/// Reconciles issue definitions with the task breakdown table: the plan, its findings, rollups and summary.
///
/// Pure and deterministic: the caller reads the tables and passes the as-of date. Findings are sorted by file
/// (issue definitions, task table, roster) and line, file-level findings first, in the order they were found.
///
/// ```swift
/// let day = LocalDateTime(year: 2025, month: 12, day: 4)!
/// let plan = LocalDateTime(year: 2025, month: 3, day: 11)!  // 立行立改 is due on the plan's date
/// let result = try Reconciliation(issues: issuesTable, tasks: tasksTable, configuration: .init(asOf: day, planDate: plan))
/// print(result.summary.measures, result.findings.count)  // 47 2 for Samples/rectification
/// ```
public struct Reconciliation: Sendable, Hashable {
    /// The options it ran with.
    public var configuration: Configuration
    /// The definitions and measures, in order, related by stable keys.
    public var plan: RectificationPlan
    /// Everything found, errors and warnings.
    public var findings: [Finding]
    /// Counts per aspect, problem, unit, leader and person, and for the whole plan.
    public var rollups: Rollups
    /// The headline counts, taken from the rollups.
    public var summary: Summary
    /// The kind of review (巡察, 审计 …): the configured one, else the one the tables' titles or file names mention,
    /// else nil.
    public var kind: RectificationKind?

    /// The date progress was judged on.
    public var asOf: LocalDateTime { configuration.asOf }
    /// The number of error findings.
    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    /// Words in a roster role (compared lowercased, as substrings) that mark a leader, as a 责任领导 must be:
    /// 书记, 主席, 局长, 主任, 领导, 部长, 组长, 党组成员, 班子成员, 站长, 馆长, 院长, 所长, 县长, 镇长, 乡长, and English
    /// leader, director, chair, head, secretary, president, chief. A 科员 or 股长 is not a leader.
    public static let leaderRoleWords = [
        "书记", "主席", "局长", "主任", "领导", "部长", "组长", "党组成员", "班子成员", "站长", "馆长", "院长", "所长", "县长",
        "镇长", "乡长", "leader", "director", "chair", "head", "secretary", "president", "chief",
    ]

    /// The number of warning findings.
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// Reconciles the tables.
    ///
    /// - Parameters:
    ///   - issues: the issue definitions, or nil to derive them from the task table's aspect/problem/issue columns.
    ///   - tasks: the task breakdown table, one row per measure.
    ///   - roster: an optional roster (姓名, 单位, 职务) to check responsible people and leaders against.
    ///   - configuration: the as-of date and options.
    /// - Throws: `RectificationError` `no-header` when a table has no recognizable header, `tables-swapped` when the
    ///   issue definitions look like a task table and the task table does not, `missing-column` when the issue
    ///   definitions have neither an ID nor an issue-text column or the roster has no name column,
    ///   `mapped-header-not-found` when a header mapping names a column no table has.
    public init(issues: Table?, tasks: Table, roster: Table? = nil, configuration: Configuration) throws {
        if let issues, Engine.looksLikeTasks(issues, configuration), !Engine.looksLikeTasks(tasks, configuration) {
            throw RectificationError(
                .tablesSwapped, location: SourceLocation(file: issues.file),
                message: "\(issues.file) looks like the task table (it has measures and owners) and \(tasks.file) does not; "
                    + "give the issue definitions first and the task table second",
                value: issues.file)
        }
        var engine = Engine(configuration: configuration)
        // The task table's header and rows are laid out on another thread while the definitions are read (a large
        // table's only); the definitions' errors come first, as when one followed the other.
        let tasksLayout = Engine.LayoutInProgress(
            tasks, configuration: configuration, derivingDefinitions: issues == nil, alongside: issues != nil,
            parser: engine.parser)
        if let issues {
            do { try engine.readDefinitions(issues) } catch {
                _ = try? tasksLayout.layout()
                throw error
            }
        }
        try engine.readTasks(tasks, layout: tasksLayout.layout(), derivingDefinitions: issues == nil,
                             rows: tasksLayout.startedRows())
        engine.checkCoverage()
        // A split workbook's outline is a share of its master's, whose numbering was checked on the whole.
        if configuration.ledger?.metadata?.part == nil { engine.checkNumbering() }
        if let roster { try engine.checkRoster(roster) }
        try engine.checkMappingsWereUsed(files: [issues?.file, tasks.file, roster?.file].compactMap { $0 })
        let keyed = engine.keyed()
        let names = [issues?.file, tasks.file].compactMap { $0 }.map { ($0 as NSString).lastPathComponent }
        self.init(
            configuration: configuration, plan: keyed.plan, findings: keyed.findings,
            kind: configuration.kind ?? RectificationKind.inferred(from: engine.titles + names))
        // Claimed counts are checked against the summary just computed, then every finding is put in file order.
        findings += Engine.expectationFindings(
            configuration.expectations, summary, issuesFile: issues?.file ?? tasks.file, tasksFile: tasks.file)
        let rank = [issues?.file, tasks.file, roster?.file].compactMap { $0 }
        // A file's rank is its first place among the (at most three) files.
        func fileRank(_ file: String) -> Int { rank.firstIndex { $0 == file } ?? rank.count }
        // Sorted by (file's rank, line, position): the position makes the order total, so it is the stable order.
        // The findings are mostly found in that order already (a province's tens of thousands, row by row), and
        // then are left as they are.
        let keys = findings.indices.map { index in
            (rank: fileRank(findings[index].file), line: findings[index].line ?? 0, offset: index)
        }
        let inOrder = zip(keys, keys.dropFirst()).allSatisfy { a, b in (a.rank, a.line) <= (b.rank, b.line) }
        if !inOrder {
            let order = keys.sorted { a, b in (a.rank, a.line, a.offset) < (b.rank, b.line, b.offset) }
            findings = order.map { findings[$0.offset] }
        }
    }

    /// A reconciliation of an already keyed plan and its findings; the rollups and summary are computed from them.
    public init(
        configuration: Configuration, plan: RectificationPlan, findings: [Finding], kind: RectificationKind? = nil
    ) {
        self.kind = kind ?? configuration.kind
        self.configuration = configuration
        self.plan = plan
        self.findings = findings
        self.rollups = Rollups(plan: plan)
        self.summary = Summary(plan: plan, rollups: rollups)
    }
}

extension Reconciliation {
    /// The findings a measure's progress gives, each with the field whose column it concerns: a status not
    /// understood, an extension asked for, a closure not understood or closed while not done, overdue, due soon.
    /// Decided here once, for reading a table and for merging returns alike.
    static func progressFindings(
        status: Status, closureText: String, deadline: Deadline, timing: Timing
    ) -> [(Finding.Detail, Field)] {
        var found: [(Finding.Detail, Field)] = []
        if status.progress == .unrecognized { found.append((.unknownStatus(text: status.text), .status)) }
        if status.isExtension { found.append((.extensionRequested(status: status.text), .status)) }
        let closure = closureText.isEmpty ? nil : Closure(parsing: closureText)
        if !closureText.isEmpty, closure == nil { found.append((.unknownClosure(text: closureText), .closure)) }
        if closure == .closed, !status.progress.isDone { found.append((.closedButNotDone(status: status.text), .closure)) }
        switch (timing, deadline.due) {
        case (.overdue(let late), let due?): found.append((.overdue(daysLate: late, due: due, status: status.text), .deadline))
        case (.dueSoon(let left), let due?): found.append((.dueSoon(daysLeft: left, due: due), .deadline))
        default: break
        }
        return found
    }

    /// Where a measure stands on the as-of date (see `Timing`).
    static func timing(deadline: Deadline, progress: Progress, asOf: LocalDateTime, dueSoonDays: Int) -> Timing {
        Engine.timing(deadline: deadline, progress: progress, asOf: asOf, dueSoonDays: dueSoonDays)
    }
}

/// The mutable state of one reconciliation. Records are related by position while the tables are read, and get
/// their stable keys once everything is known (`keyed()`), since a number is a key only when it is unique.
private struct Engine {
    /// What a finding is about while positions are still the relation.
    enum Subject {
        case aspect(Int), problem(Int), issue(Int), measure(Int)
    }

    /// An aspect as first read; its number is parsed once (keys, numbering checks and findings read it).
    struct DraftAspect {
        var text: String, file: String, line: Int
        var numbered: NumberedTitle

        init(text: String, file: String, line: Int) {
            self.text = text
            self.file = file
            self.line = line
            numbered = NumberedTitle(parsing: text)
        }
    }

    /// A problem as first read, its number parsed once as an aspect's is.
    struct DraftProblem {
        var text: String, aspect: Int?, file: String, line: Int
        var numbered: NumberedTitle

        init(text: String, aspect: Int?, file: String, line: Int) {
            self.text = text
            self.aspect = aspect
            self.file = file
            self.line = line
            numbered = NumberedTitle(parsing: text)
        }
    }

    struct DraftIssue {
        var id: String, key: String, text: String, problem: Int?, aspect: Int?, file: String, line: Int
    }

    /// What a measure needs until keys are given: the final `Measure` (in `measures`, keyed in place, so that a
    /// province's measures are never held twice) has a blank key, number and issue until then.
    struct DraftMeasure {
        /// The key of the measure's own ID (`TextNormalization.idKey`), nil when its ID cell is empty.
        var ownIDKey: String?, issue: Int?
    }

    struct DraftFinding {
        var detail: Finding.Detail, severity: Finding.Severity, file: String, sheet: String?, line: Int?
        var column: String?, subject: Subject?
    }

    let configuration: Configuration
    let parser: DeadlineParser
    var aspects: [DraftAspect] = []
    var problems: [DraftProblem] = []
    var issues: [DraftIssue] = []
    var measures: [Measure] = []
    var measureDrafts: [DraftMeasure] = []
    /// The keys a ledger's rows without one are given (`+1`, `+2` …), by measure position.
    var ledgerFixedKeys: [Int: String] = [:]
    /// A ledger's running numbers as the workbook has them, one per measure (nil for a row without one); empty for
    /// any other table.
    var ledgerNumbers: [Int?] = []
    var taskColumns: [Column] = []
    var findings: [DraftFinding] = []
    /// Definitions by their normalized keys, compared as UTF-8 bytes (`String` hashing would normalize them again).
    var aspectByKey: [UTF8Key: Int] = [:]
    var problemByKey: [UTF8Key: Int] = [:]
    var issueByKey: [UTF8Key: Int] = [:]
    /// Measure IDs that appear more than once; those measures are keyed by issue and ordinal instead.
    var duplicateMeasureIDs: Set<String> = []
    /// The column headers where each level was read, per file, for findings about definitions.
    var levelHeaders: [String: [Field: String]] = [:]
    /// The header keys of every table read, for checking the user's mappings.
    var seenHeaders: Set<String> = []
    /// The title rows above the tables' headers, for telling the kind of review.
    var titles: [String] = []
    /// The task table's file and sheet, for roster findings.
    var tasksTable: (file: String, sheet: String?)?
    /// Readings of the cells read here rather than with the row's texts (a ledger's original deadlines).
    var readings: CellReadings
    /// The last aspect and problem named and their positions: rows of one aspect or problem follow each other, and
    /// the same text again needs no key.
    var lastAspect: (text: String, index: Int)?
    var lastProblem: (text: String, aspect: Int?, index: Int)?

    typealias Configuration = Reconciliation.Configuration

    init(configuration: Configuration) {
        self.configuration = configuration
        parser = DeadlineParser(
            year: configuration.effectiveYear, feedbackDate: configuration.feedbackDate,
            immediateDate: configuration.immediateDate, phaseDates: configuration.phaseDates,
            nonWorkingDays: configuration.nonWorkingDays)
        readings = CellReadings(parser: parser)
    }

    mutating func add(
        _ detail: Finding.Detail, _ table: Table, line: Int?, column: String?, subject: Subject? = nil,
        severity: Finding.Severity? = nil
    ) {
        findings.append(DraftFinding(
            detail: detail, severity: severity ?? detail.defaultSeverity, file: table.file, sheet: table.sheet,
            line: line, column: column, subject: subject))
    }

    /// Notes what a table's layout left aside: columns no field took, and the footer under the data.
    mutating func noteLayout(_ layout: TableLayout, of table: Table) {
        seenHeaders.formUnion(layout.headerKeys)
        titles += layout.titles
        if !layout.ignored.isEmpty {
            add(.unrecognizedColumns(columns: layout.ignored), table, line: layout.headerLine, column: nil)
        }
        if let grouping = layout.grouping {
            add(.groupingColumn(header: grouping.header, groups: grouping.groups), table, line: layout.headerLine,
                column: grouping.header)
        }
        if let first = layout.footer.first {
            let text = first.cells.map { TextNormalization.normalized($0.text) }.first { !$0.isEmpty } ?? ""
            add(.footerRows(count: layout.footer.count, first: text), table, line: first.line, column: nil)
        }
    }

    /// Every `HEADER=field` mapping must name a column of one of the tables.
    func checkMappingsWereUsed(files: [String]) throws {
        let unused = configuration.overrides.keys.filter { !seenHeaders.contains($0) }.sorted()
        guard let first = unused.first else { return }
        throw RectificationError(
            .mappedHeaderNotFound,
            message: "--map names the column “\(first)”, which \(files.joined(separator: ", ")) do not have", value: first)
    }

    /// Whether a table reads as a task table: a measure column and at least one owner or deadline column.
    static func looksLikeTasks(_ table: Table, _ configuration: Configuration) -> Bool {
        guard let layout = try? TableLayout(table: table, kind: .tasks, overrides: configuration.overrides, fillLevels: [])
        else { return false }
        return layout.fieldIndex[.measure] != nil
            && [Field.leader, .unit, .owner, .deadline].contains { layout.fieldIndex[$0] != nil }
    }

    // MARK: Definitions

    mutating func aspect(_ text: String, table: Table, line: Int) -> Int? {
        guard !text.isEmpty else { return nil }
        if let last = lastAspect, UTF8Key.same(last.text, text) { return last.index }
        let key = TextNormalization.textKey(text)
        let index: Int
        if let known = aspectByKey[UTF8Key(key)] {
            index = known
        } else {
            aspects.append(DraftAspect(text: text, file: table.file, line: line))
            index = aspects.count - 1
            aspectByKey[UTF8Key(key)] = index
        }
        lastAspect = (text, index)
        return index
    }

    mutating func problem(_ text: String, aspect: Int?, table: Table, line: Int) -> Int? {
        guard !text.isEmpty else { return nil }
        if let last = lastProblem, last.aspect == aspect, UTF8Key.same(last.text, text) { return last.index }
        let key = "\(aspect ?? -1)|\(TextNormalization.textKey(text))"
        let index: Int
        if let known = problemByKey[UTF8Key(key)] {
            index = known
        } else {
            problems.append(DraftProblem(text: text, aspect: aspect, file: table.file, line: line))
            index = problems.count - 1
            problemByKey[UTF8Key(key)] = index
        }
        lastProblem = (text, aspect, index)
        return index
    }

    /// The ID and key of an issue from an ID cell and a text cell: the ID cell, else the text's printed number.
    static func issueIdentity(id: String, text: String) -> (id: String, key: String, text: String)? {
        if !id.isEmpty { return (id, TextNormalization.idKey(id), text) }
        guard !text.isEmpty else { return nil }
        let numbered = NumberedTitle(parsing: text)
        if numbered.number != nil { return (numbered.label, TextNormalization.idKey(numbered.label), numbered.title) }
        return ("", "text:" + TextNormalization.textKey(text), text)
    }

    mutating func readDefinitions(_ table: Table) throws {
        let layout = try TableLayout(
            table: table, kind: .issues, overrides: configuration.overrides, fillLevels: [[.aspect], [.problem]])
        guard layout.fieldIndex[.id] != nil || layout.fieldIndex[.issueText] != nil else {
            throw RectificationError(
                .missingColumn, location: table.location(line: layout.headerLine),
                message: "the issue definitions have neither an ID column (序号, 问题编号, id) nor an issue column "
                    + "(具体问题, 反馈问题, issue); name one or map it with HEADER=id or HEADER=issue-text")
        }
        noteLayout(layout, of: table)
        levelHeaders[table.file] = [
            .aspect: layout.header(of: .aspect), .problem: layout.header(of: .problem), .id: layout.header(of: .id),
        ].compactMapValues { $0 }
        // By the keys' bytes, as `issueByKey` (the keys are NFKC).
        var firstLine: [UTF8Key: Int] = [:]
        var aspectCells = RepeatedCell(), problemCells = RepeatedCell()
        for row in layout.rows {
            let aspectIndex = aspect(aspectCells.normalized(layout.value(.aspect, in: row).text), table: table, line: row.line)
            let problemIndex = problem(problemCells.normalized(layout.value(.problem, in: row).text), aspect: aspectIndex,
                                       table: table, line: row.line)
            guard var identity = Engine.issueIdentity(id: layout.text(.id, in: row), text: layout.text(.issueText, in: row))
            else { continue }  // a heading row naming only an aspect or a problem
            if identity.id.isEmpty {
                identity.id = String(issues.count + 1)
                identity.key = identity.id
            }
            if let first = firstLine[UTF8Key(identity.key)] {
                add(.duplicateIssueID(id: identity.id, firstLine: first), table, line: row.line,
                    column: layout.header(of: .id) ?? layout.header(of: .issueText), subject: issueByKey[UTF8Key(identity.key)].map { .issue($0) })
                continue
            }
            firstLine[UTF8Key(identity.key)] = row.line
            issueByKey[UTF8Key(identity.key)] = issues.count
            issues.append(DraftIssue(
                id: identity.id, key: identity.key, text: identity.text, problem: problemIndex, aspect: aspectIndex,
                file: table.file, line: row.line))
        }
    }

    // MARK: Measures

    /// The task table's layout: its header found, its rows filled.
    static func tasksLayout(_ table: Table, configuration: Configuration, derivingDefinitions: Bool) throws -> TableLayout {
        let ledger = configuration.ledger
        return try TableLayout(
            table: table, kind: .tasks, overrides: ledger.map { $0.fieldMapping } ?? configuration.overrides,
            fillLevels: [[.aspect], [.problem], [.issue, .issueText]], exclusive: ledger != nil,
            known: Set((ledger?.columns.keys).map { $0.map(TextNormalization.headerKey) } ?? []),
            groupsRows: derivingDefinitions)
    }

    /// The task table's layout, made on another thread while this one has other work (`alongside`) for a table of
    /// `LayoutInProgress.threshold` rows or more, else when asked for.
    final class LayoutInProgress: Sendable {
        /// The fewest rows whose layout is made on another thread.
        static let threshold = 4096

        let made: Mutex<Result<TableLayout, any Error>?>
        /// The rows' texts, started on the layout's thread once the layout is made (nil until then, and when the
        /// layout is not made alongside).
        let rows: Mutex<RowTexts.Pipeline?>
        let done: DispatchGroup?
        let make: @Sendable () throws -> TableLayout

        /// Starts making the layout alongside when asked and the table is large; then, on the same thread, the rows'
        /// first blocks (`RowTexts.Pipeline`), which need the layout and `parser` but not the definitions read
        /// meanwhile.
        init(
            _ table: Table, configuration: Configuration, derivingDefinitions: Bool, alongside: Bool,
            parser: DeadlineParser
        ) {
            make = { try Engine.tasksLayout(table, configuration: configuration, derivingDefinitions: derivingDefinitions) }
            made = Mutex(nil)
            rows = Mutex(nil)
            guard alongside, table.rows.count >= LayoutInProgress.threshold else {
                done = nil
                return
            }
            let done = DispatchGroup()
            self.done = done
            DispatchQueue.global().async(group: done) { [self] in
                let result = Result { try make() }
                made.withLock { $0 = result }
                guard case .success(let layout) = result else { return }
                let columns = Engine.rowColumns(
                    layout, file: table.file, configuration: configuration, derivingDefinitions: derivingDefinitions)
                let started = RowTexts.Pipeline(rows: layout.rows, columns: columns, parser: parser)
                rows.withLock { $0 = started }
            }
        }

        /// The rows' texts started alongside the layout, taken (nil when they were not started).
        func startedRows() -> RowTexts.Pipeline? {
            guard let done else { return nil }
            done.wait()
            return rows.withLock { started in
                let taken = started
                started = nil
                return taken
            }
        }

        /// The layout, waiting for the other thread if it made it; throws what making it threw.
        func layout() throws -> TableLayout {
            guard let done else { return try make() }
            done.wait()
            guard let result = made.withLock({ $0 }) else { preconditionFailure("the layout was made") }
            return try result.get()
        }
    }

    /// A task table's kept columns: every column but a ledger's role columns (序号, 状态), which are not pass-through
    /// columns of the task table.
    static func keptColumns(_ layout: TableLayout, ledger: LedgerSnapshot?) -> [Column] {
        let roleHeaders = Set((ledger?.columns.keys).map { $0.map(TextNormalization.headerKey) } ?? [])
        return layout.columns.filter { $0.field != nil || !roleHeaders.contains(TextNormalization.headerKey($0.header)) }
    }

    /// How a task table lists its items, when the outline comes from it: items without measures (each its own
    /// measure), measures without an issue column (each its own issue), or rows naming neither (each one item).
    static func itemShape(_ layout: TableLayout, derivingDefinitions: Bool)
        -> (itemsAreMeasures: Bool, measuresAreItems: Bool, rowsAreItems: Bool) {
        let itemsAreMeasures = derivingDefinitions && layout.fieldIndex[.measure] == nil && layout.fieldIndex[.issueText] != nil
        let measuresAreItems = derivingDefinitions && layout.fieldIndex[.measure] != nil
            && layout.fieldIndex[.issue] == nil && layout.fieldIndex[.issueText] == nil
        let rowsAreItems = derivingDefinitions && layout.fieldIndex[.measure] == nil && layout.fieldIndex[.issue] == nil
            && layout.fieldIndex[.issueText] == nil
        return (itemsAreMeasures, measuresAreItems, rowsAreItems)
    }

    /// The status column's kind: a 是否完成 column answers yes or no, other status columns describe progress; nil
    /// without a status column.
    static func statusKind(_ layout: TableLayout) -> Status.ColumnKind? {
        layout.header(of: .status).map { header in
            TextNormalization.simplified(header).contains("是否") ? .yesNo : .progress
        }
    }

    /// What each row's texts are made with (`RowTexts.prepare`): the fields' columns and what a measure is made
    /// with. Depends on the layout and the configuration only, so it can be made before the definitions are read.
    static func rowColumns(
        _ layout: TableLayout, file: String, configuration: Configuration, derivingDefinitions: Bool
    ) -> RowTexts.Columns {
        let kept = keptColumns(layout, ledger: configuration.ledger)
        let shape = itemShape(layout, derivingDefinitions: derivingDefinitions)
        let index = layout.fieldIndex
        return RowTexts.Columns(
            measure: index[shape.itemsAreMeasures ? .issueText : .measure], leader: index[.leader], unit: index[.unit],
            owner: index[.owner], deadline: index[.deadline], status: index[.status],
            aspect: derivingDefinitions ? index[.aspect] : nil, problem: derivingDefinitions ? index[.problem] : nil,
            issue: index[.issue], issueText: index[.issueText], id: index[.id], closure: index[.closure],
            measuresAreItems: shape.measuresAreItems, statusKind: statusKind(layout), file: file,
            kept: MeasureColumns(indexes: kept.map(\.index),
                                 shared: kept.map { MeasureCell.Shared(header: $0.header, field: $0.field) }),
            asOf: configuration.asOf.dateOnly, dueSoonDays: configuration.dueSoonDays,
            progressIsFinal: configuration.ledger == nil)
    }

    /// Reads the task table's rows in order (their texts made ahead by `rows`, or by a pipeline started here).
    mutating func readTasks(
        _ table: Table, layout: TableLayout, derivingDefinitions: Bool, rows started: RowTexts.Pipeline? = nil
    ) throws {
        let ledger = configuration.ledger
        if let ledger, !ledger.hasKeys {
            add(.ledgerKeysMissing, table, line: nil, column: nil)
        }
        func ledgerColumn(_ role: LedgerSnapshot.Role) -> Column? {
            guard let header = ledger?.header(of: role) else { return nil }
            return layout.columns.first { TextNormalization.headerKey($0.header) == header }
        }
        let numberColumn = ledgerColumn(.number)
        let choiceColumn = ledgerColumn(.statusChoice)
        var keyless = 0
        taskColumns = Engine.keptColumns(layout, ledger: ledger)
        tasksTable = (table.file, table.sheet)
        noteLayout(layout, of: table)
        if derivingDefinitions {
            levelHeaders[table.file] = [
                .aspect: layout.header(of: .aspect), .problem: layout.header(of: .problem),
                .id: layout.header(of: .issue) ?? layout.header(of: .issueText),
            ].compactMapValues { $0 }
        }
        // A column the office's rules require is an error when absent; the others (a leader or a person, which audit
        // tables and 督办清单 do not have by design) are one warning for the table.
        // A list of items without separate measures (a 督办清单, an outline of category and item) reads each item as
        // its own measure; a list of measures without an issue column reads each measure as its own issue. Both only
        // when the outline comes from this table, and both are noted.
        let (itemsAreMeasures, measuresAreItems, rowsAreItems) = Engine.itemShape(layout, derivingDefinitions: derivingDefinitions)
        if itemsAreMeasures, let header = layout.header(of: .issueText) {
            add(.itemsAreMeasures(header: header), table, line: layout.headerLine, column: header)
        }
        if measuresAreItems, let header = layout.header(of: .measure) {
            add(.measuresAreIssues(header: header), table, line: layout.headerLine, column: header)
        }
        // A table that names neither issues nor measures (an audit office's list of what each unit did: 整改方式,
        // 整改责任单位, 整改情况) is a list of rows: each row is one item, its own issue and its own measure, known by
        // its number (序号) or its ordinal. Only when the outline comes from this table; noted like the cases above.
        if rowsAreItems, let header = layout.header(of: .id) ?? layout.header(of: .status) ?? layout.header(of: .unit) {
            add(.itemsAreMeasures(header: header), table, line: layout.headerLine, column: header)
        }
        let statusKind = Engine.statusKind(layout)
        for field in [Field.measure, .leader, .unit, .owner, .deadline, .status] where layout.fieldIndex[field] == nil {
            if field == .measure && (itemsAreMeasures || rowsAreItems) { continue }
            add(.missingColumn(field: field), table, line: layout.headerLine, column: nil,
                severity: configuration.requiredColumns.contains(field) ? .error : .warning)
        }
        let hasReference = layout.fieldIndex[.issue] != nil || layout.fieldIndex[.issueText] != nil || measuresAreItems
            || rowsAreItems
        if !hasReference {
            add(.missingColumn(field: .issue), table, line: layout.headerLine, column: nil)
        }
        // The first measure of each ID key, and of each issue and text key (both NFKC, so their bytes decide
        // equality), by the hashes of their bytes made with the row's texts.
        var firstOfID = FirstSeen(capacity: layout.rows.count)
        var firstOfText = FirstSeen(capacity: layout.rows.count)
        measures.reserveCapacity(layout.rows.count)
        measureDrafts.reserveCapacity(layout.rows.count)
        let asOf = configuration.asOf.dateOnly
        // Each field's column and header looked up once (the row texts have their own, `rowColumns`).
        let leaderColumn = layout.fieldIndex[.leader]
        let unitColumn = layout.fieldIndex[.unit], ownerColumn = layout.fieldIndex[.owner]
        let deadlineColumn = layout.fieldIndex[.deadline]
        let hasMeasureColumn = layout.fieldIndex[.measure] != nil
        // The headers findings name, each looked up once.
        let issueHeader = layout.header(of: .issue), issueTextHeader = layout.header(of: .issueText)
        let idHeader = layout.header(of: .id), measureHeader = layout.header(of: .measure)
        let leaderHeader = layout.header(of: .leader), unitHeader = layout.header(of: .unit)
        let ownerHeader = layout.header(of: .owner), deadlineHeader = layout.header(of: .deadline)
        let statusHeader = layout.header(of: .status), closureHeader = layout.header(of: .closure)
        func header(of field: Field) -> String? {
            switch field {
            case .status: statusHeader
            case .closure: closureHeader
            case .deadline: deadlineHeader
            default: layout.header(of: field)
            }
        }
        // Each row's cells normalized and read (names, deadline, status, the measure's keys, the measure itself) a
        // block ahead, on another thread for a large table.
        var prepared = started ?? RowTexts.Pipeline(rows: layout.rows, columns: Engine.rowColumns(
            layout, file: table.file, configuration: configuration, derivingDefinitions: derivingDefinitions), parser: parser)
        // Rows of one issue follow each other: its identity (and, when the definitions are given, its index) is read
        // once per run of equal reference and issue cells.
        var lastReference: String?
        var lastIssueText = ""
        var lastIdentity: (id: String, key: String, text: String)?
        /// The issue the last row's cells found among the definitions (nil when that row looked none up).
        var lastDefinedIssue: Int??
        // A ledger's original deadlines and whether it has keys, taken out once (not the whole snapshot per row).
        let originalDeadlines = ledger?.originalDeadlines
        let ledgerHasKeys = ledger?.hasKeys ?? false
        let isLedger = ledger != nil
        // The drop-down's few words, each looked up among the ledger's choices once.
        var choices: [(text: String, choice: Progress?)] = []
        // The issue the last measure's row derived, with the cells and the definitions that found it: a row of the
        // same issue cells under the same aspect and problem derives the same issue (`deriveIssue` of an equal key).
        var lastDerived: (aspect: Int?, problem: Int?, issue: Int)?
        for rowIndex in layout.rows.indices {
            var texts = prepared.texts(at: rowIndex)
            let line = texts.line
            // Definitions named by the row (always read, so that heading rows extend the outline).
            var aspectIndex: Int?
            var problemIndex: Int?
            if derivingDefinitions {
                aspectIndex = aspect(texts.aspect, table: table, line: line)
                problemIndex = problem(texts.problem, aspect: aspectIndex, table: table, line: line)
            }
            let reference = texts.reference
            let issueText = texts.issueText
            let sameIssueCells = lastReference.map { UTF8Key.same($0, reference) && UTF8Key.same(lastIssueText, issueText) }
                ?? false
            // The row's issue identity is `lastIdentity` from here on (kept there, not copied, while the cells repeat;
            // cells of equal bytes are not kept again either).
            if !sameIssueCells {
                lastIdentity = Engine.issueIdentity(id: reference, text: issueText)
                lastReference = reference
                lastIssueText = issueText
            }
            guard !texts.isHeading else {
                // A heading row.
                if derivingDefinitions, let identity = lastIdentity {
                    _ = deriveIssue(identity, aspect: aspectIndex, problem: problemIndex, table: table, line: line)
                }
                lastDefinedIssue = nil
                lastDerived = nil
                continue
            }
            let position = measures.count
            let subject = Subject.measure(position)
            // Moved out of the row's texts into its place, not copied (nor a blank copied in first): a copy would count
            // a dozen references again, each on a cache line the thread that made them may be counting too. Read and
            // set there, field by field.
            measures.append(texts.measure.take()!)
            // Which issue the measure belongs to.
            var issueIndex: Int?
            let referenceColumn = reference.isEmpty ? issueTextHeader : issueHeader
            // The measure's own cells.
            let idIsEmpty = measures[position].id.isEmpty
            // A row that is its own item is known by its number, else its ordinal; the table states no issue text.
            var rowIdentity: (id: String, key: String, text: String)?
            if rowsAreItems {
                let rowID = idIsEmpty ? String(position + 1) : measures[position].id
                rowIdentity = (rowID, TextNormalization.idKey(rowID), "")
            }
            if lastIdentity != nil || rowIdentity != nil {
                if derivingDefinitions {
                    if sameIssueCells, let last = lastDerived, last.aspect == aspectIndex, last.problem == problemIndex {
                        issueIndex = last.issue
                    } else if var identity = lastIdentity ?? rowIdentity {
                        // Numbers printed in the text restart under each aspect or problem (1., 2. …, then 1. again).
                        if reference.isEmpty { identity.key = "\(aspectIndex ?? -1)|\(problemIndex ?? -1)|" + identity.key }
                        issueIndex = deriveIssue(identity, aspect: aspectIndex, problem: problemIndex, table: table, line: line)
                    }
                } else {
                    // The definitions are complete before the task table is read, so equal cells find the same issue.
                    if sameIssueCells, let known = lastDefinedIssue {
                        issueIndex = known
                    } else if let identity = lastIdentity ?? rowIdentity {
                        issueIndex = issueByKey[UTF8Key(identity.key)] ?? (reference.isEmpty ? definedIssue(matchingText: identity.text) : nil)
                    }
                    if issueIndex == nil {
                        add(.unknownIssueReference(reference: reference.isEmpty ? issueText : reference), table,
                            line: line, column: referenceColumn, subject: subject)
                    }
                }
            } else if hasReference {
                add(.missingIssueReference, table, line: line, column: issueHeader ?? referenceColumn,
                    subject: subject)
            }
            lastDefinedIssue = derivingDefinitions || lastIdentity == nil ? nil : .some(issueIndex)
            lastDerived = derivingDefinitions && !rowsAreItems ? issueIndex.map { (aspectIndex, problemIndex, $0) } : nil
            let idKey = texts.idKey
            if !idIsEmpty {
                let first = firstOfID.first(hash: texts.idKeyHash, position: position) { earlier in
                    UTF8Key.same(measureDrafts[earlier].ownIDKey ?? "", idKey)
                }
                if let first {
                    duplicateMeasureIDs.insert(idKey)
                    add(.duplicateMeasureID(id: measures[position].id, firstLine: measures[first].line), table,
                        line: line, column: idHeader, subject: subject)
                }
            }
            if measures[position].text.isEmpty, hasMeasureColumn {
                add(.missingMeasure, table, line: line, column: measureHeader, subject: subject)
            } else if !measures[position].text.isEmpty {
                // A text that is its own key was hashed with the row's texts; another key is made here. An earlier
                // measure's key is made again only when the hashes meet (a repeated text, in practice).
                let textKey = texts.measureKeyHash == nil ? TextNormalization.textKey(measures[position].text) : nil
                let textHash = texts.measureKeyHash ?? HashedUTF8Key(textKey ?? "").bytesHash
                let hash = textHash ^ ((issueIndex ?? -1) &* 0x2545_F491_4F6C_DD1D)
                let ownKey = textKey ?? measures[position].text
                let first = firstOfText.first(hash: hash, position: position) { earlier in
                    measureDrafts[earlier].issue == issueIndex
                        && UTF8Key.same(TextNormalization.textKey(measures[earlier].text), ownKey)
                }
                if let first {
                    add(.duplicateMeasure(firstLine: measures[first].line), table, line: line, column: measureHeader,
                        subject: subject)
                }
            }
            if texts.missing.leader, leaderColumn != nil {
                add(.missingLeader, table, line: line, column: leaderHeader, subject: subject)
            }
            if texts.missing.unit, unitColumn != nil {
                add(.missingUnit, table, line: line, column: unitHeader, subject: subject)
            }
            if texts.missing.owner, ownerColumn != nil {
                add(.missingOwner, table, line: line, column: ownerHeader, subject: subject)
            }
            var fixedKey: String?
            var fixedNumber: Int?
            if isLedger {
                // Deadline, status, closure and timing as a ledger has them (its original deadlines, its drop-down),
                // each read from the measure in its place and set there.
                let row = layout.rows[rowIndex]
                var deadline = measures[position].deadline
                if let originalDeadlines, let original = originalDeadlines[Measure.Key(idKey)] {
                    // A date cell the ledger wrote for 2025年6月底前 reads back as that text while it still means that day.
                    let reading = readings.deadline(.text(original))
                    if reading.due == deadline.due, reading.isLongTerm == deadline.isLongTerm,
                       reading.isImmediate == deadline.isImmediate, (reading.fault == nil) == (deadline.fault == nil) {
                        deadline = reading
                        measures[position].deadline = reading
                    }
                }
                if deadlineColumn != nil, let detail = Engine.deadlineFinding(deadline) {
                    add(detail, table, line: line, column: deadlineHeader, subject: subject)
                }
                // The drop-down is what units are asked to edit: a choice wins over the free text, and a text that
                // reads as another progress is a warning.
                // Looked up by the cell's text as read (its normalized text's choice, kept for the few words there are).
                let choiceCell = choiceColumn.map { row.text(at: $0.index) } ?? ""
                let choice: Progress?
                if let known = choices.first(where: { UTF8Key.same($0.text, choiceCell) }) {
                    choice = known.choice
                } else {
                    choice = ledger?.choice(TextNormalization.normalized(choiceCell))
                    if choices.count < 16 { choices.append((choiceCell, choice)) }
                }
                var status = measures[position].status
                if let chosen = choice {
                    let reads = status.progress
                    if reads != .unrecognized, reads != chosen, !TextNormalization.isBlank(status.text) {
                        add(.statusDisagreement(choice: chosen, text: status.text, textReads: reads), table,
                            line: line, column: choiceColumn?.header, subject: subject)
                    }
                    // Set only when it changes: setting a status makes it a box of its own.
                    if reads != chosen {
                        status.progress = chosen
                        measures[position].status.progress = chosen
                    }
                }
                if let number = numberColumn.map({ row[$0.index] }), case .number(let value) = number,
                   value.rounded() == value, value >= 1, value < 1e9 {
                    fixedNumber = Int(value)
                }
                if ledgerHasKeys, idIsEmpty {
                    keyless += 1
                    fixedKey = "+\(keyless)"
                    add(.ledgerRowWithoutKey(key: fixedKey!), table, line: line, column: idHeader,
                        subject: subject)
                }
                let timing = Engine.timing(deadline: deadline, progress: status.progress, asOf: asOf,
                                           dueSoonDays: configuration.dueSoonDays)
                measures[position].timing = timing
                let progress = Reconciliation.progressFindings(
                    status: status, closureText: texts.closure, deadline: deadline, timing: timing)
                for (detail, field) in progress where statusKind != nil || field != .status {
                    add(detail, table, line: line, column: header(of: field), subject: subject)
                }
            } else {
                for (detail, field) in texts.progressFindings {
                    add(detail, table, line: line, column: header(of: field), subject: subject)
                }
            }
            if idIsEmpty { measures[position].id = String(position + 1) }
            measureDrafts.append(DraftMeasure(ownIDKey: idIsEmpty ? nil : idKey, issue: issueIndex))
            if isLedger { ledgerNumbers.append(fixedNumber) }
            if let fixedKey { ledgerFixedKeys[position] = fixedKey }
        }
    }

    /// The finding a deadline's fault gives, nil when it has none.
    static func deadlineFinding(_ deadline: Deadline) -> Finding.Detail? {
        switch deadline.fault {
        case nil: nil
        case .missing: .missingDeadline
        case .unparseable: .unparseableDeadline(text: deadline.text)
        case .impossible: .impossibleDeadline(text: deadline.text)
        case .needsFeedbackDate: .deadlineNeedsFeedbackDate(text: deadline.text)
        case .needsPhaseDates: .deadlineNeedsPhaseDates(text: deadline.text)
        }
    }

    /// Where a measure stands on the as-of date: only a measure not done with a due date is timed; a long-term
    /// measure (长期坚持, also a compound such as 立行立改并长期坚持) is late only while it has not even started.
    static func timing(deadline: Deadline, progress: Progress, asOf: LocalDateTime, dueSoonDays: Int) -> Timing {
        if progress.isDone { return .done }
        guard let due = deadline.due, !deadline.isLongTerm || progress == .notStarted else { return .untimed }
        let days = asOf.days(to: due)
        if days < 0 { return .overdue(daysLate: -days) }
        return days <= dueSoonDays ? .dueSoon(daysLeft: days) : .onTime(daysLeft: days)
    }

    /// Finds a defined issue by its text (for task tables that name issues by text, not ID).
    func definedIssue(matchingText text: String) -> Int? {
        let key = TextNormalization.textKey(NumberedTitle(parsing: text).title)
        guard !key.isEmpty else { return nil }
        return issues.firstIndex { TextNormalization.textKey(NumberedTitle(parsing: $0.text).title) == key }
    }

    mutating func deriveIssue(
        _ identity: (id: String, key: String, text: String), aspect: Int?, problem: Int?, table: Table, line: Int
    ) -> Int {
        if let known = issueByKey[UTF8Key(identity.key)] { return known }
        let id = identity.id.isEmpty ? String(issues.count + 1) : identity.id
        issues.append(DraftIssue(
            id: id, key: identity.key, text: identity.text, problem: problem, aspect: aspect, file: table.file, line: line))
        issueByKey[UTF8Key(identity.key)] = issues.count - 1
        return issues.count - 1
    }

    // MARK: Checks

    mutating func checkCoverage() {
        var covered = Set<Int>()
        for measure in measureDrafts { if let issue = measure.issue { covered.insert(issue) } }
        for (index, issue) in issues.enumerated() where !covered.contains(index) {
            findings.append(DraftFinding(
                detail: .issueWithoutMeasures(issueID: issue.id), severity: .error, file: issue.file, sheet: nil, line: issue.line,
                column: levelHeaders[issue.file]?[.id], subject: .issue(index)))
        }
    }

    mutating func checkNumbering() {
        let aspectNumbers = aspects.map(\.numbered.number)
        for (position, expected) in Engine.numberingFaults(aspectNumbers, groups: aspects.map { _ in 0 }) {
            let aspect = aspects[position]
            report(numbering: aspect.numbered, text: aspect.text, expected: expected, level: .aspect, file: aspect.file, line: aspect.line,
                   column: levelHeaders[aspect.file]?[.aspect], subject: .aspect(position))
        }
        let problemNumbers = problems.map(\.numbered.number)
        let global = Engine.numberingFaults(problemNumbers, groups: problems.map { _ in 0 })
        let perAspect = Engine.numberingFaults(problemNumbers, groups: problems.map { $0.aspect ?? -1 })
        for (position, expected) in perAspect.count < global.count ? perAspect : global {
            let problem = problems[position]
            report(numbering: problem.numbered, text: problem.text, expected: expected, level: .problem, file: problem.file,
                   line: problem.line, column: levelHeaders[problem.file]?[.problem], subject: .problem(position))
        }
    }

    /// Positions whose number is missing or not the expected one (position within its group + 1), with the expected
    /// number; empty when no sibling is numbered.
    static func numberingFaults(_ numbers: [Int?], groups: [Int]) -> [(Int, Int)] {
        guard numbers.contains(where: { $0 != nil }) else { return [] }
        var positionInGroup: [Int: Int] = [:]
        var faults: [(Int, Int)] = []
        for (index, number) in numbers.enumerated() {
            let expected = positionInGroup[groups[index], default: 0] + 1
            positionInGroup[groups[index]] = expected
            if number != expected { faults.append((index, expected)) }
        }
        return faults
    }

    mutating func report(
        numbering: NumberedTitle, text title: String, expected: Int, level: Finding.Level, file: String, line: Int,
        column: String?, subject: Subject
    ) {
        let detail: Finding.Detail = if let number = numbering.number {
            .numberingOutOfSequence(level: level, title: title, number: number, expected: expected)
        } else {
            .missingNumber(level: level, title: title, expected: expected)
        }
        findings.append(DraftFinding(
            detail: detail, severity: detail.defaultSeverity, file: file, sheet: nil, line: line, column: column,
            subject: subject))
    }

    static func expectationFindings(
        _ expectations: [CountExpectation], _ summary: Summary, issuesFile: String, tasksFile: String
    ) -> [Finding] {
        expectations.compactMap { expectation in
            let actual = switch expectation.subject {
            case .aspects: summary.aspects
            case .problems: summary.problems
            case .issues: summary.issues
            case .measures: summary.measures
            }
            guard actual != expectation.count else { return nil }
            return Finding(
                .countMismatch(subject: expectation.subject, claimed: expectation.count, actual: actual),
                file: expectation.subject == .measures ? tasksFile : issuesFile)
        }
    }

    mutating func checkRoster(_ table: Table) throws {
        let layout = try TableLayout(table: table, kind: .roster, overrides: configuration.overrides, fillLevels: [])
        seenHeaders.formUnion(layout.headerKeys)
        guard layout.fieldIndex[.name] != nil else {
            throw RectificationError(
                .missingColumn, location: table.location(line: layout.headerLine),
                message: "the roster has no name column (姓名, name); name it or map it with HEADER=name")
        }
        var people: [String: [(unit: String, role: String)]] = [:]
        var titles: Set<String> = []
        for row in layout.rows {
            let name = TextNormalization.textKey(layout.text(.name, in: row))
            guard !name.isEmpty else { continue }
            let role = layout.text(.role, in: row).lowercased()
            people[name, default: []].append((TextNormalization.textKey(layout.text(.unit, in: row)), role))
            for title in TextNormalization.names(in: role).map(Engine.titleKey) where !title.isEmpty { titles.insert(title) }
        }
        // Owners are often written by title (党组书记, 主席): a text that is no one's name but someone's 职务 names that
        // post, and several people may hold it. A title may carry the unit before it (县科协主席), never a 副 (副主席 is
        // another post).
        func holdsTitle(_ text: String) -> Bool {
            let key = Engine.titleKey(text)
            return key.count >= 2 && titles.contains { title in
                title == key || (title.count >= 2 && key.hasSuffix(title) && !key.dropLast(title.count).hasSuffix("副"))
            }
        }
        var taskColumns: [Field: String] = [:]
        for column in self.taskColumns { if let field = column.field, taskColumns[field] == nil { taskColumns[field] = column.header } }
        for (position, measure) in measures.enumerated() {
            let units = measure.units.map(TextNormalization.textKey)
            for owner in measure.owners {
                guard let entries = people[TextNormalization.textKey(owner)] else {
                    if !holdsTitle(owner) {
                        rosterFinding(.personNotOnRoster(name: owner, role: .person), position, column: taskColumns[.owner])
                    }
                    continue
                }
                let listedUnits = entries.map(\.unit).filter { !$0.isEmpty }
                let matches = listedUnits.contains { listed in units.contains { $0.contains(listed) || listed.contains($0) } }
                if !units.isEmpty, !listedUnits.isEmpty, !matches {
                    rosterFinding(.personInOtherUnit(name: owner, units: measure.units), position, column: taskColumns[.owner])
                }
            }
            for leader in measure.leaders {
                guard let entries = people[TextNormalization.textKey(leader)] else {
                    if !holdsTitle(leader) {
                        rosterFinding(.personNotOnRoster(name: leader, role: .leader), position, column: taskColumns[.leader])
                    } else if !Reconciliation.leaderRoleWords.contains(where: { leader.lowercased().contains($0) }) {
                        rosterFinding(.leaderNotLeader(name: leader), position, column: taskColumns[.leader])
                    }
                    continue
                }
                let leads = entries.contains { entry in Reconciliation.leaderRoleWords.contains { entry.role.contains($0) } }
                if !leads {
                    rosterFinding(.leaderNotLeader(name: leader), position, column: taskColumns[.leader])
                }
            }
        }
    }

    /// A title's comparison key: simplified characters, no whitespace, lowercased.
    static func titleKey(_ text: String) -> String {
        TextNormalization.textKey(TextNormalization.simplified(text)).lowercased()
    }

    mutating func rosterFinding(_ detail: Finding.Detail, _ position: Int, column: String?) {
        findings.append(DraftFinding(
            detail: detail, severity: detail.defaultSeverity, file: tasksTable?.file ?? "", sheet: tasksTable?.sheet, line: measures[position].line,
            column: column, subject: .measure(position)))
    }

    // MARK: Keys

    /// The plan and findings with stable keys in place of positions.
    mutating func keyed() -> (plan: RectificationPlan, findings: [Finding]) {
        // Aspects: the printed number when unique, else the ordinal.
        var aspectKeys = KeyAllocator<Aspect>()
        let aspectNumbers = Engine.uniqueNumbers(aspects.map(\.numbered.number))
        let aspectKey: [Aspect.Key] = aspects.indices.map { index in
            aspectKeys.key(aspectNumbers[index].map(String.init) ?? String(index + 1))
        }
        // Problems: the printed number when unique among all problems, else the aspect's key and the number (or the
        // ordinal) under it.
        var problemKeys = KeyAllocator<Problem>()
        let problemNumbers = Engine.uniqueNumbers(problems.map(\.numbered.number))
        var ordinalUnder: [Int: Int] = [:]
        let problemKey: [Problem.Key] = problems.indices.map { index in
            let problem = problems[index]
            let group = problem.aspect ?? -1
            ordinalUnder[group, default: 0] += 1
            if let number = problemNumbers[index] { return problemKeys.key(String(number)) }
            let local = problem.numbered.number ?? ordinalUnder[group]!
            let prefix = problem.aspect.map { aspectKey[$0].rawValue + "." } ?? ""
            return problemKeys.key(prefix + String(local))
        }
        // Issues: the ID's key (or the number printed in the text), else the ordinal they were given; a number that
        // restarts under each aspect or problem is prefixed with that parent's key.
        var issueKeys = KeyAllocator<Issue>()
        let rawIssueKeys = issues.map { issue -> String in
            // The last part between `|`s: of an ASCII key (each byte a character but CR LF) found by its bytes.
            let unscoped: String
            let utf8 = issue.key.utf8
            if !utf8.contains(UInt8(ascii: "|")) {
                unscoped = issue.key
            } else if utf8.allSatisfy({ $0 < 0x80 }), let bar = utf8.lastIndex(of: UInt8(ascii: "|")),
                      utf8.index(after: bar) < utf8.endIndex {
                unscoped = String(issue.key[utf8.index(after: bar)...])
            } else {
                unscoped = issue.key.split(separator: "|").last.map(String.init) ?? issue.key
            }
            return unscoped.hasPrefix("text:") ? TextNormalization.idKey(issue.id) : unscoped
        }
        var rawCounts: [String: Int] = [:]
        for raw in rawIssueKeys { rawCounts[raw, default: 0] += 1 }
        let issueKey: [Issue.Key] = issues.indices.map { index in
            let raw = rawIssueKeys[index]
            guard rawCounts[raw, default: 0] > 1 else { return issueKeys.key(raw) }
            let parent = issues[index].problem.map { problemKey[$0].rawValue } ?? issues[index].aspect.map { aspectKey[$0].rawValue }
            return issueKeys.key(parent.map { "\($0).\(raw)" } ?? raw)
        }
        // Measures: their own ID's key when unique, else the issue's key and the ordinal under it. A measure's own ID
        // is unique when it is not among the repeated ones.
        func hasOwnKey(_ draft: DraftMeasure) -> Bool {
            guard let key = draft.ownIDKey else { return false }
            return duplicateMeasureIDs.isEmpty || !duplicateMeasureIDs.contains(key)
        }
        // The own IDs are taken before any other key is handed out (not copied into the allocator's own set); when
        // every measure has its own key (and no ledger fixes one), no key is handed out and the set is not needed.
        var ownIDs: Set<String> = []
        if !ledgerFixedKeys.isEmpty || !measureDrafts.allSatisfy(hasOwnKey) {
            ownIDs.reserveCapacity(measureDrafts.count)
            for draft in measureDrafts where hasOwnKey(draft) { ownIDs.insert(draft.ownIDKey!) }
        }
        var measureKeys = KeyAllocator<Measure>(taken: ownIDs)
        var ordinalInIssue: [Int: Int] = [:]
        var unassigned = 0
        let measureKey: [Measure.Key] = measureDrafts.indices.map { position in
            let draft = measureDrafts[position]
            if !ledgerFixedKeys.isEmpty, let fixed = ledgerFixedKeys[position] { return measureKeys.key(fixed) }
            if hasOwnKey(draft) { return Measure.Key(draft.ownIDKey!) }
            if let issue = draft.issue {
                ordinalInIssue[issue, default: 0] += 1
                return measureKeys.key("\(issueKey[issue].rawValue)-\(ordinalInIssue[issue]!)")
            }
            unassigned += 1
            return measureKeys.key("?-\(unassigned)")
        }
        // Running numbers in outline order.
        let outline = RectificationPlan.outlineOrder(issues.map { ($0.aspect, $0.problem) })
        // The measures by issue in outline order, each issue's in table order, then those of no issue: placed by
        // counting (each issue's first slot after the measures of the issues before it), not in a list per issue.
        var slot = Array(repeating: 0, count: issues.count)
        for draft in measureDrafts { if let issue = draft.issue { slot[issue] += 1 } }
        var placed = 0
        for issue in outline {
            let count = slot[issue]
            slot[issue] = placed
            placed += count
        }
        var inOutline = Array(repeating: 0, count: measureDrafts.count)
        for (index, draft) in measureDrafts.enumerated() {
            if let issue = draft.issue {
                inOutline[slot[issue]] = index
                slot[issue] += 1
            } else {
                inOutline[placed] = index
                placed += 1
            }
        }
        var number = Array(repeating: 0, count: measures.count)
        var next = 0
        // A ledger's rows keep the running numbers they were printed with; rows without one follow the last.
        next = ledgerNumbers.lazy.compactMap { $0 }.max() ?? 0
        for index in inOutline {
            if index < ledgerNumbers.count, let fixed = ledgerNumbers[index] {
                number[index] = fixed
            } else {
                next += 1
                number[index] = next
            }
        }
        // The measures are keyed in place: taken out of the engine, the array is not copied.
        var keyedMeasures = measures
        measures = []
        for index in keyedMeasures.indices {
            keyedMeasures[index].key = measureKey[index]
            keyedMeasures[index].number = number[index]
            keyedMeasures[index].issue = measureDrafts[index].issue.map { issueKey[$0] }
        }
        let keyedFindings = findings.map { draft in
            let subject: Finding.Subject? = switch draft.subject {
            case .aspect(let index): .aspect(aspectKey[index])
            case .problem(let index): .problem(problemKey[index])
            case .issue(let index): .issue(issueKey[index])
            case .measure(let index): .measure(measureKey[index])
            case nil: nil
            }
            return Finding(draft.detail, severity: draft.severity, file: draft.file, sheet: draft.sheet, line: draft.line,
                           column: draft.column, subject: subject)
        }
        // What only keying needed goes before the plan builds its indexes (the peak of a province's memory).
        findings = []
        measureDrafts = []
        ledgerFixedKeys = [:]
        ledgerNumbers = []
        duplicateMeasureIDs = []
        let plan = RectificationPlan(
            aspects: aspects.indices.map {
                Aspect(key: aspectKey[$0], text: aspects[$0].text, numbered: aspects[$0].numbered, file: aspects[$0].file,
                       line: aspects[$0].line)
            },
            problems: problems.indices.map { index in
                let problem = problems[index]
                return Problem(key: problemKey[index], text: problem.text, numbered: problem.numbered,
                               aspect: problem.aspect.map { aspectKey[$0] }, file: problem.file, line: problem.line)
            },
            issues: issues.indices.map { index in
                let issue = issues[index]
                return Issue(key: issueKey[index], id: issue.id, text: issue.text, problem: issue.problem.map { problemKey[$0] },
                             aspect: issue.aspect.map { aspectKey[$0] }, file: issue.file, line: issue.line)
            },
            measures: keyedMeasures,
            taskColumns: taskColumns)
        return (plan, keyedFindings)
    }

    /// For each position, its number if no other position has the same one.
    static func uniqueNumbers(_ numbers: [Int?]) -> [Int?] {
        var counts: [Int: Int] = [:]
        for case let number? in numbers { counts[number, default: 0] += 1 }
        return numbers.map { number in number.flatMap { counts[$0] == 1 ? $0 : nil } }
    }
}

/// A column's last cell and its normalized text: a cell with the same bytes as the row before's is not normalized
/// again (the outline's cells repeat on each row of an issue, or of a problem).
struct RepeatedCell {
    private var raw: String?
    private var text = ""

    /// `TextNormalization.normalized(cell)`, the last one's when the cell has the same bytes.
    mutating func normalized(_ cell: String) -> String {
        if let raw, UTF8Key.same(raw, cell) { return text }
        raw = cell
        text = TextNormalization.normalized(cell)
        return text
    }
}

/// Readings of the cells a table repeats: the names of leader, unit and person cells, deadlines and statuses. A
/// table repeats a few dozen short texts (2025年6月底前, 已完成, 张某某) over all its rows, and each is read once;
/// the measures that read alike share one reading (one list of names, one deadline's and one status's box).
struct CellReadings: Sendable {
    /// Cells longer than this are read afresh each time: long texts seldom repeat, and are not worth keeping.
    static let memoizedTextLimit = 64

    let parser: DeadlineParser
    var deadlines = KnownReadings<Deadline>()
    /// Readings of date cells in the deadline column, by value.
    var dates: [CellValue: Deadline] = [:]
    var statuses = KnownReadings<Status>()
    var names = KnownReadings<[String]>()

    init(parser: DeadlineParser) { self.parser = parser }

    /// A deadline cell's reading. Text cells are kept by text; a date cell by value (a workbook's 2025-06-30 repeats
    /// too); a number cell is read as its type, and is quick to read.
    mutating func deadline(_ value: CellValue) -> Deadline {
        guard case .text(let text) = value else {
            guard case .date = value else { return parser.parse(value) }
            if let known = dates[value] { return known }
            let reading = parser.parse(value)
            dates[value] = reading
            return reading
        }
        guard text.utf8.count <= CellReadings.memoizedTextLimit else { return parser.parse(value) }
        return deadlines.reading(of: text) { [parser] _ in parser.parse(value) }
    }

    /// The names a leader, unit or person cell lists, by the cell's text as read (`TextNormalization.names` of its
    /// normalized text).
    mutating func names(_ text: String) -> [String] {
        func read(_ text: String) -> [String] { TextNormalization.names(in: TextNormalization.normalized(text)) }
        guard text.utf8.count <= CellReadings.memoizedTextLimit else { return read(text) }
        return names.reading(of: text, read)
    }

    /// A status cell's reading; a table has one status column, so its kind is the same for every cell and needs no
    /// place in the key.
    mutating func status(_ value: CellValue, column: Status.ColumnKind) -> Status {
        guard case .text(let text) = value, text.utf8.count <= CellReadings.memoizedTextLimit else {
            return Status(parsing: value, column: column)
        }
        return statuses.reading(of: text) { _ in Status(parsing: value, column: column) }
    }
}

/// The readings of the texts read before, by their UTF-8 bytes, with the short texts read last looked at first by
/// comparing their bytes (`ShortTextCache`: no hashing for the few dozen texts a table repeats).
struct KnownReadings<Value: Sendable>: Sendable {
    private var byText: [UTF8Key: Value] = [:]
    private var recent = ShortTextCache<Value>()

    /// The text's reading: the one kept when the text was read before, else `read(text)`, kept.
    mutating func reading(of text: String, _ read: (String) -> Value) -> Value {
        let short = ShortText(text)
        if let short, let known = recent[short] { return known }
        let reading: Value
        if let known = byText[UTF8Key(text)] {
            reading = known
        } else {
            reading = read(text)
            byText[UTF8Key(text)] = reading
        }
        if let short { recent[short] = reading }
        return reading
    }
}

/// What `readTasks` reads from each row's cells before it reads the rows in order: the normalized texts of the
/// fields it looks at, the key of the measure's ID, and for a measure's row the measure itself (its names, deadline,
/// status, closure and timing read) with the findings its cells give on their own, and its text's key. Making them
/// depends on the row alone, so they are made a block of rows ahead on another thread while the rows before are read
/// (`Pipeline`); what needs the rows' order (issues, duplicates, positions) is left to the reading in order.
///
/// The measure is made whole on the thread that reads its cells, so that the references it holds (the name lists,
/// deadline and status readings that thread keeps and shares among rows, the file's name, the kept columns) are
/// counted by that thread alone: counted from both, each count is a cache line passed between the cores.
private struct RowTexts: Sendable {
    /// The columns of the fields (nil when the table has none; `aspect` and `problem` nil when the definitions are
    /// not taken from the task table), whether an item's own text is its measure, the status column's kind (nil
    /// when the table has no status column), and what a measure is made with.
    struct Columns: Sendable {
        var measure: Int?, leader: Int?, unit: Int?, owner: Int?, deadline: Int?, status: Int?
        var aspect: Int?, problem: Int?, issue: Int?, issueText: Int?, id: Int?, closure: Int?
        var measuresAreItems: Bool
        var statusKind: Status.ColumnKind?
        /// The task table's file, kept in each measure.
        var file: String
        /// The kept columns, shared by each measure's cells.
        var kept: MeasureColumns
        /// The as-of date (day only) and the due-soon window the timing is judged by.
        var asOf: LocalDateTime, dueSoonDays: Int
        /// Whether the deadline, timing and their findings are final as read from the row: false for a ledger,
        /// whose original deadlines and status drop-down the reading in order applies first.
        var progressIsFinal: Bool
        /// Without a status column every measure has this one (shared, not one per row).
        var noStatus = Status(text: "", progress: .unrecognized)

        /// The same columns with a file name and kept columns of their own, for another thread's measures.
        func ownCopy() -> Columns {
            var copy = self
            copy.file = String(decoding: Array(file.utf8), as: UTF8.self)
            copy.kept = MeasureColumns(indexes: kept.indexes, shared: kept.shared)
            copy.noStatus = Status(text: "", progress: .unrecognized)
            return copy
        }
    }

    /// Which owner cells of a measure's row name nobody.
    struct Missing: Sendable {
        var leader = false, unit = false, owner = false
    }

    /// The row's 1-based line.
    var line: Int
    /// Whether the row names no measure, owner, deadline or status (a heading row of the outline).
    var isHeading: Bool
    var aspect: String, problem: String, reference: String, issueText: String, closure: String
    /// `TextNormalization.idKey` of the measure's ID, "" for an empty ID or a heading row.
    var idKey: String
    /// The hash of `idKey`'s bytes (`HashedUTF8Key`), 0 when it is empty.
    var idKeyHash: Int
    /// The hash of the measure's text key (`HashedUTF8Key`) when the key is the text itself (`TextNormalization.textKey`
    /// leaves it as it is); nil for another key (made by the reading thread) or an empty measure. Only the hash: the
    /// text is the measure's, and a second reference to it would be one more count to drop on the reading thread.
    var measureKeyHash: Int?
    /// The measure of a measure's row (nil for a heading row), keyed and numbered later; its `id` is the ID cell's
    /// normalized text, empty when the cell is (the reading in order gives it the measure's ordinal).
    var measure: Measure?
    /// Which of its owner cells name nobody.
    var missing: Missing
    /// The findings of the measure's deadline and progress, in order, each with its field (when `progressIsFinal`).
    var progressFindings: [(Finding.Detail, Field)]

    /// The texts of the rows in `range`, each repeated cell read once for the readings kept (each present: a reader
    /// takes them out, leaving nil).
    static func prepare(_ rows: [Row], _ range: Range<Int>, _ columns: Columns, readings: inout CellReadings) -> [RowTexts?] {
        var prepared: [RowTexts?] = []
        prepared.reserveCapacity(range.count)
        // The outline's cells repeat on each row of an issue: normalized once per run of equal cells.
        var aspects = RepeatedCell(), problems = RepeatedCell(), references = RepeatedCell()
        var issueTexts = RepeatedCell(), closures = RepeatedCell()
        for index in range {
            let row = rows[index]
            func text(_ column: Int?) -> String {
                guard let column else { return "" }
                return TextNormalization.normalized(row.text(at: column))
            }
            func text(_ column: Int?, _ last: inout RepeatedCell) -> String {
                guard let column else { return "" }
                return last.normalized(row.text(at: column))
            }
            func raw(_ column: Int?) -> String { column.map { row.text(at: $0) } ?? "" }
            // The measure normalized as `TextNormalization.normalized` does; a common text without whitespace is its
            // own key (`textKey` would give it back as it is).
            var measureText = ""
            var measureIsKey = false
            if let column = columns.measure {
                let cell = row.text(at: column)
                if let common = TextNormalization.normalizedCommonText(cell) {
                    measureText = common
                    measureIsKey = !TextNormalization.commonTextHasWhitespace(common)
                } else {
                    measureText = TextNormalization.normalizedByFoundation(cell)
                }
            }
            // Names are read by their cells' texts as read (blank exactly when normalized empty).
            let leader = raw(columns.leader), unit = raw(columns.unit), owner = raw(columns.owner)
            let isHeading = measureText.isEmpty && TextNormalization.isBlank(leader) && TextNormalization.isBlank(unit)
                && TextNormalization.isBlank(owner) && text(columns.deadline).isEmpty && text(columns.status).isEmpty
            let id = text(columns.id)
            let reference = text(columns.issue, &references)
            let issueText = columns.measuresAreItems ? measureText : text(columns.issueText, &issueTexts)
            let closureText = text(columns.closure, &closures)
            let idKey = isHeading || id.isEmpty ? "" : TextNormalization.idKey(id)
            let aspect = text(columns.aspect, &aspects), problem = text(columns.problem, &problems)
            let idKeyHash = idKey.isEmpty ? 0 : HashedUTF8Key(idKey).bytesHash
            let measureKeyHash = !isHeading && measureIsKey && !measureText.isEmpty ? HashedUTF8Key(measureText).bytesHash : nil
            if isHeading {
                prepared.append(RowTexts(
                    line: row.line, isHeading: true, aspect: aspect, problem: problem, reference: reference,
                    issueText: issueText, closure: closureText, idKey: idKey, idKeyHash: idKeyHash,
                    measureKeyHash: measureKeyHash, measure: nil, missing: Missing(), progressFindings: []))
            } else {
                var progressFindings: [(Finding.Detail, Field)] = []
                let leaders = readings.names(leader), units = readings.names(unit), owners = readings.names(owner)
                let missing = Missing(leader: leaders.isEmpty, unit: units.isEmpty, owner: owners.isEmpty)
                let deadline = readings.deadline(columns.deadline.map { row[$0] } ?? .empty)
                // Without a status column nothing says how far a measure has got: its progress is not known, counted
                // apart (the table-level missing-column warning says why), never as not started.
                let status = columns.statusKind.map { kind in
                    readings.status(columns.status.map { row[$0] } ?? .empty, column: kind)
                } ?? columns.noStatus
                let timing = Engine.timing(deadline: deadline, progress: status.progress, asOf: columns.asOf,
                                           dueSoonDays: columns.dueSoonDays)
                if columns.progressIsFinal {
                    if columns.deadline != nil, let detail = Engine.deadlineFinding(deadline) {
                        progressFindings.append((detail, .deadline))
                    }
                    for (detail, field) in Reconciliation.progressFindings(
                        status: status, closureText: closureText, deadline: deadline, timing: timing)
                    where columns.statusKind != nil || field != .status {
                        progressFindings.append((detail, field))
                    }
                }
                // The measure made in the row's texts' initializer, not in a variable of its own first.
                prepared.append(RowTexts(
                    line: row.line, isHeading: false, aspect: aspect, problem: problem, reference: reference,
                    issueText: issueText, closure: closureText, idKey: idKey, idKeyHash: idKeyHash,
                    measureKeyHash: measureKeyHash,
                    measure: Measure(
                        key: Measure.Key(""), number: 0, id: id, file: columns.file, line: row.line,
                        issueReference: reference.isEmpty ? issueText : reference, issue: nil, text: measureText,
                        leaders: leaders, units: units, owners: owners, deadline: deadline, status: status,
                        closure: closureText.isEmpty ? nil : Closure(parsing: closureText), timing: timing,
                        cells: .row(row.cells, columns.kept)),
                    missing: missing, progressFindings: progressFindings))
            }
        }
        return prepared
    }

    /// The rows' texts block by block, made ahead on another thread while the caller reads the blocks before; when
    /// that thread is behind, it is given the block after the one the caller waits for and the caller makes the next
    /// one itself, so that both threads stay busy. A table of one block is made on the caller's thread alone. The
    /// texts are the same whichever thread makes them.
    struct Pipeline: Sendable {
        /// Rows per block.
        static let blockSize = 2048

        let rows: [Row]
        let columns: Columns
        /// The columns the other thread makes its blocks with: its own file name and kept columns.
        let otherColumns: Columns
        let blockCount: Int
        /// The readings of the blocks this thread makes.
        var readings: CellReadings
        /// The readings of the blocks the other thread makes, one block after another.
        let otherReadings: SharedReadings
        /// The current block's texts, the first of them the row at `start` (nil once read: each is moved out, not
        /// copied).
        var current: [RowTexts?] = []
        var start = 0
        /// A block this thread made ahead, by number.
        var madeAhead: (number: Int, texts: [RowTexts?])?
        /// The blocks given to the other thread, by number, oldest first (it makes them one after another).
        var pending: [(number: Int, done: DispatchGroup, block: Block)] = []
        /// The other thread's queue: its blocks are made in the order given, each with the readings of the ones before.
        let otherThread = DispatchQueue(label: "tracksheet.row-texts")
        /// The first block nobody makes yet.
        var nextBlock = 0

        /// A block's texts, set by the thread that made them.
        final class Block: Sendable {
            let texts = Mutex<[RowTexts?]>([])
        }

        /// Readings kept by the other thread from block to block.
        final class SharedReadings: Sendable {
            let readings: Mutex<CellReadings>
            init(_ readings: CellReadings) { self.readings = Mutex(readings) }
        }

        /// Starts making the second block on another thread, then makes the first on this one.
        init(rows: [Row], columns: Columns, parser: DeadlineParser) {
            self.rows = rows
            self.columns = columns
            otherColumns = columns.ownCopy()
            blockCount = (rows.count + Self.blockSize - 1) / Self.blockSize
            readings = CellReadings(parser: parser)
            otherReadings = SharedReadings(CellReadings(parser: parser))
            nextBlock = 1
            startNext()
            current = RowTexts.prepare(rows, range(of: 0), columns, readings: &readings)
        }

        /// The rows of a block.
        func range(of block: Int) -> Range<Int> {
            (block * Self.blockSize)..<min((block + 1) * Self.blockSize, rows.count)
        }

        /// Gives the first block nobody makes yet to the other thread, if there is one.
        mutating func startNext() {
            guard nextBlock < blockCount else { return }
            let number = nextBlock
            nextBlock += 1
            let block = Block(), done = DispatchGroup()
            let rows = self.rows, columns = otherColumns, readings = otherReadings, range = range(of: number)
            otherThread.async(group: done) {
                let texts = readings.readings.withLock { RowTexts.prepare(rows, range, columns, readings: &$0) }
                block.texts.withLock { $0 = texts }
            }
            pending.append((number, done, block))
        }

        /// The texts of the row at `index`; rows are asked for in order, each once.
        mutating func texts(at index: Int) -> RowTexts {
            if index >= start + current.count {
                let number = (start + current.count) / Self.blockSize
                if let ahead = madeAhead, ahead.number == number {
                    current = ahead.texts
                    madeAhead = nil
                } else {
                    guard let (pendingNumber, done, block) = pending.first, pendingNumber == number else {
                        preconditionFailure("rows are read in order, within the table")
                    }
                    if done.wait(timeout: .now()) == .timedOut {
                        // The other thread is behind: it is given the block after too, so that it goes on without a
                        // pause when it ends this one, and this thread makes the next block meanwhile.
                        if pending.count < 2 { startNext() }
                        if madeAhead == nil, nextBlock < blockCount {
                            madeAhead = (nextBlock, RowTexts.prepare(rows, range(of: nextBlock), columns, readings: &readings))
                            nextBlock += 1
                        }
                    }
                    done.wait()
                    // Taken out of the block, so that the texts are moved out of `current` below, not copied.
                    current = block.texts.withLock { texts in
                        let taken = texts
                        texts = []
                        return taken
                    }
                    pending.removeFirst()
                }
                // The other thread always has a block while there are blocks nobody makes.
                if pending.isEmpty { startNext() }
                start = number * Self.blockSize
            }
            // Each row's texts are read once: moved out (a copy would retain a dozen strings and arrays).
            guard let texts = current[index - start].take() else { preconditionFailure("each row is read once") }
            return texts
        }
    }
}
