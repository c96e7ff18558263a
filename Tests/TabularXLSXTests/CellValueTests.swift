import TabularCore
import TabularXLSX
import TestSupport
import Testing

@Suite struct CellValueTests {
    /// Cells XlsxWriter wrote in make_fixtures.py `xlsxwriter_types()`, sheet "Types".
    @Test(arguments: [
        ("A1", CellValue.text("text")),
        ("B1", .number(42)),
        ("C1", .number(0.1)),
        ("D1", .bool(true)),
        ("E1", .number(2)),  // formula =1+1, cached value
        ("F1", .text("ab")),  // t="str" formula string
        ("G1", .text("bold and plain")),  // rich text runs concatenated
        ("H1", .text("  padded  ")),  // xml:space="preserve", never trimmed
        ("I1", .number(-3.5)),
        ("J1", .number(1e20)),
        ("K1", .number(123_456_789_012)),
        ("L1", .bool(false)),
        ("B3", .empty), ("C3", .empty), ("D3", .text("d")),
        ("A4", .empty),
        ("B6", .text("tab\tand\nnewline")),
        ("C6", .text("ctrl\u{01}char")),  // _x0001_
        ("D6", .text("_x0041_ literal")),  // written as _x005F_x0041_
        ("E6", .text("日本語 ünïcödé 😀")),
    ])
    func xlsxWriterCells(reference: String, expected: CellValue) throws {
        let rows = try readRows("xlsxwriter_types.xlsx", sheet: "Types")
        #expect(value(rows, reference) == expected)
    }

    /// An inline-string cell is its `<is>` text alone; a `<v>` beside it (before or after) is ignored
    /// (ECMA-376 Part 1 §18.3.1.4, §18.18.11).
    @Test func inlineStringIgnoresItsValueElement() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("inline_v.xlsx")
        _ = try runPython("""
            import sys, zipfile
            source, target = sys.argv[1], sys.argv[2]
            sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                     '<row r="1"><c r="A1" t="inlineStr"><v>1.0</v><is><t>1.</t></is></c>'
                     '<c r="B1" t="inlineStr"><is><t>x</t></is><v>9</v></c><c r="C1"><v>2.5</v></c></row>'
                     '</sheetData></worksheet>')
            with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
                for name in old.namelist():
                    new.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else old.read(name))
            """, [fixture("openpyxl_basic.xlsx"), path])
        let rows = try readFirstSheet(path)
        #expect(rows.first?.cells == [.text("1."), .text("x"), .number(2.5)])
    }

    /// Merged areas as `<mergeCell ref>` writes them, read on their bytes: absolute and lower-case references are
    /// the same areas (ECMA-376 Part 1 §18.3.1.55, the `ref` an A1 range); a reference beyond XFD1048576 is the
    /// sheet's `invalid-reference` error, quoting the reference as written.
    @Test func mergedAreasReadOnTheirBytes() throws {
        func sheet(_ references: [String], in folder: TemporaryDirectory) throws -> String {
            let path = folder.file("merged_\(references.count).xlsx")
            _ = try runPython("""
                import sys, zipfile
                source, target = sys.argv[1], sys.argv[2]
                merged = "".join('<mergeCell ref="%s"/>' % ref for ref in sys.argv[3:])
                sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                         '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
                         '<mergeCells count="%d">%s</mergeCells></worksheet>' % (len(sys.argv) - 3, merged))
                with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
                    for name in old.namelist():
                        new.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else old.read(name))
                """, [fixture("openpyxl_basic.xlsx"), path] + references)
            return path
        }
        let folder = try TemporaryDirectory()
        let good = try sheet(["A1:B2", "$c$3:$D$4", "e5:f6", "G7"], in: folder)
        let workbook = try XLSXWorkbook(path: good)
        let table = try workbook.readTable(sheet: workbook.sheets[0])
        #expect(table.mergedRanges == [
            CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 1, column: 1)),
            CellRange(CellAddress(row: 2, column: 2), CellAddress(row: 3, column: 3)),
            CellRange(CellAddress(row: 4, column: 4), CellAddress(row: 5, column: 5)),
            CellRange(CellAddress(row: 6, column: 6), CellAddress(row: 6, column: 6)),
        ])
        let bad = try sheet(["A1:B2", "A1:XFE2"], in: folder)
        let error = readError {
            let workbook = try XLSXWorkbook(path: bad)
            _ = try workbook.readTable(sheet: workbook.sheets[0])
        }
        #expect(error?.code == .invalidReference)
        #expect(error?.message.contains("merged range \"A1:XFE2\" is malformed or beyond XFD1048576") == true)
    }

    /// A sheet of one row of inline-string cells, each `<is><t>` holding the given bytes as written (no XML
    /// escaping), in a copy of `openpyxl_basic.xlsx`.
    static func inlineStringSheet(_ texts: [[UInt8]], in folder: TemporaryDirectory) throws -> String {
        let path = folder.file("inline_texts.xlsx")
        _ = try runPython("""
            import sys, zipfile
            source, target = sys.argv[1], sys.argv[2]
            texts = [bytes.fromhex(h) for h in sys.argv[3:]]
            cells = b"".join(b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + i).encode(), t)
                             for i, t in enumerate(texts))
            sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                     b'<row r="1">' + cells + b'</row></sheetData></worksheet>')
            with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
                for name in old.namelist():
                    new.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else old.read(name))
            """, [fixture("openpyxl_basic.xlsx"), path] + texts.map { bytes in
                bytes.map { byte in String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16) }.joined()
            })
        return path
    }

    /// Inline strings as ledgers store them (`t="inlineStr"`): the text's own bytes, `_xHHHH_` escapes decoded as
    /// UTF-16 code units (ECMA-376 Part 1 §22.9.2.19; `_x005F_` is the underscore itself), anything that only looks
    /// like the start of one kept as written. Expected values by hand from the standard.
    @Test(arguments: [
        ("整改台账", CellValue.text("整改台账")),
        ("已完成并长期坚持", .text("已完成并长期坚持")),
        ("a_x000D_b", .text("a\rb")),
        ("_x005F_x0041_", .text("_x0041_")),
        ("_xD83D__xDE00_", .text("😀")),
        ("😀 ünï", .text("😀 ünï")),
        ("_x12_ab", .text("_x12_ab")),
        ("_xZZ", .text("_xZZ")),
        ("x_x", .text("x_x")),
    ])
    func inlineStringTexts(written: String, expected: CellValue) throws {
        let folder = try TemporaryDirectory()
        let path = try CellValueTests.inlineStringSheet([Array(written.utf8), Array("plain".utf8)], in: folder)
        let rows = try readFirstSheet(path)
        #expect(rows.first?.cells == [expected, .text("plain")])
    }

    /// An inline string that is not UTF-8 is an error, never a text with replacement characters.
    @Test(arguments: [[0xFF], [0x61, 0xC3], [0xED, 0xA0, 0x80], [0xE6, 0x95, 0xB4, 0x80]] as [[UInt8]])
    func inlineStringThatIsNotUTF8(bytes: [UInt8]) throws {
        let folder = try TemporaryDirectory()
        let path = try CellValueTests.inlineStringSheet([Array("ok".utf8), bytes], in: folder)
        #expect(readError { _ = try readFirstSheet(path) } != nil)
    }

    @Test func sparseRowsAndCellsAreFilled() throws {
        let rows = try readRows("xlsxwriter_types.xlsx", sheet: "Types")
        #expect(rows.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(rows[1].cells.isEmpty && rows[3].cells.isEmpty && rows[4].cells.isEmpty)
        #expect(rows[2].cells == [.text("a"), .empty, .empty, .text("d")])
    }

    /// Cells openpyxl wrote (inline strings, t="n") in `openpyxl_basic()`.
    @Test(arguments: [
        ("A1", CellValue.text("name")),
        ("B2", .number(1)), ("C2", .number(2.5)), ("D2", .bool(true)),
        ("E2", date(2023, 12, 31, 23, 59, 58)),
        ("B3", .empty), ("C3", .number(-0.25)), ("D3", .bool(false)),
        ("E3", date(2000, 2, 29)),
        ("B5", .text("after gap")),
        ("F2", .empty),  // a formula without a cached value
        ("A7", .text("merged block")),
    ])
    func openpyxlCells(reference: String, expected: CellValue) throws {
        let rows = try readRows("openpyxl_basic.xlsx", sheet: "First")
        #expect(value(rows, reference) == expected)
    }

    /// Hand-written Strict OOXML with x: prefixes, cells without r, phonetic runs, escapes and every cell type.
    @Test(arguments: [
        ("A1", CellValue.text("plain")),
        ("B1", .text("rich text ")),
        ("C1", .text("東京")),  // the rPh reading トウキョウ is excluded
        ("D1", .text("line\r\nbreak _x0041_ 😀")),  // _x000D__x000A_, _x005F_ escaping, a surrogate pair
        ("A2", .text("  inline  ")),
        ("B2", .text("inline")),
        ("C2", .text("plainx")),
        ("D2", .error("#DIV/0!")),
        ("E2", .error("#N/A")),
        ("F2", .bool(true)),
        ("G2", date(2024, 3, 1, 12)),  // t="d"
        ("A3", .empty),
        ("B4", .number(2)),
        ("D4", date(1904, 1, 1)),  // serial 0, yyyy-mm-dd, 1904 system
        ("E4", .text("<cdata & more>")),
        ("F4", .text("中文 <>\"'&")),
        ("G4", .empty),
    ])
    func strictQuirkCells(reference: String, expected: CellValue) throws {
        let rows = try readRows("quirks_strict.xlsx", sheet: "Strict & Prefixed")
        #expect(value(rows, reference) == expected)
    }

    @Test func rowWithoutValuesAtTheEndIsDropped() throws {
        let rows = try readRows("quirks_strict.xlsx", sheet: "Strict & Prefixed")
        #expect(rows.map(\.line) == [1, 2, 3, 4])
        #expect(rows[3].cells.count == 6)  // B4..F4 from column A; the empty G4 is trimmed
    }

    @Test func mergedRangesAndFill() throws {
        let workbook = try XLSXWorkbook(path: fixture("xlsxwriter_types.xlsx"))
        let sheet = try workbook.sheet(named: "Merged")
        let plain = try workbook.readTable(sheet: sheet)
        let merged = [try #require(CellRange(a1: "B1:D1")), try #require(CellRange(a1: "A2:A5"))]
        #expect(Set(plain.mergedRanges) == Set(merged))
        #expect(plain.rows[2][0] == .empty)
        let filled = try workbook.readTable(sheet: sheet, fillMerged: true)
        #expect(filled.rows[0].cells == [.empty, .text("header"), .text("header"), .text("header")])
        #expect(filled.rows.map { $0[0] } == Array(repeating: .text("group"), count: 4).reduce(into: [.empty]) { $0.append($1) })
        #expect(filled.rows[1][1] == .text("x"))
        #expect(filled.rows[4][2] == .text("y"))
        #expect(filled.sheet == "Merged")
    }

    @Test func openpyxlMergedBlockFillsWithinUsedArea() throws {
        let workbook = try XLSXWorkbook(path: fixture("openpyxl_basic.xlsx"))
        let table = try workbook.readTable(sheet: workbook.sheets[0], fillMerged: true)
        let merged = try #require(CellRange(a1: "A7:C8"))
        #expect(table.mergedRanges == [merged])
        #expect(table.rows[6].cells.prefix(3) == [.text("merged block"), .text("merged block"), .text("merged block")])
        #expect(table.rows.count == 8)
        #expect(table.rows[7].cells.prefix(3) == [.text("merged block"), .text("merged block"), .text("merged block")])
    }
}

@Suite struct LibreOfficeTests {
    /// `libreoffice()` in make_fixtures.py: an openpyxl workbook saved again by LibreOffice Calc (15-digit serials,
    /// `TRUE()` formulas with cached booleans, styled empty cells, `t="n"` everywhere).
    @Test(arguments: [
        ("A1", CellValue.text("label")),
        ("F1", .text("  spaced  ")),
        ("B2", .number(10)),
        ("C2", date(2024, 5, 17)),
        ("D2", .bool(true)),
        ("E2", .time(seconds: 49_530, elapsed: false)),  // 13:45:30
        ("B3", .number(-2.5)),
        ("C3", date(1999, 12, 31, 18, 30)),
        ("D3", .bool(false)),
        ("E3", .time(seconds: 1, elapsed: false)),
        ("A5", .text("merged")),
        ("B5", .empty),
        ("D8", .number(20)),
    ])
    func libreOfficeCells(reference: String, expected: CellValue) throws {
        let rows = try readRows("libreoffice_roundtrip.xlsx", sheet: "Calc")
        #expect(value(rows, reference) == expected)
    }

    @Test func libreOfficeStructure() throws {
        let workbook = try XLSXWorkbook(path: fixture("libreoffice_roundtrip.xlsx"))
        #expect(workbook.sheets.map(\.name) == ["Calc", "Hidden"])
        #expect(workbook.sheets.map(\.visibility) == [.visible, .hidden])
        let table = try workbook.readTable(sheet: workbook.sheets[0], fillMerged: true)
        let merged = try #require(CellRange(a1: "A5:B6"))
        #expect(table.mergedRanges == [merged])
        #expect(table.rows[5].cells.prefix(2) == [.text("merged"), .text("merged")])
        #expect(try workbook.usedRange(of: workbook.sheets[0]) == CellRange(a1: "A1:F8"))
    }
}
