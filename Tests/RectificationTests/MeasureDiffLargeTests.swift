import Rectification
import TabularCore
import Testing

/// A diff of more measures than are compared in one part (4,096): the changes come out by kind, then running number,
/// whichever part found them. Expected by construction: the rows changed are chosen in each half of the 5,000.
@Suite("Diffing two snapshots compared in two parts")
struct MeasureDiffLargeTests {
    static let count = 5_000

    /// Row `i`: 办公室's when `i` is even, 科普股's when odd, all under one issue, in progress, due at the year's end.
    static func row(_ i: Int, text: String? = nil, unit: String? = nil, progress: String = "正在推进") -> String {
        let owner = unit ?? (i.isMultiple(of: 2) ? "办公室" : "科普股")
        return "(1)问题一,\(text ?? "措施\(i)"),\(owner),2025年12月31日,\(progress),\(progress),,k\(i)"
    }

    @Test("changes from both halves, by kind and then running number")
    func bothHalves() throws {
        let snapshot = MergeTests.snapshot(.init(formatVersion: 1, asOf: MergeTests.asOf))
        let old = try MergeTests.read((1...Self.count).map { Self.row($0) }, file: "old.xlsx", snapshot: snapshot)
        let newRows = (1...Self.count).compactMap { i -> String? in
            switch i {
            case 4_500, 10: Self.row(i, progress: "已完成")
            case 2_000: Self.row(i, text: "措施\(i)，细化")
            case 3_001: Self.row(i, unit: "学会部")
            case 4_999: nil
            default: Self.row(i)
            }
        }
        let new = try MergeTests.read(newRows, file: "new.xlsx", snapshot: snapshot)
        let diff = MeasureDiff(old: old, new: new)
        #expect(diff.changes.map { "\($0.kind.rawValue) \($0.key)" } == [
            "newly-done k10", "newly-done k4500", "unit-changed k3001", "text-changed k2000", "removed k4999",
        ])
    }
}
