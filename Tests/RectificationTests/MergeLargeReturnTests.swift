import Rectification
import TabularCore
import Testing

/// A return of more measures than `merge` compares in one part (4,096): its findings and edits come out in the
/// return's outline order whichever part found them. Expected by construction: the rows changed are chosen in each
/// half of the 5,000.
@Suite("Merging a return compared in two parts")
struct MergeLargeReturnTests {
    static let count = 5_000

    /// Row `i` of the master: 办公室's when `i` is even, 科普股's when odd, all under one issue.
    static func row(_ i: Int, text: String? = nil, progress: String = "正在推进") -> String {
        "(1)问题一,\(text ?? "措施\(i)"),\(i.isMultiple(of: 2) ? "办公室" : "科普股"),2025年12月31日,\(progress),\(progress),,k\(i)"
    }

    @Test("findings and changes from both halves, in the return's order")
    func bothHalves() throws {
        let master = try MergeTests.read((1...Self.count).map { Self.row($0) }, file: "master.xlsx",
                                         snapshot: MergeTests.snapshot(.init(formatVersion: 1, asOf: MergeTests.asOf)))
        let returned = (1...Self.count).map { i -> String in
            switch i {
            case 10, 4_500: Self.row(i, text: "措施\(i)改")  // 办公室's text changed: a change request
            case 100, 4_900: Self.row(i, progress: "已完成")  // 办公室's own progress: applied
            case 3_001: Self.row(i, progress: "已完成")  // 科普股's progress in 办公室's return: a foreign edit
            default: Self.row(i)
            }
        }
        let metadata = LedgerSnapshot.Metadata(formatVersion: 1, asOf: MergeTests.asOf, master: master.plan.fingerprint,
                                               part: .init(grouping: .unit, name: "办公室"))
        let ret = try MergeTests.read(returned, file: "办公室.xlsx", snapshot: MergeTests.snapshot(metadata))
        let merge = master.merging([ReturnedLedger(name: "办公室.xlsx", result: ret)])
        #expect(merge.findings.map(\.code.rawValue) == ["change-request", "foreign-edit", "change-request"])
        #expect(merge.findings.map(\.line) == [11, 3_002, 4_501])
        #expect(merge.findings.map(\.subject) == ["k10", "k3001", "k4500"].map { .measure(Measure.Key($0)) })
        #expect(merge.changes.map { "\($0.key) \($0.field.rawValue) \($0.new)" } == [
            "k100 status done", "k100 progress-text 已完成", "k4900 status done", "k4900 progress-text 已完成",
        ])
    }
}
