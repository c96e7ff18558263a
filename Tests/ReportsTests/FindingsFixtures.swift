import Foundation
import Rectification
import TabularCore

/// A table from literal rows, line numbers 1, 2, 3 …; empty strings are empty cells.
func table(_ rows: [[String]], file: String) -> Table {
    Table(name: file, file: file, rows: rows.enumerated().map { index, cells in
        Row(cells: cells.map { $0.isEmpty ? .empty : .text($0) }, line: index + 1)
    })
}

/// A date literal.
func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDateTime {
    LocalDateTime(year: year, month: month, day: day)!
}

let fixtureIssues = table([
    ["序号", "方面", "问题", "具体问题"],
    ["(1)", "(一)学习方面", "1.学习不深入", "学习不全面"],
    ["(2)", "", "", "学习流于表面"],
    ["(3)", "(二)廉政方面", "2.风险防控不到位", "内控制度不健全"],
], file: "issues.csv")

let fixtureHeader = ["序号", "问题编号", "整改措施", "责任领导", "责任单位", "责任人", "完成时限", "完成情况"]

/// Reconciles task rows against `fixtureIssues` as of 2025-12-04.
func reconcile(_ rows: [[String]]) throws -> Reconciliation {
    try Reconciliation(
        issues: fixtureIssues, tasks: table([fixtureHeader] + rows, file: "tasks.csv"),
        configuration: .init(asOf: day(2025, 12, 4), kind: .xuncha))
}

/// Three issues, five measures: one overdue, one unknown reference (line 6), one unknown status (line 5).
let troubledRows = [
    ["1", "(1)", "措施1", "王某某", "办公室", "张某某", "2025年11月30日", "正在推进"],
    ["2", "(1)", "措施2", "王某某", "办公室", "张某某", "长期坚持", "已完成并长期坚持"],
    ["3", "(2)", "措施3", "李某某", "科普股", "陈某某", "长期坚持", "已完成"],
    ["4", "(3)", "措施4", "赵某某", "办公室", "周某某", "长期坚持", "差不多了"],
    ["5", "(9)", "措施5", "赵某某", "办公室", "周某某", "长期坚持", "已完成"],
]

/// Rows with no finding: every issue done.
let cleanRows = [
    ["1", "(1)", "措施1", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
    ["2", "(2)", "措施2", "李某某", "科普股", "陈某某", "长期坚持", "已完成并长期坚持"],
    ["3", "(3)", "措施3", "赵某某", "办公室", "周某某", "2025年3月31日", "已完成"],
]
