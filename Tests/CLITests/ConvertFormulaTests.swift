import Foundation
import TestSupport
import Testing

/// Writes a workbook with openpyxl, which stores formulas without computing them (`<f>` and an empty `<v/>`):
/// the first sheet has formulas in C5 and C6 after four rows of plain values; a second sheet, `Totals 2`, one more.
func makeFormulaWorkbook(_ path: String) throws {
    _ = try runPython("""
        import sys, openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = 'Sheet1'
        ws.append(['a', 'b', 'sum'])
        ws.append([1, 2, 3])
        ws.append([3, 4, 7])
        ws.append([5, 6, 11])
        ws.append([7, 8, '=A5+B5'])
        ws.append([9, 10, '=SUM(A6:B6)'])
        second = wb.create_sheet('Totals 2')
        second.append(['total', '=Sheet1!C6*2'])
        wb.save(sys.argv[1])
        """, [path])
}

@Suite("tracksheet convert: formula cells without a cached value (issue #13)")
struct ConvertFormulaTests {
    @Test("one warning counts the formula cells without a value and names the first; the fields are empty")
    func oneSheet() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("formulas.xlsx")
        try makeFormulaWorkbook(book)
        let output = folder.file("out.csv")
        let result = try runTracksheet(["convert", "--lang", "en", book, "-o", output])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            tracksheet: warning: 2 formula cells have no cached value (first: Sheet1!C5); open and save the file in \
            Excel to compute them
            wrote \(output): 1 sheet as CSV, 6 rows, 1 warning

            """)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "a,b,sum\n1,2,3\n3,4,7\n5,6,11\n7,8,\n9,10,\n")
    }

    @Test("--all-sheets gives one warning for the whole workbook, the sheet name quoted as in a formula")
    func allSheets() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("formulas.xlsx")
        try makeFormulaWorkbook(book)
        let result = try runTracksheet(["convert", "--lang", "en", book, "--all-sheets", "-q", "-o", folder.file("csv")])
        #expect(result.status == 0)
        #expect(result.stderr == """
            tracksheet: warning: 3 formula cells have no cached value (first: Sheet1!C5); open and save the file in \
            Excel to compute them

            """)
        let second = try runTracksheet(["convert", "--lang", "en", book, "--sheet", "Totals 2", "-o", folder.file("totals.csv")])
        #expect(second.stderr.hasPrefix("""
            tracksheet: warning: 1 formula cell has no cached value (first: 'Totals 2'!B1); open and save the file in \
            Excel to compute them
            """))
    }

    @Test("a workbook whose formulas have cached values gets no warning")
    func cachedValues() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("cached.xlsx")
        // openpyxl writes the formula with an empty `<v></v>`; the cached value 3 (= 1 + 2) goes into it, as Excel
        // would store it.
        _ = try runPython("""
            import sys, zipfile, openpyxl
            wb = openpyxl.Workbook()
            wb.active.append([1, 2, '=A1+B1'])
            wb.save(sys.argv[1] + '.tmp')
            with zipfile.ZipFile(sys.argv[1] + '.tmp') as source, zipfile.ZipFile(sys.argv[1], 'w') as target:
                for item in source.infolist():
                    data = source.read(item.filename)
                    if item.filename == 'xl/worksheets/sheet1.xml':
                        assert b'<f>A1+B1</f><v></v>' in data
                        data = data.replace(b'<f>A1+B1</f><v></v>', b'<f>A1+B1</f><v>3</v>')
                    target.writestr(item, data)
            """, [book])
        let output = folder.file("out.csv")
        let result = try runTracksheet(["convert", "--lang", "en", book, "-q", "-o", output])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "1,2,3\n")
    }
}
