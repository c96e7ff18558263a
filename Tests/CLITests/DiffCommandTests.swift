import Foundation
import TestSupport
import Testing

/// Two snapshots of the sample made by editing copies of Samples/rectification/tasks.csv: the old one (as of
/// 2025-06-30) written as XLSX by openpyxl, the new one (as of 2025-07-31) as CSV.
///
/// Old: measures 17, 21, 6 and 10 正在推进, 24 未启动 (the rest as in the sample, 已…完成并长期坚持).
/// New: 17 已完成, 21 back to the sample's 已整改完成并长期坚持, 24 正在推进, 6 still 正在推进 with its deadline moved
/// from 长期坚持 to 2025年8月5日, 10 still 正在推进 (上半年, so overdue by 31 days now and due today then), 5's person
/// 刘某某 → 陈某某, 47 deleted, 48 added (办公室, 2025年9月30日, 正在推进).
private let makeSnapshots = """
import csv, copy, sys, openpyxl
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))
head, body = rows[0], rows[1:]
columns = {'person': 8, 'deadline': 9, 'status': 10}
def edit(rows, number, **values):
    for row in rows:
        if row[0] == str(number):
            for name, value in values.items():
                row[columns[name]] = value
old = copy.deepcopy(body)
for number in (17, 21, 6, 10):
    edit(old, number, status='正在推进')
edit(old, 24, status='未启动')
new = copy.deepcopy(body)
edit(new, 17, status='已完成')
edit(new, 24, status='正在推进')
edit(new, 6, status='正在推进', deadline='2025年8月5日')
edit(new, 10, status='正在推进')
edit(new, 5, person='陈某某')
added = list(new.pop())
added[0], added[5], added[9], added[10] = '48', '建立差旅费报销审核台账，每季度抽查一次。', '2025年9月30日', '正在推进'
new.append(added)
book = openpyxl.Workbook()
sheet = book.active
sheet.append(head)
for row in old:
    sheet.append([int(row[0])] + row[1:])
book.save(sys.argv[2])
with open(sys.argv[3], 'w', encoding='utf-8-sig', newline='') as file:
    csv.writer(file).writerows([head] + new)
"""

@Suite("tracksheet diff on two snapshots of the sample")
struct DiffCommandTests {
    let folder: TemporaryDirectory
    let old: String
    let new: String
    let dates = ["--old-as-of", "2025-06-30", "--as-of", "2025-07-31"]

    init() throws {
        folder = try TemporaryDirectory()
        old = folder.file("6月任务表.xlsx")
        new = folder.file("7月任务表.csv")
        _ = try runPython(makeSnapshots, [packagePath("Samples/rectification/tasks.csv"), old, new])
    }

    /// A deadline naming a plan phase (短期) is timed by --phase in both snapshots, as `check` and `report` time it:
    /// due 2025-06-30, 15 days ahead on the old date and 15 days late on the new one (by hand).
    @Test("a phase deadline is timed in both snapshots with --phase, as in check")
    func phaseDeadlines() throws {
        let table = folder.file("阶段任务表.csv")
        try """
            序号,方面,问题,具体问题,整改措施,责任单位,完成时限,完成情况
            1,一、方面一,1.问题一,(1)具体问题一,措施甲,办公室,短期,正在推进

            """.write(toFile: table, atomically: true, encoding: .utf8)
        let dates = ["--old-as-of", "2025-06-15", "--as-of", "2025-07-15"]
        let timed = try runTracksheet(["diff", table, table, "--phase", "短期=2025-06-30"] + dates)
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(timed.stdout.contains("新增逾期1项"), "\(timed.stdout)")
        #expect(timed.stdout.contains("逾期15天（时限2025-06-30）"), "\(timed.stdout)")
        let untimed = try runTracksheet(["diff", table, table] + dates)
        #expect(untimed.status == 0, "\(untimed.stderr)")
        #expect(untimed.stdout.contains("本期无变化") && untimed.stdout.contains("新增逾期0项"), "\(untimed.stdout)")
    }

    @Test("the paragraph, one line per change, the totals and the counts before and after, worked out by hand")
    func chineseText() throws {
        let result = try runTracksheet(["diff", old, new] + dates)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == """
            截至2025年7月31日（上次2025年6月30日），本期新完成措施2项（办公室1项、科普股1项），新增逾期1项（学会部1项），\
            临近时限1项（科普股1项）；其他状态变化1项，完成时限调整1项，责任人调整1项；新增措施1项，删除措施1项。
            措施17（办公室）新完成：正在推进 → 已完成
            措施21（科普股）新完成：正在推进 → 已完成并长期坚持
            措施10（学会部）新增逾期：今天到期 → 逾期31天（时限2025-06-30）
            措施6（科普股）临近时限：无明确时限 → 5天内到期（时限2025-08-05）
            措施24（科普股）状态变化：未启动 → 正在推进
            措施6（科普股）完成时限调整：长期坚持 → 2025年8月5日（2025-08-05）
            措施5（学会部）责任人调整：刘某某 → 陈某某
            措施48（办公室）新增措施：“建立差旅费报销审核台账,每季度抽查一次。”
            措施47（办公室）删除措施：“3月10日,周例会上组织全体干部职工学习《青神县财政局关于厉行节约相关制度办法有…”
            合计：新完成2项，新增逾期1项，临近时限1项，其他状态变化1项，完成时限调整1项，责任领导调整0项，责任单位调整0项，\
            责任人调整1项，措施内容调整0项，新增措施1项，删除措施1项。
            措施47→47个：已完成42→43个（其中长期坚持42→42个），正在推进4→4个，未启动1→0个，状态无法识别0→0个；逾期1→2个，临近时限2→1个。

            """)
    }

    @Test("the paragraph in English")
    func englishParagraph() throws {
        let result = try runTracksheet(["diff", old, new, "--lang", "en"] + dates)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("""
            As of 2025-07-31 (last 2025-06-30): 2 measures newly done (办公室 1, 科普股 1), 1 newly overdue (学会部 1), \
            1 newly due soon (科普股 1); 1 other status change, 1 deadline change, 1 person change; 1 measure added, 1 removed.
            Measure 17 (办公室) newly done: in progress → done

            """))
    }

    @Test("JSON: totals, tallies before and after, per unit, and the changes with key, units, kind, from and to")
    func json() throws {
        let result = try runTracksheet(["diff", old, new, "--format", "json"] + dates)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["oldAsOf"] as? String == "2025-06-30")
        #expect(document["asOf"] as? String == "2025-07-31")
        #expect(document["totals"] as? [String: Int] == [
            "newly-done": 2, "newly-overdue": 1, "newly-due-soon": 1, "status-changed": 1, "deadline-changed": 1,
            "leader-changed": 0, "unit-changed": 0, "person-changed": 1, "text-changed": 0, "added": 1, "removed": 1,
        ])
        let before = try #require(document["before"] as? [String: Int])
        let after = try #require(document["after"] as? [String: Int])
        #expect(before["measures"] == 47 && before["doneOngoing"] == 42 && before["done"] == 0)
        #expect(before["inProgress"] == 4 && before["notStarted"] == 1 && before["overdue"] == 1 && before["dueSoon"] == 2)
        #expect(after["measures"] == 47 && after["doneOngoing"] == 42 && after["done"] == 1)
        #expect(after["inProgress"] == 4 && after["notStarted"] == 0 && after["overdue"] == 2 && after["dueSoon"] == 1)
        for tally in [before, after] {
            #expect(tally["measures"] == tally["done"]! + tally["doneOngoing"]! + tally["inProgress"]!
                + tally["notStarted"]! + tally["unrecognized"]!)
        }
        let units = try #require(document["units"] as? [[String: Any]])
        #expect(units.map { $0["name"] as? String } == ["办公室", "学会部", "科普股", "机关党支部"])
        let science = try #require(units[2]["changes"] as? [String: Int])
        #expect(science["newly-done"] == 1 && science["newly-due-soon"] == 1 && science["status-changed"] == 1)
        let changes = try #require(document["changes"] as? [[String: Any]])
        let rows = changes.map { [$0["key"] as? String, $0["kind"] as? String, $0["from"] as? String, $0["to"] as? String] }
        #expect(rows == [
            ["17", "newly-done", "in-progress", "done"],
            ["21", "newly-done", "in-progress", "done-ongoing"],
            ["10", "newly-overdue", "due-soon", "overdue"],
            ["6", "newly-due-soon", "untimed", "due-soon"],
            ["24", "status-changed", "not-started", "in-progress"],
            ["6", "deadline-changed", "长期坚持", "2025年8月5日"],
            ["5", "person-changed", "刘某某", "陈某某"],
            ["48", "added", nil, "建立差旅费报销审核台账,每季度抽查一次。"],
            ["47", "removed", changes[8]["from"] as? String, nil],
        ])
        #expect((changes[8]["from"] as? String)?.hasSuffix("等政策文件。") == true)
        #expect(changes.map { $0["units"] as? [String] } == [
            ["办公室"], ["科普股"], ["学会部"], ["科普股"], ["科普股"], ["科普股"], ["学会部"], ["办公室"], ["办公室"],
        ])
    }

    @Test("Markdown has the paragraph, a table of changes and a table per unit")
    func markdown() throws {
        let result = try runTracksheet(["diff", old, new, "--format", "markdown"] + dates)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("## 整改进展变化（2025-06-30 → 2025-07-31）\n\n截至2025年7月31日（上次2025年6月30日），"))
        #expect(result.stdout.contains("| 17 | 办公室 | 新完成 | 正在推进 | 已完成 |\n"))
        #expect(result.stdout.contains("| 科普股 | 1 | 0 | 1 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 11→11 | 8→9 | 1→1 |\n"))
        #expect(result.stdout.contains("| **合计** | 2 | 1 | 1 | 1 | 1 | 0 | 0 | 1 | 0 | 1 | 1 | 47→47 | 42→43 | 1→2 |\n"))
    }

    @Test("a snapshot compared with itself on one date: no change, and every count in the totals line")
    func unchanged() throws {
        let result = try runTracksheet(["diff", new, new, "--as-of", "2025-07-31"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("截至2025年7月31日，与上一版相比，本期无变化。\n合计：新完成0项，"))
    }

    @Test("an unreadable snapshot is exit 3; a missing argument or a bad date is exit 2")
    func failures() throws {
        let missing = try runTracksheet(["diff", old, folder.file("nowhere.csv")] + dates)
        #expect(missing.status == 3)
        #expect(missing.stdout == "")
        // A ZIP signature and then garbage: a workbook by its bytes, and a broken one (plain text would read as CSV).
        let broken = try folder.write("broken.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04] + Array("not a zip".utf8))
        #expect(try runTracksheet(["diff", broken, new] + dates).status == 3)
        #expect(try runTracksheet(["diff", old]).status == 2)
        let date = try runTracksheet(["diff", old, new, "--old-as-of", "6月30日"])
        #expect(date.status == 2)
        #expect(date.stderr.contains("--old-as-of “6月30日” is not a date"))
    }

    @Test("--issues gives both snapshots the issue definitions")
    func withIssues() throws {
        let issues = packagePath("Samples/rectification/issues.csv")
        let result = try runTracksheet(["diff", old, new, "--issues", issues] + dates)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("截至2025年7月31日（上次2025年6月30日），本期新完成措施2项（办公室1项、科普股1项）"))
        let swapped = try runTracksheet(["diff", issues, new, "--issues", new] + dates)
        #expect(swapped.status == 2)
    }
}
