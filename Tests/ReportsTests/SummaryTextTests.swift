import Foundation
import Rectification
@testable import Reports
import Testing

@Suite("Summary paragraph (tracksheet summary)")
struct SummaryTextTests {
    @Test("Chinese paragraph in the report's words, then one line per unit; the statuses add up to the measures")
    func chinese() throws {
        let text = SummaryText.render(try reconcile(troubledRows))
        #expect(text == """
            截至2025年12月4日，巡察反馈的两方面2个问题，已整改落实0个；具体问题3项，已整改到位1项。\
            在整改中，制定措施5个，已完成3个（其中长期坚持1个），正在推进1个，未启动0个，状态无法识别1个；未完成的措施中逾期1个。
            办公室：措施4个，已完成2个（其中长期坚持1个），正在推进1个，未启动0个，状态无法识别1个；未完成的措施中逾期1个。
            科普股：措施1个，已完成1个，正在推进0个，未启动0个；未完成的措施中逾期0个。

            """)
    }

    @Test("English paragraph")
    func english() throws {
        let text = SummaryText.render(try reconcile(cleanRows), language: .english)
        #expect(text.hasPrefix("As of 2025-12-04, 2 of the 2 problems in 2 aspects raised by the inspection have been rectified, "
            + "and 3 of 3 issues. 3 measures were set: 3 done (1 of them kept up long-term), 0 in progress, 0 not started; "
            + "of the 0 unfinished, 0 overdue.\n"))
        #expect(text.hasSuffix("科普股: 1 measures, 1 done (1 of them kept up long-term), 0 in progress, 0 not started; of the 0 unfinished, 0 overdue.\n"))
    }

    @Test("markdown has a heading, the paragraph and tables per unit and leader")
    func markdown() throws {
        let text = SummaryText.render(try reconcile(troubledRows), format: .markdown)
        #expect(text.hasPrefix("## 巡察整改进展（截至 2025-12-04）\n\n截至2025年12月4日，"))
        #expect(text.contains("| 责任单位 | 措施 | 已完成 | 正在推进 | 未启动 | 无法识别 | 逾期 | 临近时限 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n| 办公室 | 4 | 2 | 1 | 0 | 1 | 1 | 0 |\n"))
        #expect(text.contains("| 责任领导 |"))
        #expect(text.contains("| 赵某某 | 2 | 1 | 0 | 0 | 1 | 0 | 0 |"))
    }

    @Test("json carries the paragraph, the summary and tallies; Foundation reads it back")
    func json() throws {
        let text = SummaryText.render(try reconcile(troubledRows), format: .json)
        #expect(text.hasPrefix("{\"asOf\": \"2025-12-04\", \"text\": \"截至2025年12月4日"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.map { $0["name"] as? String } == ["办公室", "科普股"])
        #expect(units.map { $0["overdue"] as? Int } == [1, 0])
        #expect((object["people"] as? [[String: Any]])?.count == 3)
        #expect((object["summary"] as? [String: Int])?["rectifiedIssues"] == 1)
    }

    @Test("aspect counts are written as the reports write them", arguments: [(1, "1个方面"), (2, "两方面"), (4, "四方面"), (10, "十方面"), (12, "12个方面")])
    func aspects(_ count: Int, _ text: String) {
        #expect(SummaryText.aspectCount(count) == text)
    }
}
