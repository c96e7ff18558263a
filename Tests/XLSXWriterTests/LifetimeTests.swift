import TestSupport
import Testing
@testable import XLSXWriter

/// Worksheets and charts refer to their workbook's state, never the other way round, so all of it is freed.
@Suite("No reference cycle between a workbook and its worksheets")
struct LifetimeTests {
    @Test("the worksheet, the chart and the workbook's state are freed after close")
    func freedAfterClose() throws {
        let folder = try TemporaryDirectory()
        weak var weakSheet: Worksheet?
        weak var weakChart: Chart?
        weak var weakCore: WorkbookCore?
        do {
            let workbook = try Workbook(path: folder.file("closed.xlsx"))
            let sheet = try workbook.addWorksheet(named: "S")
            try sheet.write("x", row: 0, column: 0, style: CellStyle { $0.bold = true })
            try sheet.write(1, row: 0, column: 1)
            let chart = try workbook.addChart(.column)
            try chart.addSeries(name: "v", categories: "=S!$A$1:$A$1", values: "=S!$B$1:$B$1")
            try sheet.insert(chart, row: 2, column: 0)
            weakSheet = sheet
            weakChart = chart
            weakCore = sheet.core
            try workbook.close()
        }
        #expect(weakSheet == nil)
        #expect(weakChart == nil)
        #expect(weakCore == nil)
    }

    @Test("the worksheet and the workbook's state are freed when an unclosed workbook is dropped")
    func freedAfterDrop() throws {
        let folder = try TemporaryDirectory()
        weak var weakSheet: Worksheet?
        weak var weakCore: WorkbookCore?
        do {
            let workbook = try Workbook(path: folder.file("dropped.xlsx"))
            let sheet = try workbook.addWorksheet(named: "S")
            _ = try workbook.addWorksheet(named: "T")
            try sheet.write("x", row: 0, column: 0)
            weakSheet = sheet
            weakCore = sheet.core
        }
        #expect(weakSheet == nil)
        #expect(weakCore == nil)
        #expect(try folder.contents() == [])
    }

    @Test("a worksheet kept past close keeps only the Swift state, which goes with it")
    func keptWorksheet() throws {
        let folder = try TemporaryDirectory()
        weak var weakCore: WorkbookCore?
        var sheet: Worksheet? = nil
        do {
            let workbook = try Workbook(path: folder.file("kept.xlsx"))
            sheet = try workbook.addWorksheet(named: "S")
            weakCore = sheet?.core
            try workbook.close()
        }
        #expect(weakCore?.isOpen == false)
        #expect { try sheet?.write("late", row: 0, column: 0) } throws: { ($0 as? XLSXWriteError)?.code == .workbookClosed }
        sheet = nil
        #expect(weakCore == nil)
    }
}
