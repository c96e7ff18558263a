import TabularCore

/// A top-level area of the inspection feedback (方面), e.g. （一）聚焦党中央决策部署在基层落实情况方面.
public struct Aspect: Sendable, Hashable {
    /// The cell's text as printed (after NFKC and trimming).
    public var text: String
    /// The printed number and the title without it.
    public var numbered: NumberedTitle
    /// The file and 1-based line where the aspect first appears.
    public var file: String
    /// The 1-based line where the aspect first appears.
    public var line: Int

    /// Creates an aspect; the number and title are parsed from the text.
    public init(text: String, file: String, line: Int) {
        self.text = text
        self.numbered = NumberedTitle(parsing: text)
        self.file = file
        self.line = line
    }
}

/// A problem (问题) within an aspect, e.g. 1.学习贯彻…不深入, or “四风”问题依然存在 printed without a number.
public struct Problem: Sendable, Hashable {
    /// The cell's text as printed (after NFKC and trimming).
    public var text: String
    /// The printed number and the title without it.
    public var numbered: NumberedTitle
    /// The index of its aspect in `RectificationPlan.aspects`, nil when the tables name no aspect.
    public var aspectIndex: Int?
    /// The file where the problem first appears.
    public var file: String
    /// The 1-based line where the problem first appears.
    public var line: Int

    /// Creates a problem; the number and title are parsed from the text.
    public init(text: String, aspectIndex: Int?, file: String, line: Int) {
        self.text = text
        self.numbered = NumberedTitle(parsing: text)
        self.aspectIndex = aspectIndex
        self.file = file
        self.line = line
    }
}

/// A leaf issue (具体问题), the unit that measures refer to by ID.
public struct Issue: Sendable, Hashable {
    /// The ID as printed, e.g. `（1）`; the row's ordinal when the table has none.
    public var id: String
    /// The ID's comparison key (`1` for `（1）`), see `TextNormalization.idKey`.
    public var key: String
    /// The issue's text as printed.
    public var text: String
    /// The index of its problem in `RectificationPlan.problems`, nil when the tables name no problem.
    public var problemIndex: Int?
    /// The index of its aspect in `RectificationPlan.aspects`, nil when the tables name no aspect.
    public var aspectIndex: Int?
    /// The file the issue is defined in (the task table when definitions are derived from it).
    public var file: String
    /// The 1-based line of its definition.
    public var line: Int

    /// Creates an issue; the key is derived from the ID.
    public init(id: String, text: String, problemIndex: Int?, aspectIndex: Int?, file: String, line: Int) {
        self.init(id: id, key: TextNormalization.idKey(id), text: text, problemIndex: problemIndex, aspectIndex: aspectIndex,
                  file: file, line: line)
    }

    /// Creates an issue with an explicit key.
    init(id: String, key: String, text: String, problemIndex: Int?, aspectIndex: Int?, file: String, line: Int) {
        self.id = id
        self.key = key
        self.text = text
        self.problemIndex = problemIndex
        self.aspectIndex = aspectIndex
        self.file = file
        self.line = line
    }
}

/// One cell of a measure's row as read: the column's header, its field (nil for pass-through) and the text.
public struct MeasureCell: Sendable, Hashable {
    /// The column's header as printed.
    public var header: String
    /// The field the column means, nil for an unknown column passed through.
    public var field: Field?
    /// The cell's text (merged and filled-down values included); dates as ISO text.
    public var text: String
    /// The cell's value as the reader delivered it.
    public var value: CellValue

    /// Creates a cell.
    public init(header: String, field: Field?, text: String, value: CellValue) {
        self.header = header
        self.field = field
        self.text = text
        self.value = value
    }
}

/// One rectification measure (整改措施): a row of the task table with everything the ledger needs.
public struct Measure: Sendable, Hashable {
    /// The measure's ID as printed, or its 1-based ordinal among the measures when the table has no ID column.
    public var id: String
    /// The 1-based line of its row.
    public var line: Int
    /// The issue reference as written (empty when the table has none).
    public var issueReference: String
    /// The index of the issue it belongs to in `RectificationPlan.issues`, nil when the reference is unknown.
    public var issueIndex: Int?
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
    /// Whether the measure is past its due date and not done (as of the reconciliation's date).
    public var isOverdue: Bool
    /// Days past the due date when overdue, else nil.
    public var daysLate: Int?
    /// Whether the measure is not done and due within the configured number of days (due today included).
    public var isDueSoon: Bool
    /// Days until the due date when the measure is not done and not overdue, else nil.
    public var daysLeft: Int?
    /// Every cell of the row that has a header, in column order, recognized and pass-through alike.
    public var cells: [MeasureCell]

    /// The text of a recognized field's cell, or nil when the table has no such column.
    public subscript(field: Field) -> String? {
        cells.first { $0.field == field }?.text
    }

    /// The pass-through cells of columns no field recognized (header and value), in column order.
    public var extras: [MeasureCell] { cells.filter { $0.field == nil } }
}

/// The reconciled plan: definitions in their order (aspect → problem → issue) and the measures in table order.
public struct RectificationPlan: Sendable, Hashable {
    /// The aspects, in order of first appearance.
    public var aspects: [Aspect]
    /// The problems, in order of first appearance (grouped under their aspects as the definitions order them).
    public var problems: [Problem]
    /// The issues, in definition order.
    public var issues: [Issue]
    /// The measures, in task-table order.
    public var measures: [Measure]
    /// The task table's columns (header and field), for writing a ledger with the same columns.
    public var taskColumns: [Column]

    /// Creates a plan from its parts.
    public init(aspects: [Aspect], problems: [Problem], issues: [Issue], measures: [Measure], taskColumns: [Column]) {
        self.aspects = aspects
        self.problems = problems
        self.issues = issues
        self.measures = measures
        self.taskColumns = taskColumns
    }

    /// The indexes of the problems of an aspect, in order.
    public func problemIndexes(inAspect aspect: Int) -> [Int] {
        problems.indices.filter { problems[$0].aspectIndex == aspect }
    }

    /// The indexes of the issues of a problem, in order.
    public func issueIndexes(inProblem problem: Int) -> [Int] {
        issues.indices.filter { issues[$0].problemIndex == problem }
    }

    /// The indexes of the measures of an issue, in task-table order.
    public func measureIndexes(ofIssue issue: Int) -> [Int] {
        measures.indices.filter { measures[$0].issueIndex == issue }
    }

    /// For every issue, whether it is rectified, in one pass over the measures.
    public var rectifiedIssues: [Bool] {
        var hasMeasure = Array(repeating: false, count: issues.count)
        var allDone = Array(repeating: true, count: issues.count)
        for measure in measures {
            guard let issue = measure.issueIndex else { continue }
            hasMeasure[issue] = true
            if !measure.status.progress.isDone { allDone[issue] = false }
        }
        return issues.indices.map { hasMeasure[$0] && allDone[$0] }
    }

    /// For every problem, whether it is rectified (it has issues and all are rectified), in one pass.
    public var rectifiedProblems: [Bool] {
        let rectified = rectifiedIssues
        var hasIssue = Array(repeating: false, count: problems.count)
        var allRectified = Array(repeating: true, count: problems.count)
        for (index, issue) in issues.enumerated() {
            guard let problem = issue.problemIndex else { continue }
            hasIssue[problem] = true
            if !rectified[index] { allRectified[problem] = false }
        }
        return problems.indices.map { hasIssue[$0] && allRectified[$0] }
    }

    /// Whether an issue is rectified: it has measures and all of them are done (or done and ongoing).
    public func isRectified(issue: Int) -> Bool {
        let indexes = measureIndexes(ofIssue: issue)
        return !indexes.isEmpty && indexes.allSatisfy { measures[$0].status.progress.isDone }
    }

    /// Whether a problem is rectified: it has issues and all of them are rectified.
    public func isRectified(problem: Int) -> Bool {
        let indexes = issueIndexes(inProblem: problem)
        return !indexes.isEmpty && indexes.allSatisfy { isRectified(issue: $0) }
    }
}
