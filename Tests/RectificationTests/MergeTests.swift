import Rectification
import TabularCore
import Testing

/// The merge rules, one row per kind of return: what is applied and what is a finding.
@Suite("Merging returned ledgers")
struct MergeTests {
    static let asOf = LocalDateTime(year: 2025, month: 6, day: 30)!

    static let header = "具体问题,整改措施,责任单位,完成时限,整改进度,状态,完成日期,编号"
    static let masterRows = [
        "(1)问题一,措施A,办公室,2025年6月30日,正在推进,正在推进,,1-1",
        "(1)问题一,措施B,科普股,2025年6月30日,正在推进,正在推进,,1-2",
        "(2)问题二,措施C,办公室,2025年12月31日,未启动,未启动,,2-1",
    ]

    static func snapshot(_ metadata: LedgerSnapshot.Metadata?, keys: Bool = true) -> LedgerSnapshot {
        var columns: [String: LedgerSnapshot.Role] = [
            "具体问题": .field(.issueText), "整改措施": .field(.measure), "责任单位": .field(.unit),
            "完成时限": .field(.deadline), "整改进度": .field(.status), "状态": .statusChoice, "完成日期": .field(.dateDone),
        ]
        if keys { columns["编号"] = .key }
        return LedgerSnapshot(
            columns: columns, statusChoices: ["未启动": .notStarted, "正在推进": .inProgress, "已完成": .done], metadata: metadata)
    }

    static func read(_ rows: [String], file: String, snapshot: LedgerSnapshot?) throws -> Reconciliation {
        let table = csvTable(([header] + rows).joined(separator: "\n") + "\n", file: file)
        return try Reconciliation(issues: nil, tasks: table, configuration: .init(asOf: asOf, ledger: snapshot))
    }

    static func master() throws -> Reconciliation {
        try read(masterRows, file: "master.xlsx", snapshot: snapshot(.init(formatVersion: 1, asOf: asOf)))
    }

    /// A return: its rows, and whose it is (nil: the meta sheet is lost); `identity` and `asOf` override the master's.
    struct Return: Sendable, CustomStringConvertible {
        var name: String
        var rows: [String]
        var unit: String? = "办公室"
        var identity: String? = nil
        var asOf: LocalDateTime? = MergeTests.asOf
        var keys = true
        var description: String { name }
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var returns: [Return]
        var codes: [String]
        var changes: [String]
        var description: String { name }
    }

    static let office = ["(1)问题一,措施A,办公室,2025年6月30日,正在推进,正在推进,,1-1",
                         "(2)问题二,措施C,办公室,2025年12月31日,未启动,未启动,,2-1"]
    static let officeDone = ["(1)问题一,措施A,办公室,2025年6月30日,已完成,已完成,2025-06-28,1-1", office[1]]

    static let cases: [Case] = [
        Case(name: "own progress edit applied", returns: [Return(name: "办公室.xlsx", rows: officeDone)], codes: [],
             changes: ["1-1 status done", "1-1 progress-text 已完成", "1-1 date-done 2025-06-28"]),
        Case(name: "foreign edit refused",
             returns: [Return(name: "办公室.xlsx", rows: office + ["(1)问题一,措施B,科普股,2025年6月30日,已完成,已完成,,1-2"])],
             codes: ["foreign-edit"], changes: []),
        Case(name: "two returns disagree", returns: [
            Return(name: "a.xlsx", rows: officeDone),
            Return(name: "b.xlsx", rows: ["(1)问题一,措施A,办公室,2025年6月30日,未启动,未启动,2025-06-28,1-1", office[1]]),
        ], codes: ["conflicting-returns", "conflicting-returns"], changes: ["1-1 date-done 2025-06-28"]),
        Case(name: "two returns agree", returns: [Return(name: "a.xlsx", rows: officeDone), Return(name: "b.xlsx", rows: officeDone)],
             codes: [], changes: ["1-1 status done", "1-1 progress-text 已完成", "1-1 date-done 2025-06-28"]),
        Case(name: "changed measure text is a change request",
             returns: [Return(name: "办公室.xlsx", rows: ["(1)问题一,措施A改,办公室,2025年6月30日,正在推进,正在推进,,1-1", office[1]])],
             codes: ["change-request"], changes: []),
        Case(name: "changed deadline is a change request",
             returns: [Return(name: "办公室.xlsx", rows: ["(1)问题一,措施A,办公室,2025年9月30日,正在推进,正在推进,,1-1", office[1]])],
             codes: ["change-request"], changes: []),
        Case(name: "deadline rewritten as the same date is no change request",
             returns: [Return(name: "办公室.xlsx", rows: ["(1)问题一,措施A,办公室,2025-06-30,正在推进,正在推进,,1-1", office[1]])],
             codes: [], changes: []),
        Case(name: "added row", returns: [Return(name: "办公室.xlsx", rows: office + ["(2)问题二,措施D,办公室,2025年12月31日,未启动,未启动,,"])],
             codes: ["measure-added"], changes: []),
        Case(name: "rows in another order: matched by key", returns: [Return(name: "办公室.xlsx", rows: officeDone.reversed())],
             codes: [], changes: ["1-1 status done", "1-1 progress-text 已完成", "1-1 date-done 2025-06-28"]),
        Case(name: "rows in another order, one deleted and one unknown",
             returns: [Return(name: "办公室.xlsx", rows: ["(2)问题二,措施E,办公室,2025年12月31日,未启动,未启动,,9-9", officeDone[0]])],
             codes: ["unknown-key", "measure-deleted"], changes: ["1-1 status done", "1-1 progress-text 已完成", "1-1 date-done 2025-06-28"]),
        Case(name: "deleted row", returns: [Return(name: "办公室.xlsx", rows: [office[0]])], codes: ["measure-deleted"], changes: []),
        Case(name: "key not in the master", returns: [Return(name: "办公室.xlsx", rows: office + ["(2)问题二,措施E,办公室,2025年12月31日,未启动,未启动,,9-9"])],
             codes: ["unknown-key"], changes: []),
        Case(name: "another master", returns: [Return(name: "办公室.xlsx", rows: officeDone, identity: "0000000000000000")],
             codes: ["stale-return"], changes: []),
        Case(name: "another as-of date", returns: [Return(name: "办公室.xlsx", rows: officeDone, asOf: LocalDateTime(year: 2025, month: 5, day: 31)!)],
             codes: ["stale-return"], changes: []),
        Case(name: "meta sheet lost: merged by key, unit from its rows", returns: [Return(name: "办公室.xlsx", rows: officeDone, unit: nil)],
             codes: ["unverified-return"], changes: ["1-1 status done", "1-1 progress-text 已完成", "1-1 date-done 2025-06-28"]),
        Case(name: "keys lost", returns: [Return(name: "办公室.xlsx", rows: officeDone, keys: false)],
             codes: ["ledger-keys-missing"], changes: []),
        Case(name: "drop-down changed, text not", returns: [Return(name: "办公室.xlsx", rows: ["(1)问题一,措施A,办公室,2025年6月30日,正在推进,已完成,,1-1", office[1]])],
             codes: ["status-disagreement"], changes: ["1-1 status done"]),
        // Texts of other bytes with the same key (NFKC, whitespace removed) are the same text; the drop-down's
        // word is found by its key when it is not written exactly as a choice.
        Case(name: "measure text in full-width letters is no change request",
             returns: [Return(name: "办公室.xlsx", rows: ["(1)问题一,措施Ａ,办公室,2025年6月30日,正在推进,正在推进,,1-1", office[1]])],
             codes: [], changes: []),
        Case(name: "drop-down word with a space inside still chooses",
             returns: [Return(name: "办公室.xlsx", rows: ["(1)问题一,措施A,办公室,2025年6月30日,正在推进,已 完成,,1-1", office[1]])],
             codes: ["status-disagreement"], changes: ["1-1 status done"]),
        Case(name: "drop-down word that is no choice: the text decides",
             returns: [Return(name: "办公室.xlsx", rows: ["(1)问题一,措施A,办公室,2025年6月30日,已完成,完成了吗,,1-1", office[1]])],
             codes: [], changes: ["1-1 status done", "1-1 progress-text 已完成"]),
        Case(name: "drop-down left empty: the text decides",
             returns: [Return(name: "办公室.xlsx", rows: ["(1)问题一,措施A,办公室,2025年6月30日,已完成,,2025-06-28,1-1", office[1]])],
             codes: [], changes: ["1-1 status done", "1-1 progress-text 已完成", "1-1 date-done 2025-06-28"]),
    ]

    @Test("merge rules", arguments: cases)
    func rule(_ row: Case) throws {
        let master = try MergeTests.master()
        let returns = try row.returns.map { ret in
            let metadata = ret.unit.map { unit in
                LedgerSnapshot.Metadata(formatVersion: 1, asOf: ret.asOf, master: ret.identity ?? master.plan.fingerprint,
                                        part: .init(grouping: .unit, name: unit))
            }
            return ReturnedLedger(name: ret.name, result: try MergeTests.read(
                ret.rows, file: ret.name, snapshot: MergeTests.snapshot(metadata, keys: ret.keys)))
        }
        let merge = master.merging(returns)
        #expect(merge.findings.map(\.code.rawValue) == row.codes)
        #expect(merge.changes.map { "\($0.key) \($0.field.rawValue) \($0.new)" } == row.changes)
        // Whatever was refused, the master's measures keep their keys and texts.
        #expect(merge.merged.plan.fingerprint == master.plan.fingerprint)
    }

    @Test("a return with its columns in another order and a short row: each side's cells found by its own columns")
    func columnsInAnotherOrder() throws {
        let master = try MergeTests.master()
        // 完成日期 last: the office's row ends before it (no value past the row's end is an edit), the office's own
        // row gives a date the master's leaves empty.
        let header = "具体问题,整改措施,责任单位,完成时限,整改进度,状态,编号,完成日期"
        let rows = ["(1)问题一,措施A,办公室,2025年6月30日,正在推进,正在推进,1-1,2025-06-28",
                    "(2)问题二,措施C,办公室,2025年12月31日,未启动,未启动,2-1"]
        let table = csvTable(([header] + rows).joined(separator: "\n") + "\n", file: "办公室.xlsx")
        let snapshot = MergeTests.snapshot(.init(formatVersion: 1, asOf: MergeTests.asOf, master: master.plan.fingerprint,
                                                 part: .init(grouping: .unit, name: "办公室")))
        let ret = try Reconciliation(issues: nil, tasks: table, configuration: .init(asOf: MergeTests.asOf, ledger: snapshot))
        let merge = master.merging([ReturnedLedger(name: "办公室.xlsx", result: ret)])
        #expect(merge.findings.map(\.code.rawValue) == [])
        #expect(merge.changes.map { "\($0.key) \($0.field.rawValue) “\($0.old)” \($0.new)" } == ["1-1 date-done “” 2025-06-28"])
    }

    @Test("a change re-times the measure and recounts the rollups")
    func retimed() throws {
        let master = try MergeTests.master()
        let ret = try MergeTests.read(MergeTests.officeDone, file: "办公室.xlsx", snapshot: MergeTests.snapshot(
            .init(formatVersion: 1, asOf: MergeTests.asOf, master: master.plan.fingerprint, part: .init(grouping: .unit, name: "办公室"))))
        #expect(master.summary.dueSoon == 2)
        let merged = master.merging([ReturnedLedger(name: "办公室.xlsx", result: ret)]).merged
        #expect(merged.summary.done == 1)
        #expect(merged.summary.dueSoon == 1)
        #expect(!merged.findings.contains { $0.code == .dueSoon && $0.subject == .measure("1-1") })
        #expect(merged.plan.measure("1-1")?[.dateDone] == "2025-06-28")
    }
}
