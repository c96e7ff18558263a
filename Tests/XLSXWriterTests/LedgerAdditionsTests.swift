import Foundation
import TabularCore
import TestSupport
import Testing
import XLSXWriter

/// The small additions made for the ledger workbook: gridlines and chart legends.
@Suite("XLSXWriter additions for the ledger")
struct LedgerAdditionsTests {
    @Test("gridlines can be hidden or shown on screen", arguments: [
        (Worksheet.Gridlines.hidden, false), (.screen, true), (.print, false), (.all, true),
    ])
    func gridlines(option: Worksheet.Gridlines, onScreen: Bool) throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("gridlines.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S")
        try sheet.setGridlines(option)
        try sheet.write("x", row: 0, column: 0)
        try workbook.close()
        let shown = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['S']
            print(json.dumps([ws.sheet_view.showGridLines is not False, bool(ws.print_options.gridLines)]))
            """, [path]) as? [Bool]
        #expect(shown?.first == onScreen)
        #expect(shown?.last == (option == .print || option == .all))
    }

    @Test("a chart's legend goes where it is put; fonts of title, legend and axes; horizontal category labels")
    func legend() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("legend.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S")
        for row in 0..<3 {
            try sheet.write("c\(row)", row: row, column: 0)
            try sheet.write(Double(row + 1), row: row, column: 1)
        }
        let chart = try workbook.addChart(.stackedColumn)
        try chart.addSeries(name: "v", categories: "=S!$A$1:$A$3", values: "=S!$B$1:$B$3")
        try chart.setLegendPosition(.bottom)
        try chart.setTitle("标题")
        try chart.setTitleFont(Chart.Font(name: "黑体", size: 12, bold: true))
        try chart.setLegendFont(Chart.Font(name: "仿宋_GB2312", size: 10))
        try chart.setAxisFonts(categories: Chart.Font(name: "仿宋_GB2312", size: 9, horizontal: true), values: nil)
        try sheet.insert(chart, row: 4, column: 0)
        try workbook.close()
        let position = try runPython("""
            import sys, zipfile, re
            xml = zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml').decode()
            cat = xml[xml.index('<c:catAx>'):xml.index('</c:catAx>')]
            print(re.search(r'<c:legendPos val="(\\w+)"/>', xml).group(1), 'rot="0"' in cat, 'typeface="仿宋_GB2312"' in cat,
                  'typeface="黑体"' in xml, 'sz="1200" b="1"' in xml)
            """, [path])
        #expect(position.trimmingCharacters(in: .whitespacesAndNewlines) == "b True True True True")
    }
}
