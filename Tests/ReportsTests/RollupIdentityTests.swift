import Foundation
import Rectification
@testable import Reports
import TabularCore
import TestSupport
import Testing

/// A task table of random measures against `fixtureIssues`: known and unknown issue references, statuses done,
/// ongoing, under way, not started and not understood, deadlines past, near, far, long-term and unreadable, zero to
/// two units and leaders.
private func generatedRows(seed: UInt64) -> [[String]] {
    var random = SeededGenerator(seed: seed)
    let statuses = ["已完成", "已完成并长期坚持", "正在推进", "未启动", "", "差不多了", "60%", "100%", "进行中", "待定吧"]
    let deadlines = ["2025年11月30日", "2025年12月8日", "2026年3月31日", "长期坚持", "立行立改", "尽快", "12月底前", "2025年1月1日"]
    let units = ["办公室", "科普股", "学会部", ""]
    let leaders = ["王某某", "李某某", ""]
    let issues = ["(1)", "(2)", "(3)", "(9)"]
    let count = Int.random(in: 1...30, using: &random)
    return (1...count).map { index in
        let unitCount = Int.random(in: 0...2, using: &random)
        let unit = (0..<unitCount).map { _ in units.randomElement(using: &random)! }.filter { !$0.isEmpty }
        return [
            String(index), issues.randomElement(using: &random)!, "措施\(index)", leaders.randomElement(using: &random)!,
            unit.joined(separator: "、"), "张某某", deadlines.randomElement(using: &random)!,
            statuses.randomElement(using: &random)!,
        ]
    }
}

/// Whether a tally's status buckets add up to its measures and overdue and due soon lie within the unfinished.
private func addsUp(_ t: Tally) -> Bool {
    t.measures == t.done + t.doneOngoing + t.inProgress + t.notStarted + t.unrecognized
        && t.overdue + t.dueSoon <= t.unfinished
}

/// The integers in a text, in order.
private func numbers(in text: String) -> [Int] {
    text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
}

@Suite("The numbers add up in every output")
struct RollupIdentityTests {
    @Test("measures = done + done-and-ongoing + in progress + not started + unrecognized, for every group and output",
          arguments: 0..<150)
    func identity(seed: Int) throws {
        let result = try reconcile(generatedRows(seed: UInt64(seed)))
        let rollups = result.rollups
        let s = result.summary
        // The rollup, every group of it.
        #expect(addsUp(rollups.total))
        let groups = rollups.aspects.map(\.tally) + rollups.problems.map(\.tally) + rollups.units.map(\.tally)
            + rollups.leaders.map(\.tally) + rollups.people.map(\.tally) + [rollups.withoutUnit, rollups.withoutLeader]
        #expect(groups.allSatisfy(addsUp))
        #expect(rollups.aspects.map(\.tally.measures).reduce(0, +) + rollups.withoutAspect.measures == s.measures)
        #expect(rollups.leaders.isEmpty || rollups.leaders.map(\.tally.measures).reduce(0, +) + rollups.withoutLeader.measures == s.measures)
        #expect(s.tally == rollups.total)

        // JSON, read back by Foundation.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(FindingsJSON.render(result).utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Int])
        let buckets = ["done", "doneOngoing", "inProgress", "notStarted", "unrecognized"].compactMap { summary[$0] }
        #expect(buckets.count == 5 && buckets.reduce(0, +) == summary["measures"])

        // The paragraph: 制定措施M个，已完成D个（其中长期坚持O个），正在推进P个，未启动N个[，状态无法识别U个]；未完成的措施中逾期L个.
        let paragraph = SummaryText.paragraph(result)
        let measures = try #require(paragraph.range(of: "制定措施"))
        let counts = numbers(in: String(paragraph[measures.lowerBound...]))
        let said = counts.count >= 5 ? counts : []
        #expect(said.first == s.measures)
        let doneSaid = said.dropFirst().first ?? -1
        let rest = Array(said.dropFirst(s.doneOngoing > 0 ? 3 : 2))
        let statusSaid = doneSaid + rest.prefix(s.unrecognized > 0 ? 3 : 2).reduce(0, +)
        #expect(statusSaid == s.measures, "the paragraph's statuses add up: \(paragraph)")
        #expect(rest.dropFirst(s.unrecognized > 0 ? 3 : 2).first == s.overdue)

        // The rollup line of `check`.
        let line = FindingsText.rollupLine(s)
        let lineCounts = numbers(in: line)
        let statusCounts = Array(lineCounts.dropFirst(4).prefix(s.unrecognized > 0 ? 4 : 3))
        #expect(statusCounts.reduce(0, +) == s.measures, "\(line)")

        // The 统计汇总 sheet's columns for every row it writes.
        let rows = LedgerSummarySheet.aspectRows(result, labels: LedgerLabels(.chinese))
            + LedgerSummarySheet.groupRows(result, key: .unit, labels: LedgerLabels(.chinese))
            + LedgerSummarySheet.groupRows(result, key: .leader, labels: LedgerLabels(.chinese))
        for (_, tally) in rows {
            let values = LedgerSummarySheet.values(tally)
            #expect(values[1] + values[2] + values[3] + values[4] == values[0])
        }
        #expect(rows.prefix(rollups.aspects.count + (rollups.withoutAspect.measures > 0 ? 1 : 0)).map(\.tally.measures).reduce(0, +) == s.measures)
    }
}
