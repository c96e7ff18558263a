import Foundation
import TestSupport
import Testing

/// XLSX to CSV writes rectangular rows: as many fields as the sheet's used width, whatever its `<dimension>` says.
@Suite("tracksheet convert: XLSX to CSV rows are rectangular")
struct ConvertRectangularTests {
    /// A banner row of one cell, a blank row, a 4-column header and a data row with trailing empty cells.
    static let rows = #"<row r="1"><c r="A1" t="inlineStr"><is><t>2025年第一季度职工花名册</t></is></c></row>"#
        + #"<row r="3"><c r="A3" t="inlineStr"><is><t>姓名</t></is></c><c r="B3" t="inlineStr"><is><t>部门</t></is></c>"#
        + #"<c r="C3" t="inlineStr"><is><t>电话</t></is></c><c r="D3" t="inlineStr"><is><t>备注</t></is></c></row>"#
        + #"<row r="4"><c r="A4" t="inlineStr"><is><t>张三</t></is></c><c r="B4"><v>1</v></c><c r="D4" t="inlineStr"><is><t></t></is></c></row>"#

    static let expected = "2025年第一季度职工花名册,,,\n,,,\n姓名,部门,电话,备注\n张三,1,,\n"

    @Test("with a true, a missing or a lying <dimension>, to a file or standard output", arguments: [
        #"<dimension ref="A1:D4"/>"#, "", #"<dimension ref="A1"/>"#, #"<dimension ref="A1:B4"/>"#,
    ])
    func rectangular(dimension: String) throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("book.xlsx")
        let sheet = #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + dimension + "<sheetData>" + Self.rows + "</sheetData></worksheet>"
        try writeZip(book, entries: minimalWorkbook(sheet: sheet))
        let output = folder.file("out.csv")
        let result = try runTracksheet(["convert", book, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == Self.expected)
        let piped = try runTracksheet(["convert", book, "-o", "-"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == Self.expected)
        #expect(try folder.contents().sorted() == ["book.xlsx", "out.csv"])
    }

    @Test("--fill-merged and --all-sheets write rectangular rows too")
    func fillMergedAndAllSheets() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("book.xlsx")
        try writeZip(book, entries: minimalWorkbook(sheet: sheetXML(Self.rows)))
        let merged = try runTracksheet(["convert", book, "--fill-merged", "-o", folder.file("merged.csv")])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try String(contentsOfFile: folder.file("merged.csv"), encoding: .utf8) == Self.expected)
        let all = try runTracksheet(["convert", book, "--all-sheets", "-o", folder.file("csv")])
        #expect(all.status == 0, "\(all.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.file("csv"))
        #expect(written.count == 1)
        #expect(try String(contentsOfFile: folder.file("csv/" + written[0]), encoding: .utf8) == Self.expected)
    }
}
