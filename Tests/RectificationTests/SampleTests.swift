import Rectification
import TabularCore
import Testing

/// The Samples/rectification tables, transcribed from the public report of 2025-12-04.
@Suite("The seed sample (县科协巡察整改)")
struct SampleTests {
    func reconcileSample(issues: Bool = true) throws -> Reconciliation {
        var configuration = Reconciliation.Configuration(asOf: seedAsOf, feedbackDate: day(2025, 2, 13), planDate: day(2025, 3, 11))
        configuration.expectations = [
            CountExpectation(.measures, 44), CountExpectation(.issues, 31), CountExpectation(.problems, 10),
            CountExpectation(.aspects, 4),
        ]
        return try Reconciliation(
            issues: issues ? try sample("issues.csv") : nil, tasks: try sample("tasks.csv"), configuration: configuration)
    }

    @Test("the documentation's example")
    func documentationExample() throws {
        let issuesTable = try sample("issues.csv")
        let tasksTable = try sample("tasks.csv")
        let day = try #require(LocalDateTime(year: 2025, month: 12, day: 4))
        let plan = try #require(LocalDateTime(year: 2025, month: 3, day: 11))  // 立行立改 is due on the plan's date
        let result = try Reconciliation(issues: issuesTable, tasks: tasksTable, configuration: .init(asOf: day, planDate: plan))
        #expect(result.summary.measures == 47)
        #expect(result.findings.count == 2)
    }

    @Test("4 aspects, 10 problems, 31 issues and 47 measures, all done")
    func counts() throws {
        let result = try reconcileSample()
        #expect(result.summary.aspects == 4)
        #expect(result.summary.problems == 10)
        #expect(result.summary.issues == 31)
        #expect(result.summary.measures == 47)
        #expect(result.summary.allDone == 47)
        #expect(result.summary.doneOngoing == 47)
        #expect(result.summary.overdue == 0)
        #expect(result.summary.rectifiedIssues == 31)
        #expect(result.summary.rectifiedProblems == 10)
    }

    @Test("the report's claimed 44 measures is the only error; the two unnumbered problems are the only warnings")
    func findings() throws {
        let result = try reconcileSample()
        // Sorted by file (definitions, then tasks) and line.
        #expect(result.codes == ["missing-number", "missing-number", "count-mismatch"])
        let mismatch = try #require(result.findings.last)
        #expect(mismatch.file == "tasks.csv")
        #expect(mismatch.severity == .error)
        #expect(mismatch.detail == .countMismatch(subject: .measures, claimed: 44, actual: 47))
        #expect(mismatch.subject == nil, "a count concerns the whole table")
        let unnumbered = result.findings.filter { $0.code == .missingNumber }
        #expect(unnumbered.map(\.line) == [19, 25])
        #expect(unnumbered.allSatisfy { $0.file == "issues.csv" && $0.column == "问题" && $0.severity == .warning })
        #expect(unnumbered[0].detail == .missingNumber(level: .problem, title: "“四风”问题依然存在", expected: 6))
        #expect(unnumbered[1].detail == .missingNumber(level: .problem, title: "组织生活不严谨", expected: 8))
    }

    @Test("definition order and printed numbering are kept")
    func order() throws {
        let plan = try reconcileSample().plan
        #expect(plan.aspects.map(\.numbered.number) == [1, 2, 3, 4])
        #expect(plan.problems.map(\.numbered.number) == [1, 2, 3, 4, 5, nil, 7, nil, 9, 10])
        #expect(plan.problems.map(\.aspect) == ["1", "1", "1", "2", "2", "2", "3", "3", "3", "4"])
        #expect(plan.issues.map(\.key.rawValue) == (1...31).map(String.init))
        #expect(plan.issues.map(\.id) == (1...31).map { "(\($0))" }, "IDs as printed")
        #expect(plan.issues[17].text == "违规报销差旅费")
        #expect(plan.measures(of: "6").count == 3, "(6) has 一是, 二是, 三是")
    }

    @Test("without issue definitions, the task table's own columns give the same outline")
    func derived() throws {
        let result = try reconcileSample(issues: false)
        #expect(result.summary.aspects == 4)
        #expect(result.summary.problems == 10)
        #expect(result.summary.issues == 31)
        #expect(result.codes == ["count-mismatch", "missing-number", "missing-number"])
        #expect(result.findings.filter { $0.code == .missingNumber }.allSatisfy { $0.file == "tasks.csv" })
    }

    @Test("each measure keeps its line, original cells and parsed deadline")
    func measureDetail() throws {
        let plan = try reconcileSample().plan
        let first = plan.measures[0]
        #expect(first.line == 2)
        #expect(first.id == "1")
        #expect(first.issueReference == "(1)")
        #expect(first.leaders == ["王某某"])
        #expect(first.units == ["办公室"])
        #expect(first.owners == ["杨某某"])
        #expect(first.deadline.isImmediate)
        #expect(first.deadline.due == day(2025, 3, 11))
        #expect(first[.status] == "已整改完成并长期坚持")
        #expect(first.cells.map(\.header) == ["序号", "方面", "问题", "问题编号", "具体问题", "整改措施", "责任领导", "责任股室", "责任人", "完成时限", "完成情况"])
        #expect(plan.measures.allSatisfy { $0.deadline.fault == nil }, "every sample deadline parses")
    }

    @Test("per-unit rollups add up to the measures")
    func rollups() throws {
        let result = try reconcileSample()
        #expect(result.rollups.units.map(\.name) == ["办公室", "学会部", "科普股", "机关党支部"])
        #expect(result.rollups.units.map(\.tally.measures).reduce(0, +) == 47)
        #expect(result.rollups.aspects.map(\.tally.issues) == [9, 12, 8, 2])
        #expect(result.rollups.aspects.map(\.tally.measures) == [12, 22, 10, 3])
        #expect(result.rollups.problems.map(\.tally.measures).reduce(0, +) == 47)
    }
}
