import Foundation
import TestSupport
import Testing

/// The office cycle on the sample, through the built binary: hand the ledger out by unit, let units edit their
/// workbooks (openpyxl, and one re-saved by LibreOffice), merge the returns, check the new master.
@Suite("the office cycle: report, returns, merge, check")
struct OfficeCycleTests {
    let issues = packagePath("Samples/rectification/issues.csv")
    let tasks = packagePath("Samples/rectification/tasks.csv")

    /// Re-saves a workbook through LibreOffice (a profile of its own, so parallel runs do not collide).
    func resaveWithLibreOffice(_ path: String, into folder: TemporaryDirectory) throws -> String {
        let out = folder.file("libreoffice")
        let result = try runProcess("/usr/bin/soffice", [
            "-env:UserInstallation=file://" + folder.file("lo-profile"), "--headless", "--convert-to", "xlsx",
            "--outdir", out, path,
        ])
        let saved = (out as NSString).appendingPathComponent((path as NSString).lastPathComponent)
        #expect(FileManager.default.fileExists(atPath: saved), "soffice: \(result.stdout) \(result.stderr)")
        return saved
    }

    /// The summary and the findings' codes and subjects of `check --format json`.
    func facts(_ arguments: [String]) throws -> (summary: [String: Int], findings: [String], status: Int32) {
        let result = try runTracksheet(["check"] + arguments + ["--as-of", "2025-06-30", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let summary = object["summary"] as? [String: Int] ?? [:]
        let findings = (object["findings"] as? [[String: Any]] ?? []).map { finding in
            let subject = finding["subject"] as? [String: String]
            return "\(finding["code"] ?? "")@\(subject?["kind"] ?? "-"):\(subject?["key"] ?? "-")"
        }
        return (summary, findings, result.status)
    }

    @Test("check reads the sample's own ledger back as the source tables: 4/10/31/47, the same statuses and findings")
    func ledgerReadsBack() throws {
        let folder = try TemporaryDirectory()
        let ledger = try handOutSampleLedger(into: folder)
        let source = try facts([issues, tasks, "--kind", "巡察", "--plan-date", "2025-03-11"])
        // The ledger records the kind and the plan date it was made with; reading it back needs neither again.
        let back = try facts([ledger])
        #expect(back.summary == source.summary)
        #expect(back.summary["aspects"] == 4 && back.summary["problems"] == 10 && back.summary["issues"] == 31)
        #expect(back.summary["measures"] == 47 && back.summary["doneOngoing"] == 47)
        #expect(back.findings == source.findings)
        #expect(back.findings == ["missing-number@problem:2.3", "missing-number@problem:3.2"])
        let claimed = try facts([ledger, "--expect", "measures=44"])
        #expect(claimed.status == 1)
        #expect(claimed.findings.first == "count-mismatch@-:-")
        // The same after LibreOffice and openpyxl re-save it (hidden sheet, hidden column, drop-down and merged
        // cells rewritten by another writer).
        let resaved = try resaveWithLibreOffice(ledger, into: folder)
        #expect(try facts([resaved]).summary == source.summary)
        #expect(try facts([resaved]).findings == source.findings)
        let copy = folder.file("openpyxl.xlsx")
        _ = try runPython("import openpyxl, sys\nopenpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])", [ledger, copy])
        #expect(try facts([copy]).summary == source.summary)
    }

    @Test("without the meta sheet the keys still work; without the keys too, a clear error, never new numbers")
    func lostParts() throws {
        let folder = try TemporaryDirectory()
        let ledger = try handOutSampleLedger(into: folder)
        let noMeta = folder.file("no-meta.xlsx")
        let noKeys = folder.file("no-keys.xlsx")
        _ = try runPython("""
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1]); del wb["_tracksheet"]; wb.save(sys.argv[2])
            ws = wb.worksheets[0]
            ws.delete_cols([c.column for c in ws[3] if c.value == "编号"][0]); wb.save(sys.argv[3])
            """, [ledger, noMeta, noKeys])
        let source = try facts([ledger])
        #expect(try facts([noMeta]).summary == source.summary)
        let keyless = try facts([noKeys])
        #expect(keyless.status == 1)
        #expect(keyless.findings.contains("ledger-keys-missing@-:-"))
        let merge = try runTracksheet(["merge", ledger, noKeys, "--dry-run"])
        #expect(merge.status == 1)
        #expect(merge.stderr.contains("[ledger-keys-missing]"))
        let master = try runTracksheet(["merge", noKeys, ledger, "--dry-run"])
        #expect(master.status == 3)
    }

    @Test("report --split-by unit → units edit → merge → check: the changes made, the foreign edit refused")
    func cycle() throws {
        let folder = try TemporaryDirectory()
        let ledger = try handOutSampleLedger(into: folder)
        let parts = folder.file("parts")
        // 办公室: measure 3 set to 正在推进 with a typed progress text, a completion date and evidence on
        // measure 2, measure 1 signed off. 学会部: measure 10 not started, and a row copied from 办公室's measure 4
        // set to not started (not its own). 科普股: only the drop-down of measure 7 changed (the text still says
        // done), then re-saved through LibreOffice. 机关党支部: returned untouched.
        _ = try runPython("""
            import sys, datetime, openpyxl
            folder = sys.argv[1]
            def rows_by_key(ws):
                return {str(ws.cell(r, 16).value): r for r in range(4, ws.max_row + 1) if ws.cell(r, 16).value is not None}
            wb = openpyxl.load_workbook(f"{folder}/办公室.xlsx"); ws = wb.worksheets[0]; at = rows_by_key(ws)
            assert ws.cell(3, 16).value == "编号" and ws.cell(3, 11).value == "状态"
            ws.cell(at["3"], 11).value = "正在推进"
            ws.cell(at["3"], 10).value = "正在推进，制度初稿已完成"
            ws.cell(at["2"], 13).value = datetime.datetime(2025, 6, 20)
            ws.cell(at["2"], 14).value = "学习记录"
            ws.cell(at["1"], 15).value = "已销号"
            # Copied as a person copies a row in Excel: values with their number formats.
            foreign = [(ws.cell(at["4"], c).value, ws.cell(at["4"], c).number_format) for c in range(1, 17)]
            wb.save(f"{folder}/办公室.xlsx")
            wb = openpyxl.load_workbook(f"{folder}/学会部.xlsx"); ws = wb.worksheets[0]; at = rows_by_key(ws)
            ws.cell(at["10"], 11).value = "未启动"
            ws.cell(at["10"], 10).value = "尚未启动"
            row = ws.max_row + 1
            for c, (v, f) in enumerate(foreign, start=1):
                ws.cell(row, c).value = v
                ws.cell(row, c).number_format = f
            ws.cell(row, 11).value = "未启动"
            ws.cell(row, 10).value = "尚未启动"
            wb.save(f"{folder}/学会部.xlsx")
            wb = openpyxl.load_workbook(f"{folder}/科普股.xlsx"); ws = wb.worksheets[0]; at = rows_by_key(ws)
            ws.cell(at["7"], 11).value = "正在推进"
            wb.save(f"{folder}/科普股.xlsx")
            """, [parts])
        let science = try resaveWithLibreOffice(parts + "/科普股.xlsx", into: folder)
        let returns = [parts + "/办公室.xlsx", parts + "/学会部.xlsx", science, parts + "/机关党支部.xlsx"]
        let before = try Data(contentsOf: URL(fileURLWithPath: returns[0]))
        let newMaster = folder.file("新台账.xlsx")

        // A dry run writes nothing and says the same.
        let dry = try runTracksheet(["merge", ledger] + returns + ["--dry-run", "--format", "json"])
        #expect(dry.status == 1)
        #expect(!FileManager.default.fileExists(atPath: newMaster))
        let json = try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any] ?? [:]
        let listed = (json["changes"] as? [[String: Any]] ?? []).map { "\($0["key"]!) \($0["field"]!) \($0["new"]!)" }
        #expect(listed == [
            "1 closure 已销号", "2 date-done 2025-06-20", "2 evidence 学习记录", "3 status in-progress",
            "3 progress-text 正在推进，制度初稿已完成", "7 status in-progress", "10 status not-started", "10 progress-text 尚未启动",
        ])
        let codes = (json["findings"] as? [[String: Any]] ?? []).map { "\($0["code"]!)" }
        #expect(codes.sorted() == ["foreign-edit", "status-disagreement"])

        let merge = try runTracksheet(["merge", ledger] + returns + ["-o", newMaster])
        #expect(merge.status == 1, "the foreign edit remains: \(merge.stderr)")
        #expect(merge.stderr.contains("学会部.xlsx") && merge.stderr.contains("[foreign-edit]"))
        #expect(merge.stderr.contains("[status-disagreement]"))
        #expect(merge.stdout.hasSuffix("变更 8 项；未采纳的冲突或错误 1 条，警告 1 条\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: returns[0])) == before, "inputs are never modified")
        #expect(runTracksheetRefusesOutputAsInput(ledger: ledger, returns: returns))

        // What moved between the old and the new master, by key (each ledger judged on the date it records).
        let moved = try runTracksheet(["diff", ledger, newMaster, "--format", "json"])
        #expect(moved.status == 0, "\(moved.stderr)")
        let movedJSON = try #require(try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as? [String: Any])
        let movements = (movedJSON["changes"] as? [[String: Any]] ?? []).map { "\($0["key"] ?? "") \($0["kind"] ?? "")" }
        #expect(Set(movements) == [
            "3 status-changed", "3 newly-overdue", "7 status-changed", "7 newly-due-soon", "10 status-changed",
            "10 newly-due-soon",
        ], "\(moved.stdout)")

        // By hand: 47 measures; 3 and 7 now in progress, 10 not started, the other 44 still done and kept up;
        // measure 3 (due 2025-05-31) overdue, 7 and 10 (due 2025-06-30) due soon; measure 4 untouched (refused).
        let after = try facts([newMaster])
        #expect(after.summary["measures"] == 47)
        #expect(after.summary["doneOngoing"] == 44)
        #expect(after.summary["inProgress"] == 2)
        #expect(after.summary["notStarted"] == 1)
        #expect(after.summary["overdue"] == 1)
        #expect(after.summary["dueSoon"] == 2)
        #expect(after.summary["rectifiedIssues"] == 28)
        #expect(after.findings.contains("overdue@measure:3"))
        #expect(after.findings.contains("status-disagreement@measure:7"))

        let log = try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["变更记录"]
            print(json.dumps({"sheets": wb.sheetnames,
              "rows": [[str(v) if v is not None else "" for v in r] for r in ws.iter_rows(values_only=True)],
              "findings": [[str(v) if v is not None else "" for v in r[:3]] for r in wb["校验结果"].iter_rows(min_row=3, values_only=True)]},
              ensure_ascii=False))
            """, [newMaster]) as? [String: Any] ?? [:]
        #expect(log["sheets"] as? [String] == ["整改台账", "统计汇总", "逾期清单", "校验结果", "变更记录", "_tracksheet"])
        #expect(log["rows"] as? [[String]] == [
            ["序号", "编号", "责任单位", "字段", "原值", "新值", "来源"],
            ["1", "1", "办公室", "销号状态", "", "已销号", "办公室.xlsx"],
            ["2", "2", "办公室", "完成日期", "", "2025-06-20", "办公室.xlsx"],
            ["2", "2", "办公室", "佐证材料", "", "学习记录", "办公室.xlsx"],
            ["3", "3", "办公室", "状态", "已完成并长期坚持", "正在推进", "办公室.xlsx"],
            ["3", "3", "办公室", "整改进度", "已整改完成并长期坚持", "正在推进，制度初稿已完成", "办公室.xlsx"],
            ["7", "7", "科普股", "状态", "已完成并长期坚持", "正在推进", "科普股.xlsx"],
            ["10", "10", "学会部", "状态", "已完成并长期坚持", "未启动", "学会部.xlsx"],
            ["10", "10", "学会部", "整改进度", "已完成整改并长期坚持", "尚未启动", "学会部.xlsx"],
        ])

        // The merge's own findings are in the new master's 校验结果 sheet, once each, beside its recomputed ones.
        let listedFindings = (log["findings"] as? [[String]] ?? []).map { $0[0] }
        #expect(listedFindings.filter { $0 == "foreign-edit" }.count == 1, "\(listedFindings)")
        #expect(listedFindings.filter { $0 == "status-disagreement" }.count == 1, "\(listedFindings)")
        #expect(listedFindings.contains("overdue"))

        // The same returns merged into the new master again are stale only if the master moved on: same as-of and
        // identity here, so they apply nothing new (every value already there) apart from the refused row.
        let again = try runTracksheet(["merge", newMaster] + returns + ["--dry-run"])
        #expect(again.stdout.hasPrefix("变更 0 项"))
    }

    /// `-o` naming an input is a usage error, and the input is left alone.
    func runTracksheetRefusesOutputAsInput(ledger: String, returns: [String]) -> Bool {
        guard let result = try? runTracksheet(["merge", ledger] + returns + ["-o", returns[0]]) else { return false }
        return result.status == 2
    }
}
