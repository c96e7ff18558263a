import Foundation
import Rectification
import TabularCore
import TabularCSV
import TestSupport
import Reports

/// The as-of date of the ledger tests: mid-year, so that the synthetic rows below are overdue and due soon.
let ledgerAsOf = day(2025, 6, 30)

/// Rows added to the sample task table (same columns as tasks.csv): one overdue by 30 days (line 49), one due in 5
/// days (line 50), one long-term and under way (line 51, never overdue), one not started with a compound deadline.
let syntheticTaskRows: [[String]] = [
    ["48", "(一)聚焦党中央决策部署在基层落实情况方面", "1.学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神不深入", "(1)", "学习不全面",
     "测试：建立学习台账，逐月登记学习内容。", "王某某", "办公室", "杨某某", "2025年5月31日", "正在推进"],
    ["49", "(一)聚焦党中央决策部署在基层落实情况方面", "1.学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神不深入", "(2)", "学习流于表面",
     "测试：组织专题研讨，形成研讨材料。", "李某某", "科普股", "刘某某", "2025-07-05", "未启动"],
    ["50", "(一)聚焦党中央决策部署在基层落实情况方面", "1.学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神不深入", "(3)", "学用结合不够",
     "测试：常态化开展科普进村活动。", "王某某", "办公室", "杨某某", "长期坚持", "正在推进"],
    ["51", "(一)聚焦党中央决策部署在基层落实情况方面", "1.学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神不深入", "(3)", "学用结合不够",
     "测试：立行立改并长期坚持的措施。", "赵某某", "学会部", "周某某", "立行立改并长期坚持", "正在推进"],
]

/// The sample task table, read with the real CSV reader, plus `syntheticTaskRows` (lines 49…).
func ledgerTasks(extraRows: [[String]] = syntheticTaskRows) throws -> Table {
    var tasks = try CSVReader.readTable(path: packagePath("Samples/rectification/tasks.csv"))
    let next = (tasks.rows.last?.line ?? 0) + 1
    for (offset, cells) in extraRows.enumerated() {
        tasks.rows.append(Row(cells: cells.map { $0.isEmpty ? .empty : .text($0) }, line: next + offset))
    }
    return tasks
}

/// The sample reconciled as of 2025-06-30 (feedback 2025-02-13, plan 2025-03-11), with the synthetic rows.
func ledgerSample(extraRows: [[String]] = syntheticTaskRows) throws -> Reconciliation {
    let issues = try CSVReader.readTable(path: packagePath("Samples/rectification/issues.csv"))
    let configuration = Reconciliation.Configuration(
        asOf: ledgerAsOf, feedbackDate: day(2025, 2, 13), planDate: day(2025, 3, 11), kind: .xuncha)
    return try Reconciliation(issues: issues, tasks: try ledgerTasks(extraRows: extraRows), configuration: configuration)
}

/// The options the tests write with: a unit, a fixed creation time and report date.
func ledgerOptions(language: Language = .chinese) -> LedgerOptions {
    LedgerOptions(unit: "县科协", language: language, creationTime: 1_751_241_600, reportDate: day(2025, 7, 1))
}
