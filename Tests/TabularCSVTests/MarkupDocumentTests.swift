import Foundation
import TabularCSV
import TabularCore
import TestSupport
import Testing

/// Documents offices send as tables that are not delimited text are refused in one line, naming what they are,
/// instead of read as rows of tags; text that only starts with `<` is still a table.
@Suite("CSV reader: markup documents are refused, not read as rows")
struct MarkupDocumentTests {
    /// The fixtures (LibreOffice's, see Tests/Fixtures/markup/README.md) and what the message must name.
    @Test("LibreOffice's flat ODS, Excel 2003 XML and web-page .xls are refused at line 1 with what they are", arguments: [
        ("tasks.fods", "flat OpenDocument spreadsheet"),
        ("tasks-excel2003.xml", "Excel 2003 XML spreadsheet"),
        ("tasks-webpage.xls", "HTML page"),
    ])
    func refused(file: String, named: String) throws {
        let path = packagePath("Tests/Fixtures/markup/\(file)")
        let error = #expect(throws: CSVError.self) { try readAll(try CSVReader(path: path)) }
        #expect(error?.code == .markupDocument)
        #expect(error?.location == SourceLocation(file: path, line: 1, byteOffset: 0))
        #expect(error?.message.contains(named) == true, "\(error?.message ?? "")")
    }

    @Test("markup is told after a BOM, white space and in UTF-16, and other XML is named as XML")
    func decodedFirst() throws {
        let folder = try TemporaryDirectory()
        let page = try writeEncoded(folder, "page.xls", "\u{FEFF}\n  <!DOCTYPE html><html><body><table><tr><td>1</td></tr></table>",
                                    encoding: "UTF-16LE")
        let xml = try folder.write("data.csv", text: "<?xml version=\"1.0\"?>\n<rows><row>1</row></rows>\n")
        for (path, named) in [(page, "HTML page"), (xml, "an XML document")] {
            let error = #expect(throws: CSVError.self) { try readAll(try CSVReader(path: path)) }
            #expect(error?.code == .markupDocument)
            #expect(error?.message.contains(named) == true, "\(error?.message ?? "")")
        }
    }

    @Test("a table whose first cell starts with < is read as a table")
    func lessThanCell() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("amounts.csv", text: "<5万元,整改措施\n<html>,建立台账\n")
        #expect(try readAll(try CSVReader(path: path)) == [["<5万元", "整改措施"], ["<html>", "建立台账"]])
    }
}
