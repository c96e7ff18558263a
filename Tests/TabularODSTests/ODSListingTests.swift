import Foundation
import TabularCore
import TabularODS
import TabularXLSX
import Testing
import TestSupport
import ZIPFoundation

/// The content of a table "B" between tables "A" and "C", and what opening and reading the package must give.
struct ListingCase: CustomTestStringConvertible, Sendable {
    var name: String
    /// The children of table B.
    var content: String
    /// For an error: its code, a fragment of its message, and the text at whose first byte it is reported.
    var failure: (code: XLSXReadError.Code, fragment: String, at: String)?
    var testDescription: String { name }
}

/// Tables A (one row: 1, "a & b"), B (the case's content) and C (one row: 3), B hidden by its style.
private func writeThreeTables(_ content: String, in directory: TemporaryDirectory) throws -> String {
    try writeODS("""
        <table:table table:name="A"><table:table-row><table:table-cell office:value-type="float" office:value="1"/>\
        <table:table-cell office:value-type="string"><text:p>a &amp; b</text:p></table:table-cell></table:table-row>\
        </table:table><table:table table:name="B" table:style-name="ta2">\(content)</table:table>\
        <table:table table:name="C"><table:table-row><table:table-cell office:value-type="float" office:value="3"/>\
        </table:table-row></table:table>
        """, styles: """
        <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
        """, in: directory)
}

/// The 0-based offset of the first occurrence of `text` in the package's `content.xml`.
private func contentOffset(of text: String, in path: String) throws -> Int? {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    guard let entry = archive["content.xml"] else { return nil }
    var content = Data()
    _ = try archive.extract(entry) { content.append($0) }
    let bytes = [UInt8](content), needle = Array(text.utf8)
    guard bytes.count >= needle.count else { return nil }
    return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
}

@Suite("ODS table listing: the tables not read are passed over, and anything wrong in them is still an error")
struct ODSListingTests {
    static let row = #"<table:table-row><table:table-cell office:value-type="float" office:value="2"/></table:table-row>"#

    static let cases: [ListingCase] = [
        ListingCase(name: "plain rows", content: row + row),
        ListingCase(name: "comments between rows and in text",
                    content: row + "<!-- a <table:table table:name=\"X\"> in a comment -->" + #"<table:table-row><table:table-cell><text:p>x<!--y-->z</text:p></table:table-cell></table:table-row>"#),
        ListingCase(name: "CDATA holding markup",
                    content: #"<table:table-row><table:table-cell><text:p><![CDATA[<table:table table:name="X">]]></text:p></table:table-cell></table:table-row>"#),
        ListingCase(name: "character references and the five entities",
                    content: #"<table:table-row><table:table-cell><text:p>&#x41;&#66;&amp;&lt;&gt;&quot;&apos;</text:p></table:table-cell></table:table-row>"# + row),
        ListingCase(name: "a processing instruction", content: row + "<?x y?>" + row),
        ListingCase(name: "spaces, line ends and tabs in tags", content: "\n\t" + row.replacingOccurrences(of: "<table:table-cell ", with: "<table:table-cell\r\n\t ") + "\r\n"),
        ListingCase(name: "single quotes, and a quote and > inside values",
                    content: #"<table:table-row><table:table-cell x = "a'b>" y='c"d' office:value-type='float' office:value='3' /></table:table-row>"#),
        ListingCase(name: "attributes without a space between them",
                    content: #"<table:table-row><table:table-cell a="1"b="2"/></table:table-row>"#),
        ListingCase(name: "a table nested in a cell is not a sheet",
                    content: #"<table:table-row><table:table-cell><table:table table:name="inner"/></table:table-cell></table:table-row>"#),
        ListingCase(name: "elements nested to the depth limit",
                    content: String(repeating: "<a>", count: 250) + String(repeating: "</a>", count: 250)),
        ListingCase(name: "a text of three megabytes",
                    content: "<table:table-row><table:table-cell><text:p>" + String(repeating: "x", count: 3_000_000) + "</text:p></table:table-cell></table:table-row>"),
        ListingCase(name: "an undefined entity", content: row + "<table:table-row><table:table-cell><text:p>&nbsp;</text:p></table:table-cell></table:table-row>",
                    failure: (.malformedXML, "undefined entity &nbsp;", "&nbsp;")),
        ListingCase(name: "a bare ampersand", content: row + "<text:p>a & b</text:p>",
                    failure: (.malformedXML, "a bare `&`", "a & b")),
        ListingCase(name: "a character reference to NUL", content: "<text:p>&#0;</text:p>",
                    failure: (.malformedXML, "invalid character reference", "&#0;")),
        ListingCase(name: "an end tag of another element", content: row + "<table:table-row><text:p>x</text:span></table:table-row>",
                    failure: (.malformedXML, "end tag </span> does not match", "</text:span>")),
        ListingCase(name: "a < in an attribute value", content: row + #"<table:table-cell office:value="<"/>"#,
                    failure: (.malformedXML, "`<` in an attribute value", #"<table:table-cell office:value="<"#)),
        ListingCase(name: "an unquoted attribute value", content: row + "<table:table-cell office:value=1/>",
                    failure: (.malformedXML, "unquoted attribute value", "<table:table-cell office:value=1")),
        ListingCase(name: "an attribute without a value", content: row + "<table:table-cell office:value/>",
                    failure: (.malformedXML, "without `=`", "<table:table-cell office:value/")),
        ListingCase(name: "a slash inside a tag", content: row + "<table:table-cell / x=\"1\"/>",
                    failure: (.malformedXML, "`/` inside a tag", "<table:table-cell / x")),
        ListingCase(name: "an empty local name", content: row + "<table: />",
                    failure: (.malformedXML, "empty local name", "<table: />")),
        ListingCase(name: "junk in an end tag", content: row + "<a></a x>",
                    failure: (.malformedXML, "junk in an end tag", "</a x>")),
        ListingCase(name: "a DOCTYPE inside a table", content: row + "<!DOCTYPE x>",
                    failure: (.doctypeForbidden, "DOCTYPE", "<!DOCTYPE x>")),
        ListingCase(name: "elements nested past the depth limit",
                    content: String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300),
                    failure: (.structureLimit, "deeper than 256", "<a>")),
    ]

    @Test("tables before and after one passed over are listed and read as before", arguments: cases.filter { $0.failure == nil })
    func passedOver(_ testCase: ListingCase) throws {
        let directory = try TemporaryDirectory()
        let path = try writeThreeTables(testCase.content, in: directory)
        let book = try ODSWorkbook(path: path)
        #expect(book.sheets.map(\.name) == ["A", "B", "C"])
        #expect(book.sheets.map(\.visibility) == [.visible, .hidden, .visible])
        #expect(try book.readTable(sheet: book.sheets[0]).rows.map(\.cells) == [[.number(1), .text("a & b")]])
        #expect(try book.readTable(sheet: book.sheets[2]).rows.map(\.cells) == [[.number(3)]])
    }

    @Test("broken XML in a table that is not read is an error when the workbook is opened, at its byte",
          arguments: cases.filter { $0.failure != nil })
    func failure(_ testCase: ListingCase) throws {
        let directory = try TemporaryDirectory()
        let path = try writeThreeTables(testCase.content, in: directory)
        let error = #expect(throws: XLSXReadError.self) { try ODSWorkbook(path: path) }
        let failure = try #require(testCase.failure)
        #expect(error?.code == failure.code)
        #expect(error?.message.contains(failure.fragment) == true, "\(error?.message ?? "")")
        var offset = try #require(try contentOffset(of: failure.at, in: path))
        // The depth error is reported at the first element past the limit of 256: document-content, body,
        // spreadsheet and table B are 4 deep, so it is the 253rd <a>, 252 × 3 bytes after the first.
        if failure.code == .structureLimit { offset += 3 * 252 }
        #expect(error?.message.contains("(content.xml, byte \(offset))") == true, "\(error?.message ?? "")")
    }
}

@Suite("ZIP entry checksums")
struct ZIPChecksumTests {
    /// CRC-32 check values: "123456789" is the standard one (0xCBF43926); the others from Python's zlib.crc32.
    static let cases: [(text: String, crc: UInt32)] = [
        ("", 0), ("a", 0xE8B7_BE43), ("123456789", 0xCBF4_3926),
        ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
    ]

    @Test("the checksum of a text is its CRC-32, fed whole or a byte at a time", arguments: cases)
    func checksum(_ testCase: (text: String, crc: UInt32)) {
        let bytes = Array(testCase.text.utf8)
        var whole = ZIPChecksum()
        bytes.withUnsafeBytes { whole.update($0) }
        #expect(whole.value == testCase.crc)
        var pieces = ZIPChecksum()
        for byte in bytes { [byte].withUnsafeBytes { pieces.update($0) } }
        #expect(pieces.value == testCase.crc)
    }
}
