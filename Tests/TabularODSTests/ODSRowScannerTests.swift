import Foundation
@testable import TabularODS
import TabularCore
import TabularXLSX
import Testing
import TestSupport

/// One row's XML and what the byte-level row scanner must make of it.
struct RowShape: CustomTestStringConvertible, Sendable {
    var xml: String
    var outcome: ODSRowScanner.Outcome
    /// For the rows the general path reads: the row's cells, written by hand from OpenDocument 1.3 part 3.
    var cells: [CellValue] = []
    /// The row as the reader gives it, when repetition makes it differ from `cells` less trailing empty cells.
    var readAs: [CellValue]?
    var testDescription: String { xml }
}

/// Scans `xml` with a row scanner (not measuring); the outcome and the cells of a recognised row.
private func scan(_ xml: String, measuring: Bool = false) -> (ODSRowScanner.Outcome, [ODSRowScanner.Cell]) {
    var scanner = ODSRowScanner(measuring: measuring)
    let outcome = Array(xml.utf8).withUnsafeBufferPointer { scanner.scan($0) }
    return (outcome, scanner.cells)
}

/// The `content.xml` of a one-table spreadsheet whose table holds `rows`, with the usual namespace declarations
/// unless `declarations` replaces them.
private func content(_ rows: String, declarations: String? = nil) -> String {
    let usual = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
        """
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(declarations ?? usual) office:version="1.3"><office:body><office:spreadsheet>\
        <table:table table:name="T">\(rows)</table:table></office:spreadsheet></office:body></office:document-content>
        """
}

/// Reads the only table of a package whose `content.xml` is `xml`.
private func read(_ xml: String) throws -> Table {
    let directory = try TemporaryDirectory()
    let path = try writePackage(["mimetype": Array("application/vnd.oasis.opendocument.spreadsheet".utf8),
                                 "content.xml": Array(xml.utf8)], in: directory, name: "rows.ods")
    let book = try ODSWorkbook(path: path)
    return try book.readTable(sheet: book.sheets[0])
}

/// A row in LibreOffice's shape, read by the scanner, before and after the row under test.
private let plainRow = #"<table:table-row table:style-name="ro1"><table:table-cell office:value-type="float" office:value="1" calcext:value-type="float"><text:p>1</text:p></table:table-cell></table:table-row>"#

@Suite("ODS row scanner: the common row shapes on bytes, everything else left to the general path")
struct ODSRowScannerTests {
    /// Rows in the shapes the scanner reads (the cells it gives are checked in `recognised`).
    static let recognisedRows: [RowShape] = [
        RowShape(xml: #"<table:table-row table:style-name="ro1"><table:table-cell office:value-type="float" office:value="28374.01" calcext:value-type="float"><text:p>28374.01</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>科普股</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.03" calcext:value-type="percentage"><text:p>3.00%</text:p></table:table-cell><table:table-cell table:style-name="ce2" office:value-type="date" office:date-value="2025-02-25" calcext:value-type="date"><text:p>2025-02-25</text:p></table:table-cell></table:table-row>"#,
                 outcome: .row(length: 0),
                 cells: [.number(28374.01), .text("科普股"), .number(0.03), .date(LocalDateTime(year: 2025, month: 2, day: 25)!)]),
        RowShape(xml: #"<table:table-row><table:table-cell/><table:table-cell table:number-columns-repeated="2" office:value-type="boolean" office:boolean-value="true"/><table:table-cell office:value-type="currency" office:currency="CNY" office:value="-3E0"><text:p>¥-3.00</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row>"#,
                 outcome: .row(length: 0), cells: [.empty, .bool(true), .number(-3), .empty],
                 readAs: [.empty, .bool(true), .bool(true), .number(-3)]),
        // Several paragraphs are joined by line feeds; an empty paragraph counts as one.
        RowShape(xml: #"<table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="string"><text:p>已整改</text:p><text:p>第二行，含逗号</text:p><text:p/></table:table-cell><table:table-cell><text:p/></table:table-cell><table:table-cell office:value-type="string"><text:p/></table:table-cell><table:table-cell table:formula="of:=1+1" office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell></table:table-row>"#,
                 outcome: .row(length: 0), cells: [.text("已整改\n第二行，含逗号\n"), .empty, .text(""), .number(2)]),
        // The first attribute of a local name counts, whatever its prefix: calcext:value-type before office's.
        RowShape(xml: #"<table:table-row><table:table-cell calcext:value-type="string" office:value-type="float" office:value="5"><text:p>five</text:p></table:table-cell></table:table-row>"#,
                 outcome: .row(length: 0), cells: [.text("five")]),
        RowShape(xml: #"<table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="3"><text:p>m</text:p></table:table-cell></table:table-row>"#,
                 outcome: .row(length: 0), cells: [.text("m")]),
    ]

    /// Rows the scanner leaves to the general path, with the cells the general path reads, by hand.
    static let fallbackRows: [RowShape] = [
        // A formula's error beside office:value-type float 0, which alone would read as the number 0.
        RowShape(xml: #"<table:table-row><table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.error("#DIV/0!")]),
        RowShape(xml: #"<table:table-row><table:table-cell calcext:value-type="string" office:value-type="float" office:value="5"><text:p>x &gt; y</text:p></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.text("x > y")]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="string"><text:p>R&amp;D</text:p></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.text("R&D")]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.text("a  b")]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="string"><text:p><text:span text:style-name="T1">粗</text:span>体</text:p></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.text("粗体")]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p></office:annotation><text:p>v</text:p></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.text("v")]),
        RowShape(xml: #"<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>m</text:p></table:table-cell><table:covered-table-cell/><table:table-cell office:value-type="float" office:value="3"/></table:table-row>"#,
                 outcome: .fallback, cells: [.text("m"), .empty, .number(3)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="string"><text:p text:style-name="P1">styled</text:p></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.text("styled")]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="string">loose<text:p>p</text:p></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.text("p")]),
        RowShape(xml: "<table:table-row>\n  <table:table-cell office:value-type=\"float\" office:value=\"4\"/>\n</table:table-row>",
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell  office:value-type="float" office:value="4"/></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type='float' office:value='4'/></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type = "float" office:value="4"/></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="float" office:value="4" ></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="float" office:value="4"></table:table-cell ></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row table:visibility="collapse"><table:table-cell office:value-type="float" office:value="4"/></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell table:content-validation-name="val1" office:value-type="float" office:value="4"/></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:value-type="float" office:value="4"/></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="string" office:string-value="from the attribute"/></table:table-row>"#,
                 outcome: .fallback, cells: [.text("from the attribute")]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="time" office:time-value="PT13H45M00S"/></table:table-row>"#,
                 outcome: .fallback, cells: [.time(seconds: 49_500, elapsed: false)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="void"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
                 outcome: .fallback, cells: [.empty, .number(1)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="date" office:date-value="2024-02-29T13:45:30"/></table:table-row>"#,
                 outcome: .fallback, cells: [.date(LocalDateTime(year: 2024, month: 2, day: 29, hour: 13, minute: 45, second: 30)!)]),
        // A well-formed date no calendar holds stays text (the general path's rule).
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="date" office:date-value="2023-02-29"/></table:table-row>"#,
                 outcome: .fallback, cells: [.text("2023-02-29")]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="float" office:value="1&#48;"/></table:table-row>"#,
                 outcome: .fallback, cells: [.number(10)]),
        RowShape(xml: "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a\r\nb</text:p></table:table-cell></table:table-row>",
                 outcome: .fallback, cells: [.text("a\nb")]),
        // A self-closing row is not a start of the shape at all.
        RowShape(xml: #"<table:table-row/>"#, outcome: .notARow, cells: []),
        RowShape(xml: #"<table:table-row><t:table-cell office:value-type="float" office:value="4"/></table:table-row>"#,
                 outcome: .fallback, cells: [.number(4)]),
        RowShape(xml: #"<table:table-row><table:table-cell office:value-type="string"><text:h>heading</text:h></table:table-cell></table:table-row>"#,
                 outcome: .fallback, cells: [.text("heading")]),
    ]

    @Test("rows in the common shapes are read on bytes, whole, with the cells the general path gives", arguments: recognisedRows)
    func recognised(_ shape: RowShape) throws {
        let (outcome, cells) = scan(shape.xml)
        #expect(outcome == .row(length: shape.xml.utf8.count))
        #expect(cells.map(\.value) == shape.cells)
        // The general path reads the same cells (trailing empty cells dropped).
        var expected = shape.cells
        while expected.last == .empty { expected.removeLast() }
        expected = shape.readAs ?? expected
        let table = try read(content(plainRow + shape.xml + plainRow))
        #expect(table.rows.map(\.cells).dropFirst().first == expected)
    }

    @Test("repetition and spans come with each scanned cell; the row's repetition with the row")
    func counts() {
        let (outcome, cells) = scan(#"<table:table-row table:style-name="ro1" table:number-rows-repeated="7"><table:table-cell table:number-columns-repeated="3" table:number-columns-spanned="2" table:number-rows-spanned="4"/><table:table-cell/></table:table-row>"#)
        guard case .row = outcome else {
            Issue.record("not read: \(outcome)")
            return
        }
        #expect(cells.map(\.repeated) == [3, 1])
        #expect(cells.map(\.columns) == [2, 1])
        #expect(cells.map(\.rows) == [4, 1])
        var scanner = ODSRowScanner(measuring: false)
        _ = Array(#"<table:table-row table:number-rows-repeated="7"><table:table-cell/></table:table-row>"#.utf8)
            .withUnsafeBufferPointer { scanner.scan($0) }
        #expect(scanner.rowsRepeated == 7)
    }

    @Test("every other shape falls back, and the general path reads the row, between rows the scanner reads", arguments: fallbackRows)
    func fallback(_ shape: RowShape) throws {
        #expect(scan(shape.xml).0 == shape.outcome)
        let table = try read(content(plainRow + shape.xml + plainRow))
        let rows = table.rows.map(\.cells)
        #expect(rows == [[.number(1)], shape.cells, [.number(1)]])
        #expect(table.rows.map(\.line) == [1, 2, 3])
    }

    @Test("what is not a row start is left alone; a row cut short asks for more input")
    func boundaries() {
        #expect(scan(#"<table:table-rows><table:table-row/></table:table-rows>"#).0 == .notARow)
        #expect(scan(#"<table:table-column table:number-columns-repeated="3"/>"#).0 == .notARow)
        #expect(scan("</table:table>").0 == .notARow)
        #expect(scan(" <table:table-row>").0 == .notARow)
        #expect(scan("").0 == .needsMore)
        let row = #"<table:table-row><table:table-cell office:value-type="string"><text:p>整改</text:p></table:table-cell></table:table-row>"#
        let bytes = Array(row.utf8)
        for cut in 0..<bytes.count {
            var scanner = ODSRowScanner(measuring: false)
            let outcome = Array(bytes[..<cut]).withUnsafeBufferPointer { scanner.scan($0) }
            #expect(outcome == .needsMore, "cut at \(cut)")
        }
    }

    @Test("counts, numbers and values that do not parse fall back, so the general path reports them at their byte",
          arguments: [
              (#"<table:table-cell table:number-columns-repeated="0"/>"#, "table:number-columns-repeated=\"0\" is not a positive integer"),
              (#"<table:table-cell office:value-type="float" office:value="1,5"/>"#, "office:value=\"1,5\" is not a number"),
              (#"<table:table-cell office:value-type="float"/>"#, "a number cell without office:value"),
              (#"<table:table-cell office:value-type="boolean" office:boolean-value="yes"/>"#, "office:boolean-value=\"yes\" is not true or false"),
              (#"<table:table-cell office:value-type="money" office:value="1"/>"#, "unknown office:value-type=\"money\""),
          ])
    func errorsAtTheirByte(_ cell: String, _ message: String) throws {
        #expect(scan("<table:table-row>\(cell)</table:table-row>").0 == .fallback)
        let xml = content(plainRow + "<table:table-row>\(cell)</table:table-row>")
        // The byte offset of the cell's start tag in content.xml, counted on the input.
        let range = try #require(xml.range(of: cell))
        let offset = xml.utf8.distance(from: xml.startIndex, to: range.lowerBound)
        do {
            _ = try read(xml)
            Issue.record("no error")
        } catch let error as XLSXReadError {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.message.contains("cell A2: "), "\(error.message)")
            #expect(error.message.hasSuffix("(content.xml, byte \(offset))"), "\(error.message)")
        }
    }

    @Test("text that is not UTF-8 falls back and is reported by the general path")
    func invalidText() throws {
        var bytes = Array(#"<table:table-row><table:table-cell office:value-type="string"><text:p>"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("</text:p></table:table-cell></table:table-row>".utf8)
        var scanner = ODSRowScanner(measuring: false)
        #expect(bytes.withUnsafeBufferPointer { scanner.scan($0) } == .fallback)
        // While measuring (no text is decoded), the same row is read with a placeholder.
        var measuring = ODSRowScanner(measuring: true)
        #expect(bytes.withUnsafeBufferPointer { measuring.scan($0) } == .row(length: bytes.count))
        #expect(measuring.cells.map(\.value) == [.text(" ")])
    }

    @Test("a value past column XFD or a repetition past the cap falls back to the general path's error")
    func gridAndCap() throws {
        let wide = #"<table:table-row><table:table-cell table:number-columns-repeated="16384"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#
        #expect(scan(wide).0 == .row(length: wide.utf8.count))
        do {
            _ = try read(content(wide))
            Issue.record("no error")
        } catch let error as XLSXReadError {
            #expect(error.code == .invalidReference)
            #expect(error.message.contains("after column 16384"))
        }
    }

    @Test("the usual prefixes are recognised on the document element; other bindings leave every row to the general path")
    func prefixes() throws {
        func binds(_ xml: String) -> Bool {
            Array(xml.utf8).withUnsafeBufferPointer(ODSRowScanner.bindsUsualPrefixes)
        }
        #expect(binds(content(plainRow)))
        #expect(binds("\u{FEFF}<!-- c --><r\n xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"\txmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">"))
        let other = """
            xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:table="urn:example:not-the-table-namespace" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
            """
        #expect(!binds(content(plainRow, declarations: other)))
        #expect(!binds("<r xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0' xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0' xmlns:text='urn:oasis:names:tc:opendocument:xmlns:text:1.0'>"))
        #expect(!binds("<r"))
        // The general path matches local names, so the cells are the same either way.
        let table = try read(content(plainRow + plainRow, declarations: other))
        #expect(table.rows.map(\.cells) == [[.number(1)], [.number(1)]])
    }
}
