import TabularCore

/// Reconciles issue definitions with the task breakdown table: the plan, its findings, rollups and summary.
///
/// Pure and deterministic: the caller reads the tables and passes the as-of date. Findings are sorted by file
/// (issue definitions, task table, roster) and line, file-level findings first, in the order they were found.
///
/// ```swift
/// let day = try Reconciliation.Configuration.date(parsing: "2025-12-04")
/// let result = try Reconciliation(issues: issuesTable, tasks: tasksTable, configuration: .init(asOf: day))
/// print(result.summary.measures, result.findings.count)  // 47 2 for Samples/rectification
/// ```
public struct Reconciliation: Sendable, Hashable {
    /// The options it ran with.
    public var configuration: Configuration
    /// The definitions and measures, in order.
    public var plan: RectificationPlan
    /// Everything found, errors and warnings.
    public var findings: [Finding]
    /// Counts per aspect, problem, unit, leader and person.
    public var rollups: Rollups
    /// The headline counts.
    public var summary: Summary

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
    /// - Throws: `RectificationError` `no-header` when a table has no recognizable header, `missing-column` when the
    ///   issue definitions have neither an ID nor an issue-text column or the roster has no name column.
    public init(issues: Table?, tasks: Table, roster: Table? = nil, configuration: Configuration) throws {
        var engine = Engine(configuration: configuration)
        if let issues { try engine.readDefinitions(issues) }
        try engine.readTasks(tasks, derivingDefinitions: issues == nil)
        engine.checkCoverage()
        engine.checkNumbering()
        if let roster { try engine.checkRoster(roster) }
        let plan = engine.plan
        let summary = Summary(plan: plan)
        engine.checkExpectations(summary, issuesFile: issues?.file ?? tasks.file, tasksFile: tasks.file)
        let rank = [issues?.file, tasks.file, roster?.file].compactMap { $0 }
        let ordered = engine.findings.enumerated().sorted { a, b in
            let ra = rank.firstIndex(of: a.element.file) ?? rank.count
            let rb = rank.firstIndex(of: b.element.file) ?? rank.count
            if ra != rb { return ra < rb }
            let la = a.element.line ?? 0
            let lb = b.element.line ?? 0
            if la != lb { return la < lb }
            return a.offset < b.offset
        }
        self.configuration = configuration
        self.plan = plan
        self.findings = ordered.map(\.element)
        self.rollups = Rollups(plan: plan)
        self.summary = summary
    }
}

/// The mutable state of one reconciliation.
private struct Engine {
    let configuration: Configuration
    let parser: DeadlineParser
    var aspects: [Aspect] = []
    var problems: [Problem] = []
    var issues: [Issue] = []
    var measures: [Measure] = []
    var taskColumns: [Column] = []
    var findings: [Finding] = []
    var aspectByKey: [String: Int] = [:]
    var problemByKey: [String: Int] = [:]
    var issueByKey: [String: Int] = [:]
    /// The column headers where each level was read, per file, for findings about definitions.
    var levelHeaders: [String: [Field: String]] = [:]
    /// The task table's file and sheet, for roster findings.
    var tasksTable: (file: String, sheet: String?)?

    typealias Configuration = Reconciliation.Configuration

    init(configuration: Configuration) {
        self.configuration = configuration
        parser = DeadlineParser(
            year: configuration.effectiveYear, feedbackDate: configuration.feedbackDate,
            immediateDate: configuration.immediateDate)
    }

    var plan: RectificationPlan {
        RectificationPlan(aspects: aspects, problems: problems, issues: issues, measures: measures, taskColumns: taskColumns)
    }

    func say(_ chinese: String, _ english: String) -> String { configuration.language.pick(chinese, english) }

    mutating func add(
        _ code: Finding.Code, _ severity: Finding.Severity, _ table: Table, line: Int?, column: String?,
        _ message: String, issue: Int? = nil
    ) {
        findings.append(Finding(
            code: code, severity: severity, file: table.file, sheet: table.sheet, line: line, column: column,
            message: message, issueIndex: issue))
    }

    // MARK: Definitions

    mutating func aspect(_ text: String, table: Table, line: Int) -> Int? {
        guard !text.isEmpty else { return nil }
        let key = TextNormalization.textKey(text)
        if let known = aspectByKey[key] { return known }
        aspects.append(Aspect(text: text, file: table.file, line: line))
        aspectByKey[key] = aspects.count - 1
        return aspects.count - 1
    }

    mutating func problem(_ text: String, aspect: Int?, table: Table, line: Int) -> Int? {
        guard !text.isEmpty else { return nil }
        let key = "\(aspect ?? -1)|\(TextNormalization.textKey(text))"
        if let known = problemByKey[key] { return known }
        problems.append(Problem(text: text, aspectIndex: aspect, file: table.file, line: line))
        problemByKey[key] = problems.count - 1
        return problems.count - 1
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
        levelHeaders[table.file] = [
            .aspect: layout.header(of: .aspect), .problem: layout.header(of: .problem), .id: layout.header(of: .id),
        ].compactMapValues { $0 }
        var firstLine: [String: Int] = [:]
        for row in layout.rows {
            let aspectIndex = aspect(layout.text(.aspect, in: row), table: table, line: row.line)
            let problemIndex = problem(layout.text(.problem, in: row), aspect: aspectIndex, table: table, line: row.line)
            guard var identity = Engine.issueIdentity(id: layout.text(.id, in: row), text: layout.text(.issueText, in: row))
            else { continue }  // a heading row naming only an aspect or a problem
            if identity.id.isEmpty {
                identity.id = String(issues.count + 1)
                identity.key = identity.id
            }
            if let first = firstLine[identity.key] {
                add(.duplicateIssueID, .error, table, line: row.line, column: layout.header(of: .id) ?? layout.header(of: .issueText),
                    say("问题编号“\(identity.id)”重复（第 \(first) 行已有）；每个具体问题须有唯一编号",
                        "issue ID “\(identity.id)” is used twice (first on line \(first)); give each issue its own ID"))
                continue
            }
            firstLine[identity.key] = row.line
            issueByKey[identity.key] = issues.count
            issues.append(Issue(
                id: identity.id, key: identity.key, text: identity.text, problemIndex: problemIndex,
                aspectIndex: aspectIndex, file: table.file, line: row.line))
        }
    }

    // MARK: Measures

    mutating func readTasks(_ table: Table, derivingDefinitions: Bool) throws {
        let layout = try TableLayout(
            table: table, kind: .tasks, overrides: configuration.overrides,
            fillLevels: [[.aspect], [.problem], [.issue, .issueText]])
        taskColumns = layout.columns
        tasksTable = (table.file, table.sheet)
        if derivingDefinitions {
            levelHeaders[table.file] = [
                .aspect: layout.header(of: .aspect), .problem: layout.header(of: .problem),
                .id: layout.header(of: .issue) ?? layout.header(of: .issueText),
            ].compactMapValues { $0 }
        }
        let required: [(Field, String)] = [
            (.measure, "整改措施"), (.leader, "责任领导"), (.unit, "责任单位"), (.owner, "责任人"), (.deadline, "完成时限"),
        ]
        for (field, name) in required where layout.fieldIndex[field] == nil {
            add(.missingColumn, .error, table, line: layout.headerLine, column: nil,
                say("任务表缺少“\(name)”列；添加该列或用 HEADER=\(field.rawValue) 指定",
                    "the task table has no \(name) (\(field.rawValue)) column; add it or map one with HEADER=\(field.rawValue)"))
        }
        let hasReference = layout.fieldIndex[.issue] != nil || layout.fieldIndex[.issueText] != nil
        if !hasReference {
            add(.missingColumn, .error, table, line: layout.headerLine, column: nil,
                say("任务表缺少“问题编号”列，措施无法对应到问题；添加该列或用 HEADER=issue 指定",
                    "the task table has no issue reference (问题编号) column; add it or map one with HEADER=issue"))
        }
        var measureLines: [String: Int] = [:]
        var measureTexts: [String: Int] = [:]
        let asOf = configuration.asOf.dateOnly
        for row in layout.rows {
            let measureText = layout.text(.measure, in: row)
            let owned: [Field] = [.measure, .leader, .unit, .owner, .deadline, .status]
            let isHeading = owned.allSatisfy { layout.text($0, in: row).isEmpty }
            // Definitions named by the row (always read, so that heading rows extend the outline).
            var aspectIndex: Int?
            var problemIndex: Int?
            if derivingDefinitions {
                aspectIndex = aspect(layout.text(.aspect, in: row), table: table, line: row.line)
                problemIndex = problem(layout.text(.problem, in: row), aspect: aspectIndex, table: table, line: row.line)
            }
            let reference = layout.text(.issue, in: row)
            let issueText = layout.text(.issueText, in: row)
            if isHeading {
                if derivingDefinitions, let identity = Engine.issueIdentity(id: reference, text: issueText) {
                    _ = deriveIssue(identity, aspect: aspectIndex, problem: problemIndex, table: table, line: row.line)
                }
                continue
            }
            // Which issue the measure belongs to.
            var issueIndex: Int?
            let referenceColumn = reference.isEmpty ? layout.header(of: .issueText) : layout.header(of: .issue)
            if let identity = Engine.issueIdentity(id: reference, text: issueText) {
                if derivingDefinitions {
                    issueIndex = deriveIssue(identity, aspect: aspectIndex, problem: problemIndex, table: table, line: row.line)
                } else {
                    issueIndex = issueByKey[identity.key] ?? (reference.isEmpty ? definedIssue(matchingText: identity.text) : nil)
                    if issueIndex == nil {
                        let shown = reference.isEmpty ? issueText : reference
                        add(.unknownIssueReference, .error, table, line: row.line, column: referenceColumn,
                            say("措施引用的问题“\(shown)”在问题清单中不存在；核对问题编号",
                                "the measure refers to issue “\(shown)”, which the issue definitions do not have; check the ID"))
                    }
                }
            } else if hasReference {
                add(.missingIssueReference, .error, table, line: row.line, column: layout.header(of: .issue) ?? referenceColumn,
                    say("措施未填写对应的问题编号", "the measure names no issue; fill in its issue ID"))
            }
            // The measure's own cells.
            let ordinal = measures.count + 1
            let idText = layout.text(.id, in: row)
            if !idText.isEmpty {
                let key = TextNormalization.idKey(idText)
                if let first = measureLines[key] {
                    add(.duplicateMeasureID, .error, table, line: row.line, column: layout.header(of: .id),
                        say("措施编号“\(idText)”重复（第 \(first) 行已有）", "measure ID “\(idText)” is used twice (first on line \(first))"),
                        issue: issueIndex)
                } else {
                    measureLines[key] = row.line
                }
            }
            if measureText.isEmpty, layout.fieldIndex[.measure] != nil {
                add(.missingMeasure, .error, table, line: row.line, column: layout.header(of: .measure),
                    say("整改措施为空", "the measure text is empty"), issue: issueIndex)
            } else if !measureText.isEmpty {
                let key = "\(issueIndex.map(String.init) ?? "?")|\(TextNormalization.textKey(measureText))"
                if let first = measureTexts[key] {
                    add(.duplicateMeasure, .warning, table, line: row.line, column: layout.header(of: .measure),
                        say("同一问题下的措施与第 \(first) 行重复", "the same measure as on line \(first) under the same issue"),
                        issue: issueIndex)
                } else {
                    measureTexts[key] = row.line
                }
            }
            let leaders = TextNormalization.names(in: layout.text(.leader, in: row))
            let units = TextNormalization.names(in: layout.text(.unit, in: row))
            let owners = TextNormalization.names(in: layout.text(.owner, in: row))
            let missing: [(Field, [String], Finding.Code, String, String)] = [
                (.leader, leaders, .missingLeader, "未填写责任领导", "no responsible leader (责任领导)"),
                (.unit, units, .missingUnit, "未填写责任单位", "no responsible unit (责任单位)"),
                (.owner, owners, .missingOwner, "未填写责任人", "no responsible person (责任人)"),
            ]
            for (field, names, code, chinese, english) in missing where names.isEmpty && layout.fieldIndex[field] != nil {
                add(code, .error, table, line: row.line, column: layout.header(of: field), say(chinese, english), issue: issueIndex)
            }
            // Deadline, status, closure, timing.
            let deadline = parser.parse(layout.value(.deadline, in: row))
            if layout.fieldIndex[.deadline] != nil, let fault = deadline.fault {
                let column = layout.header(of: .deadline)
                let text = deadline.text
                switch fault {
                case .missing:
                    add(.missingDeadline, .error, table, line: row.line, column: column,
                        say("未填写完成时限", "no deadline (完成时限)"), issue: issueIndex)
                case .unparseable:
                    add(.unparseableDeadline, .error, table, line: row.line, column: column,
                        say("无法识别的完成时限“\(text)”；写成如 2025年3月31日、3月底前、立行立改、长期坚持",
                            "deadline “\(text)” is not understood; write e.g. 2025年3月31日, 3月底前, 立行立改, 长期坚持"),
                        issue: issueIndex)
                case .impossible:
                    add(.impossibleDeadline, .error, table, line: row.line, column: column,
                        say("完成时限“\(text)”不是有效日期", "deadline “\(text)” is not a real date"), issue: issueIndex)
                case .needsFeedbackDate:
                    add(.deadlineNeedsFeedbackDate, .error, table, line: row.line, column: column,
                        say("完成时限“\(text)”按反馈日期计算，但未提供反馈日期（--feedback-date）",
                            "deadline “\(text)” counts from the feedback date, which was not given (--feedback-date)"),
                        issue: issueIndex)
                }
            }
            let status = Status(parsing: layout.value(.status, in: row))
            if status.progress == .unrecognized {
                add(.unknownStatus, .warning, table, line: row.line, column: layout.header(of: .status),
                    say("无法识别的完成情况“\(status.text)”；按未完成计", "status “\(status.text)” is not understood; counted as not done"),
                    issue: issueIndex)
            }
            let closureText = layout.text(.closure, in: row)
            let closure = Closure(parsing: closureText)
            if !closureText.isEmpty, closure == nil {
                add(.unknownClosure, .warning, table, line: row.line, column: layout.header(of: .closure),
                    say("无法识别的销号状态“\(closureText)”；应为未销号、申请销号或已销号",
                        "closure “\(closureText)” is not understood; use 未销号, 申请销号 or 已销号"), issue: issueIndex)
            }
            if closure == .closed, !status.progress.isDone {
                add(.closedButNotDone, .warning, table, line: row.line, column: layout.header(of: .closure),
                    say("措施已销号，但完成情况为“\(status.text)”", "the measure is signed off (已销号) but its status is “\(status.text)”"),
                    issue: issueIndex)
            }
            var measure = Measure(
                id: idText.isEmpty ? String(ordinal) : idText, line: row.line, issueReference: reference.isEmpty ? issueText : reference,
                issueIndex: issueIndex, text: measureText, leaders: leaders, units: units, owners: owners,
                deadline: deadline, status: status, closure: closure, isOverdue: false, daysLate: nil, isDueSoon: false,
                daysLeft: nil,
                cells: layout.columns.map { column in
                    MeasureCell(header: column.header, field: column.field, text: row[column.index].text,
                                value: row[column.index])
                })
            Engine.time(&measure, asOf: asOf, dueSoonDays: configuration.dueSoonDays)
            if measure.isOverdue, let due = deadline.due, let late = measure.daysLate {
                add(.overdue, .warning, table, line: row.line, column: layout.header(of: .deadline),
                    say("已逾期 \(late) 天（时限 \(due.isoDate)，完成情况“\(status.text)”）",
                        "overdue by \(late) days (due \(due.isoDate), status “\(status.text)”)"), issue: issueIndex)
            } else if measure.isDueSoon, let due = deadline.due, let left = measure.daysLeft {
                add(.dueSoon, .warning, table, line: row.line, column: layout.header(of: .deadline),
                    say("\(left) 天内到期（时限 \(due.isoDate)）", "due in \(left) days (\(due.isoDate))"), issue: issueIndex)
            }
            measures.append(measure)
        }
    }

    /// Overdue and due-soon: only for a measure not done with a due date; a long-term measure (长期坚持, also a
    /// compound such as 立行立改并长期坚持) is late only while it has not even started.
    static func time(_ measure: inout Measure, asOf: LocalDateTime, dueSoonDays: Int) {
        let progress = measure.status.progress
        guard let due = measure.deadline.due, !progress.isDone,
              !measure.deadline.isLongTerm || progress == .notStarted
        else { return }
        let days = asOf.days(to: due)
        if days < 0 {
            measure.isOverdue = true
            measure.daysLate = -days
        } else {
            measure.daysLeft = days
            measure.isDueSoon = days <= dueSoonDays
        }
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
        if let known = issueByKey[identity.key] { return known }
        let id = identity.id.isEmpty ? String(issues.count + 1) : identity.id
        issues.append(Issue(
            id: id, key: identity.key, text: identity.text, problemIndex: problem, aspectIndex: aspect,
            file: table.file, line: line))
        issueByKey[identity.key] = issues.count - 1
        return issues.count - 1
    }

    // MARK: Checks

    mutating func checkCoverage() {
        var covered = Set<Int>()
        for measure in measures { if let issue = measure.issueIndex { covered.insert(issue) } }
        for (index, issue) in issues.enumerated() where !covered.contains(index) {
            findings.append(Finding(
                code: .issueWithoutMeasures, severity: .error, file: issue.file, line: issue.line,
                column: levelHeaders[issue.file]?[.id],
                message: say("问题“\(issue.id)”没有任何整改措施", "issue “\(issue.id)” has no measure"), issueIndex: index))
        }
    }

    mutating func checkNumbering() {
        let aspectNumbers = aspects.map(\.numbered.number)
        for (position, expected) in Engine.numberingFaults(aspectNumbers, groups: aspects.map { _ in 0 }) {
            let aspect = aspects[position]
            report(numbering: aspect.numbered, expected: expected, level: say("方面", "aspect"), text: aspect.text,
                   file: aspect.file, line: aspect.line, column: levelHeaders[aspect.file]?[.aspect])
        }
        let problemNumbers = problems.map(\.numbered.number)
        let global = Engine.numberingFaults(problemNumbers, groups: problems.map { _ in 0 })
        let perAspect = Engine.numberingFaults(problemNumbers, groups: problems.map { $0.aspectIndex ?? -1 })
        for (position, expected) in perAspect.count < global.count ? perAspect : global {
            let problem = problems[position]
            report(numbering: problem.numbered, expected: expected, level: say("问题", "problem"), text: problem.text,
                   file: problem.file, line: problem.line, column: levelHeaders[problem.file]?[.problem])
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
        numbering: NumberedTitle, expected: Int, level: String, text: String, file: String, line: Int, column: String?
    ) {
        if let number = numbering.number {
            findings.append(Finding(
                code: .numberingOutOfSequence, severity: .warning, file: file, line: line, column: column,
                message: say("\(level)“\(text)”的序号为 \(number)，按顺序应为 \(expected)",
                             "\(level) “\(text)” is numbered \(number), expected \(expected) by its position")))
        } else {
            findings.append(Finding(
                code: .missingNumber, severity: .warning, file: file, line: line, column: column,
                message: say("\(level)“\(text)”未标序号（同级均有序号，按顺序应为 \(expected)）",
                             "\(level) “\(text)” has no number while its siblings have one (expected \(expected))")))
        }
    }

    mutating func checkExpectations(_ summary: Summary, issuesFile: String, tasksFile: String) {
        for expectation in configuration.expectations {
            let actual: Int
            let name: (String, String)
            switch expectation.subject {
            case .aspects: (actual, name) = (summary.aspects, ("方面", "aspects"))
            case .problems: (actual, name) = (summary.problems, ("问题", "problems"))
            case .issues: (actual, name) = (summary.issues, ("具体问题", "issues"))
            case .measures: (actual, name) = (summary.measures, ("措施", "measures"))
            }
            guard actual != expectation.count else { continue }
            findings.append(Finding(
                code: .countMismatch, severity: .error, file: expectation.subject == .measures ? tasksFile : issuesFile,
                message: say("声称\(name.0) \(expectation.count) 个，表中实有 \(actual) 个",
                             "\(expectation.count) \(name.1) claimed, the tables have \(actual)")))
        }
    }

    mutating func checkRoster(_ table: Table) throws {
        let layout = try TableLayout(table: table, kind: .roster, overrides: configuration.overrides, fillLevels: [])
        guard layout.fieldIndex[.name] != nil else {
            throw RectificationError(
                .missingColumn, location: table.location(line: layout.headerLine),
                message: "the roster has no name column (姓名, name); name it or map it with HEADER=name")
        }
        var people: [String: [(unit: String, role: String)]] = [:]
        for row in layout.rows {
            let name = TextNormalization.textKey(layout.text(.name, in: row))
            guard !name.isEmpty else { continue }
            people[name, default: []].append((
                TextNormalization.textKey(layout.text(.unit, in: row)), layout.text(.role, in: row).lowercased()))
        }
        var taskColumns: [Field: String] = [:]
        for column in self.taskColumns { if let field = column.field, taskColumns[field] == nil { taskColumns[field] = column.header } }
        for measure in measures {
            let units = measure.units.map(TextNormalization.textKey)
            for owner in measure.owners {
                guard let entries = people[TextNormalization.textKey(owner)] else {
                    rosterFinding(.personNotOnRoster, measure, column: taskColumns[.owner],
                                  say("责任人“\(owner)”不在花名册中", "responsible person “\(owner)” is not on the roster"))
                    continue
                }
                let listedUnits = entries.map(\.unit).filter { !$0.isEmpty }
                let matches = listedUnits.contains { listed in units.contains { $0.contains(listed) || listed.contains($0) } }
                if !units.isEmpty, !listedUnits.isEmpty, !matches {
                    rosterFinding(.personInOtherUnit, measure, column: taskColumns[.owner],
                                  say("责任人“\(owner)”在花名册中属于其他单位，而非“\(measure.units.joined(separator: "、"))”",
                                      "responsible person “\(owner)” is on the roster under another unit than “\(measure.units.joined(separator: ", "))”"))
                }
            }
            for leader in measure.leaders {
                guard let entries = people[TextNormalization.textKey(leader)] else {
                    rosterFinding(.personNotOnRoster, measure, column: taskColumns[.leader],
                                  say("责任领导“\(leader)”不在花名册中", "responsible leader “\(leader)” is not on the roster"))
                    continue
                }
                let leads = entries.contains { entry in Reconciliation.leaderRoleWords.contains { entry.role.contains($0) } }
                if !leads {
                    rosterFinding(.leaderNotLeader, measure, column: taskColumns[.leader],
                                  say("责任领导“\(leader)”在花名册中不是领导职务", "responsible leader “\(leader)” has no leading role on the roster"))
                }
            }
        }
    }

    mutating func rosterFinding(_ code: Finding.Code, _ measure: Measure, column: String?, _ message: String) {
        findings.append(Finding(
            code: code, severity: .warning, file: tasksTable?.file ?? "", sheet: tasksTable?.sheet, line: measure.line,
            column: column, message: message, issueIndex: measure.issueIndex))
    }
}
