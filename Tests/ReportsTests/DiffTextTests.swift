import Rectification
import Reports
import Testing

/// The paragraph's wording for a few shapes of diff, both on 2025-12-04 (so only the tables' changes move).
struct DiffWordingCase: Sendable, CustomTestStringConvertible {
    var name: String
    var old: [[String]]
    var new: [[String]]
    var chinese: String
    var english: String
    var testDescription: String { name }
}

@Suite("The diff paragraph names only what moved")
struct DiffTextTests {
    @Test("wording", arguments: [
        DiffWordingCase(
            name: "nothing moved", old: cleanRows, new: cleanRows,
            chinese: "截至2025年12月4日，与上一版相比，本期无变化。",
            english: "As of 2025-12-04, against the previous version: no change."),
        DiffWordingCase(
            name: "a status change without newly done is not “other”",
            old: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "长期坚持", "未启动"]] + cleanRows.dropFirst(),
            new: [["1", "(1)", "措施1", "王某某", "办公室", "张某某", "长期坚持", "正在推进"]] + cleanRows.dropFirst(),
            chinese: "截至2025年12月4日，与上一版相比，本期状态变化1项。",
            english: "As of 2025-12-04, against the previous version: 1 status change."),
        DiffWordingCase(
            name: "a measure naming no unit is counted apart",
            old: [["1", "(1)", "措施1", "王某某", "", "张某某", "长期坚持", "正在推进"]] + cleanRows.dropFirst(),
            new: [["1", "(1)", "措施1", "王某某", "", "张某某", "长期坚持", "已完成"]] + cleanRows.dropFirst(),
            chinese: "截至2025年12月4日，与上一版相比，本期新完成措施1项（未明确单位1项）。",
            english: "As of 2025-12-04, against the previous version: 1 measure newly done (no unit 1)."),
        DiffWordingCase(
            name: "two added measures, plurals in English", old: Array(cleanRows.prefix(1)), new: cleanRows,
            chinese: "截至2025年12月4日，与上一版相比，本期新增措施2项。",
            english: "As of 2025-12-04, against the previous version: 2 measures added."),
    ])
    func wording(_ row: DiffWordingCase) throws {
        let diff = MeasureDiff(old: try reconcile(row.old), new: try reconcile(row.new))
        #expect(DiffText.paragraph(diff) == row.chinese)
        #expect(DiffText.paragraph(diff, language: .english) == row.english)
        // The totals line states every kind, zeros included.
        #expect(DiffText.totalsLine(diff.totals).split(separator: "项").count == MeasureDiff.Kind.allCases.count + 1)
    }
}
