import Foundation
import TestSupport
import Testing

/// Reads what a converted sheet shows around its header with openpyxl: values and types of the first rows, the
/// title and header styling, the frozen pane and the filter.
func titleLayout(_ path: String) throws -> [String: Any] {
    try #require(try openpyxl("""
        ws = openpyxl.load_workbook(sys.argv[1]).active
        def cell(c):
            return {'value': '' if c.value is None else str(c.value), 'type': c.data_type, 'bold': bool(c.font.b),
                    'size': c.font.sz, 'align': c.alignment.horizontal, 'fill': c.fill.fgColor.rgb}
        print(json.dumps({'rows': [[cell(c) for c in row] for row in ws.iter_rows()],
                          'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref}, ensure_ascii=False))
        """, [path]) as? [String: Any])
}

/// The cells of a layout's row (0-based), as dictionaries.
func layoutRow(_ layout: [String: Any], _ row: Int) throws -> [[String: Any]] {
    let rows = try #require(layout["rows"] as? [[[String: Any]]])
    return try #require(rows.indices.contains(row) ? rows[row] : nil)
}

@Suite("tracksheet convert: title rows above the header, and --header-row")
struct ConvertTitleRowsTests {
    /// A roster as clerks export it: a banner of one field, a date line of one field that looks like a number, a
    /// blank line, then a 4-column header and data, one data row short.
    static let roster = "2025年第一季度职工花名册\n20250331\n\n姓名,部门,电话,备注\n张三,1,13800000000,\n李四,2,13900000000,调入\n王五,3\n"

    @Test("a banner, a number-like title and a blank line are kept as a title; the header below is styled, frozen and filtered")
    func bannerAboveHeader() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("roster.csv", text: Self.roster)
        let output = folder.file("roster.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", input, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        // One warning for the titles, one for the short row measured against the header; none for the others.
        #expect(result.stderr == """
            tracksheet: warning: \(input): rows 1–3 read as a title above the header in row 4; pass --header-row N to choose
            tracksheet: warning: \(input):7: this row has 2 fields but the header has 4; it was padded with empty cells
            wrote \(output): 1 sheet, 3 data rows, 2 warnings

            """)
        let layout = try titleLayout(output)
        let banner = try layoutRow(layout, 0)
        #expect(banner[0]["value"] as? String == "2025年第一季度职工花名册")
        #expect(banner[0]["type"] as? String == "s")
        #expect(banner[0]["bold"] as? Bool == true)
        #expect(banner[0]["size"] as? Double == 14)
        // Centered across the table's four columns, and not filled like the header.
        #expect(banner.map { $0["align"] as? String } == Array(repeating: "centerContinuous", count: 4))
        #expect(banner[0]["fill"] as? String != "FFDDEBF7")
        let date = try layoutRow(layout, 1)
        #expect(date[0]["value"] as? String == "20250331")
        #expect(date[0]["type"] as? String == "s", "a title is text, never typed as data")
        #expect(try layoutRow(layout, 2).allSatisfy { ($0["value"] as? String) == "" })
        let header = try layoutRow(layout, 3)
        #expect(header.map { $0["value"] as? String } == ["姓名", "部门", "电话", "备注"])
        #expect(header.allSatisfy { $0["bold"] as? Bool == true && $0["fill"] as? String == "FFDDEBF7" })
        let data = try layoutRow(layout, 4)
        #expect(data[1]["type"] as? String == "n")
        #expect(data[2]["value"] as? String == "13800000000")
        #expect(data[2]["type"] as? String == "s")
        #expect(layout["freeze"] as? String == "A5")
        #expect(layout["filter"] as? String == "A4:D7")
    }

    @Test("--strict accepts the banner: only rows of another width than the header are errors")
    func strictWithBanner() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("roster.csv", text: "职工花名册\n姓名,部门\n张三,1\n李四,2\n")
        let output = folder.file("out.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", "--strict", input, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == """
            tracksheet: warning: \(input): row 1 reads as a title above the header in row 2; pass --header-row N to choose
            wrote \(output): 1 sheet, 2 data rows, 1 warning

            """)
        let ragged = try folder.write("ragged.csv", text: "职工花名册\n姓名,部门\n张三,1\n李四\n")
        let refused = try runTracksheet(["convert", "--lang", "en", "--strict", ragged, "-o", output])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(ragged):4"), "\(refused.stderr)")
        #expect(refused.stderr.contains("this row has 1 field but the header has 2"), "\(refused.stderr)")
    }

    @Test("--header-row 1 takes a first row that looks like a title as the header, without a warning")
    func headerRowOne() throws {
        let folder = try TemporaryDirectory()
        // The second column's header is blank: row 1 has one text, which the search reads as a title.
        let input = try folder.write("scores.csv", text: "姓名,\n张三,90\n李四,85\n")
        let guessed = folder.file("guessed.xlsx")
        let warned = try runTracksheet(["convert", "--lang", "en", input, "-o", guessed])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.hasPrefix("tracksheet: warning: \(input): row 1 reads as a title above the header in row 2; pass --header-row N to choose\n"))

        let output = folder.file("scores.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", "--header-row", "1", input, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "wrote \(output): 1 sheet, 2 data rows, 0 warnings\n")
        let layout = try titleLayout(output)
        let header = try layoutRow(layout, 0)
        #expect(header[0]["value"] as? String == "姓名")
        #expect(header[0]["fill"] as? String == "FFDDEBF7")
        #expect(try layoutRow(layout, 1)[1]["type"] as? String == "n")
        #expect(layout["freeze"] as? String == "A2")
        #expect(layout["filter"] as? String == "A1:B3")
    }

    @Test("--header-row N names a header the search would miss; the rows above stay text in their columns")
    func headerRowThree() throws {
        let folder = try TemporaryDirectory()
        // Row 2 has two texts, so the search would take it for the header.
        let input = try folder.write("list.csv", text: "花名册\n单位：人事处,日期：2025-03-31\n姓名,部门,电话\n张三,1,13800000000\n")
        let output = folder.file("list.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", input, "--header-row", "3", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "wrote \(output): 1 sheet, 1 data row, 0 warnings\n")
        let layout = try titleLayout(output)
        let subtitle = try layoutRow(layout, 1)
        #expect(subtitle.prefix(2).map { $0["value"] as? String } == ["单位：人事处", "日期：2025-03-31"])
        #expect(subtitle.prefix(2).allSatisfy { $0["type"] as? String == "s" && $0["bold"] as? Bool == true })
        #expect(try layoutRow(layout, 2).map { $0["value"] as? String } == ["姓名", "部门", "电话"])
        #expect(layout["freeze"] as? String == "A4")
        #expect(layout["filter"] as? String == "A3:C4")
    }

    @Test("--header-row past the input, or below 1, or for a workbook input is a usage error (exit 2) with no output")
    func headerRowMisuse() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("short.csv", text: "a,b\n1,2\n")
        let past = try runTracksheet(["convert", "--lang", "en", input, "--header-row", "5", "-o", folder.file("out.xlsx")])
        #expect(past.status == 2, "\(past.stderr)")
        #expect(past.stderr.contains("--header-row 5"), "\(past.stderr)")
        #expect(past.stderr.contains("it has 2"), "\(past.stderr)")
        let zero = try runTracksheet(["convert", "--lang", "en", input, "--header-row", "0", "-o", folder.file("out.xlsx")])
        #expect(zero.status == 2, "\(zero.stderr)")
        let book = folder.file("book.xlsx")
        try writeZip(book, entries: minimalWorkbook(sheet: sheetXML(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)))
        let fromBook = try runTracksheet(["convert", "--lang", "en", book, "--header-row", "2", "-o", folder.file("out.csv")])
        #expect(fromBook.status == 2, "\(fromBook.stderr)")
        #expect(fromBook.stderr.contains("--header-row"), "\(fromBook.stderr)")
        #expect(try folder.contents().sorted() == ["book.xlsx", "short.csv"])
    }

    @Test("a CSV without titles converts as before: row 1 is the header, no title warning")
    func noTitles() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("plain.csv", text: "1,2,3\n4,5,6\n")
        let output = folder.file("plain.xlsx")
        let result = try runTracksheet(["convert", "--lang", "en", input, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "wrote \(output): 1 sheet, 1 data row, 0 warnings\n")
        let layout = try titleLayout(output)
        #expect(layout["freeze"] as? String == "A2")
        #expect(layout["filter"] as? String == "A1:C2")
    }
}

@Suite("tracksheet convert --excel: CSV that Excel on Windows opens directly")
struct ConvertExcelCSVTests {
    @Test("--excel writes UTF-8 with a byte order mark and CRLF line ends, to a file or standard output")
    func excelCSV() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("book.xlsx")
        let rows = #"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>部门</t></is></c></row>"#
            + #"<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>1</v></c></row>"#
        try writeZip(book, entries: minimalWorkbook(sheet: sheetXML(rows)))
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("姓名,部门\r\n张三,1\r\n".utf8)
        let output = folder.file("out.csv")
        let result = try runTracksheet(["convert", "--lang", "en", book, "--excel", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: output))) == expected)
        let utf8 = try runTracksheet(["convert", "--lang", "en", book, "--excel", "--encoding", "UTF-8", "-o", folder.file("utf8.csv")])
        #expect(utf8.status == 0, "\(utf8.stderr)")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("utf8.csv")))) == expected)
        // The plain default, for pipelines: no BOM, LF.
        let plain = try runTracksheet(["convert", "--lang", "en", book, "-o", "-"])
        #expect(plain.stdout == "姓名,部门\n张三,1\n")
    }

    @Test("--excel with another encoding, or for a workbook output, is a usage error (exit 2)")
    func excelConflicts() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("book.xlsx")
        try writeZip(book, entries: minimalWorkbook(sheet: sheetXML(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)))
        let encoding = try runTracksheet(["convert", "--lang", "en", book, "--excel", "--encoding", "GB18030", "-o", folder.file("out.csv")])
        #expect(encoding.status == 2, "\(encoding.stderr)")
        #expect(encoding.stderr.contains("--excel"), "\(encoding.stderr)")
        #expect(encoding.stderr.contains("GB18030"), "\(encoding.stderr)")
        let csv = try folder.write("in.csv", text: "a,b\n1,2\n")
        let toBook = try runTracksheet(["convert", "--lang", "en", csv, "--excel", "-o", folder.file("out.xlsx")])
        #expect(toBook.status == 2, "\(toBook.stderr)")
        #expect(toBook.stderr.contains("--excel"), "\(toBook.stderr)")
        #expect(try folder.contents().sorted() == ["book.xlsx", "in.csv"])
    }
}
