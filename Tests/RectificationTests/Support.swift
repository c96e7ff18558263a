import Foundation
import Rectification
import TabularCore

/// A minimal CSV reader for test inputs and the samples: BOM, CRLF or LF, `"` quoting with `""` escapes.
/// (The real reader lives in TabularCSV; this one only needs the samples' simple quoting.)
func csvTable(_ text: String, file: String = "tasks.csv") -> Table {
    var rows: [Row] = []
    var cells: [CellValue] = []
    var field = ""
    var quoted = false
    var line = 1
    var recordLine = 1
    var fieldStarted = false
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    let characters = Array(text)
    var index = 0
    func endField() {
        cells.append(field.isEmpty ? .empty : .text(field))
        field = ""
        fieldStarted = false
    }
    while index < characters.count {
        let character = characters[index]
        if quoted {
            if character == "\"" {
                if index + 1 < characters.count, characters[index + 1] == "\"" {
                    field.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else {
                if character == "\n" || character == "\r\n" { line += 1 }
                field.append(character)
            }
        } else if character == "\"" && !fieldStarted {
            quoted = true
            fieldStarted = true
        } else if character == "," {
            endField()
        } else if character == "\n" || character == "\r\n" || character == "\r" {
            endField()
            rows.append(Row(cells: cells, line: recordLine))
            cells = []
            line += 1
            recordLine = line
        } else {
            field.append(character)
            fieldStarted = true
        }
        index += 1
    }
    if fieldStarted || !cells.isEmpty {
        endField()
        rows.append(Row(cells: cells, line: recordLine))
    }
    return Table(name: (file as NSString).deletingPathExtension, file: file, rows: rows)
}

/// A table from literal rows, line numbers 1, 2, 3 …; empty strings are empty cells.
func table(_ rows: [[String]], file: String = "tasks.csv", merged: [String] = []) -> Table {
    Table(
        name: file, file: file,
        rows: rows.enumerated().map { index, cells in
            Row(cells: cells.map { $0.isEmpty ? .empty : .text($0) }, line: index + 1)
        },
        mergedRanges: merged.compactMap { CellRange(a1: $0) })
}

/// A date literal, `day(2025, 3, 31)`.
func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDateTime {
    LocalDateTime(year: year, month: month, day: day)!
}

/// The as-of date of the seed report (its signature date).
let seedAsOf = day(2025, 12, 4)

/// Reads a sample file from Samples/rectification.
func sample(_ name: String) throws -> Table {
    let path = packageRootPath + "/Samples/rectification/" + name
    return csvTable(try String(contentsOfFile: path, encoding: .utf8), file: name)
}

/// The package root, from this file's path.
let packageRootPath: String = {
    var path = #filePath as NSString
    for _ in 0..<3 { path = path.deletingLastPathComponent as NSString }
    return path as String
}()

/// The header of a small task table used across tests.
let taskHeader = ["序号", "问题编号", "整改措施", "责任领导", "责任单位", "责任人", "完成时限", "完成情况"]

/// The issue definitions used across tests: two aspects, three problems, four issues.
let smallIssues = table([
    ["序号", "方面", "问题", "具体问题"],
    ["(1)", "(一)学习方面", "1.学习不深入", "学习不全面"],
    ["(2)", "", "", "学习流于表面"],
    ["(3)", "", "2.服务有差距", "走访不到位"],
    ["(4)", "(二)廉政方面", "3.风险防控不到位", "内控制度不健全"],
], file: "issues.csv")

/// Reconciles tasks against `smallIssues` (or other definitions) as of 2025-12-04.
func reconcile(
    _ tasks: [[String]], issues: Table? = smallIssues, roster: Table? = nil,
    configure: (inout Reconciliation.Configuration) -> Void = { _ in }
) throws -> Reconciliation {
    var configuration = Reconciliation.Configuration(asOf: seedAsOf)
    configure(&configuration)
    return try Reconciliation(issues: issues, tasks: table([taskHeader] + tasks), roster: roster, configuration: configuration)
}

/// One valid, done measure row for an issue.
func doneRow(_ id: String, issue: String, measure: String? = nil) -> [String] {
    [id, issue, measure ?? "措施\(id)", "王某某", "办公室", "张某某", "2025年3月31日", "已完成"]
}

/// Rows that give every issue of `smallIssues` one done measure.
let coveringRows = [doneRow("1", issue: "(1)"), doneRow("2", issue: "(2)"), doneRow("3", issue: "(3)"), doneRow("4", issue: "(4)")]

extension Reconciliation {
    /// The codes of the findings, in order.
    var codes: [String] { findings.map(\.code.rawValue) }
}

/// A workbook's task breakdown with a merged banner, a two-row header (责任主体 over three columns) and one issue's
/// cell merged over two measures (B4:B5): five measures of four issues of `smallIssues`.
func mergedTaskBreakdown() -> Table {
    table([
        ["整改任务分解表", "", "", "", "", "", "", ""],
        ["序号", "问题编号", "整改措施", "责任主体", "", "", "完成时限", "完成情况"],
        ["", "", "", "责任领导", "责任单位", "责任人", "", ""],
        ["1", "(1)", "措施1", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
        ["2", "", "措施2", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
        ["3", "(2)", "措施3", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
        ["4", "(3)", "措施4", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
        ["5", "(4)", "措施5", "王某某", "办公室", "张某某", "长期坚持", "已完成"],
    ], merged: ["A1:H1", "D2:F2", "A2:A3", "B2:B3", "C2:C3", "G2:G3", "H2:H3", "B4:B5"])
}
