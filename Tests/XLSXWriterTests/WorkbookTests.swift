import Foundation
import TabularCore
import TestSupport
import Testing
import XLSXWriter

@Suite("Workbook writes what openpyxl reads back")
struct WorkbookTests {
    @Test("text, numbers, dates, booleans and formulas keep their types")
    func cellTypes() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("cells.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "数据")
        let dateFormat = try workbook.format(CellStyle { $0.numberFormat = "yyyy-mm-dd" })
        try sheet.write("=1+1", row: 0, column: 0)
        try sheet.write(3.25, row: 0, column: 1)
        try sheet.write(try #require(LocalDateTime(year: 2025, month: 3, day: 31)), row: 0, column: 2, format: dateFormat)
        try sheet.write(true, row: 0, column: 3)
        try sheet.writeFormula("=B1*2", row: 0, column: 4, cachedValue: 6.5)
        try workbook.close()

        let cells = try #require(try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['数据']
            print(json.dumps([[c.data_type, str(c.value), c.number_format] for c in ws[1]]))
            """, [path]) as? [[String]])
        #expect(cells[0] == ["s", "=1+1", "General"])
        #expect(cells[1] == ["n", "3.25", "General"])
        #expect(cells[2] == ["d", "2025-03-31 00:00:00", "yyyy-mm-dd"])
        #expect(cells[3] == ["b", "True", "General"])
        #expect(cells[4] == ["f", "=B1*2", "General"])
    }

    @Test("control characters and literal _xHHHH_ text read back unchanged")
    func escapes() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("escapes.xlsx")
        let texts = ["bell\u{07}here", "literal _x0041_ stays", "tab\tand\nnewline", "中文 _x4E2D_"]
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S")
        for (row, text) in texts.enumerated() { try sheet.write(text, row: row, column: 0) }
        try workbook.close()
        // openpyxl only undoes `_x005F_`, so decode the shared strings as ECMA-376 says Excel does.
        let values = try #require(try openpyxl("""
            import zipfile, re, xml.etree.ElementTree as ET
            ns = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
            root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('xl/sharedStrings.xml'))
            raw = [''.join(t.text or '' for t in si.iter(ns + 't')) for si in root]
            print(json.dumps([re.sub('_x([0-9A-Fa-f]{4})_', lambda m: chr(int(m.group(1), 16)), v) for v in raw]))
            """, [path]) as? [String])
        #expect(values == texts)
    }

    @Test("Excel's limits are errors before libxlsxwriter sees them", arguments: [
        (row: 1_048_576, column: 0, code: XLSXWriteError.Code.outsideGrid),
        (row: 0, column: 16_384, code: XLSXWriteError.Code.outsideGrid),
        (row: -1, column: 0, code: XLSXWriteError.Code.outsideGrid),
    ])
    func limits(row: Int, column: Int, code: XLSXWriteError.Code) throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("limits.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S")
        #expect { try sheet.write("x", row: row, column: column) } throws: { ($0 as? XLSXWriteError)?.code == code }
    }

    @Test("text longer than 32,767 characters is refused, naming sheet, row and column")
    func textTooLong() throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("long.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S")
        let error = try #require(throws: XLSXWriteError.self) {
            try sheet.write(String(repeating: "长", count: 32_768), row: 4, column: 2)
        }
        #expect(error.code == .textTooLong)
        #expect(error.location?.sheet == "S")
        #expect(error.location?.line == 5)
        #expect(error.location?.column == 3)
        try sheet.write(String(repeating: "长", count: 32_767), row: 4, column: 2)
    }

    @Test("a workbook dropped without close leaves no file and no temporary file")
    func droppedWorkbook() throws {
        let folder = try TemporaryDirectory()
        do {
            let workbook = try Workbook(path: folder.file("never.xlsx"))
            _ = try workbook.addWorksheet(named: "S")
        }
        #expect(try folder.contents() == [])
    }

    @Test("the same content and creation time give byte-identical files")
    func reproducible() throws {
        let folder = try TemporaryDirectory()
        for name in ["a.xlsx", "b.xlsx"] {
            let workbook = try Workbook(path: folder.file(name))
            var properties = DocumentProperties()
            properties.created = 1_735_689_600
            properties.title = "台账"
            try workbook.setProperties(properties)
            let sheet = try workbook.addWorksheet(named: "S")
            try sheet.write("同一内容", row: 0, column: 0)
            try workbook.close()
            Thread.sleep(forTimeInterval: 1.1)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: folder.file("a.xlsx")))
        let b = try Data(contentsOf: URL(fileURLWithPath: folder.file("b.xlsx")))
        #expect(a == b)
    }

    @Test("an output folder that does not exist is an output error")
    func missingFolder() throws {
        #expect { _ = try Workbook(path: "/nonexistent-folder/out.xlsx") } throws: {
            ($0 as? XLSXWriteError)?.code == .output
        }
    }

    @Test("layout features survive: merge, freeze, autofilter, widths, drop-down, conditional format, print setup")
    func layout() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("layout.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "台账")
        try sheet.merge(try #require(CellRange(a1: "A1:D1")), text: "标题", style: CellStyle { $0.bold = true; $0.fontSize = 18 })
        for column in 0..<4 { try sheet.write("H\(column)", row: 1, column: column) }
        try sheet.freezePanes(row: 2, column: 0)
        try sheet.autofilter(try #require(CellRange(a1: "A2:D10")))
        try sheet.setColumnWidth(30, columns: 1...2)
        try sheet.addDropDown(DropDownList(values: ["已完成", "未完成"]), to: try #require(CellRange(a1: "D3:D10")))
        try sheet.addConditionalFormat(ConditionalFormat(formula: "=$D3=\"未完成\"", style: CellStyle { $0.fillColor = 0xFFC7CE }),
                                       to: try #require(CellRange(a1: "A3:D10")))
        var setup = PageSetup()
        setup.landscape = true
        setup.paper = .a4
        setup.fitWidth = 1
        setup.repeatRows = 0...1
        setup.footer = "&C第 &P 页 共 &N 页"
        try sheet.apply(setup)
        try sheet.ignoreNumberStoredAsText(in: try #require(CellRange(a1: "A1:XFD1048576")))
        try workbook.close()

        let facts = try #require(try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['台账']
            print(json.dumps({
              'merged': [str(r) for r in ws.merged_cells.ranges],
              'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref,
              'width': ws.column_dimensions['B'].width,
              'validation': [dv.formula1 for dv in ws.data_validations.dataValidation],
              'cf': [r.formula[0] for rng in ws.conditional_formatting for r in rng.rules],
              'orientation': ws.page_setup.orientation, 'paper': str(ws.page_setup.paperSize),
              'fitHeight': str(ws.page_setup.fitToHeight), 'fitWidth': str(ws.page_setup.fitToWidth), 'fit': ws.sheet_properties.pageSetUpPr.fitToPage, 'repeat': ws.print_title_rows,
              'footer': ws.oddFooter.center.text,
            }, ensure_ascii=False))
            """, [path]) as? [String: Any])
        #expect(facts["merged"] as? [String] == ["A1:D1"])
        #expect(facts["freeze"] as? String == "A3")
        #expect(facts["filter"] as? String == "A2:D10")
        #expect((facts["width"] as? Double ?? 0) > 30)
        #expect(facts["validation"] as? [String] == ["\"已完成,未完成\""])
        #expect(facts["cf"] as? [String] == ["$D3=\"未完成\""])
        #expect(facts["orientation"] as? String == "landscape")
        #expect(facts["paper"] as? String == "9")
        // An absent fitToWidth means 1 page wide (ECMA-376 default), which libxlsxwriter relies on.
        #expect(["None", "1"].contains(facts["fitWidth"] as? String ?? ""))
        #expect(facts["fitHeight"] as? String == "0")
        #expect(facts["fit"] as? Bool == true)
        #expect(facts["repeat"] as? String == "$1:$2")
        #expect(facts["footer"] as? String == "第 &P 页 共 &N 页")
    }
}

@Suite("Sheet names follow Excel's rules")
struct SheetNameTests {
    @Test("sanitizing", arguments: [
        ("a/b:c", "a_b_c"),
        ("'quoted'", "quoted"),
        ("History", "History_"),
        ("", "Sheet"),
        (String(repeating: "很", count: 40), String(repeating: "很", count: 31)),
    ])
    func sanitize(input: String, expected: String) {
        #expect(SheetName.sanitized(input) == expected)
        #expect(SheetName.problem(with: expected) == nil)
    }

    @Test("clashes are numbered, ignoring case, within 31 characters")
    func clashes() {
        #expect(SheetName.sanitized("Data", avoiding: ["data"]) == "Data (2)")
        #expect(SheetName.sanitized("Data", avoiding: ["data", "DATA (2)"]) == "Data (3)")
        let long = String(repeating: "x", count: 31)
        #expect(SheetName.sanitized(long, avoiding: [long]) == String(repeating: "x", count: 27) + " (2)")
    }

    @Test("invalid names are refused by addWorksheet", arguments: ["a[b", "History", "'x", String(repeating: "y", count: 32)])
    func refused(name: String) throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("n.xlsx"))
        #expect { try workbook.addWorksheet(named: name) } throws: { ($0 as? XLSXWriteError)?.code == .invalidSheetName }
    }
}
