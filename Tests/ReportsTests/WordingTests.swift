import Rectification
@testable import Reports
import TabularCore
import Testing

@Suite("Words for the domain's values")
struct WordingTests {
    @Test("progress labels", arguments: [
        (Progress.notStarted, "未启动", "not started"), (.inProgress, "正在推进", "in progress"), (.done, "已完成", "done"),
        (.doneOngoing, "已完成并长期坚持", "done, kept up"), (.unrecognized, "无法识别", "not understood"),
    ])
    func progressLabels(_ progress: Progress, _ chinese: String, _ english: String) {
        #expect(progress.label() == chinese)
        #expect(progress.label(.english) == english)
    }

    @Test("deadline labels", arguments: [
        ("2025年3月31日", "2025-03-31", "2025-03-31"), ("长期坚持", "长期坚持", "long-term"),
        ("立行立改", "立行立改（2025-03-11）", "immediate (2025-03-11)"),
        ("立行立改并长期坚持", "2025-03-11 起长期坚持", "by 2025-03-11, then long-term"), ("尽快", "无法识别", "not understood"),
    ])
    func deadlineLabels(_ text: String, _ chinese: String, _ english: String) throws {
        let plan = try #require(LocalDateTime(year: 2025, month: 3, day: 11))
        let deadline = DeadlineParser(year: 2025, feedbackDate: nil, immediateDate: plan).parse(text: text)
        #expect(deadline.label() == chinese)
        #expect(deadline.label(.english) == english)
    }

    @Test("a finding's message is made from its arguments, in either language")
    func messages() throws {
        let result = try reconcile(troubledRows)
        let finding = try #require(result.findings.first { $0.code == .unknownIssueReference })
        #expect(finding.message() == "措施引用的问题“(9)”在问题清单中不存在；核对问题编号")
        #expect(finding.message(.english) == "the measure refers to issue “(9)”, which the issue definitions do not have; check the ID")
    }
}
