import Rectification
import TabularCore
import Testing

/// One movement case: measure 5 (issue (1)) as it stood on 2025-06-30 and as it stands on 2025-07-31, next to the
/// four done measures of `coveringRows`; nil for a measure not in that snapshot.
struct DiffCase: Sendable, CustomTestStringConvertible {
    var name: String
    var old: [String]?
    var new: [String]?
    var kinds: [MeasureDiff.Kind]
    var testDescription: String { name }
}

/// Measure 5 of issue (1), with the given fields (the others as in `doneRow`).
func measure5(
    text: String = "措施5", leader: String = "王某某", unit: String = "办公室", person: String = "张某某",
    deadline: String = "2025年12月31日", status: String = "正在推进"
) -> [String] {
    ["5", "(1)", text, leader, unit, person, deadline, status]
}

let oldAsOf = day(2025, 6, 30)
let newAsOf = day(2025, 7, 31)

/// The two snapshots of a case, each reconciled on its own as-of date.
func snapshots(_ old: [String]?, _ new: [String]?) throws -> (Reconciliation, Reconciliation) {
    let before = try reconcile(coveringRows + (old.map { [$0] } ?? [])) { $0.asOf = oldAsOf }
    let after = try reconcile(coveringRows + (new.map { [$0] } ?? [])) { $0.asOf = newAsOf }
    return (before, after)
}

@Suite("Diff of two snapshots by stable measure key")
struct MeasureDiffTests {
    @Test("each movement kind", arguments: [
        DiffCase(name: "newly done", old: measure5(), new: measure5(status: "已完成"), kinds: [.newlyDone]),
        DiffCase(name: "done and kept up counts as newly done", old: measure5(status: "未启动"),
                 new: measure5(status: "已完成并长期坚持"), kinds: [.newlyDone]),
        DiffCase(name: "overdue by the passing of time alone", old: measure5(deadline: "2025年7月15日"),
                 new: measure5(deadline: "2025年7月15日"), kinds: [.newlyOverdue]),
        DiffCase(name: "due soon by the passing of time alone", old: measure5(deadline: "2025年8月3日"),
                 new: measure5(deadline: "2025年8月3日"), kinds: [.newlyDueSoon]),
        DiffCase(name: "not started to in progress", old: measure5(status: "未启动"), new: measure5(status: "正在推进"),
                 kinds: [.statusChanged]),
        DiffCase(name: "reopened: done to in progress", old: measure5(status: "已完成"), new: measure5(status: "正在推进"),
                 kinds: [.statusChanged]),
        DiffCase(name: "deadline moved", old: measure5(deadline: "2025年9月30日"), new: measure5(deadline: "年底前"),
                 kinds: [.deadlineChanged]),
        DiffCase(name: "deadline moved into the past", old: measure5(deadline: "2025年12月31日"),
                 new: measure5(deadline: "2025年7月1日"), kinds: [.newlyOverdue, .deadlineChanged]),
        DiffCase(name: "leader", old: measure5(), new: measure5(leader: "李某某"), kinds: [.leaderChanged]),
        DiffCase(name: "unit", old: measure5(), new: measure5(unit: "科普股"), kinds: [.unitChanged]),
        DiffCase(name: "person", old: measure5(), new: measure5(person: "刘某某"), kinds: [.personChanged]),
        DiffCase(name: "measure text", old: measure5(), new: measure5(text: "措施5（修订）"), kinds: [.textChanged]),
        DiffCase(name: "added", old: nil, new: measure5(), kinds: [.added]),
        DiffCase(name: "removed", old: measure5(), new: nil, kinds: [.removed]),
        DiffCase(name: "names reordered or written with other commas are no change",
                 old: measure5(unit: "办公室、科普股"), new: measure5(unit: "科普股，办公室"), kinds: []),
        DiffCase(name: "立行立改 due on each snapshot's own date is no change",
                 old: measure5(deadline: "立行立改"), new: measure5(deadline: "立行立改"), kinds: []),
        DiffCase(name: "new wording with the same progress is no change",
                 old: measure5(status: "正在推进"), new: measure5(status: "正在整改"), kinds: []),
    ])
    func movement(_ row: DiffCase) throws {
        let (old, new) = try snapshots(row.old, row.new)
        let diff = MeasureDiff(old: old, new: new)
        #expect(diff.changes.map(\.kind) == row.kinds)
        #expect(diff.changes.allSatisfy { $0.key == "5" })
        for kind in MeasureDiff.Kind.allCases {
            #expect(diff.totals[kind] == row.kinds.filter { $0 == kind }.count)
        }
        #expect(diff.oldAsOf == oldAsOf)
        #expect(diff.newAsOf == newAsOf)
    }

    @Test("a movement carries what it moved from and to")
    func values() throws {
        let (old, new) = try snapshots(measure5(unit: "办公室", deadline: "2025年9月30日"),
                                       measure5(unit: "科普股", deadline: "年底前", status: "已完成"))
        let diff = MeasureDiff(old: old, new: new)
        #expect(diff.changes.map(\.kind) == [.newlyDone, .deadlineChanged, .unitChanged])
        guard case .newlyDone(let from, let to) = diff.changes[0].movement else { Testing.Issue.record("unexpected movement"); return }
        #expect(from.progress == .inProgress && to.progress == .done)
        guard case .deadlineChanged(let before, let after) = diff.changes[1].movement else { Testing.Issue.record("unexpected movement"); return }
        #expect(before.text == "2025年9月30日" && before.due == day(2025, 9, 30))
        #expect(after.text == "年底前" && after.due == day(2025, 12, 31))
        guard case .unitChanged(let units, let now) = diff.changes[2].movement else { Testing.Issue.record("unexpected movement"); return }
        #expect(units == ["办公室"] && now == ["科普股"])
        // Counted for the new snapshot's unit.
        #expect(diff.changes.allSatisfy { $0.units == ["科普股"] })
    }

    @Test("per unit: a measure with two units counts for each; units of either snapshot are listed with their tallies")
    func perUnit() throws {
        let (old, new) = try snapshots(measure5(unit: "学会部"), measure5(unit: "科普股、机关党支部", status: "已完成"))
        let diff = MeasureDiff(old: old, new: new)
        #expect(diff.units.map(\.name) == ["办公室", "科普股", "机关党支部", "学会部"])
        let byName = Dictionary(uniqueKeysWithValues: diff.units.map { ($0.name, $0) })
        #expect(byName["科普股"]?.counts[.newlyDone] == 1)
        #expect(byName["机关党支部"]?.counts[.newlyDone] == 1)
        #expect(byName["机关党支部"]?.counts[.unitChanged] == 1)
        #expect(byName["学会部"]?.counts.total == 0)
        #expect(byName["学会部"]?.before.measures == 1)
        #expect(byName["学会部"]?.after.measures == 0)
        #expect(byName["办公室"]?.before.measures == 4)
        #expect(diff.totals[.newlyDone] == 1)
        #expect(diff.totals.total == 2)
    }

    @Test("the rollups before and after each keep the identity measures = done + ongoing + in progress + not started + unrecognized")
    func rollups() throws {
        let (old, new) = try snapshots(measure5(status: "未启动"), measure5(status: "已完成"))
        let diff = MeasureDiff(old: old, new: new)
        for tally in [diff.before, diff.after] {
            #expect(tally.measures == tally.done + tally.doneOngoing + tally.inProgress + tally.notStarted + tally.unrecognized)
        }
        #expect(diff.before.notStarted == 1 && diff.after.notStarted == 0)
        #expect(diff.before.allDone == 4 && diff.after.allDone == 5)
        #expect(diff.before == old.rollups.total && diff.after == new.rollups.total)
    }

    @Test("changes are listed by kind, then by running number; removed measures keep their old number")
    func order() throws {
        let old = try reconcile(coveringRows.map { row in var row = row; row[7] = "正在推进"; return row })
            { $0.asOf = oldAsOf }
        var rows = coveringRows
        rows.removeFirst()
        let new = try reconcile(rows + [measure5()]) { $0.asOf = newAsOf }
        let diff = MeasureDiff(old: old, new: new)
        #expect(diff.changes.map(\.kind) == [.newlyDone, .newlyDone, .newlyDone, .added, .removed])
        #expect(diff.changes.map(\.key.rawValue) == ["2", "3", "4", "5", "1"])
    }
}
