import Rectification
import TabularCore
import Testing

@Suite("Table layouts: title rows, two-row headers, merged cells, fill-down, mappings")
struct LayoutTests {
    @Test("a title banner above the header is skipped", arguments: [
        // One non-empty cell (a CSV export of a merged banner).
        [["县科协落实巡察反馈问题整改任务分解表"]],
        // The same text in every cell (a banner whose merged area was filled).
        [Array(repeating: "任务分解表", count: 8)],
        // An attachment label and a title: fewer recognized headers than the next row.
        [["附件2", "任务分解表"]],
        // A blank row, then a title.
        [[""], ["任务分解表"]],
    ])
    func titleRows(_ titles: [[String]]) throws {
        let tasks = table(titles + [taskHeader] + coveringRows)
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.findings.isEmpty)
        #expect(result.summary.measures == 4)
        #expect(result.plan.measures[0].line == titles.count + 2)
    }

    @Test("a two-row header reads as its lower row, the upper row where the lower is blank")
    func twoRowHeader() throws {
        let tasks = table([
            ["序号", "问题编号", "整改措施", "责任主体", "", "", "完成时限", "完成情况"],
            ["", "", "", "责任领导", "责任单位", "责任人", "", ""],
        ] + coveringRows)
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.findings.isEmpty)
        #expect(result.plan.taskColumns.map(\.header) == taskHeader)
        #expect(result.plan.measures.map(\.line) == [3, 4, 5, 6])
        #expect(result.plan.measures[0].owners == ["张某某"])
    }

    @Test("a two-row header whose lower row names more fields than the upper one, below a title")
    func twoRowHeaderWithRicherLowerRow() throws {
        let tasks = table([
            ["整改任务分解表"],
            ["问题编号", "整改措施", "责任主体", "", "", "", "完成情况"],
            ["", "", "责任领导", "责任单位", "责任人", "完成时限", ""],
        ] + coveringRows.map { Array($0[1...]) })
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.findings.isEmpty)
        #expect(result.plan.taskColumns.map(\.header) == Array(taskHeader[1...]))
        #expect(result.plan.measures.first?.line == 4)
    }

    @Test("a workbook's merged banner, two-row header and merged issue cells are filled")
    func mergedWorkbook() throws {
        let tasks = mergedTaskBreakdown()
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.findings.isEmpty)
        #expect(result.plan.measures.map(\.issue?.rawValue) == ["1", "1", "2", "3", "4"])
        #expect(result.plan.measures[1][.issue] == "(1)", "the merged cell's value is filled in")
    }

    @Test("blank aspect and problem cells are filled down, and a new aspect starts a new problem")
    func fillDown() throws {
        let issues = table([
            ["序号", "方面", "问题", "具体问题"],
            ["1", "一、甲方面", "1.问题甲", "具体1"],
            ["2", "", "", "具体2"],
            ["3", "", "2.问题乙", "具体3"],
            ["4", "二、乙方面", "", "具体4"],
        ], file: "issues.csv")
        let tasks = table([taskHeader] + (1...4).map { doneRow("\($0)", issue: "\($0)") })
        let result = try Reconciliation(issues: issues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.plan.issues.map(\.problem?.rawValue) == ["1", "1", "2", nil])
        #expect(result.plan.issues.map(\.aspect?.rawValue) == ["1", "1", "1", "2"])
        #expect(result.summary.problems == 2)
    }

    @Test("task tables naming issues by text alone derive the outline; blank merged cells fill down")
    func derivedFromText() throws {
        let tasks = table([
            ["方面", "问题", "具体问题", "整改措施", "责任领导", "责任单位", "责任人", "完成时限", "完成情况"],
            ["(一)学习方面", "1.学习不深入", "学习不全面", "措施1", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
            ["", "", "", "措施2", "王某某", "办公室", "张某某", "长期坚持", "正在推进"],
            ["", "", "学习流于表面", "措施3", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
            ["", "2.服务有差距", "走访不到位", "措施4", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
        ])
        let result = try Reconciliation(issues: nil, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.findings.isEmpty)
        #expect(result.plan.issues.map(\.text) == ["学习不全面", "学习流于表面", "走访不到位"])
        #expect(result.plan.measures.map(\.issue?.rawValue) == ["1", "1", "2", "3"])
        #expect(result.plan.measures.map(\.id) == ["1", "2", "3", "4"], "row order numbers measures without IDs")
        #expect(result.summary.rectifiedIssues == 2)
        #expect(result.summary.rectifiedProblems == 1)
    }

    @Test("a measure may name its issue by text when the task table has no ID column")
    func referenceByText() throws {
        let tasks = table([
            ["具体问题", "整改措施", "责任领导", "责任单位", "责任人", "完成时限", "完成情况"],
            ["(1)学习不全面", "措施1", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
            ["学习流于表面", "措施2", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
            ["走访不到位", "措施3", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
            ["内控制度不健全", "措施4", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
        ])
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.findings.isEmpty)
        #expect(result.plan.measures.map(\.issue?.rawValue) == ["1", "2", "3", "4"])
    }

    @Test("unknown columns pass through with their headers, in column order")
    func passThrough() throws {
        let tasks = table([taskHeader + ["联系电话", "备注"], doneRow("1", issue: "1") + ["38811539", "无"]]
            + coveringRows.dropFirst())
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        let measure = result.plan.measures[0]
        #expect(measure.extras.map(\.header) == ["联系电话"])
        #expect(measure.extras.map(\.text) == ["38811539"])
        #expect(measure[.note] == "无")
    }

    @Test("a field's cell and a pass-through cell read one by one are the ones the whole list has, read from the row or set")
    func cellsOneByOne() throws {
        let tasks = table([taskHeader + ["联系电话", "备注", "车牌号"], doneRow("1", issue: "1") + ["38811539", "无", "川A12345"]]
            + coveringRows.dropFirst())
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        var measure = result.plan.measures[0]
        for _ in 0..<2 {
            #expect(measure.extras.count == 2)
            for offset in 0..<3 {
                #expect(measure.extra(at: offset) == (offset < measure.extras.count ? measure.extras[offset] : nil))
            }
            for field in [Field.note, .measure, .dateDone] {
                #expect(measure.cell(of: field) == measure.cells.first { $0.field == field })
            }
            #expect(measure.cell(of: .note)?.text == "无")
            #expect(measure.cell(of: .dateDone) == nil)
            measure.cells = measure.cells.reversed()  // the same cells, set: read from the list, not the row
        }
    }

    @Test("HEADER=field maps any other header")
    func headerMapping() throws {
        let configuration = Reconciliation.Configuration(
            asOf: seedAsOf, headerMapping: ["负责同志": .owner, " 截止日期 ": try #require(Field(named: "完成时限"))])
        let tasks = table([
            ["序号", "问题编号", "整改措施", "责任领导", "责任单位", "负责同志", "截止日期", "完成情况"],
        ] + coveringRows)
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: configuration)
        #expect(result.findings.isEmpty)
        #expect(result.plan.measures[0].owners == ["张某某"])
    }

    @Test("a table without a recognizable header cannot be read")
    func noHeader() {
        let tasks = table([["甲", "乙"], ["1", "2"]])
        #expect {
            try Reconciliation(issues: nil, tasks: tasks, configuration: .init(asOf: seedAsOf))
        } throws: { error in
            (error as? RectificationError)?.code == .noHeader
        }
    }

    @Test("typed workbook cells: a number ID and a date deadline")
    func typedCells() throws {
        var tasks = table([taskHeader] + coveringRows)
        tasks.rows[1].cells[1] = .number(1)
        tasks.rows[1].cells[6] = .date(day(2025, 11, 30))
        tasks.rows[1].cells[7] = .text("正在推进")
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.plan.measures[0].issue == Issue.Key("1"))
        #expect(result.plan.measures[0].deadline.due == day(2025, 11, 30))
        #expect(result.codes == ["overdue"])
    }
}

@Suite("Roster checks")
struct RosterTests {
    let roster = table([
        ["姓名", "股室", "职务"],
        ["王某某", "县科协", "党组书记、主席"],
        ["李某某", "办公室", "办公室科员"],
        ["张某某", "办公室", "科员"],
        ["陈某某", "科普股", "科员"],
    ], file: "roster.csv")

    @Test("people on the roster in their unit and real leaders give no finding")
    func clean() throws {
        let result = try reconcile(coveringRows, roster: roster)
        #expect(result.findings.isEmpty)
    }

    @Test("a person not on the roster, in another unit, or a leader who is not one", arguments: [
        (["1", "(1)", "措施1", "王某某", "办公室", "刘某某", "长期坚持", "已完成"], "person-not-on-roster", "责任人"),
        (["1", "(1)", "措施1", "王某某", "办公室", "陈某某", "长期坚持", "已完成"], "person-in-other-unit", "责任人"),
        (["1", "(1)", "措施1", "李某某", "办公室", "张某某", "长期坚持", "已完成"], "leader-not-leader", "责任领导"),
        (["1", "(1)", "措施1", "赵某某", "办公室", "张某某", "长期坚持", "已完成"], "person-not-on-roster", "责任领导"),
    ])
    func findings(_ row: [String], _ code: String, _ column: String) throws {
        let result = try reconcile([row] + coveringRows.dropFirst(), roster: roster)
        #expect(result.codes == [code])
        #expect(result.findings[0].severity == .warning)
        #expect(result.findings[0].file == "tasks.csv")
        #expect(result.findings[0].line == 2)
        #expect(result.findings[0].column == column)
    }

    @Test("leaders and persons written by title match the roster's 职务; a title nobody holds is the finding", arguments: [
        ("党组书记", "张某某", [String]()), ("主席", "张某某", []), ("分管副主席", "张某某", ["person-not-on-roster"]),
        ("办公室科员", "张某某", ["leader-not-leader"]), ("王某某", "科员", []), ("王某某", "各股室负责人", ["person-not-on-roster"]),
    ])
    func titles(_ leader: String, _ person: String, _ codes: [String]) throws {
        let row = ["1", "(1)", "措施1", leader, "办公室", person, "长期坚持", "已完成"]
        let result = try reconcile([row] + coveringRows.dropFirst(), roster: roster)
        #expect(result.codes == codes)
    }
}

@Suite("Real tables: headers read by meaning, nothing dropped in silence")
struct MeaningTests {
    @Test("headers are read for what their words mean", arguments: [
        ("整改责任单位", Field.unit), ("责任科室", .unit), ("牵头处室", .unit), ("责任人/部门", .unit), ("整改责任人", .owner),
        ("牵头领导", .leader), ("分管领导", .leader), ("包联县领导", .leader), ("整改期限", .deadline), ("完成时间节点", .deadline),
        ("办理状态", .status), ("整改进展情况", .status), ("是否完成", .status), ("整改落实情况", .status),
        ("具体整改措施", .measure), ("整改举措", .measure), ("问题类型", .aspect), ("反馈问题描述", .issueText),
        ("實際完成時間", .dateDone), ("責任單位", .unit), ("處理進度", .status), ("佐证材料清单", .evidence),
        ("县(区)", nil), ("联系电话", nil), ("整改方式", nil), ("審議日期", nil),
    ])
    func meaning(_ header: String, _ field: Field?) {
        #expect(Field.recognizing(header: header, in: .tasks) == field)
    }

    @Test("a usual name wins over a reading by meaning; the other column is reported, not merged")
    func ambiguity() throws {
        let header = ["序号", "问题编号", "整改措施", "责任领导", "整改进展情况", "责任单位", "责任人", "完成时限", "完成情况"]
        let rows = coveringRows.map { row in Array(row[0...3]) + ["已召开会议"] + Array(row[4...]) }
        let tasks = table([header] + rows)
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.plan.taskColumns.first { $0.field == .status }?.header == "完成情况")
        let note = try #require(result.findings.first { $0.code == .unrecognizedColumn })
        #expect(note.severity == .info)
        #expect(note.detail == .unrecognizedColumns(columns: [Finding.IgnoredColumn(header: "整改进展情况", alsoReads: .status)]))
        #expect(result.plan.measures[0].extras.map(\.text) == ["已召开会议"], "the column is kept for the ledger")
    }

    @Test("columns no field takes are named in one note at the header")
    func unrecognizedColumns() throws {
        let tasks = table([taskHeader + ["联系电话", "整改方式"]] + coveringRows.map { $0 + ["38811539", "立行立改"] })
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.codes == ["unrecognized-column"])
        #expect(result.findings[0].line == 1)
        #expect(result.findings[0].detail == .unrecognizedColumns(columns: [
            Finding.IgnoredColumn(header: "联系电话", alsoReads: nil), Finding.IgnoredColumn(header: "整改方式", alsoReads: nil),
        ]))
        #expect(result.errorCount == 0 && result.warningCount == 0)
    }

    @Test("a table without leader and person columns gets one warning each; --require makes them errors")
    func unitsOnly() throws {
        let header = ["序号", "问题编号", "整改措施", "责任单位", "完成时限", "完成情况"]
        let rows = coveringRows.map { [$0[0], $0[1], $0[2], $0[4], $0[6], $0[7]] }
        let tasks = table([header] + rows)
        let audit = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(audit.codes == ["missing-column", "missing-column"])
        #expect(audit.findings.map(\.detail) == [.missingColumn(field: .leader), .missingColumn(field: .owner)])
        #expect(audit.findings.allSatisfy { $0.severity == .warning && $0.line == 1 })
        let strict = try Reconciliation(
            issues: smallIssues, tasks: tasks,
            configuration: .init(asOf: seedAsOf, requiredColumns: [.measure, .unit, .deadline, .leader, .owner]))
        #expect(strict.errorCount == 2)
    }

    @Test("signature, contact and note rows under the table are a footer, not measures", arguments: [
        [["审核人：李某", "", "填表人：王某", "", "联系电话：0833-1234567"]],
        [["注：本表由各责任股室每月5日前报送"], ["县科协办公室"], ["2025年6月30日"]],
        [["特此公示！"], ["联系电话:5286660"]],
    ])
    func footers(_ footer: [[String]]) throws {
        let tasks = table([taskHeader] + coveringRows + footer)
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.summary.measures == 4)
        #expect(result.codes == ["footer-rows"])
        #expect(result.findings[0].severity == .info)
        #expect(result.findings[0].line == 6)
        if case .footerRows(let count, _) = result.findings[0].detail { #expect(count == footer.count) }
    }

    @Test("a last measure whose text continues in one cell is not a footer")
    func continuationIsData() throws {
        let tasks = table([taskHeader] + coveringRows + [["", "(4)", "再一条措施", "王某某", "办公室", "张某某", "2025年3月31日", "已完成"]])
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.summary.measures == 5)
        #expect(!result.codes.contains("footer-rows"))
    }

    @Test("the issue list and the task table given in the wrong order is an error naming which is which")
    func swapped() throws {
        let tasks = table([taskHeader] + coveringRows)
        #expect {
            try Reconciliation(issues: tasks, tasks: smallIssues, configuration: .init(asOf: seedAsOf))
        } throws: { error in
            (error as? RectificationError)?.code == .tablesSwapped && (error as? RectificationError)?.value == "tasks.csv"
        }
    }

    @Test("a mapping must name a column that one of the tables has")
    func mappingOfAbsentColumn() throws {
        let configuration = Reconciliation.Configuration(asOf: seedAsOf, headerMapping: ["负责同志": .owner])
        #expect {
            try Reconciliation(issues: smallIssues, tasks: table([taskHeader] + coveringRows), configuration: configuration)
        } throws: { error in
            (error as? RectificationError)?.code == .mappedHeaderNotFound && (error as? RectificationError)?.category == .usage
        }
    }

    @Test("the kind of review is the configured one, else the one the title or file name mentions", arguments: [
        ("县科协落实县委第三巡察组反馈意见整改任务分解表", "tasks.csv", RectificationKind?.some(.xuncha)),
        ("2023年度审计查出问题整改清单", "tasks.csv", .audit), ("整改清单", "巡视整改台账.csv", .xunshi),
        ("民生实事督办清单", "tasks.csv", .duban), ("整改任务分解表", "tasks.csv", nil),
    ])
    func kind(_ title: String, _ file: String, _ kind: RectificationKind?) throws {
        let tasks = table([[title], taskHeader] + coveringRows, file: file)
        let inferred = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(inferred.kind == kind)
        let given = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf, kind: .ducha))
        #expect(given.kind == .ducha)
    }
}

@Suite("Rollups")
struct RollupTests {
    @Test("counts per aspect, problem, unit, leader and person")
    func rollups() throws {
        let result = try reconcile([
            ["1", "(1)", "措施1", "王某某", "办公室", "张某某", "2025年11月30日", "正在推进"],
            ["2", "(1)", "措施2", "王某某", "办公室、科普股", "张某某、陈某某", "长期坚持", "已完成并长期坚持"],
            ["3", "(2)", "措施3", "李某某", "科普股", "陈某某", "长期坚持", "已完成"],
            ["4", "(3)", "措施4", "李某某", "科普股", "陈某某", "12月10日", "未启动"],
            ["5", "(4)", "措施5", "赵某某", "办公室", "周某某", "长期坚持", "已完成"],
        ])
        let summary = result.summary
        #expect([summary.measures, summary.done, summary.doneOngoing, summary.inProgress, summary.notStarted] == [5, 2, 1, 1, 1])
        #expect([summary.overdue, summary.dueSoon, summary.rectifiedIssues, summary.rectifiedProblems] == [1, 1, 2, 1])
        #expect(result.rollups.aspects.map(\.tally.measures) == [4, 1])
        #expect(result.rollups.aspects.map(\.tally.issues) == [3, 1])
        #expect(result.rollups.aspects.map(\.tally.rectifiedIssues) == [1, 1])
        #expect(result.rollups.problems.map(\.tally.measures) == [3, 1, 1])
        #expect(result.rollups.units.map(\.name) == ["办公室", "科普股"])
        #expect(result.rollups.units.map(\.tally.measures) == [3, 3])
        #expect(result.rollups.units.map(\.tally.issues) == [2, 3])
        #expect(result.rollups.units.map(\.tally.overdue) == [1, 0])
        #expect(result.rollups.leaders.map(\.name) == ["王某某", "李某某", "赵某某"])
        #expect(result.rollups.leaders.map(\.tally.allDone) == [1, 1, 1])
        #expect(result.rollups.people.map(\.name) == ["张某某", "陈某某", "周某某"])
        #expect(result.rollups.people.map(\.tally.dueSoon) == [0, 1, 0])
        #expect(!result.plan.isRectified(issue: "1"))
        #expect(result.plan.rectifiedProblems == ["3"])
    }
}
