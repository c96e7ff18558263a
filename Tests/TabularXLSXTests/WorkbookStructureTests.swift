import TabularCore
import TabularXLSX
import Testing

@Suite struct WorkbookStructureTests {
    @Test func xlsxWriterSheetsInOrderWithKindsAndVisibility() throws {
        let workbook = try XLSXWorkbook(path: fixture("xlsxwriter_types.xlsx"))
        #expect(workbook.sheets.map(\.name) == ["Types", "Dates", "Merged", "Hidden", "Chart", "Empty"])
        #expect(workbook.sheets.map(\.kind) == [.worksheet, .worksheet, .worksheet, .worksheet, .chartsheet, .worksheet])
        #expect(workbook.sheets.map(\.visibility) == [.visible, .visible, .visible, .hidden, .visible, .visible])
        #expect(workbook.sheets.map(\.index) == Array(0..<6))
        #expect(workbook.sheets[0].partName == "xl/worksheets/sheet1.xml")
        #expect(workbook.worksheets.count == 5)
        #expect(workbook.dateSystem == .from1900)
    }

    @Test func openpyxlVisibilityStates() throws {
        let workbook = try XLSXWorkbook(path: fixture("openpyxl_basic.xlsx"))
        #expect(workbook.sheets.map(\.name) == ["First", "Second", "Third"])
        #expect(workbook.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden])
    }

    @Test func strictPrefixedPackageOutsideXLWithCaseAndBackslashQuirks() throws {
        let workbook = try XLSXWorkbook(path: fixture("quirks_strict.xlsx"))
        #expect(workbook.sheets.map(\.name) == ["Strict & Prefixed", "Second"])
        #expect(workbook.sheets.map(\.partName) == ["book/sheets/s1.xml", "book/sheets/s2.xml"])
        #expect(workbook.sheets.map(\.visibility) == [.visible, .hidden])
        #expect(workbook.dateSystem == .from1904)
        let second = try readRows("quirks_strict.xlsx", sheet: "Second")
        #expect(second == [Row(cells: [.number(7)], line: 1)])
    }

    @Test func chartSheetHasNoRows() throws {
        let workbook = try XLSXWorkbook(path: fixture("xlsxwriter_types.xlsx"))
        let error = readError { _ = try workbook.rows(of: try workbook.sheet(named: "Chart")) }
        #expect(error?.code == .noSuchSheet)
        #expect(error?.message.contains("chart sheet") == true)
    }

    @Test func unknownSheetNameListsTheSheets() throws {
        let workbook = try XLSXWorkbook(path: fixture("openpyxl_basic.xlsx"))
        let error = readError { _ = try workbook.sheet(named: "Nope") }
        #expect(error?.code == .noSuchSheet)
        #expect(error?.message.contains("\"First\", \"Second\", \"Third\"") == true)
        #expect(try workbook.sheet(named: "first").name == "First")
    }

    @Test func emptySheetHasNoRowsAndNoUsedRange() throws {
        let workbook = try XLSXWorkbook(path: fixture("xlsxwriter_types.xlsx"))
        let sheet = try workbook.sheet(named: "Empty")
        #expect(try workbook.readTable(sheet: sheet).rows.isEmpty)
        #expect(try workbook.usedRange(of: sheet) == nil)
    }

    @Test func usedRangeIsScannedNotTakenFromDimension() throws {
        let workbook = try XLSXWorkbook(path: fixture("quirks_strict.xlsx"))
        // The file's <dimension ref="A1"/> lies; values reach G2 and row 4 (G4 itself is an empty styled cell).
        #expect(try workbook.usedRange(of: workbook.sheets[0]) == CellRange(a1: "A1:G4"))
        let types = try XLSXWorkbook(path: fixture("xlsxwriter_types.xlsx"))
        #expect(try types.usedRange(of: types.sheets[0]) == CellRange(a1: "A1:L6"))
    }

    @Test func streamingWritersReadInFull() throws {
        let constant = try readRows("xlsxwriter_constant_memory.xlsx", sheet: "Stream")
        #expect(constant.count == 200)
        #expect(constant[199] == Row(cells: [.text("name 199"), .number(298.5), .bool(false)], line: 200))
        let writeOnly = try readRows("openpyxl_write_only.xlsx", sheet: "WriteOnly")
        #expect(writeOnly.count == 100)
        #expect(writeOnly[99] == Row(cells: [.text("r99"), .number(99), .number(24.75)], line: 100))
    }
}

@Suite struct DocumentationExampleTests {
    /// The example in `XLSXWorkbook`'s doc comment, with its output collected instead of printed.
    @Test func workbookDocExample() throws {
        var lines: [String] = []
        let workbook = try XLSXWorkbook(path: fixture("openpyxl_basic.xlsx"), limits: XLSXWorkbook.Limits())
        let reader = try workbook.rows(of: workbook.worksheets[0])
        while let row = try reader.nextRow() {
            lines.append("\(row.line) " + row.cells.map(\.text).joined(separator: ","))
        }
        #expect(lines == [
            "1 name,count,price,ok,when",
            "2 alpha,1,2.5,TRUE,2023-12-31T23:59:58",
            "3 beta,,-0.25,FALSE,2000-02-29",
            "4 ",
            "5 ,after gap",
            "6 ",
            "7 merged block",
        ])
    }
}
