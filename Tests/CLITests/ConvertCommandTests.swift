import Foundation
import TestSupport
import Testing

/// Reads every cell of every sheet of a workbook with openpyxl: `[sheet: [[value, type, number format]]]`.
func workbookCells(_ path: String) throws -> [String: [[[String]]]] {
    try #require(try openpyxl("""
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {}
        for ws in wb.worksheets:
            out[ws.title] = [[[str(c.value) if c.value is not None else '', c.data_type, c.number_format] for c in row]
                             for row in ws.iter_rows()]
        print(json.dumps(out, ensure_ascii=False))
        """, [path]) as? [String: [[[String]]]])
}

@Suite("tracksheet convert: CSV to XLSX, checked with openpyxl")
struct ConvertCommandTests {
    @Test("the GBK sample converts with typed cells, a frozen filtered header and text that must stay text")
    func gbkSample() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("contacts.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", packagePath("Samples/convert/contacts-gbk.csv"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "wrote \(output): 1 sheet, 5 data rows, 0 warnings\n")
        let sheet = try #require(try workbookCells(output)["contacts-gbk"])
        #expect(sheet[0][2] == ["身份证号", "s", "General"])
        #expect(sheet[1][0] == ["1", "n", "General"])
        #expect(sheet[1][2] == ["511425198803150012", "s", "General"])
        #expect(sheet[1][4] == ["138-2835-0001", "s", "General"])
        #expect(sheet[1][5] == ["12500", "n", "#,##0.00"])
        #expect(sheet[1][6] == ["0.85", "n", "0%"])
        #expect(sheet[1][7] == ["2025-03-31 00:00:00", "d", "yyyy-mm-dd"])
        #expect(sheet[1][9] == ["001203", "s", "General"])
        #expect(sheet[2][2] == ["51142519900101123X", "s", "General"])
        #expect(sheet[2][4] == ["+86 139 0000 1234", "s", "General"])
        #expect(sheet[2][7] == ["2025-04-07 00:00:00", "d", "yyyy-mm-dd"])
        #expect(sheet[4][7] == ["2025-05-30 00:00:00", "d", "yyyy-mm-dd"])
        #expect(sheet[4][8] == ["走访基地、协会19次\n5月底前完成全覆盖", "s", "General"])
        #expect(sheet[5][5] == ["1500", "n", "0.0E+00"])
        #expect(sheet[5][7] == ["2025年13月1日", "s", "General"])
        #expect(sheet[5][8] == ["=SUM(A1:A3) 不是公式", "s", "General"])

        let layout = try #require(try openpyxl("""
            import zipfile
            ws = openpyxl.load_workbook(sys.argv[1]).active
            xml = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
            print(json.dumps({'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'bold': ws['A1'].font.b,
                              'fill': ws['A1'].fill.fgColor.rgb, 'widthC': ws.column_dimensions['C'].width,
                              'widthA': ws.column_dimensions['A'].width,
                              'ignored': 'numberStoredAsText="1"' in xml}))
            """, [output]) as? [String: Any])
        #expect(layout["freeze"] as? String == "A2")
        #expect(layout["filter"] as? String == "A1:J6")
        #expect(layout["bold"] as? Bool == true)
        #expect(layout["fill"] as? String == "FFDDEBF7")
        #expect(layout["ignored"] as? Bool == true)
        // 18 digits are wider than the 4-character header, and CJK text counts double.
        #expect((layout["widthC"] as? Double ?? 0) > 18)
        #expect((layout["widthA"] as? Double ?? 99) < 10)
    }

    @Test("a successful convert says in one line on stderr what it wrote, unless -q")
    func summaryLine() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("ragged.csv", text: "a,b\n1,2\n3\n")
        let book = folder.file("out.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", input, "-o", book])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.last == "wrote \(book): 1 sheet, 2 data rows, 1 warning")
        let quiet = try runTracksheet(["convert", "--lang", "en", "-q", input, "-o", book])
        #expect(quiet.status == 0)
        #expect(quiet.stderr.split(separator: "\n").count == 1, "the warning still prints: \(quiet.stderr)")

        let csv = folder.file("out.csv")
        let back = try runTracksheet(["convert", "--lang", "en", book, "-o", csv])
        #expect(back.stderr == "wrote \(csv): 1 sheet as CSV, 3 rows, 0 warnings\n")
        let all = try runTracksheet(["convert", "--lang", "en", "--quiet", book, "--all-sheets", "-o", folder.file("csv")])
        #expect(all.status == 0)
        #expect(all.stderr == "")
        let piped = try runTracksheet(["convert", "--lang", "en", book, "-o", "-"])
        #expect(piped.stderr == "wrote standard output: 1 sheet as CSV, 3 rows, 0 warnings\n")
        let everySheetPiped = try runTracksheet(["convert", "--lang", "en", book, "--all-sheets", "-o", "-"], in: folder.path)
        #expect(everySheetPiped.status == 2)
        #expect(everySheetPiped.stdout.isEmpty)
        #expect(everySheetPiped.stderr.contains("--all-sheets writes one CSV per sheet into a folder"), "\(everySheetPiped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("-")), "no folder named - is made")
    }

    @Test("Excel's UTF-16 'Unicode text' and a sep=; export read as their encodings and delimiters say")
    func otherEncodings() throws {
        let folder = try TemporaryDirectory()
        let output = folder.file("book.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", packagePath("Samples/convert/contacts-unicode.txt"),
                                        packagePath("Samples/convert/budget-semicolon.csv"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let book = try workbookCells(output)
        #expect(Set(book.keys) == ["contacts-unicode", "budget-semicolon"])
        #expect(book["contacts-unicode"]?[1][1] == ["张某某", "s", "General"])
        #expect(book["budget-semicolon"]?[0].map { $0[0] } == ["Projekt", "Budget", "Anteil", "Datum"])
        #expect(book["budget-semicolon"]?[1][0] == ["Wärmepumpe", "s", "General"])
        #expect(book["budget-semicolon"]?[1][2] == ["0.45", "n", "0%"])
    }

    @Test("--no-infer keeps everything as text; --type forces one column")
    func typing() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("t.csv", text: "code,amount,when\n0012,5,2025-01-02\n0013,6,2025-01-03\n")
        let plain = folder.file("plain.xlsx")
        #expect(try runTracksheet(["convert", "--lang", "en", input, "--no-infer", "-o", plain]).status == 0)
        #expect(try workbookCells(plain)["t"]?[1].map { $0[1] } == ["s", "s", "s"])

        let forced = folder.file("forced.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", input, "--type", "code=number", "--type", "3=text", "-o", forced])
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(try workbookCells(forced)["t"]?[1])
        #expect(row[0] == ["12", "n", "General"])
        #expect(row[2] == ["2025-01-02", "s", "General"])

        let bad = try runTracksheet(["convert", "--lang", "en", input, "--type", "nosuch=text", "-o", folder.file("bad.xlsx")])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("nosuch"))
    }

    @Test("a field over 32,767 characters is an error naming file, line and column; --truncate cuts it with a warning")
    func longText() throws {
        let folder = try TemporaryDirectory()
        let long = String(repeating: "长", count: 32_768)
        let input = try folder.write("long.csv", text: "a,b\nx,y\nz,\(long)\n")
        let output = folder.file("long.xlsx")
        let failed = try runTracksheet(["convert", "--lang", "en", input, "-o", output])
        #expect(failed.status == 4)
        #expect(failed.stderr.hasPrefix("tracksheet: error: \(input):3:2: "))
        #expect(failed.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try folder.contents() == ["long.csv"])

        let cut = try runTracksheet(["convert", "--lang", "en", input, "--truncate", "-o", output])
        #expect(cut.status == 0)
        #expect(cut.stderr.contains("tracksheet: warning: \(input):3:2:"))
        let length = try openpyxl("print(json.dumps(len(openpyxl.load_workbook(sys.argv[1]).active['B3'].value)))", [output]) as? Int
        #expect(length == 32_767)
    }

    @Test("more than 16,384 columns is a limit error")
    func tooManyColumns() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("wide.csv", text: Array(repeating: "x", count: 16_385).joined(separator: ",") + "\n")
        let result = try runTracksheet(["convert", "--lang", "en", input, "-o", folder.file("wide.xlsx")])
        #expect(result.status == 4)
        #expect(result.stderr.contains("\(input):1"))
        #expect(result.stderr.contains("16,384"))
    }

    @Test("with SOURCE_DATE_EPOCH the same input gives byte-identical workbooks")
    func reproducible() throws {
        let folder = try TemporaryDirectory()
        let input = packagePath("Samples/convert/contacts-gbk.csv")
        let environment = ["SOURCE_DATE_EPOCH": "1735689600"]
        #expect(try runTracksheet(["convert", "--lang", "en", input, "-o", folder.file("a.xlsx")], environment: environment).status == 0)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try runTracksheet(["convert", "--lang", "en", input, "-o", folder.file("b.xlsx")], environment: environment).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: folder.file("a.xlsx")))
        let b = try Data(contentsOf: URL(fileURLWithPath: folder.file("b.xlsx")))
        #expect(a == b)
    }

    @Test("the output may not be an input, and a failed run leaves an existing output untouched")
    func protectsFiles() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.csv", text: "a\n1\n")
        let sameFile = try runTracksheet(["convert", "--lang", "en", input, "-o", input])
        #expect(sameFile.status == 2)
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "a\n1\n")

        let output = try folder.write("out.xlsx", text: "previous contents")
        let broken = try folder.write("broken.csv", text: "a\n\"unterminated\n")
        let failed = try runTracksheet(["convert", "--lang", "en", broken, "-o", output])
        #expect(failed.status == 3)
        #expect(failed.stderr.hasPrefix("tracksheet: error: \(broken):2:1: "))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous contents")
        #expect(try folder.contents() == ["broken.csv", "in.csv", "out.xlsx"])
    }

    @Test("exit codes: a missing input is 3, a bad option 2, an unwritable folder 5", arguments: [
        (["convert", "/nonexistent/in.csv", "-o", "OUT/x.xlsx"], Int32(3)),
        (["convert", "IN", "--delimiter", "ab", "-o", "OUT/x.xlsx"], Int32(2)),
        (["convert", "IN", "-o", "/nonexistent-folder/x.xlsx"], Int32(5)),
        (["convert", "IN", "-o", "OUT/x.csv"], Int32(2)),
        (["convert", "--no-such-option"], Int32(2)),
    ])
    func exitCodes(arguments: [String], status: Int32) throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.csv", text: "a,b\n1,2\n")
        let resolved = arguments.map { $0 == "IN" ? input : $0.replacingOccurrences(of: "OUT", with: folder.path) }
        let result = try runTracksheet(resolved)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("tracksheet: error: "))
    }

    @Test("standard input in, standard output out")
    func pipes() throws {
        let result = try runTracksheet(["convert", "--lang", "en", "-", "-o", "-"], stdin: Data("名称,数量\n苹果,3\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.utf8.starts(with: Array("PK".utf8)))
    }

    @Test("a ragged row is padded with a warning naming its line; --strict makes it an error")
    func ragged() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("r.csv", text: "a,b,c\n1,2\n3,4,5\n")
        let padded = try runTracksheet(["convert", "--lang", "en", input, "-o", folder.file("r.xlsx")])
        #expect(padded.status == 0)
        #expect(padded.stderr.hasPrefix("tracksheet: warning: \(input):2"))
        let strict = try runTracksheet(["convert", "--lang", "en", input, "--strict", "-o", folder.file("s.xlsx")])
        #expect(strict.status == 1)
        #expect(strict.stderr.hasPrefix("tracksheet: error: \(input):2"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("s.xlsx")))
    }
}
