import Foundation
import Rectification
@testable import Reports
import TabularCore
import TabularFiles
import TestSupport
import Testing

/// The ledger workbook, written from the sample (plus overdue and due-soon rows) and read back by openpyxl.
@Suite("Ledger workbook (整改台账)")
struct LedgerWorkbookTests {
    /// Writes the sample ledger into a fresh folder; returns the folder (kept alive by the caller) and the path.
    func writeSample(language: Language = .chinese) throws -> (TemporaryDirectory, String, Reconciliation) {
        let folder = try TemporaryDirectory()
        let path = folder.file("ledger.xlsx")
        let result = try ledgerSample()
        try LedgerWorkbook.write(result, to: path, options: ledgerOptions(language: language))
        return (folder, path, result)
    }

    @Test("a cell Excel cannot hold, found while the rows are built on the second thread, fails the write with its code and sheet, and leaves no file")
    func buildingThreadErrorReachesTheCaller() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("ledger.xlsx")
        var rows = syntheticTaskRows
        rows.append(["52", "(一)聚焦党中央决策部署在基层落实情况方面", "1.学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神不深入",
                     "(1)", "学习不全面", String(repeating: "长", count: 32_768), "王某某", "办公室", "杨某某", "长期坚持", "正在推进"])
        let result = try ledgerSample(extraRows: rows)
        let thrown = try #require(throws: (any Error).self) {
            try LedgerWorkbook.write(result, to: path, options: ledgerOptions())
        }
        let error = try #require(thrown as? any LocatedError)
        #expect(error.codeName == "text-too-long")
        #expect(error.location?.sheet == "整改台账")
        #expect(error.location?.file == path)
        #expect(!FileManager.default.fileExists(atPath: path))
        // The writer's threads ended with the failure: the next workbook is written as usual.
        try LedgerWorkbook.write(try ledgerSample(), to: path, options: ledgerOptions())
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("sheets in order; title merged across the table; meta and header rows; office fonts")
    func sheetsTitleAndHeader() throws {
        let (folder, path, result) = try writeSample()
        defer { _ = folder }
        let dump = try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            print(json.dumps({
              "sheets": wb.sheetnames, "title": ws["A1"].value, "unit": ws["A2"].value, "asOfLabel": ws["E2"].value,
              "merged": sorted(str(r) for r in ws.merged_cells.ranges),
              "header": [c.value for c in ws[3]],
              "fonts": [[ws[c].font.name, bool(ws[c].font.b), ws[c].font.sz] for c in ("A1", "A3", "E4")],
              "wrap": [ws["E4"].alignment.wrap_text, ws["E4"].border.left.style],
              "valign": [ws["B4"].alignment.vertical, ws["D4"].alignment.vertical, ws["E4"].alignment.vertical],
              "issue": [ws["D4"].value, ws["C4"].value, ws["B4"].value],
              "widths": [ws.column_dimensions[c].width for c in "ABCDE"],
              "heights": [ws.row_dimensions[r].height for r in range(1, 8)],
            }, ensure_ascii=False))
            """, [path]) as? [String: Any] ?? [:]
        #expect(dump["sheets"] as? [String] == ["整改台账", "统计汇总", "逾期清单", "校验结果", "_tracksheet"])
        #expect(dump["title"] as? String == "县科协巡察反馈问题整改台账")
        #expect(dump["unit"] as? String == "填报单位：县科协")
        #expect(dump["asOfLabel"] as? String == "统计截止：")
        #expect(dump["header"] as? [String] == [
            "序号", "问题类别", "反馈问题", "具体问题", "整改措施", "责任领导", "责任单位", "责任人", "完成时限", "整改进度",
            "状态", "备注", "编号",
        ])
        let merged = try #require(dump["merged"] as? [String])
        // The title spans the table; aspect (一) spans its measures (16 with the synthetic rows, from row 4);
        // problem 1 spans issues (1)–(3); issue (1) spans its two sample measures and the overdue one.
        let aspectMeasures = result.rollups.aspects[0].tally.measures
        #expect(aspectMeasures == 16)
        let problemMeasures = result.rollups.problems[0].tally.measures
        for range in ["A1:M1", "A2:D2", "F2:G2", "H2:I2", "J2:K2", "B4:B\(3 + aspectMeasures)", "C4:C\(3 + problemMeasures)",
                      "D4:D6"] {
            #expect(merged.contains(range), "missing merged range \(range)")
        }
        #expect(dump["issue"] as? [String] == [
            "(1)学习不全面", "1.学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神不深入",
            "(一)聚焦党中央决策部署在基层落实情况方面",
        ])
        let fonts = try #require(dump["fonts"] as? [[Any]])
        #expect(fonts[0][0] as? String == "方正小标宋简体" && fonts[0][1] as? Bool == true && fonts[0][2] as? Double == 20)
        #expect(fonts[1][0] as? String == "黑体" && fonts[1][1] as? Bool == true)
        #expect(fonts[2][0] as? String == "仿宋_GB2312" && fonts[2][1] as? Bool == false && fonts[2][2] as? Double == 11)
        let wrap = try #require(dump["wrap"] as? [Any])
        #expect(wrap[0] as? Bool == true && wrap[1] as? String == "thin")
        // Aspect (一) is taller than a page, so its text starts at the top; issue (1) is centered like the body.
        #expect(dump["valign"] as? [String] == ["top", "center", "center"])
        // Row heights grow with the wrapped text: the long measure of row 7 needs more than the one-line row 8.
        let heights = try #require(dump["heights"] as? [Double])
        #expect(heights[0] >= 40)
        #expect(heights[6] > heights[5] * 2, "row heights \(heights)")
    }

    @Test("deadlines are real dates with a Chinese date format, or the words 长期坚持 / 立行立改, or the original text")
    func deadlines() throws {
        let (folder, path, _) = try writeSample()
        defer { _ = folder }
        let cells = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
            rows = {str(ws.cell(r, 5).value): r for r in range(4, ws.max_row + 1)}
            def deadline(prefix):
                r = next(v for k, v in rows.items() if k.startswith(prefix))
                c = ws.cell(r, 9)
                return [c.data_type, str(c.value), c.number_format]
            print(json.dumps({
              "asOf": [ws["F2"].data_type, str(ws["F2"].value), ws["F2"].number_format],
              "reported": [str(ws["J2"].value)],
              "overdue": deadline("测试:建立学习台账"),
              "iso": deadline("测试:组织专题研讨"),
              "longTerm": deadline("测试:常态化"),
              "compound": deadline("测试:立行立改并长期坚持"),
              "immediate": [str(ws["I4"].value)], "monthly": [str(ws["I5"].value)],
            }, ensure_ascii=False))
            """, [path]) as? [String: [String]] ?? [:]
        let chineseDate = "yyyy\"年\"m\"月\"d\"日\""
        #expect(cells["asOf"] == ["d", "2025-06-30 00:00:00", chineseDate])
        #expect(cells["reported"] == ["2025-07-01 00:00:00"])
        #expect(cells["overdue"] == ["d", "2025-05-31 00:00:00", chineseDate])
        #expect(cells["iso"] == ["d", "2025-07-05 00:00:00", chineseDate])
        #expect(cells["longTerm"] == ["s", "长期坚持", "General"])
        #expect(cells["compound"] == ["s", "立行立改并长期坚持", "General"])
        #expect(cells["immediate"] == ["立行立改"])
        #expect(cells["monthly"] == ["每月"])
    }

    @Test("a deadline the office wrote as words is a date cell that shows those words; readers see the words")
    func deadlineAsWritten() throws {
        let (folder, path, _) = try writeSample()
        defer { _ = folder }
        let cell = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
            from openpyxl.utils.datetime import from_excel
            c = next(ws.cell(r, 9) for r in range(4, ws.max_row + 1) if str(ws.cell(r, 5).value).startswith("规范学习流程"))
            print(json.dumps([c.data_type, str(from_excel(c.value).date()), c.number_format], ensure_ascii=False))
            """, [path]) as? [String]
        // The value sorts and colors as 2025-05-31 (a serial: the format is not a date format); the cell shows the
        // plan's own words.
        #expect(cell == ["n", "2025-05-31", "\"2025年5月底前\""])
        let read = try TableFile.read(path)
        let row = try #require(read.rows.first { $0[4].text.hasPrefix("规范学习流程") })
        #expect(row[8] == .text("2025年5月底前"), "a format of literal text reads as that text")
    }

    @Test("deadline cells", arguments: [
        ("2025年3月31日", "date 2025-03-31"), ("2025-03-31", "date 2025-03-31"), ("3月底前", "date 2025-03-31 as 3月底前"),
        ("反馈后1个月内", "date 2025-03-13 as 反馈后1个月内"), ("长期坚持", "text 长期坚持"),
        ("长期", "text 长期坚持"), ("立行立改", "text 立行立改"), ("立行立改并长期坚持", "text 立行立改并长期坚持"),
        ("3月底前完成并长期坚持", "text 3月底前完成并长期坚持"), ("每月", "text 每月"), ("下个月吧", "text 下个月吧"),
        ("", "text "),
    ])
    func deadlineCell(text: String, expected: String) {
        let parser = DeadlineParser(year: 2025, feedbackDate: day(2025, 2, 13), immediateDate: day(2025, 3, 11))
        let cell = LedgerLayout.deadlineCell(parser.parse(text: text), labels: LedgerLabels(.chinese))
        switch cell {
        case .date(let date, let shown): #expect("date \(date.isoDate)" + (shown.map { " as \($0)" } ?? "") == expected)
        case .text(let text): #expect("text \(text)" == expected)
        }
    }

    @Test("the status column has a drop-down; colors follow formulas on the deadline, the status and the as-of cell")
    func rules() throws {
        let (folder, path, _) = try writeSample()
        defer { _ = folder }
        let dump = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
            print(json.dumps({
              "dv": [[str(d.sqref), d.type, d.formula1, d.showErrorMessage] for d in ws.data_validations.dataValidation],
              "cf": {str(rng.sqref): [[r.type, r.formula[0], r.dxf.fill.bgColor.rgb if r.dxf and r.dxf.fill else None]
                                      for r in rules] for rng, rules in ws.conditional_formatting._cf_rules.items()},
            }, ensure_ascii=False))
            """, [path]) as? [String: Any] ?? [:]
        let validations = try #require(dump["dv"] as? [[Any]])
        #expect(validations.count == 1)
        #expect(validations.first?[0] as? String == "K4:K54")
        #expect(validations.first?[1] as? String == "list")
        #expect(validations.first?[2] as? String == "\"未启动,正在推进,已完成,已完成并长期坚持\"")
        let formats = try #require(dump["cf"] as? [String: [[Any]]])
        #expect(Set(formats.keys) == ["I4:I54", "K4:K54"])
        let notDone = "$K4<>\"已完成\",$K4<>\"已完成并长期坚持\""
        for (_, rules) in formats {
            #expect(rules.map { $0[1] as? String } == [
                "AND(ISNUMBER($I4),$I4<$F$2,\(notDone))",
                "AND(ISNUMBER($I4),$I4>=$F$2,$I4-$F$2<=7,\(notDone))",
                "OR($K4=\"已完成\",$K4=\"已完成并长期坚持\")",
            ])
            #expect(rules.allSatisfy { $0[0] as? String == "expression" })
            // Red, amber, green fills.
            #expect(rules.map { ($0[2] as? String)?.suffix(6) } == ["FFC7CE", "FFEB9C", "C6EFCE"])
        }
    }

    @Test("print-ready: A4 landscape, one page wide, title and header repeated, page footer, frozen header, autofilter")
    func printSetup() throws {
        let (folder, path, _) = try writeSample()
        defer { _ = folder }
        let dump = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
            ps = ws.page_setup
            m = ws.page_margins
            print(json.dumps({
              "orientation": ps.orientation, "paper": int(ps.paperSize), "fitToWidth": ps.fitToWidth,
              "fitToHeight": int(ps.fitToHeight), "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage,
              "titles": ws.print_title_rows, "footer": ws.oddFooter.center.text,
              "centered": ws.print_options.horizontalCentered, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
              "margins": [m.left, m.right], "gridlines": ws.sheet_view.showGridLines,
            }, ensure_ascii=False))
            """, [path]) as? [String: Any] ?? [:]
        #expect(dump["orientation"] as? String == "landscape")
        #expect(dump["paper"] as? Int == 9)
        #expect(dump["fitToPage"] as? Bool == true)
        // libxlsxwriter leaves out fitToWidth="1", Excel's default.
        #expect(dump["fitToWidth"] is NSNull || dump["fitToWidth"] as? Int == 1)
        #expect(dump["fitToHeight"] as? Int == 0)
        #expect(dump["titles"] as? String == "$1:$3")
        #expect(dump["footer"] as? String == "第 &P 页 共 &N 页")
        #expect(dump["centered"] as? Bool == true)
        #expect(dump["freeze"] as? String == "A4")
        #expect(dump["filter"] as? String == "A3:M54")
        #expect(dump["margins"] as? [Double] == [0.4, 0.4])
        #expect(dump["gridlines"] as? Bool == false)
    }

    @Test("summary: the paragraph, per-aspect/unit/leader tables with SUM totals and rate formulas, a stacked chart")
    func summary() throws {
        let (folder, path, result) = try writeSample()
        defer { _ = folder }
        let dump = try openpyxl("""
            import zipfile
            wb = openpyxl.load_workbook(sys.argv[1])
            cached = openpyxl.load_workbook(sys.argv[1], data_only=True)
            ws, wc = wb["统计汇总"], cached["统计汇总"]
            rows = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=ws.max_row)]
            totals = [i + 1 for i, r in enumerate(rows) if r[0] == "合计"]
            z = zipfile.ZipFile(sys.argv[1])
            charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
            chart = z.read(charts[0]).decode() if charts else ""
            print(json.dumps({
              "paragraph": rows[1][0], "headings": [r[0] for r in rows if r[0] and r[0].startswith("按")],
              "totals": [[ws.cell(t, c).value for c in range(1, 9)] for t in totals],
              "cachedTotals": [[wc.cell(t, c).value for c in range(2, 9)] for t in totals],
              "rateFormat": ws.cell(totals[0], 8).number_format, "rowRate": [ws["H6"].value, wc["H6"].value],
              "charts": len(charts), "stacked": 'grouping val="stacked"' in chart, "series": chart.count("<c:ser>"),
              "categories": "$A$6:$A$9" in chart,
            }, ensure_ascii=False))
            """, [path]) as? [String: Any] ?? [:]
        #expect(dump["paragraph"] as? String == SummaryText.paragraph(result))
        #expect(dump["headings"] as? [String] == ["按问题类别统计", "按责任单位统计", "按责任领导统计"])
        let totals = try #require(dump["totals"] as? [[Any]])
        #expect(totals.count == 3)
        #expect(totals[0].compactMap { $0 as? String } == [
            "合计", "=SUM(B6:B9)", "=SUM(C6:C9)", "=SUM(D6:D9)", "=SUM(E6:E9)", "=SUM(F6:F9)", "=SUM(G6:G9)",
            "=IF(B10=0,0,C10/B10)",
        ])
        // Cached values: 51 measures = 47 done + 3 in progress + 1 not started + 0 unrecognized, of which 1 (in
        // progress) is overdue; the rate 47/51.
        let cached = try #require(dump["cachedTotals"] as? [[Double]])
        #expect(cached[0].prefix(6) == [51, 47, 3, 1, 0, 1])
        #expect(cached[0][1] + cached[0][2] + cached[0][3] + cached[0][4] == cached[0][0], "the status columns add up")
        #expect(abs(cached[0][6] - 47.0 / 51.0) < 1e-9)
        #expect(dump["rateFormat"] as? String == "0.0%")
        let rowRate = try #require(dump["rowRate"] as? [Any])
        #expect(rowRate[0] as? String == "=IF(B6=0,0,C6/B6)")
        #expect(abs((rowRate[1] as? Double ?? 0) - 12.0 / 16.0) < 1e-9)
        #expect(dump["charts"] as? Int == 1)
        #expect(dump["stacked"] as? Bool == true)
        #expect(dump["series"] as? Int == 4)
        #expect(dump["categories"] as? Bool == true)
    }

    @Test("overdue sheet: overdue first, then due soon, with days late or left and links to the ledger rows")
    func overdue() throws {
        let (folder, path, _) = try writeSample()
        defer { _ = folder }
        let rows = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])["逾期清单"]
            print(json.dumps([[r[0].value, r[0].hyperlink.location if r[0].hyperlink else None, r[2].value, r[8].value,
                               r[9].value, r[10].value] for r in ws.iter_rows(min_row=3)], ensure_ascii=False))
            """, [path]) as? [[Any]] ?? []
        #expect(rows.count == 2)
        #expect(rows[0][0] as? String == "3" && rows[0][1] as? String == "'整改台账'!A6")
        #expect(rows[0][3] as? String == "已逾期" && rows[0][4] as? Int == 30 && rows[0][5] is NSNull)
        #expect(rows[1][0] as? String == "5" && rows[1][1] as? String == "'整改台账'!A8")
        #expect(rows[1][3] as? String == "临近时限" && rows[1][4] is NSNull && rows[1][5] as? Int == 5)
    }

    @Test("no overdue sheet when nothing is overdue or due soon")
    func noOverdueSheet() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("ledger.xlsx")
        try LedgerWorkbook.write(try ledgerSample(extraRows: []), to: path, options: ledgerOptions())
        let sheets = try openpyxl("print(json.dumps(openpyxl.load_workbook(sys.argv[1]).sheetnames, ensure_ascii=False))",
                                  [path]) as? [String]
        #expect(sheets == ["整改台账", "统计汇总", "校验结果", "_tracksheet"])
    }

    @Test("findings link to the ledger cell they concern")
    func findingsLinks() throws {
        let (folder, path, result) = try writeSample()
        defer { _ = folder }
        let dump = try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            ws, ledger = wb["校验结果"], wb["整改台账"]
            rows = []
            for r in ws.iter_rows(min_row=3):
                link = r[5].hyperlink.location if r[5].hyperlink else None
                target = ledger[link.split("!")[1]].value if link else None
                rows.append([r[0].value, r[1].value, r[2].value, r[3].value, link, str(target)])
            print(json.dumps(rows, ensure_ascii=False))
            """, [path]) as? [[String]] ?? []
        #expect(dump.count == result.findings.count)
        #expect(dump.map { $0[0] } == ["missing-number", "missing-number", "overdue", "due-soon"])
        // Numbering findings point at the problem's merged cell; timing findings at the measure's deadline cell.
        #expect(dump[0][1] == "警告" && dump[0][2] == "issues.csv:19" && dump[0][3] == "问题")
        #expect(dump[0][5] == "“四风”问题依然存在")
        #expect(dump[1][5] == "组织生活不严谨")
        #expect(dump[2][2].hasSuffix("tasks.csv:49") && dump[2][4] == "'整改台账'!I6")
        #expect(dump[2][5] == "2025-05-31 00:00:00")
        #expect(dump[3][4] == "'整改台账'!I8")
    }

    @Test("findings of measures with unknown issues link to their rows at the end; issues without measures get a row")
    func troubledLinks() throws {
        let result = try reconcile(troubledRows + [["6", "(9)", "措施6", "赵某某", "", "周某某", "长期坚持", "已完成"]])
        let folder = try TemporaryDirectory()
        let path = folder.file("troubled.xlsx")
        try LedgerWorkbook.write(result, to: path, options: LedgerOptions())
        let dump = try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            ws, ledger = wb["校验结果"], wb["整改台账"]
            print(json.dumps({"title": ledger["A1"].value,
              "findings": [[r[0].value, r[5].hyperlink.location if r[5].hyperlink else None] for r in ws.iter_rows(min_row=3)],
              "issues": [str(ledger.cell(r, 4).value) for r in range(4, ledger.max_row + 1)]}, ensure_ascii=False))
            """, [path]) as? [String: Any] ?? [:]
        #expect(dump["title"] as? String == "巡察反馈问题整改台账")
        let findings = try #require(dump["findings"] as? [[Any]])
        let links = Dictionary(findings.map { ($0[0] as? String ?? "", $0[1] as? String) }, uniquingKeysWith: { a, _ in a })
        // Rows: issue (1) × 2, (2), (3), then the measures naming the unknown issue (9) at the end (rows 8 and 9).
        #expect(links["overdue"] == "'整改台账'!I4")
        #expect(links["unknown-status"] == "'整改台账'!J7")
        #expect(links["unknown-issue-reference"] == "'整改台账'!D8")
        #expect(links["missing-unit"] == "'整改台账'!G9")
        let issues = try #require(dump["issues"] as? [String])
        #expect(issues == ["(1)学习不全面", "None", "(2)学习流于表面", "(3)内控制度不健全", "(9)", "(9)"])
    }

    @Test("a task table without measures: every issue still gets a row, and its finding links there")
    func noMeasures() throws {
        let result = try reconcile([])
        let folder = try TemporaryDirectory()
        let path = folder.file("empty.xlsx")
        try LedgerWorkbook.write(result, to: path, options: LedgerOptions(unit: "县科协"))
        let dump = try openpyxl("""
            import zipfile
            wb = openpyxl.load_workbook(sys.argv[1])
            ledger, findings = wb["整改台账"], wb["校验结果"]
            print(json.dumps({"sheets": wb.sheetnames,
              "issues": [ledger.cell(r, 4).value for r in range(4, ledger.max_row + 1)],
              "numbers": [ledger.cell(r, 1).value for r in range(4, ledger.max_row + 1)],
              "links": [r[5].hyperlink.location for r in findings.iter_rows(min_row=3) if r[0].value == "issue-without-measures"],
              "charts": len([n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("xl/charts/")]),
              "validations": len(ledger.data_validations.dataValidation)}, ensure_ascii=False))
            """, [path]) as? [String: Any] ?? [:]
        #expect(dump["sheets"] as? [String] == ["整改台账", "统计汇总", "校验结果", "_tracksheet"])
        #expect(dump["issues"] as? [String] == ["(1)学习不全面", "(2)学习流于表面", "(3)内控制度不健全"])
        #expect((dump["numbers"] as? [Any])?.allSatisfy { $0 is NSNull } == true)
        #expect(dump["links"] as? [String] == ["'整改台账'!D4", "'整改台账'!D5", "'整改台账'!D6"])
        #expect(dump["charts"] as? Int == 0)
        #expect(dump["validations"] as? Int == 1)
    }

    @Test("English sheet names, headers, statuses and summary")
    func english() throws {
        let (folder, path, result) = try writeSample(language: .english)
        defer { _ = folder }
        let dump = try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            print(json.dumps({"sheets": wb.sheetnames, "title": ws["A1"].value, "header": [c.value for c in ws[3]],
              "dv": ws.data_validations.dataValidation[0].formula1, "status": ws["K4"].value,
              "paragraph": wb["Summary"]["A2"].value, "footer": ws.oddFooter.center.text,
              "dateFormat": ws["F2"].number_format}, ensure_ascii=False))
            """, [path]) as? [String: Any] ?? [:]
        #expect(dump["sheets"] as? [String] == ["Ledger", "Summary", "Overdue", "Findings", "_tracksheet"])
        #expect(dump["title"] as? String == "县科协 inspection rectification ledger")
        #expect(dump["header"] as? [String] == [
            "No.", "Aspect", "Problem", "Issue", "Measure", "Leader", "Unit", "Owner", "Deadline", "Progress", "Status", "Note",
            "Key",
        ])
        #expect(dump["dv"] as? String == "\"not started,in progress,done,done and kept up\"")
        #expect(dump["status"] as? String == "done and kept up")
        #expect(dump["paragraph"] as? String == SummaryText.paragraph(result, language: .english))
        #expect(dump["footer"] as? String == "Page &P of &N")
        #expect(dump["dateFormat"] as? String == "yyyy-mm-dd")
    }

    @Test("document properties; the same input and creation time give the same bytes")
    func deterministic() throws {
        let folder = try TemporaryDirectory()
        let result = try ledgerSample()
        let first = folder.file("a.xlsx")
        let second = folder.file("b.xlsx")
        try LedgerWorkbook.write(result, to: first, options: ledgerOptions())
        try LedgerWorkbook.write(result, to: second, options: ledgerOptions())
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        let b = try Data(contentsOf: URL(fileURLWithPath: second))
        #expect(a == b)
        let properties = try openpyxl("""
            p = openpyxl.load_workbook(sys.argv[1]).properties
            print(json.dumps([p.title, p.subject, p.creator, str(p.created)], ensure_ascii=False))
            """, [first]) as? [String]
        #expect(properties == ["县科协巡察反馈问题整改台账", "巡察反馈问题整改台账", "县科协", "2025-06-30 00:00:00"])
    }

    @Test("optional columns (完成日期, 佐证材料, 销号状态) and extra input columns follow the standard ones")
    func optionalColumns() throws {
        let header = ["序号", "问题编号", "整改措施", "责任领导", "责任单位", "责任人", "完成时限", "完成情况", "完成日期", "佐证材料",
                      "销号状态", "备注", "联系电话"]
        let tasks = table([
            header,
            ["1", "(1)", "措施1", "王某某", "办公室", "张某某", "2025年3月31日", "已完成", "2025-03-20", "会议记录", "已销号", "无", "0833-1234"],
            ["2", "(2)", "措施2", "李某某", "科普股", "陈某某", "长期坚持", "正在推进", "", "", "未销号", "", ""],
            ["3", "(3)", "措施3", "赵某某", "办公室", "周某某", "2025年6月30日", "已完成", "2025/6/28", "", "申请销号", "", ""],
        ], file: "tasks.csv")
        let result = try Reconciliation(issues: fixtureIssues, tasks: tasks, configuration: .init(asOf: day(2025, 12, 4)))
        let folder = try TemporaryDirectory()
        let path = folder.file("columns.xlsx")
        try LedgerWorkbook.write(result, to: path, options: LedgerOptions())
        let dump = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
            print(json.dumps({"header": [c.value for c in ws[3]], "row": [str(c.value) for c in ws[4]]}, ensure_ascii=False))
            """, [path]) as? [String: Any] ?? [:]
        #expect(dump["header"] as? [String] == [
            "序号", "问题类别", "反馈问题", "具体问题", "整改措施", "责任领导", "责任单位", "责任人", "完成时限", "整改进度", "状态",
            "备注", "完成日期", "佐证材料", "销号状态", "联系电话", "编号",
        ])
        #expect(dump["row"] as? [String] == [
            "1", "(一)学习方面", "1.学习不深入", "(1)学习不全面", "措施1", "王某某", "办公室", "张某某", "2025-03-31 00:00:00",
            "已完成", "已完成", "无", "2025-03-20", "会议记录", "已销号", "0833-1234", "1",
        ])
    }

    @Test("split by unit: one workbook per unit with only its measures and findings")
    func splitByUnit() throws {
        let folder = try TemporaryDirectory()
        let result = try ledgerSample()
        let paths = try LedgerWorkbook.writeSplit(result, by: .unit, into: folder.file("parts"), options: ledgerOptions())
        let units = result.rollups.units
        #expect(paths.map { ($0 as NSString).lastPathComponent } == units.map { "\($0.name).xlsx" })
        let dump = try openpyxl("""
            out = []
            for path in sys.argv[1:]:
                wb = openpyxl.load_workbook(path)
                ws = wb.worksheets[0]
                measures = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
                units = {ws.cell(r, 7).value for r in range(4, ws.max_row + 1)}
                out.append({"title": ws["A1"].value, "unit": ws["A2"].value, "count": len(measures), "units": sorted(units),
                            "findings": wb.worksheets[-1].max_row - 2, "sheets": wb.sheetnames})
            print(json.dumps(out, ensure_ascii=False))
            """, paths) as? [[String: Any]] ?? []
        for (part, unit) in zip(dump, units) {
            #expect(part["title"] as? String == "县科协巡察反馈问题整改台账（\(unit.name)）")
            // A part notes the master it was split from and its as-of date after the unit.
            #expect(part["unit"] as? String == "填报单位：\(unit.name)（分自台账 \(result.plan.fingerprint.prefix(8))，截至2025年6月30日）")
            #expect(part["count"] as? Int == unit.tally.measures)
            #expect(part["units"] as? [String] == [unit.name])
        }
        // The overdue measure (办公室) and the due-soon one (科普股) go with their units.
        let office = try #require(dump.first { ($0["unit"] as? String)?.hasPrefix("填报单位：办公室（") == true })
        #expect((office["sheets"] as? [String])?.contains("逾期清单") == true)
        let byLeader = try LedgerWorkbook.writeSplit(result, by: .leader, into: folder.file("leaders"), options: ledgerOptions())
        #expect(byLeader.count == result.rollups.leaders.count)
    }

    @Test("split parts keep the master's keys and numbers, the definitions above their measures and the file-level findings",
          arguments: Reconciliation.Grouping.allCases)
    func splitParts(grouping: Reconciliation.Grouping) throws {
        var result = try ledgerSample()
        result.findings.append(Finding(.countMismatch(subject: .measures, claimed: 44, actual: 51), file: "tasks.csv"))
        let parts = LedgerPart.parts(of: result, by: grouping, language: .chinese)
        #expect(parts.map(\.result.plan.measures.count).reduce(0, +) >= result.plan.measures.count)
        for part in parts {
            let plan = part.result.plan
            for measure in plan.measures {
                let master = try #require(result.plan.measure(measure.key))
                #expect(measure.number == master.number, "a measure keeps its running number")
                #expect(measure.issue == master.issue)
                if let issue = measure.issue { #expect(plan.issue(issue) != nil) }
            }
            #expect(plan.issues.allSatisfy { $0.problem.map { plan.problem($0) != nil } ?? true })
            #expect(plan.issues.allSatisfy { $0.aspect.map { plan.aspect($0) != nil } ?? true })
            #expect(part.result.summary.measures == plan.measures.count)
            #expect(part.result.findings.contains { $0.code == .countMismatch }, "file-level findings go to every part")
            for finding in part.result.findings {
                if case .measure(let key) = finding.subject { #expect(plan.measure(key) != nil) }
            }
        }
    }

    @Test("file names for split parts", arguments: [
        ("办公室", "办公室"), ("科普/学会部", "科普_学会部"), ("a:b*c?", "a_b_c_"), ("..隐藏.", "隐藏"), ("  ", "_"),
        ("第一\n第二", "第一_第二"),
    ])
    func fileNames(name: String, expected: String) {
        #expect(LedgerPart.fileName(name) == expected)
    }

    @Test("wrapped line estimates count CJK double", arguments: [
        ("", 10.0, 1), ("abc", 10.0, 1), ("一二三四五六七八九十", 10.0, 3), ("一二三四\n五六", 20.0, 2),
        ("一二三四五六七八九十一二三四五六七八九十", 46.0, 1), (String(repeating: "字", count: 100), 46.0, 5),
    ])
    func lineCounts(text: String, width: Double, lines: Int) {
        #expect(LedgerText.lineCount(text, columnWidth: width, fontSize: 11) == lines)
    }
}

@Suite("Ledger documentation")
struct LedgerDocumentationTests {
    @Test("the documentation's example")
    func example() throws {
        let folder = try TemporaryDirectory()
        let result = try ledgerSample()
        let path = folder.file("台账.xlsx")
        try LedgerWorkbook.write(result, to: path, options: LedgerOptions(unit: "县科协"))
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
