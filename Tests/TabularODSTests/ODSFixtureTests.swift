import Foundation
import TabularCore
import TabularODS
import TabularXLSX
import Testing
import TestSupport

/// The rows of a sheet in canonical form, trailing empty cells dropped.
private func canonicalRows(_ book: ODSWorkbook, _ sheet: SheetInfo) throws -> [[String]] {
    try book.readTable(sheet: sheet).rows.map { row in
        var cells = row.cells.map(canonical)
        while cells.last == "" { cells.removeLast() }
        return cells
    }
}

@Suite("ODS fixtures written by LibreOffice and odfpy, read as pandas' ODF reader reads them")
struct ODSFixtureTests {
    @Test("LibreOffice's .ods: every sheet's cells equal pandas' reading of the same file")
    func libreOfficeCells() throws {
        let book = try ODSWorkbook(path: fixture("libreoffice.ods"))
        let expected = try expectedRows("libreoffice.expected.json")
        #expect(Set(book.sheets.map(\.name)) == Set(expected.keys))
        for sheet in book.sheets {
            #expect(try canonicalRows(book, sheet) == expected[sheet.name], "sheet \(sheet.name)")
        }
    }

    @Test("LibreOffice's .ods lists the sheets in tab order, the hidden one hidden")
    func libreOfficeSheets() throws {
        let book = try ODSWorkbook(path: fixture("libreoffice.ods"))
        #expect(book.sheets.map(\.name) == ["类型", "布尔", "合并", "重复", "隐藏", "S1", "S2", "S3", "S4", "S5", "空"])
        #expect(book.sheets.filter { $0.visibility == .hidden }.map(\.name) == ["隐藏"])
        #expect(book.sheets.allSatisfy { $0.kind == .worksheet })
    }

    @Test("merged cells come out as the ranges openpyxl merged")
    func libreOfficeMerges() throws {
        let book = try ODSWorkbook(path: fixture("libreoffice.ods"))
        let table = try book.readTable(sheet: try book.sheet(named: "合并"))
        #expect(table.mergedRanges.map(\.description).sorted() == ["A1:C1", "A4:B5", "B2:B3"])
        let filled = try book.readTable(sheet: try book.sheet(named: "合并"), fillMerged: true)
        #expect(filled.rows[0].cells == [.text("标题跨三列"), .text("标题跨三列"), .text("标题跨三列")])
        #expect(filled.rows[2].cells.prefix(2) == [.empty, .text("跨两行")])
        #expect(filled.rows[4].cells == [.text("块"), .text("块")])
    }

    @Test("used ranges are those of the cells openpyxl wrote")
    func libreOfficeUsedRanges() throws {
        let book = try ODSWorkbook(path: fixture("libreoffice.ods"))
        #expect(try book.usedRange(of: try book.sheet(named: "类型"))?.description == "A1:H8")
        #expect(try book.usedRange(of: try book.sheet(named: "重复"))?.description == "A1:E60")
        #expect(try book.usedRange(of: try book.sheet(named: "S3"))?.description == "A1:C4")
        #expect(try book.usedRange(of: try book.sheet(named: "空")) == nil)
    }

    @Test("odfpy's hand-built edge cases read as written")
    func odfpyCells() throws {
        let book = try ODSWorkbook(path: fixture("odfpy.ods"))
        let expected = try expectedRows("odfpy.expected.json")
        #expect(book.sheets.map(\.name) == ["文本", "值", "重复与合并", "隐藏表"])
        for sheet in book.sheets {
            #expect(try canonicalRows(book, sheet) == expected[sheet.name], "sheet \(sheet.name)")
        }
        #expect(book.sheets.map(\.visibility) == [.visible, .visible, .visible, .hidden])
        let grid = try book.readTable(sheet: try book.sheet(named: "重复与合并"))
        #expect(grid.mergedRanges.map(\.description) == ["A6:B7"])
        #expect(try book.usedRange(of: try book.sheet(named: "重复与合并"))?.description == "A1:H7")
    }

    @Test("a streaming reader declares no dimension (OpenDocument has none) and numbers rows from 1")
    func streaming() throws {
        let book = try ODSWorkbook(path: fixture("odfpy.ods"))
        let reader = try book.rows(of: try book.sheet(named: "重复与合并"))
        #expect(reader.declaredDimension == nil)
        var lines: [Int] = []
        while let row = try reader.nextRow() { lines.append(row.line) }
        #expect(lines == [1, 2, 3, 4, 5, 6, 7])
        #expect(try reader.nextRow() == nil)
    }
}
