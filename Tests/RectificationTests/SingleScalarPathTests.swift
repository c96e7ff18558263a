import Rectification
import TabularCore
import Testing

/// Titles, headers and rollups read through the paths that work on scalars and bytes (texts whose characters are
/// single scalars) and through the general one (combining marks, CR LF): the expectations are worked out by hand
/// from the documented rules.
@Suite("Scalar and byte paths: numbered titles, header words, tallies by name")
struct SingleScalarPathTests {
    @Test("printed numbers, brackets and trimming", arguments: [
        ("【3】整改台账", 3, "【3】", "整改台账"),
        ("[12]制度建设", 12, "[12]", "制度建设"),
        ("(1]括号不配对", 1, "(1]", "括号不配对"),
        ("1)右括号", 1, "1)", "右括号"),
        ("2、  前后空格  ", 2, "2、", "前后空格"),
        ("(2)\u{3000}全角空格", 2, "(2)", "全角空格"),
        ("3.\t制表符", 3, "3.", "制表符"),
        ("三、中文数字", 3, "三、", "中文数字"),
        ("1.e\u{301}tude", 1, "1.", "\u{E9}tude"),
    ])
    func numbered(_ text: String, _ number: Int, _ label: String, _ title: String) {
        let parsed = NumberedTitle(parsing: text)
        #expect(parsed.number == number)
        #expect(parsed.label == label)
        #expect(parsed.title == title)
    }

    @Test("a bracket or dot carrying a combining mark is another character: no number", arguments: [
        "(1)\u{301}标题", "1.\u{301}标题", "(1\u{301})标题",
    ])
    func combiningMarks(_ text: String) {
        let parsed = NumberedTitle(parsing: text)
        #expect(parsed.number == nil)
        #expect(parsed.title == text)
    }

    @Test("a title after a line break keeps it (only spaces and tabs are trimmed)")
    func lineBreakInTitle() {
        let parsed = NumberedTitle(parsing: "1.\r\n标题")
        #expect(parsed.number == 1)
        #expect(parsed.title == "\r\n标题")
    }

    @Test("header words by meaning", arguments: [
        ("整改责任单位", Field?.some(.unit)),
        ("责任单位（牵头）", .unit),
        ("完成时限)", .deadline),
        ("《整改》措施", .measure),
        ("包联领导", .leader),
        ("责任人/部门", .unit),
        ("责任单\u{301}位", nil),
        ("召开党组扩大会议专题学习，明确领学人，结合工作实际研讨发言", nil),
        ("2025年6月底前", nil),
    ])
    func headerWords(_ header: String, _ field: Field?) {
        #expect(Field.recognizing(header: header, in: .tasks) == field)
    }

    @Test("header keys drop whitespace, *, _, - and trailing colons", arguments: [
        ("责 任-单_位*：", "责任单位"),
        ("Due Date", "duedate"),
        ("完成时限", "完成时限"),
        ("整改\u{3000}措施::", "整改措施"),
    ])
    func headerKeys(_ header: String, _ key: String) {
        #expect(TextNormalization.headerKey(header) == key)
    }

    /// Five measures of three issues; units and people listed alike on several rows.
    static let tasks = """
        问题编号,整改措施,责任领导,责任单位,责任人,完成时限,完成情况
        1,措施甲,王某,办公室、财务室,张三,2025年12月31日,已完成
        1,措施乙,王某,办公室、财务室,张三,2025年12月31日,整改中
        2,措施丙,李某,财务室,李四,2025年12月31日,未开始
        1,措施丁,王某,办公室,张三,2025年12月31日,整改中
        3,措施戊,李某,财务室,李四,2025年12月31日,已完成
        """
    static let issues = "问题编号,具体问题\n1,问题一\n2,问题二\n3,问题三\n"

    static func reconcile() throws -> Reconciliation {
        try Reconciliation(
            issues: csvTable(issues, file: "issues.csv"), tasks: csvTable(tasks),
            configuration: .init(asOf: LocalDateTime(year: 2025, month: 6, day: 30)!))
    }

    @Test("tallies by unit, leader and person count measures and distinct issues")
    func talliesByName() throws {
        let rollups = try SingleScalarPathTests.reconcile().rollups
        #expect(rollups.units.map(\.name) == ["办公室", "财务室"])
        let office = rollups.units[0].tally, finance = rollups.units[1].tally
        #expect([office.measures, office.done, office.inProgress, office.notStarted] == [3, 1, 2, 0])
        #expect([office.issues, office.rectifiedIssues] == [1, 0])
        #expect([finance.measures, finance.done, finance.inProgress, finance.notStarted] == [4, 2, 1, 1])
        #expect([finance.issues, finance.rectifiedIssues] == [3, 1])
        #expect(rollups.people.map(\.name) == ["张三", "李四"])
        #expect([rollups.people[1].tally.measures, rollups.people[1].tally.issues, rollups.people[1].tally.rectifiedIssues]
            == [2, 2, 1])
        #expect(rollups.leaders.map(\.name) == ["王某", "李某"])
        #expect([rollups.leaders[0].tally.measures, rollups.leaders[0].tally.issues] == [3, 1])
    }

    /// 5,000 measures of 500 issues (ten rows each), enough rows for several blocks of row texts, the task table laid
    /// out beside the definitions and the tallies by name split between threads. Row r (from 0): issue r/10 + 1, leader
    /// r mod 2, unit r mod 3, person r mod 4 of the lists below, done when r mod 10 = 0, else under way.
    @Test("a table of several blocks: counts by arithmetic")
    func manyBlocks() throws {
        let leaders = ["王某", "李某"], units = ["办公室", "财务室", "综合股"], people = ["张三", "李四", "赵五", "孙六"]
        var tasks = "问题编号,整改措施,责任领导,责任单位,责任人,完成时限,完成情况\n"
        for row in 0..<5000 {
            tasks += "\(row / 10 + 1),措施\(row),\(leaders[row % 2]),\(units[row % 3]),\(people[row % 4]),2025年12月31日,"
                + (row % 10 == 0 ? "已完成\n" : "整改中\n")
        }
        let issues = "问题编号,具体问题\n" + (1...500).map { "\($0),问题\($0)\n" }.joined()
        let result = try Reconciliation(
            issues: csvTable(issues, file: "issues.csv"), tasks: csvTable(tasks),
            configuration: .init(asOf: LocalDateTime(year: 2025, month: 6, day: 30)!))
        #expect(result.findings.isEmpty)
        #expect([result.summary.measures, result.summary.done, result.summary.inProgress, result.summary.overdue]
            == [5000, 500, 4500, 0])
        #expect([result.summary.issues, result.summary.rectifiedIssues] == [500, 0])
        // Unit k has the rows r = k mod 3: 1,667, 1,667 and 1,666; done where r mod 30 = 0, 10, 20 (167, 167, 166).
        #expect(result.rollups.units.map(\.name) == units)
        #expect(result.rollups.units.map(\.tally.measures) == [1667, 1667, 1666])
        #expect(result.rollups.units.map(\.tally.done) == [167, 167, 166])
        #expect(result.rollups.units.map(\.tally.issues) == [500, 500, 500])
        // Person k has r = k mod 4 (1,250 each); done where r mod 20 = 0 (张三) or 10 (赵五): 250 each.
        #expect(result.rollups.people.map(\.name) == people)
        #expect(result.rollups.people.map(\.tally.measures) == [1250, 1250, 1250, 1250])
        #expect(result.rollups.people.map(\.tally.done) == [250, 0, 250, 0])
        #expect(result.rollups.leaders.map(\.tally.done) == [500, 0])
        #expect(result.plan.measures.map(\.line) == Array(2...5001))
    }

    @Test("issues a plan does not define still count as distinct issues, never as rectified")
    func undefinedIssues() throws {
        let plan = try SingleScalarPathTests.reconcile().plan
        let partial = RectificationPlan(
            aspects: plan.aspects, problems: plan.problems, issues: plan.issues.filter { $0.key == "1" },
            measures: plan.measures, taskColumns: plan.taskColumns)
        let finance = Rollups(plan: partial).units[1].tally
        #expect([finance.measures, finance.issues, finance.rectifiedIssues] == [4, 3, 0])
    }
}
