import TabularCore

/// A top-level area of the inspection feedback (方面), e.g. （一）聚焦党中央决策部署在基层落实情况方面.
public struct Aspect: Sendable, Hashable {
    /// The aspect's stable key: its printed number when unique among the aspects, else its ordinal.
    public var key: Key
    /// The cell's text as printed (after NFKC and trimming).
    public var text: String
    /// The printed number and the title without it.
    public var numbered: NumberedTitle
    /// The file where the aspect first appears.
    public var file: String
    /// The 1-based line where the aspect first appears.
    public var line: Int

    /// An aspect's stable key.
    public typealias Key = StableKey<Aspect>

    /// Creates an aspect; the number and title are parsed from the text.
    public init(key: Key, text: String, file: String, line: Int) {
        self.init(key: key, text: text, numbered: NumberedTitle(parsing: text), file: file, line: line)
    }

    /// Creates an aspect whose text was parsed already (`numbered` is `NumberedTitle(parsing: text)`).
    init(key: Key, text: String, numbered: NumberedTitle, file: String, line: Int) {
        self.key = key
        self.text = text
        self.numbered = numbered
        self.file = file
        self.line = line
    }
}

/// A problem (问题) within an aspect, e.g. 1.学习贯彻…不深入, or “四风”问题依然存在 printed without a number.
public struct Problem: Sendable, Hashable {
    /// The problem's stable key: its printed number when unique among the problems, else its aspect's key and
    /// its ordinal under the aspect.
    public var key: Key
    /// The cell's text as printed (after NFKC and trimming).
    public var text: String
    /// The printed number and the title without it.
    public var numbered: NumberedTitle
    /// The aspect it belongs to, nil when the tables name no aspect.
    public var aspect: Aspect.Key?
    /// The file where the problem first appears.
    public var file: String
    /// The 1-based line where the problem first appears.
    public var line: Int

    /// A problem's stable key.
    public typealias Key = StableKey<Problem>

    /// Creates a problem; the number and title are parsed from the text.
    public init(key: Key, text: String, aspect: Aspect.Key?, file: String, line: Int) {
        self.init(key: key, text: text, numbered: NumberedTitle(parsing: text), aspect: aspect, file: file, line: line)
    }

    /// Creates a problem whose text was parsed already (`numbered` is `NumberedTitle(parsing: text)`).
    init(key: Key, text: String, numbered: NumberedTitle, aspect: Aspect.Key?, file: String, line: Int) {
        self.key = key
        self.text = text
        self.numbered = numbered
        self.aspect = aspect
        self.file = file
        self.line = line
    }
}

/// A leaf issue (具体问题), the unit that measures refer to by ID.
public struct Issue: Sendable, Hashable {
    /// The issue's stable key: its ID's comparison key (`1` for `（1）`), else its ordinal among the issues.
    public var key: Key
    /// The ID as printed, e.g. `（1）`; the ordinal when the table has none.
    public var id: String
    /// The issue's text as printed.
    public var text: String
    /// The problem it belongs to, nil when the tables name no problem.
    public var problem: Problem.Key?
    /// The aspect it belongs to, nil when the tables name no aspect.
    public var aspect: Aspect.Key?
    /// The file the issue is defined in (the task table when definitions are derived from it).
    public var file: String
    /// The 1-based line of its definition.
    public var line: Int

    /// An issue's stable key.
    public typealias Key = StableKey<Issue>

    /// Creates an issue.
    public init(key: Key, id: String, text: String, problem: Problem.Key?, aspect: Aspect.Key?, file: String, line: Int) {
        self.key = key
        self.id = id
        self.text = text
        self.problem = problem
        self.aspect = aspect
        self.file = file
        self.line = line
    }
}

/// One cell of a measure's row as read: the column's header, its field (nil for pass-through) and the text.
public struct MeasureCell: Sendable, Hashable {
    // A province's table has a million of these, so a cell is 32 bytes: its value and a reference to the header and
    // field, which every cell of a column shares. The text is the value's own for text and empty cells; only other
    // values (a workbook's numbers and dates) or a text set apart from the value keep it, in a box of their own.
    private var shared: Shared
    private var storedValue: CellValue

    /// A column's header and field, shared by its cells, and the text of a cell whose value does not give it.
    final class Shared: Sendable {
        let header: String
        let field: Field?
        let text: String?

        init(header: String, field: Field?, text: String? = nil) {
            self.header = header
            self.field = field
            self.text = text
        }
    }

    /// Creates a cell.
    public init(header: String, field: Field?, text: String, value: CellValue) {
        shared = Shared(header: header, field: field)
        storedValue = value
        keep(text)
    }

    /// A cell of a column whose header and field are shared; its text is the value's as `CellValue.text` gives.
    init(column: Shared, value: CellValue) {
        switch value {
        case .text, .empty: shared = column
        default: shared = Shared(header: column.header, field: column.field, text: value.text)
        }
        storedValue = value
    }

    /// The column's header as printed.
    public var header: String {
        get { shared.header }
        set { shared = Shared(header: newValue, field: shared.field, text: shared.text) }
    }

    /// The field the column means, nil for an unknown column passed through.
    public var field: Field? {
        get { shared.field }
        set { shared = Shared(header: shared.header, field: newValue, text: shared.text) }
    }

    /// The cell's text (merged and filled-down values included); dates as ISO text.
    public var text: String {
        get {
            if let text = shared.text { return text }
            if case .text(let text) = storedValue { return text }
            return ""
        }
        set { keep(newValue) }
    }

    /// The cell's value as the reader delivered it.
    public var value: CellValue {
        get { storedValue }
        set {
            let text = self.text
            storedValue = newValue
            keep(text)
        }
    }

    /// Stores a text, in the shared box only when the value does not give it byte for byte.
    private mutating func keep(_ text: String) {
        let given = switch storedValue {
        case .text(let own): own.utf8.elementsEqual(text.utf8)
        case .empty: text.isEmpty
        default: false
        }
        if given {
            if shared.text != nil { shared = Shared(header: shared.header, field: shared.field) }
        } else if shared.text.map({ !$0.utf8.elementsEqual(text.utf8) }) ?? true {
            shared = Shared(header: shared.header, field: shared.field, text: text)
        }
    }

    /// Cells are equal when header, field, text and value are.
    public static func == (lhs: MeasureCell, rhs: MeasureCell) -> Bool {
        lhs.header == rhs.header && lhs.field == rhs.field && lhs.text == rhs.text && lhs.value == rhs.value
    }

    /// Hashes header, field, text and value, as equality compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(header)
        hasher.combine(field)
        hasher.combine(text)
        hasher.combine(value)
    }
}

/// The kept columns of a task table: where each is in a row, and the header and field its cells share.
final class MeasureColumns: Sendable {
    let indexes: [Int]
    let shared: [MeasureCell.Shared]

    init(indexes: [Int], shared: [MeasureCell.Shared]) {
        self.indexes = indexes
        self.shared = shared
    }
}

/// A measure's cells: the values of its table row read through the kept columns (the row's array is shared with
/// the table, so that a province's table is not held twice), or cells set since. Equal when the cells are.
enum MeasureCells: Sendable, Hashable {
    /// The row's values, as read, through the kept columns.
    case row([CellValue], MeasureColumns)
    /// Cells as given.
    case cells([MeasureCell])

    /// The cells, in column order.
    var cells: [MeasureCell] {
        switch self {
        case .cells(let cells):
            return cells
        case .row(let values, let columns):
            return columns.indexes.indices.map { MeasureCells.cell(at: $0, of: values, through: columns) }
        }
    }

    static func == (lhs: MeasureCells, rhs: MeasureCells) -> Bool { lhs.cells == rhs.cells }

    func hash(into hasher: inout Hasher) { hasher.combine(cells) }
}

/// Where a measure stands against its deadline on the as-of date; decided once, in the reconciliation.
public enum Timing: Sendable, Hashable {
    /// Done (or done and kept up): no longer timed.
    case done
    /// Not done and past its due date by this many days.
    case overdue(daysLate: Int)
    /// Not done and due within the configured days (today included), this many days from now.
    case dueSoon(daysLeft: Int)
    /// Not done and due later than that.
    case onTime(daysLeft: Int)
    /// Not done, with no date to judge it by: a long-term measure under way, or no readable deadline.
    case untimed
}

/// One rectification measure (整改措施): a row of the task table with everything the ledger needs.
public struct Measure: Sendable, Hashable {
    /// The measure's stable key: its printed ID's key when unique, else its issue's key and its ordinal under it
    /// (`3-2`).
    public var key: Key
    /// The running number (序号) in the outline's order (aspect → problem → issue, then table order), the same in
    /// every workbook the measure appears in.
    public var number: Int
    /// The measure's ID as printed, or its 1-based ordinal among the measures when the table has no ID column.
    public var id: String
    /// The file of its row.
    public var file: String
    /// The 1-based line of its row.
    public var line: Int
    /// The issue reference as written (empty when the table has none).
    public var issueReference: String
    /// The issue it belongs to, nil when the reference is unknown.
    public var issue: Issue.Key?
    /// The measure's text.
    public var text: String
    /// The responsible leaders (责任领导), split on 、 , / ;.
    public var leaders: [String]
    /// The responsible units (责任单位/责任股室), split the same way.
    public var units: [String]
    /// The responsible people (责任人), split the same way.
    public var owners: [String]
    /// The parsed deadline, with its original text.
    public var deadline: Deadline
    /// The normalized status, with its original text.
    public var status: Status
    /// The sign-off state, nil when the table has no closure column or the cell is empty or unknown.
    public var closure: Closure?
    /// Where it stands against its deadline on the as-of date.
    public var timing: Timing
    /// Every cell of the row that has a header, in column order, recognized and pass-through alike.
    public var cells: [MeasureCell] {
        get { storedCells.cells }
        set { storedCells = .cells(newValue) }
    }
    /// The cells as the table read them (shared with the table's row, not copied), or as set since.
    var storedCells: MeasureCells

    /// A measure's stable key.
    public typealias Key = StableKey<Measure>

    /// Creates a measure from its parts.
    init(key: Key, number: Int, id: String, file: String, line: Int, issueReference: String, issue: Issue.Key?,
         text: String, leaders: [String], units: [String], owners: [String], deadline: Deadline, status: Status,
         closure: Closure?, timing: Timing, cells: MeasureCells) {
        self.key = key
        self.number = number
        self.id = id
        self.file = file
        self.line = line
        self.issueReference = issueReference
        self.issue = issue
        self.text = text
        self.leaders = leaders
        self.units = units
        self.owners = owners
        self.deadline = deadline
        self.status = status
        self.closure = closure
        self.timing = timing
        storedCells = cells
    }

    /// Whether the measure is past its due date and not done.
    public var isOverdue: Bool { if case .overdue = timing { true } else { false } }
    /// Days past the due date when overdue, else nil.
    public var daysLate: Int? { if case .overdue(let days) = timing { days } else { nil } }
    /// Whether the measure is not done and due within the configured days.
    public var isDueSoon: Bool { if case .dueSoon = timing { true } else { false } }
    /// Days until the due date when the measure is not done and not overdue, else nil.
    public var daysLeft: Int? {
        switch timing {
        case .dueSoon(let days), .onTime(let days): days
        default: nil
        }
    }

    /// The text of a recognized field's cell, or nil when the table has no such column.
    public subscript(field: Field) -> String? {
        cell(of: field)?.text
    }

    /// The first cell of a recognized field (`cells.first { $0.field == field }`), found without building every cell;
    /// nil when the table has no such column.
    public func cell(of field: Field) -> MeasureCell? { storedCells.firstCell(of: field) }

    /// The pass-through cells of columns no field recognized (header and value), in column order.
    public var extras: [MeasureCell] { cells.filter { $0.field == nil } }

    /// `extras[offset]`, found without building every cell; nil past the last pass-through column.
    public func extra(at offset: Int) -> MeasureCell? { storedCells.extraCell(at: offset) }
}

/// The reconciled plan: definitions in their order (aspect → problem → issue) and the measures in table order,
/// related by stable keys.
public struct RectificationPlan: Sendable, Hashable {
    /// The aspects, in order of first appearance.
    public private(set) var aspects: [Aspect]
    /// The problems, in order of first appearance.
    public private(set) var problems: [Problem]
    /// The issues, in definition order.
    public private(set) var issues: [Issue]
    /// The measures, in task-table order.
    public private(set) var measures: [Measure]
    /// The task table's columns (header and field), for writing a ledger with the same columns.
    public var taskColumns: [Column]

    private var aspectPositions: [Aspect.Key: Int] = [:]
    private var problemPositions: [Problem.Key: Int] = [:]
    private var issuePositions: [Issue.Key: Int] = [:]
    private var measurePositions: [Measure.Key: Int] = [:]
    private var measuresByIssue: [Issue.Key: [Int]] = [:]

    /// Creates a plan from its parts; keys must be unique within each kind of record.
    public init(aspects: [Aspect], problems: [Problem], issues: [Issue], measures: [Measure], taskColumns: [Column]) {
        self.aspects = aspects
        self.problems = problems
        self.issues = issues
        self.measures = measures
        self.taskColumns = taskColumns
        aspectPositions = Dictionary(uniqueKeysWithValues: aspects.enumerated().map { ($1.key, $0) })
        problemPositions = Dictionary(uniqueKeysWithValues: problems.enumerated().map { ($1.key, $0) })
        issuePositions = Dictionary(uniqueKeysWithValues: issues.enumerated().map { ($1.key, $0) })
        measuresByIssue.reserveCapacity(issues.count)
        measurePositions.reserveCapacity(measures.count)
        // The measures' keys and issues are read in place (a copy of a whole measure costs a dozen retains and
        // releases). An issue's measures mostly follow each other: each run is added to its issue's list at once.
        var runIssue: Issue.Key?
        var run: [Int] = []
        measures.withUnsafeBufferPointer { measures in
            for position in measures.indices {
                let previous = measurePositions.updateValue(position, forKey: measures[position].key)
                precondition(previous == nil, "a plan's measures have unique keys: \(measures[position].key) is repeated")
                if measures[position].issue != runIssue {
                    if let issue = runIssue { measuresByIssue[issue, default: []].append(contentsOf: run) }
                    runIssue = measures[position].issue
                    run.removeAll(keepingCapacity: true)
                }
                if runIssue != nil { run.append(position) }
            }
        }
        if let issue = runIssue { measuresByIssue[issue, default: []].append(contentsOf: run) }
    }

    /// The position of an issue in `issues`.
    func issuePosition(of key: Issue.Key) -> Int? { issuePositions[key] }
    /// The position of a measure in `measures`.
    func measurePosition(of key: Measure.Key) -> Int? { measurePositions[key] }

    /// The aspect with a key.
    public func aspect(_ key: Aspect.Key) -> Aspect? { aspectPositions[key].map { aspects[$0] } }
    /// The problem with a key.
    public func problem(_ key: Problem.Key) -> Problem? { problemPositions[key].map { problems[$0] } }
    /// The issue with a key.
    public func issue(_ key: Issue.Key) -> Issue? { issuePositions[key].map { issues[$0] } }
    /// The measure with a key.
    public func measure(_ key: Measure.Key) -> Measure? { measurePositions[key].map { measures[$0] } }

    /// The measures of an issue, in task-table order.
    public func measures(of issue: Issue.Key) -> [Measure] { (measuresByIssue[issue] ?? []).map { measures[$0] } }

    /// The issues in outline order: by aspect, then problem (each in order of first appearance), then definition
    /// order; issues without an aspect or problem come after those with one.
    public var issuesInOutlineOrder: [Issue] {
        RectificationPlan.outlineOrder(issues.map { issue in
            (issue.aspect.flatMap { aspectPositions[$0] }, issue.problem.flatMap { problemPositions[$0] })
        }).map { issues[$0] }
    }

    /// The positions of issues in outline order, given the position of each one's aspect and problem: by aspect,
    /// then problem, then the issue's own position; issues without an aspect or problem after those with one.
    static func outlineOrder(_ parents: [(aspect: Int?, problem: Int?)]) -> [Int] {
        parents.indices.sorted { a, b in
            (parents[a].aspect ?? .max, parents[a].problem ?? .max, a) < (parents[b].aspect ?? .max, parents[b].problem ?? .max, b)
        }
    }

    /// The measures in outline order (`Measure.number` order).
    public var measuresInOutlineOrder: [Measure] { measurePositionsInOutlineOrder.map { measures[$0] } }

    /// The measures' positions in outline order: by running number, measures of the same number in plan order.
    public var measurePositionsInOutlineOrder: [Int] { Reconciliation.outlineOrder(measures) }

    /// The keys of the issues that are rectified: they have measures and all of them are done.
    public var rectifiedIssues: Set<Issue.Key> {
        Set(issues.lazy.map(\.key).filter(isRectified(issue:)))
    }

    /// The keys of the problems that are rectified: they have issues and all of them are rectified.
    public var rectifiedProblems: Set<Problem.Key> {
        let rectified = rectifiedIssues
        var hasIssue: Set<Problem.Key> = []
        var open: Set<Problem.Key> = []
        for issue in issues {
            guard let problem = issue.problem else { continue }
            hasIssue.insert(problem)
            if !rectified.contains(issue.key) { open.insert(problem) }
        }
        return hasIssue.subtracting(open)
    }

    /// Whether an issue is rectified: it has measures and all of them are done (or done and ongoing).
    public func isRectified(issue: Issue.Key) -> Bool {
        guard let positions = measuresByIssue[issue], !positions.isEmpty else { return false }
        return positions.allSatisfy { measures[$0].status.progress.isDone }
    }
}

extension RectificationPlan {
    /// Edits the measures in place (without a copy when nothing else holds them), keeping their keys, positions and
    /// issues (a merge's progress edits): the plan's indexes of positions hold for them and are not built again.
    mutating func editMeasures(_ edit: (inout [Measure]) -> Void) {
        let count = measures.count
        edit(&measures)
        precondition(measures.count == count, "the same measures, edited")
    }
}
