import Rectification
import TabularCore
import Testing

/// What a deadline text should parse to: an ISO due date (or nil), long-term, immediate, fault.
struct DeadlineCase: Sendable, CustomTestStringConvertible {
    var text: String
    var due: String?
    var longTerm = false
    var immediate = false
    var relative = false
    var fault: Deadline.Fault?
    var testDescription: String { text.isEmpty ? "(empty)" : text }
}

/// Year 2025 for dates without one, feedback on 2025-02-13, plan (立行立改) on 2025-03-11.
let deadlineParser = DeadlineParser(year: 2025, feedbackDate: day(2025, 2, 13), immediateDate: day(2025, 3, 11))

@Suite("Deadlines (完成时限)")
struct DeadlineTests {
    @Test("every accepted form parses to its due date", arguments: [
        DeadlineCase(text: "2025-03-31", due: "2025-03-31"),
        DeadlineCase(text: "2025/3/31", due: "2025-03-31"),
        DeadlineCase(text: "2025.3.31", due: "2025-03-31"),
        DeadlineCase(text: "20250331", due: "2025-03-31"),
        DeadlineCase(text: "2025年3月31日", due: "2025-03-31"),
        DeadlineCase(text: "２０２５年３月３１日", due: "2025-03-31"),
        DeadlineCase(text: "2025年3月31日前", due: "2025-03-31"),
        DeadlineCase(text: "于2025年3月31日前完成", due: "2025-03-31"),
        DeadlineCase(text: "3月31日", due: "2025-03-31"),
        DeadlineCase(text: "3月31日前", due: "2025-03-31"),
        DeadlineCase(text: "6月30日前", due: "2025-06-30"),
        DeadlineCase(text: "2025年3月底前", due: "2025-03-31"),
        DeadlineCase(text: "2024年2月底", due: "2024-02-29"),
        DeadlineCase(text: "3月底", due: "2025-03-31"),
        DeadlineCase(text: "三月底前", due: "2025-03-31"),
        DeadlineCase(text: "2025年5月", due: "2025-05-31"),
        DeadlineCase(text: "上半年", due: "2025-06-30"),
        DeadlineCase(text: "年中", due: "2025-06-30"),
        DeadlineCase(text: "2026年上半年", due: "2026-06-30"),
        DeadlineCase(text: "年底前", due: "2025-12-31"),
        DeadlineCase(text: "年内", due: "2025-12-31"),
        DeadlineCase(text: "2026年底前", due: "2026-12-31"),
        DeadlineCase(text: "第一季度", due: "2025-03-31"),
        DeadlineCase(text: "一季度末", due: "2025-03-31"),
        DeadlineCase(text: "第二季度", due: "2025-06-30"),
        DeadlineCase(text: "三季度", due: "2025-09-30"),
        DeadlineCase(text: "第四季度末", due: "2025-12-31"),
        DeadlineCase(text: "反馈后1个月内", due: "2025-03-13", relative: true),
        DeadlineCase(text: "3个月内", due: "2025-05-13", relative: true),
        DeadlineCase(text: "反馈后两个月内完成", due: "2025-04-13", relative: true),
        DeadlineCase(text: "15天内", due: "2025-02-28", relative: true),
        DeadlineCase(text: "长期坚持", longTerm: true),
        DeadlineCase(text: "持续推进", longTerm: true),
        DeadlineCase(text: "常态化", longTerm: true),
        DeadlineCase(text: "每月", longTerm: true),
        DeadlineCase(text: "每季度", longTerm: true),
        DeadlineCase(text: "每月10日前", longTerm: true),
        DeadlineCase(text: "立行立改", due: "2025-03-11", immediate: true),
        DeadlineCase(text: "立行立改并长期坚持", due: "2025-03-11", longTerm: true, immediate: true),
        DeadlineCase(text: "立行立改，长期坚持", due: "2025-03-11", longTerm: true, immediate: true),
        DeadlineCase(text: "2025年3月底前完成并长期坚持", due: "2025-03-31", longTerm: true),
        DeadlineCase(text: "", fault: .missing),
        DeadlineCase(text: "尽快", fault: .unparseable),
        DeadlineCase(text: "3月至6月", fault: .unparseable),
        DeadlineCase(text: "2025年3月31日、2025年6月30日", fault: .unparseable),
        DeadlineCase(text: "#个星期", fault: .unparseable),
        DeadlineCase(text: "#月#日", fault: .unparseable),
        DeadlineCase(text: "2025年2月30日", fault: .impossible),
        DeadlineCase(text: "13月底前", fault: .impossible),
        DeadlineCase(text: "第五季度", fault: .impossible),
    ])
    func parses(_ example: DeadlineCase) {
        let deadline = deadlineParser.parse(text: example.text)
        #expect(deadline.text == example.text, "the original text is kept")
        #expect(deadline.due?.isoDate == example.due)
        #expect(deadline.isLongTerm == example.longTerm)
        #expect(deadline.isImmediate == example.immediate)
        #expect(deadline.isRelative == example.relative)
        #expect(deadline.fault == example.fault)
    }

    @Test("a relative deadline without a feedback date is a fault, not a guess")
    func relativeNeedsFeedbackDate() {
        let parser = DeadlineParser(year: 2025, feedbackDate: nil, immediateDate: day(2025, 12, 4))
        let deadline = parser.parse(text: "反馈后1个月内")
        #expect(deadline.due == nil)
        #expect(deadline.fault == .needsFeedbackDate)
    }

    @Test("a date cell from a workbook is a date")
    func dateCell() {
        let deadline = deadlineParser.parse(.date(day(2025, 4, 30)))
        #expect(deadline.due == day(2025, 4, 30))
        #expect(deadline.text == "2025-04-30")
        #expect(deadline.fault == nil)
    }

    @Test("a number cell that is not a date is unparseable, never dropped")
    func numberCell() {
        let deadline = deadlineParser.parse(.number(45_747))
        #expect(deadline.text == "45747")
        #expect(deadline.fault == .unparseable)
    }

    @Test("dates without a year take the configured year")
    func yearOption() {
        let parser = DeadlineParser(year: 2026, feedbackDate: nil, immediateDate: day(2026, 1, 1))
        #expect(parser.parse(text: "3月31日前").due == day(2026, 3, 31))
        #expect(parser.parse(text: "年底前").due == day(2026, 12, 31))
    }
}
