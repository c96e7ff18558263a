import Rectification
import TabularCore
import Testing

/// Tables whose outline a clerk reads from the layout rather than from named columns: a column that groups the
/// rows (县(区), 整改方式) is the aspect, and a list that names neither issues nor measures is a list of rows.
@Suite("Outlines read from the layout: grouping columns and rows as items")
struct GroupingTests {
    /// A 督办 list in the shape of the 巴中 notice: the county written on the first row of its run, the same item
    /// names under several counties.
    static let countyRows: [[String]] = [
        ["序号", "县(区)", "民生实事项目", "进展情况"],
        ["1", "甲区", "乡镇污水处理站建设", "推进缓慢"],
        ["2", "", "乡镇加油站建设", "推进缓慢"],
        ["3", "乙县", "乡镇污水处理站建设", "推进缓慢"],
        ["4", "丙县", "城区停车泊位建设", "推进缓慢"],
        ["5", "", "乡镇污水处理站建设", "推进缓慢"],
    ]

    @Test("a column that groups the rows is the aspect when the table has none; same names under two groups are two issues")
    func countyGroups() throws {
        let result = try Reconciliation(issues: nil, tasks: table(Self.countyRows), configuration: .init(asOf: seedAsOf))
        #expect(result.plan.aspects.map(\.text) == ["甲区", "乙县", "丙县"])
        #expect(result.summary.issues == 5, "乡镇污水处理站建设 is three issues, one per county")
        #expect(result.summary.measures == 5)
        let aspectOfIssue = result.plan.issues.map { issue in issue.aspect.flatMap { result.plan.aspect($0)?.text } }
        #expect(aspectOfIssue == ["甲区", "甲区", "乙县", "丙县", "丙县"], "the blank cells under a county are filled down")
        // The county is also who answers for its rows: no missing unit column, and each measure names its county.
        #expect(!result.findings.contains { $0.detail == .missingColumn(field: .unit) })
        #expect(result.plan.measures.map(\.units) == [["甲区"], ["甲区"], ["乙县"], ["丙县"], ["丙县"]])
        #expect(!result.codes.contains("unrecognized-column"), "the grouping column is read, not left aside")
        let note = result.findings.first { $0.code.rawValue == "grouping-column" }
        #expect(note?.detail == .groupingColumn(header: "县(区)", groups: 3), "and the reading is said, not silent")
        #expect(note?.severity == .info && note?.line == 1 && note?.column == "县(区)")
    }

    @Test("the same grouping written out on every row (a merged cell as read) groups as well")
    func repeatedValues() throws {
        var rows = Self.countyRows
        rows[2][1] = "甲区"
        rows[5][1] = "丙县"
        let result = try Reconciliation(issues: nil, tasks: table(rows), configuration: .init(asOf: seedAsOf))
        #expect(result.summary.aspects == 3)
        #expect(result.summary.issues == 5)
    }

    @Test("columns that do not group rows stay as they are", arguments: [
        // A date heard, in runs: a date is not a category (審議日期 in the Control Yuan list).
        ("审议日期", ["105/10/06", "105/10/06", "112/07/05", "112/07/05", "112/07/05"]),
        // Values that come back after another one: not a grouping.
        ("县(区)", ["甲区", "乙县", "甲区", "乙县", "甲区"]),
        // Every row its own value: nothing is grouped.
        ("县(区)", ["甲区", "乙县", "丙县", "丁县", "戊县"]),
        // A sentence, not a name.
        ("类别", ["贯彻落实党中央决策部署和上级工作要求不到位的问题", "", "", "", ""]),
    ])
    func notGroupings(_ header: String, _ values: [String]) throws {
        var rows = Self.countyRows
        rows[0][1] = header
        for (index, value) in values.enumerated() { rows[index + 1][1] = value }
        // 类别 is an aspect by name; the other headers are not, so only a grouping could make them one.
        let result = try Reconciliation(issues: nil, tasks: table(rows), configuration: .init(asOf: seedAsOf))
        #expect(!result.codes.contains("grouping-column"))
        if header == "类别" {
            #expect(result.summary.aspects == 1)
        } else {
            #expect(result.summary.aspects == 0)
            #expect(result.summary.issues == 3, "same-named items merge when nothing groups them")
        }
    }

    @Test("a grouping column right of the items it would group is not their category")
    func rightOfItems() throws {
        let rows = Self.countyRows.map { [$0[0], $0[2], $0[3], $0[1]] }
        let result = try Reconciliation(issues: nil, tasks: table(rows), configuration: .init(asOf: seedAsOf))
        #expect(result.summary.aspects == 0)
    }

    @Test("with issue definitions given, the task table's columns do not make an outline")
    func definitionsGiven() throws {
        let issues = table([["序号", "具体问题"], ["1", "乡镇污水处理站建设"], ["2", "乡镇加油站建设"]], file: "issues.csv")
        let tasks = table([
            ["序号", "县(区)", "问题编号", "整改措施", "责任单位", "完成时限", "进展情况"],
            ["1", "甲区", "1", "建站", "甲区住建局", "2025年12月31日", "推进缓慢"],
            ["2", "", "2", "建站", "甲区商务局", "2025年12月31日", "推进缓慢"],
            ["3", "乙县", "1", "建站", "乙县住建局", "2025年12月31日", "推进缓慢"],
        ])
        let result = try Reconciliation(issues: issues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.summary.aspects == 0)
        #expect(result.summary.issues == 2)
    }

    /// An audit office's list in the shape of the 慈溪 report: no issue and no measure column.
    static let auditRows: [[String]] = [
        ["序号", "整改方式", "整改责任单位", "整改情况"],
        ["1", "边审边改", "甲镇", "在审计期间,清理往来款项15笔"],
        ["2", "", "乙镇、市文广局", "出台了议事决策制度"],
        ["3", "开展专项整治", "市水务集团", "开展专项自查,督促下属单位即查即改"],
        ["4", "建立长效机制抓整改", "丙镇", "对21个问题进行持续整改,已清理用地款1.05亿元"],
    ]

    @Test("a list naming neither issues nor measures is a list of rows: each row its own issue and measure")
    func rowsAreItems() throws {
        let result = try Reconciliation(issues: nil, tasks: table(Self.auditRows), configuration: .init(asOf: seedAsOf))
        #expect(result.summary.issues == 4)
        #expect(result.summary.measures == 4)
        #expect(result.plan.issues.map(\.id) == ["1", "2", "3", "4"], "known by their 序号")
        #expect(result.plan.measures.map { $0.issue?.rawValue } == ["1", "2", "3", "4"])
        #expect(result.plan.aspects.map(\.text) == ["边审边改", "开展专项整治", "建立长效机制抓整改"], "整改方式 groups the rows")
        #expect(result.findings.contains { $0.detail == .groupingColumn(header: "整改方式", groups: 3) })
        #expect(result.plan.measures.map(\.units) == [["甲镇"], ["乙镇", "市文广局"], ["市水务集团"], ["丙镇"]],
                "整改方式 is not a unit: the table names its units")
        #expect(result.findings.contains { $0.detail == .itemsAreMeasures(header: "序号") && $0.severity == .info })
        #expect(!result.findings.contains { $0.detail == .missingColumn(field: .measure) }, "no measure column is missing")
        #expect(!result.findings.contains { $0.detail == .missingColumn(field: .issue) })
        #expect(result.summary.done == 2 && result.summary.inProgress == 1 && result.summary.unrecognized == 1)
    }

    @Test("without a 序号 column the rows are known by their ordinal")
    func rowsWithoutIDs() throws {
        let rows = Self.auditRows.map { Array($0.dropFirst()) }
        let result = try Reconciliation(issues: nil, tasks: table(rows), configuration: .init(asOf: seedAsOf))
        #expect(result.plan.issues.map(\.id) == ["1", "2", "3", "4"])
        #expect(result.findings.contains { $0.detail == .itemsAreMeasures(header: "整改情况") })
    }
}
