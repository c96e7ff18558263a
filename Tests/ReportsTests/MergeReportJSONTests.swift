import Foundation
@testable import Rectification
import Reports
import TabularCore
import Testing

/// `MergeReport.json`'s change objects, written member by member: every value quoted as `JSONText.quote` documents
/// it (a quote, a backslash and the control characters escaped, \n \r \t \b \f by name and the others as \u00XX in
/// lowercase hex, U+2028 and U+2029 as \u2028 and \u2029, everything else as it is), the keys in the documented order,
/// no spaces inside an object, sources separated by ", ". The expected texts are written out by hand. (`@testable`
/// for `LedgerMerge`'s memberwise initializer.)
@Suite("Merge report: JSON of the change list")
struct MergeReportJSONTests {
    /// A merge with one change whose old value is `old`, and no findings.
    static func merge(old: String, sources: [String] = ["办公室.xlsx"]) -> LedgerMerge {
        let configuration = Reconciliation.Configuration(asOf: LocalDateTime(year: 2025, month: 6, day: 30)!)
        let plan = RectificationPlan(aspects: [], problems: [], issues: [], measures: [], taskColumns: [])
        let change = MergeChange(
            key: Measure.Key("3-2"), number: 7, unit: "办公室", field: .progressText, old: old, new: "已完成", sources: sources)
        return LedgerMerge(
            merged: Reconciliation(configuration: configuration, plan: plan, findings: []), changes: [change], findings: [])
    }

    /// The report of `merge(old:sources:)` with `old` and the sources as they appear in the JSON.
    static func expected(old: String, sources: String = #""办公室.xlsx""#) -> String {
        #"{"changes": [\#n  {"number":7,"key":"3-2","unit":"办公室","field":"progress-text","old":"#
            + old + #","new":"已完成","sources":["# + sources + #"]}\#n],\#n"findings": []}\#n"#
    }

    /// One row per kind of character: plain text as it is, then each escape.
    static let rows: [(value: String, json: String)] = [
        ("正在推进，完成70%", #""正在推进，完成70%""#),
        ("", #""""#),
        ("“引号”与‘单引号’", #""“引号”与‘单引号’""#),
        ("say \"yes\"", #""say \"yes\"""#),
        ("C:\\台账", #""C:\\台账""#),
        ("一行\n二行", #""一行\n二行""#),
        ("a\r\nb", #""a\r\nb""#),
        ("a\tb", #""a\tb""#),
        ("a\u{08}b\u{0C}c", #""a\bb\fc""#),
        ("a\u{01}b\u{1F}c", #""a\u0001b\u001fc""#),
        ("a\u{2028}b\u{2029}c", #""a\u2028b\u2029c""#),
        ("a\u{2027}b\u{202A}c", "\"a\u{2027}b\u{202A}c\""),
        ("末尾\\", #""末尾\\""#),
    ]

    @Test("a value quoted", arguments: rows)
    func quoted(_ row: (value: String, json: String)) {
        #expect(MergeReport.json(Self.merge(old: row.value)) == Self.expected(old: row.json))
    }

    @Test("several sources, one of them needing an escape")
    func sources() {
        let merge = Self.merge(old: "x", sources: ["办公室.xlsx", "财务\"科\".xlsx"])
        #expect(MergeReport.json(merge) == Self.expected(old: #""x""#, sources: #""办公室.xlsx", "财务\"科\".xlsx""#))
    }
}
