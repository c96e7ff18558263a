import Conversion
import Foundation
import TabularCSV
import TestSupport
import Testing

/// An .ods declares no used range, so its rows are written at their own width and the short ones padded afterwards;
/// the expected CSV is written by hand from the table below (three columns wide, the widest row's).
@Suite("WorkbookToCSV: rows of a sheet without a declared width")
struct WorkbookToCSVWidthTests {
    /// Rows: `a | b,c | x`; one cell of two paragraphs; an empty row; `q"`.
    static let table = """
        <table:table table:name="T">\
        <table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>b,c</text:p></table:table-cell>\
        <table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:table-cell office:value-type="string"><text:p>line1</text:p><text:p>line2</text:p>\
        </table:table-cell></table:table-row>\
        <table:table-row><table:table-cell/></table:table-row>\
        <table:table-row><table:table-cell office:value-type="float" office:value="-120"><text:p>-120</text:p>\
        </table:table-cell><table:table-cell office:value-type="string"><text:p>q"</text:p></table:table-cell>\
        </table:table-row></table:table>
        """

    /// Writes an .ods of `tables` with Python's zipfile (mimetype first and stored, content.xml deflated).
    static func writeODS(_ tables: String, in folder: TemporaryDirectory) throws -> String {
        let content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">\
            <office:body><office:spreadsheet>\(tables)</office:spreadsheet></office:body></office:document-content>
            """
        let contentPath = folder.file("content.xml")
        try content.write(toFile: contentPath, atomically: true, encoding: .utf8)
        let path = folder.file("book.ods")
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
                z.write(sys.argv[2], "content.xml", zipfile.ZIP_DEFLATED)
            """
        let result = try runProcess("/usr/bin/env", ["python3", "-c", script, path, contentPath])
        #expect(result.status == 0, "\(result.stderr)")
        return path
    }

    static func convert(_ path: String, in folder: TemporaryDirectory, _ configure: (inout CSVWriter.Configuration) -> Void = { _ in }) throws -> [UInt8] {
        var options = WorkbookToCSV.Options()
        configure(&options.csv)
        let output = folder.file("out.csv")
        try WorkbookToCSV(options: options).convert(workbook: path, sheet: nil, output: output)
        return Array(try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    @Test("short rows are padded to the widest row, quoted fields and empty rows included")
    func padsShortRows() throws {
        let folder = try TemporaryDirectory()
        let path = try Self.writeODS(Self.table, in: folder)
        #expect(try Self.convert(path, in: folder) == Array("a,\"b,c\",x\n\"line1\nline2\",,\n,,\n-120,\"q\"\"\",\n".utf8))
    }

    @Test("CRLF endings get the padding before the CR; a tab delimiter pads with tabs; a BOM is kept")
    func padsWithConfiguration() throws {
        let folder = try TemporaryDirectory()
        let path = try Self.writeODS(Self.table, in: folder)
        #expect(try Self.convert(path, in: folder) { $0.lineEnding = .crlf }
                == Array("a,\"b,c\",x\r\n\"line1\nline2\",,\r\n,,\r\n-120,\"q\"\"\",\r\n".utf8))
        #expect(try Self.convert(path, in: folder) { $0.delimiter = 0x09; $0.includesByteOrderMark = true }
                == [0xEF, 0xBB, 0xBF] + Array("a\tb,c\tx\n\"line1\nline2\"\t\t\n\t\t\n-120\t\"q\"\"\"\t\n".utf8))
    }

    @Test("in another encoding (measured first, not padded afterwards) the CSV is the same")
    func otherEncoding() throws {
        let folder = try TemporaryDirectory()
        let path = try Self.writeODS(Self.table, in: folder)
        #expect(try Self.convert(path, in: folder) { $0.encoding = "GB18030" }
                == Array("a,\"b,c\",x\n\"line1\nline2\",,\n,,\n-120,\"q\"\"\",\n".utf8))
    }

    @Test("a first row of the lone field sep=; is not quoted when later rows are wider")
    func separatorLine() throws {
        let folder = try TemporaryDirectory()
        let path = try Self.writeODS("""
            <table:table table:name="T">\
            <table:table-row><table:table-cell office:value-type="string"><text:p>sep=;</text:p></table:table-cell>\
            </table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p>\
            </table:table-cell><table:table-cell office:value-type="string"><text:p>b</text:p></table:table-cell>\
            </table:table-row></table:table>
            """, in: folder)
        #expect(try Self.convert(path, in: folder) == Array("sep=;,\na,b\n".utf8))
    }

    @Test("dates, integers and other numbers are written as CellValue.text documents them")
    func valueText() throws {
        let folder = try TemporaryDirectory()
        func cell(_ type: String, _ attribute: String, _ value: String) -> String {
            "<table:table-cell office:value-type=\"\(type)\" office:\(attribute)=\"\(value)\"/>"
        }
        let path = try Self.writeODS("""
            <table:table table:name="T"><table:table-row>\
            \(cell("date", "date-value", "2024-05-09"))\(cell("date", "date-value", "0987-01-02"))\
            \(cell("float", "value", "1e16"))\(cell("float", "value", "-7"))\(cell("float", "value", "0.1"))\
            \(cell("date", "date-value", "2024-05-09T08:30:00"))\
            </table:table-row></table:table>
            """, in: folder)
        #expect(try Self.convert(path, in: folder) == Array("2024-05-09,0987-01-02,1e+16,-7,0.1,2024-05-09T08:30:00\n".utf8))
    }
}
