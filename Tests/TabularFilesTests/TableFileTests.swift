import Foundation
import TabularCore
import TabularCSV
import TabularFiles
import TabularXLSX
import TestSupport
import Testing

/// The absolute path of a workbook fixture of the XLSX reader's tests (made by openpyxl, XlsxWriter, LibreOffice).
private func workbookFixture(_ name: String) -> String {
    packagePath("Tests/TabularXLSXTests/Fixtures/\(name)")
}

@Suite("Reading any table file whole")
struct TableFileTests {
    @Test("a file that cannot be read is a workbook by its extension", arguments: [
        ("tasks.xlsx", true), ("TASKS.XLSM", true), ("a.b.xlsx", true), ("tasks.xls", true), ("tasks.ods", true),
        ("tasks.csv", false), ("xlsx", false), ("-", false),
    ])
    func looksLikeWorkbook(path: String, expected: Bool) {
        #expect(TableFile.looksLikeWorkbook(path) == expected)
    }

    @Test("a file that can be read is a workbook by its first bytes, whatever its name", arguments: [
        ("openpyxl_basic.xlsx", "book.xls", true), ("openpyxl_basic.xlsx", "book.csv", true),
        ("other_legacy.xls", "old.txt", true), ("other_csv_renamed.xlsx", "text.xlsx", false),
    ])
    func sniffed(fixture: String, name: String, expected: Bool) throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: workbookFixture(fixture)))))
        #expect(TableFile.looksLikeWorkbook(path) == expected)
    }

    @Test("a CSV file is read with its options")
    func csv() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("tasks.txt", text: "序号;措施\n1;整改\n")
        let table = try TableFile.read(path, csv: .init(delimiter: UInt8(ascii: ";")))
        #expect(table.rows.map(\.cells) == [[.text("序号"), .text("措施")], [.text("1"), .text("整改")]])
        #expect(table.rows.map(\.line) == [1, 2])
    }

    @Test("a workbook is read from its first visible worksheet by default, merged ranges kept")
    func firstVisibleSheet() throws {
        let table = try TableFile.read(workbookFixture("openpyxl_basic.xlsx"))
        #expect(table.rows.first?.cells.first == .text("name"))
        #expect(table.mergedRanges == [try #require(CellRange(a1: "A7:C8"))])
    }

    @Test("a sheet is selected by name or by 1-based index", arguments: [
        ("Second", "hidden one"), ("second", "hidden one"), ("2", "hidden one"), ("3", "very hidden"),
    ])
    func selected(selector: String, firstCell: String) throws {
        let table = try TableFile.read(workbookFixture("openpyxl_basic.xlsx"), sheet: selector)
        #expect(table.rows.map(\.cells) == [[.text(firstCell)]])
    }

    @Test("an index out of range is a usage error naming the file and the number of sheets", arguments: ["0", "4", "-1"])
    func indexOutOfRange(selector: String) throws {
        let path = workbookFixture("openpyxl_basic.xlsx")
        let error = #expect(throws: TabularFilesError.self) { try TableFile.read(path, sheet: selector) }
        #expect(error?.code == .unknownSheet)
        #expect(error?.category == .usage)
        #expect(error?.description == "\(path): there is no sheet \(selector); the workbook has 3")
    }

    @Test("an unknown sheet name is the reader's error listing the sheets")
    func unknownName() throws {
        let path = workbookFixture("openpyxl_basic.xlsx")
        let error = #expect(throws: XLSXReadError.self) { try TableFile.read(path, sheet: "Nope") }
        #expect(error?.code == .noSuchSheet)
        #expect(error?.message.contains("\"First\", \"Second\", \"Third\"") == true)
    }
}
