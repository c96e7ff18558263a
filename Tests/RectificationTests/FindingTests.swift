import Rectification
import TabularCore
import Testing

/// A broken input and the one finding it must produce.
struct FindingCase: Sendable, CustomTestStringConvertible {
    var code: String
    var severity: Finding.Severity
    var file = "tasks.csv"
    var line: Int?
    var column: String?
    var tasks: [[String]]
    var testDescription: String { code }
}

/// The issue rows of `smallIssues` each get a done measure unless the case says otherwise.
let findingCases: [FindingCase] = [
    FindingCase(code: "unknown-issue-reference", severity: .error, line: 6, column: "问题编号",
                tasks: coveringRows + [doneRow("5", issue: "（9）")]),
    FindingCase(code: "missing-issue-reference", severity: .error, line: 2, column: "问题编号",
                tasks: [doneRow("1", issue: "")] + coveringRows.map { row in var row = row; row[0] = "1" + row[0]; return row }),
    FindingCase(code: "issue-without-measures", severity: .error, file: "issues.csv", line: 5, column: "序号",
                tasks: Array(coveringRows.prefix(3))),
    FindingCase(code: "duplicate-measure-id", severity: .error, line: 6, column: "序号",
                tasks: coveringRows + [doneRow("4", issue: "(4)", measure: "另一条措施")]),
    FindingCase(code: "duplicate-measure", severity: .warning, line: 6, column: "整改措施",
                tasks: coveringRows + [doneRow("5", issue: "4", measure: "措施4")]),
    FindingCase(code: "missing-measure", severity: .error, line: 2, column: "整改措施",
                tasks: [["1", "(1)", "", "王某某", "办公室", "张某某", "3月底前", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "missing-leader", severity: .error, line: 2, column: "责任领导",
                tasks: [["1", "(1)", "措施1", "", "办公室", "张某某", "3月底前", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "missing-unit", severity: .error, line: 2, column: "责任单位",
                tasks: [["1", "(1)", "措施1", "王某某", " ", "张某某", "3月底前", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "missing-owner", severity: .error, line: 2, column: "责任人",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "", "3月底前", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "missing-deadline", severity: .error, line: 2, column: "完成时限",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "unparseable-deadline", severity: .error, line: 2, column: "完成时限",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "尽快", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "impossible-deadline", severity: .error, line: 2, column: "完成时限",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "2025年2月30日", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "deadline-needs-feedback-date", severity: .error, line: 2, column: "完成时限",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "反馈后1个月内", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "deadline-needs-phase-dates", severity: .error, line: 2, column: "完成时限",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "短期", "已完成"]] + coveringRows.dropFirst()),
    FindingCase(code: "overdue", severity: .warning, line: 2, column: "完成时限",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "2025年11月30日", "正在推进"]] + coveringRows.dropFirst()),
    FindingCase(code: "due-soon", severity: .warning, line: 2, column: "完成时限",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "12月10日前", "未启动"]] + coveringRows.dropFirst()),
    FindingCase(code: "unknown-status", severity: .warning, line: 2, column: "完成情况",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "长期坚持", "差不多了"]] + coveringRows.dropFirst()),
    FindingCase(code: "extension-requested", severity: .warning, line: 2, column: "完成情况",
                tasks: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "长期坚持", "已申请延期"]] + coveringRows.dropFirst()),
]

@Suite("Reconciliation findings")
struct FindingTests {
    @Test("each broken input gives its one finding, with code, severity, file, line and column", arguments: findingCases)
    func finding(_ example: FindingCase) throws {
        let result = try reconcile(example.tasks)
        #expect(result.codes == [example.code])
        let finding = try #require(result.findings.first)
        #expect(finding.severity == example.severity)
        #expect(finding.file == example.file)
        #expect(finding.line == example.line)
        #expect(finding.column == example.column)
        #expect(finding.subject != nil, "a row's finding names the record it is about")
    }

    @Test("valid tables give no finding")
    func clean() throws {
        let result = try reconcile(coveringRows)
        #expect(result.findings.isEmpty)
        #expect(result.summary.rectifiedIssues == 4)
        #expect(result.summary.rectifiedProblems == 3)
    }

    /// The engine reads an issue's identity once for a run of rows with the same cells; each row still gets its own
    /// finding and its own issue.
    @Test("rows that follow each other with the same issue cells: one finding per row, each row on its issue")
    func runsOfEqualIssueCells() throws {
        let unknown = try reconcile(coveringRows + [doneRow("5", issue: "（9）"), doneRow("6", issue: "（9）"), doneRow("7", issue: "(9)")])
        #expect(unknown.codes == ["unknown-issue-reference", "unknown-issue-reference", "unknown-issue-reference"])
        #expect(unknown.findings.map(\.line) == [6, 7, 8])
        // The same issue written three ways, then another issue, then the first again.
        let known = try reconcile([doneRow("1", issue: "(1)"), doneRow("2", issue: "（1）"), doneRow("3", issue: "1"),
                                   doneRow("4", issue: "(2)"), doneRow("5", issue: "(3)"), doneRow("6", issue: "(4)"),
                                   doneRow("7", issue: "(1)")])
        #expect(known.findings.isEmpty)
        #expect(known.plan.measures.map { $0.issue?.rawValue } == ["1", "1", "1", "2", "3", "4", "1"])
    }

    @Test("a duplicate issue ID in the definitions is an error on its line")
    func duplicateIssueID() throws {
        let issues = table([
            ["序号", "具体问题"], ["(1)", "学习不全面"], ["（1）", "学习流于表面"],
        ], file: "issues.csv")
        let result = try reconcile([doneRow("1", issue: "1")], issues: issues)
        #expect(result.codes == ["duplicate-issue-id"])
        #expect(result.findings[0].line == 3)
        #expect(result.findings[0].column == "序号")
    }

    @Test("a claimed count that differs is an error; a matching one is not")
    func countMismatch() throws {
        let result = try reconcile(coveringRows) {
            $0.expectations = [CountExpectation(.measures, 5), CountExpectation(.issues, 4), CountExpectation(.problems, 2)]
        }
        #expect(result.codes == ["count-mismatch", "count-mismatch"])
        #expect(result.findings.map(\.file) == ["issues.csv", "tasks.csv"])
        #expect(result.findings.allSatisfy { $0.line == nil && $0.severity == .error })
    }

    @Test("signed off (已销号) while not done is a warning; unknown closure wording too")
    func closure() throws {
        let header = taskHeader + ["销号状态"]
        let tasks = table([header,
            ["1", "(1)", "措施1", "王某某", "办公室", "张某某", "长期坚持", "正在推进", "已销号"],
            ["2", "(2)", "措施2", "王某某", "办公室", "张某某", "长期坚持", "已完成", "销了"],
            ["3", "(3)", "措施3", "王某某", "办公室", "张某某", "长期坚持", "已完成", "已销号"],
            ["4", "(4)", "措施4", "王某某", "办公室", "张某某", "长期坚持", "已完成", "未销号"],
        ])
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.codes == ["closed-but-not-done", "unknown-closure"])
        #expect(result.plan.measures.map(\.closure) == [.closed, nil, .closed, .open])
    }

    @Test("missing columns are reported once, at the header")
    func missingColumns() throws {
        let tasks = table([["序号", "问题编号", "整改措施", "完成情况"], ["1", "(1)", "措施", "已完成"]])
        let result = try Reconciliation(issues: nil, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.codes == ["missing-column", "missing-column", "missing-column", "missing-column"])
        #expect(result.findings.allSatisfy { $0.line == 1 })
    }

    @Test("a finding carries its arguments as values, not as text")
    func typedArguments() throws {
        let result = try reconcile(coveringRows + [doneRow("5", issue: "(9)")])
        #expect(result.findings[0].detail == .unknownIssueReference(reference: "(9)"))
        #expect(result.findings[0].subject == .measure("5"))
    }
}

@Suite("Overdue and due soon")
struct TimingTests {
    /// (deadline, status, overdue, days late, due soon)
    @Test("overdue is computed from the deadline, the status and the as-of date 2025-12-04", arguments: [
        ("2025年11月30日", "正在推进", true, 4, false),
        ("2025年12月3日", "未启动", true, 1, false),
        ("2025年11月底前", "未启动", true, 4, false),
        ("12月4日", "正在推进", false, nil, true),  // the deadline day itself is on time
        ("2025年12月11日", "正在推进", false, nil, true),
        ("2025年12月12日", "正在推进", false, nil, false),
        ("2025年11月30日", "已完成", false, nil, false),
        ("2025年11月30日", "已完成并长期坚持", false, nil, false),
        ("长期坚持", "未启动", false, nil, false),
        ("每季度", "正在推进", false, nil, false),
        ("立行立改并长期坚持", "正在推进", false, nil, false),  // long-term: late only while not started
        ("立行立改并长期坚持", "未启动", true, 268, false),  // 立行立改 due on the plan date 2025-03-11
        ("立行立改", "正在推进", true, 268, false),
        ("2025年11月30日", "差不多了", true, 4, false),  // unknown wording counts as not done
    ] as [(String, String, Bool, Int?, Bool)])
    func timing(_ deadline: String, _ status: String, _ overdue: Bool, _ daysLate: Int?, _ dueSoon: Bool) throws {
        let result = try reconcile([["1", "(1)", "措施", "王某某", "办公室", "张某某", deadline, status]] + coveringRows.dropFirst()) {
            $0.planDate = day(2025, 3, 11)
        }
        let measure = result.plan.measures[0]
        #expect(measure.isOverdue == overdue)
        #expect(measure.daysLate == daysLate)
        #expect(measure.isDueSoon == dueSoon)
        #expect(result.summary.overdue == (overdue ? 1 : 0))
        #expect(result.summary.dueSoon == (dueSoon ? 1 : 0))
    }

    @Test("without a plan or feedback date, an immediate measure is a finding, not due on the as-of date")
    func immediateNeedsADate() throws {
        let result = try reconcile([["1", "(1)", "措施", "王某某", "办公室", "张某某", "立行立改", "正在推进"]] + coveringRows.dropFirst())
        #expect(result.plan.measures[0].deadline.due == nil)
        #expect(result.codes == ["deadline-needs-feedback-date"])
        #expect(!result.plan.measures[0].isDueSoon)
        #expect(!result.plan.measures[0].isOverdue)
    }

    @Test("a phase is due on the date given for it")
    func phaseDates() throws {
        let result = try reconcile([["1", "(1)", "措施", "王某某", "办公室", "张某某", "短期", "正在推进"]] + coveringRows.dropFirst()) {
            $0.phaseDates = [.short: day(2025, 11, 30)]
        }
        #expect(result.plan.measures[0].deadline.due == day(2025, 11, 30))
        #expect(result.plan.measures[0].daysLate == 4)
        #expect(result.codes == ["overdue"])
    }

    @Test("the due-soon window is configurable")
    func dueSoonDays() throws {
        let row = ["1", "(1)", "措施", "王某某", "办公室", "张某某", "2025年12月20日", "正在推进"]
        #expect(try !reconcile([row] + coveringRows.dropFirst()).plan.measures[0].isDueSoon)
        #expect(try reconcile([row] + coveringRows.dropFirst()) { $0.dueSoonDays = 30 }.plan.measures[0].isDueSoon)
    }
}
