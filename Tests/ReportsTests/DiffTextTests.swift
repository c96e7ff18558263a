import Foundation
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

    @Test("JSON changes: texts that need escapes read back as written, by Foundation's JSON reader")
    func jsonChangesEscaped() throws {
        let text = "建立\"台账\" C:\\docs\t每季度\n抽查"
        let new = cleanRows + [["4", "(3)", text, "赵某某", "办公室", "周某某", "长期坚持", "正在推进"]]
        let diff = MeasureDiff(old: try reconcile(cleanRows), new: try reconcile(new))
        let json = DiffText.render(diff, format: .json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["kind"] as? String == "added")
        #expect(changes.first?["from"] is NSNull)
        // The text as the plan holds it (read from the table: NFKC, trimmed), its quotes and backslash kept.
        guard case .added(let measure)? = diff.changes.first?.movement else { Issue.record("no added measure"); return }
        #expect(measure.text.contains("\"台账\"") && measure.text.contains("\\"))
        #expect(changes.first?["to"] as? String == measure.text)
        #expect(changes.first?["units"] as? [String] == ["办公室"])
        #expect(changes.first?["number"] as? Int == 4)
        #expect(changes.first?["message"] as? String == DiffText.line(diff.changes[0]))
        // The members in the documented order, as one line per change.
        #expect(json.contains("[{\"key\":"))
        #expect(json.contains(",\"number\":4,\"units\":[\"办公室\"],\"kind\":\"added\",\"from\":null,\"to\":"))
    }
}
