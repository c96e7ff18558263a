import Foundation
import TabularCore
import TabularODS
import TabularXLSX
import Testing
import TestSupport

/// One cell's XML and the value it must read as (hand-computed from OpenDocument 1.3 part 3 and XML Schema).
struct CellCase: CustomTestStringConvertible, Sendable {
    var xml: String
    var expected: CellValue
    var testDescription: String { xml }
}

/// Reads the first sheet of a package whose only table holds `rows`.
private func firstSheet(_ rows: String, styles: String = "", limits: ODSLimits = ODSLimits()) throws -> (ODSWorkbook, Table) {
    let directory = try TemporaryDirectory()
    let path = try writeODS("<table:table table:name=\"T\">\(rows)</table:table>", styles: styles, in: directory)
    let book = try ODSWorkbook(path: path, limits: limits)
    return (book, try book.readTable(sheet: book.sheets[0]))
}

/// The code of the error reading the first sheet of a package holding `tables` throws, with its message.
private func failure(_ tables: String, limits: ODSLimits = ODSLimits()) throws -> XLSXReadError? {
    let directory = try TemporaryDirectory()
    let path = try writeODS(tables, in: directory)
    do {
        let book = try ODSWorkbook(path: path, limits: limits)
        _ = try book.readTable(sheet: book.sheets[0])
        return nil
    } catch let error as XLSXReadError {
        return error
    }
}

@Suite("ODS cells: value types, text markup and repetition")
struct ODSCellTests {
    static let values: [CellCase] = [
        CellCase(xml: #"<table:table-cell office:value-type="float" office:value="1234.5"/>"#, expected: .number(1234.5)),
        CellCase(xml: #"<table:table-cell office:value-type="float" office:value="-1.5E-7"/>"#, expected: .number(-1.5e-7)),
        CellCase(xml: #"<table:table-cell office:value-type="float" office:value="12345678901234567890"/>"#, expected: .number(12345678901234567890)),
        // LibreOffice's spelling of an 18-digit number: 511425198604273 × 10^3, exactly 511425198604273000.
        CellCase(xml: #"<table:table-cell office:value-type="float" office:value="5.11425198604273E+017"/>"#, expected: .number(511_425_198_604_273_000)),
        CellCase(xml: #"<table:table-cell office:value-type="float" office:value="25e-1"/>"#, expected: .number(2.5)),
        CellCase(xml: #"<table:table-cell office:value-type="float" office:value="-3E0"/>"#, expected: .number(-3)),
        CellCase(xml: #"<table:table-cell office:value-type="float" office:value="1.5e300"/>"#, expected: .number(1.5e300)),
        CellCase(xml: #"<table:table-cell office:value-type="float" office:value="0.1e-22"/>"#, expected: .number(1e-23)),
        CellCase(xml: #"<table:table-cell office:value-type="percentage" office:value="0.125"><text:p>12.5%</text:p></table:table-cell>"#, expected: .number(0.125)),
        CellCase(xml: #"<table:table-cell office:value-type="currency" office:currency="CNY" office:value="3"><text:p>¥3.00</text:p></table:table-cell>"#, expected: .number(3)),
        CellCase(xml: #"<table:table-cell office:value-type="date" office:date-value="2025-03-31"/>"#, expected: .date(LocalDateTime(year: 2025, month: 3, day: 31)!)),
        CellCase(xml: #"<table:table-cell office:value-type="date" office:date-value="2024-02-29T13:45:30.1234"/>"#, expected: .date(LocalDateTime(year: 2024, month: 2, day: 29, hour: 13, minute: 45, second: 30.123)!)),
        CellCase(xml: #"<table:table-cell office:value-type="date" office:date-value="2024-02-29T13:45:30Z"/>"#, expected: .date(LocalDateTime(year: 2024, month: 2, day: 29, hour: 13, minute: 45, second: 30)!)),
        CellCase(xml: #"<table:table-cell office:value-type="date" office:date-value="10000-01-01"/>"#, expected: .text("10000-01-01")),
        // Well-formed dates no calendar holds stay text; the plain `YYYY-MM-DD` form takes its own path.
        CellCase(xml: #"<table:table-cell office:value-type="date" office:date-value="2023-02-29"/>"#, expected: .text("2023-02-29")),
        CellCase(xml: #"<table:table-cell office:value-type="date" office:date-value="0000-01-01"/>"#, expected: .text("0000-01-01")),
        CellCase(xml: #"<table:table-cell office:value-type="date" office:date-value="1900-02-28"/>"#, expected: .date(LocalDateTime(year: 1900, month: 2, day: 28)!)),
        CellCase(xml: #"<table:table-cell office:value-type="time" office:time-value="PT13H45M00S"/>"#, expected: .time(seconds: 49_500, elapsed: false)),
        CellCase(xml: #"<table:table-cell office:value-type="time" office:time-value="PT00H00M01.5S"/>"#, expected: .time(seconds: 1.5, elapsed: false)),
        CellCase(xml: #"<table:table-cell office:value-type="time" office:time-value="PT36H00M00S"/>"#, expected: .time(seconds: 129_600, elapsed: true)),
        CellCase(xml: #"<table:table-cell office:value-type="time" office:time-value="P1DT2H"/>"#, expected: .time(seconds: 93_600, elapsed: true)),
        CellCase(xml: #"<table:table-cell office:value-type="time" office:time-value="-PT1H30M"/>"#, expected: .time(seconds: -5400, elapsed: true)),
        CellCase(xml: #"<table:table-cell office:value-type="boolean" office:boolean-value="true"/>"#, expected: .bool(true)),
        CellCase(xml: #"<table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>"#, expected: .bool(false)),
        CellCase(xml: #"<table:table-cell office:value-type="string"><text:p>整改</text:p></table:table-cell>"#, expected: .text("整改")),
        CellCase(xml: #"<table:table-cell office:value-type="string" office:string-value="only the attribute"/>"#, expected: .text("only the attribute")),
        CellCase(xml: #"<table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:s/>c</text:p></table:table-cell>"#, expected: .text("a   b c")),
        CellCase(xml: #"<table:table-cell office:value-type="string"><text:p>x<text:tab/>y<text:line-break/>z</text:p></table:table-cell>"#, expected: .text("x\ty\nz")),
        CellCase(xml: #"<table:table-cell office:value-type="string"><text:p>one</text:p><text:p>two</text:p><text:p/></table:table-cell>"#, expected: .text("one\ntwo\n")),
        CellCase(xml: #"<table:table-cell office:value-type="string"><text:p><text:span text:style-name="T1">粗</text:span><text:a xlink:href="https://e.org" xmlns:xlink="http://www.w3.org/1999/xlink">链接</text:a> &amp; &lt;tag&gt;</text:p></table:table-cell>"#, expected: .text("粗链接 & <tag>")),
        CellCase(xml: #"<table:table-cell office:value-type="string"><office:annotation><text:p>comment</text:p></office:annotation><text:p>value</text:p></table:table-cell>"#, expected: .text("value")),
        CellCase(xml: #"<table:table-cell><text:p>untyped</text:p></table:table-cell>"#, expected: .text("untyped")),
        // Formulas' errors as LibreOffice 7.4 writes them (saved from =1/0 and =NA()), and beside a float value type of 0,
        // which the value type alone would read as the number 0.
        CellCase(xml: #"<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>"#, expected: .error("#DIV/0!")),
        CellCase(xml: #"<table:table-cell table:formula="of:=NA()" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>"#, expected: .error("#N/A")),
        CellCase(xml: #"<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>"#, expected: .error("#DIV/0!")),
        CellCase(xml: #"<table:table-cell><text:p/></table:table-cell><table:table-cell office:value-type="float" office:value="1"/>"#, expected: .empty),
        CellCase(xml: #"<table:table-cell office:value-type="void"/><table:table-cell office:value-type="float" office:value="1"/>"#, expected: .empty),
    ]

    @Test("a cell reads as its value type says", arguments: values)
    func value(_ testCase: CellCase) throws {
        let (_, table) = try firstSheet("<table:table-row>\(testCase.xml)</table:table-row>")
        #expect(table.rows.first?.cells.first ?? .empty == testCase.expected)
    }

    @Test("repeated cells and rows with values are expanded; empty runs between them become empty cells and rows")
    func repetition() throws {
        let directory = try TemporaryDirectory()
        let path = try writeODS("""
            <table:table table:name="T">\
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" \
            office:value-type="float" office:value="7"/><table:table-cell table:number-columns-repeated="3"/>\
            <table:table-cell office:value-type="string"><text:p>end</text:p></table:table-cell>\
            <table:table-cell table:number-columns-repeated="16000"/></table:table-row>\
            <table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
            <table:table-row><table:table-cell table:number-columns-repeated="4"/><table:table-cell \
            office:value-type="boolean" office:boolean-value="true"/></table:table-row>\
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
            </table:table>
            """, in: directory)
        let book = try ODSWorkbook(path: path)
        let table = try book.readTable(sheet: book.sheets[0])
        let row: [CellValue] = [.number(7), .number(7), .empty, .empty, .empty, .text("end")]
        #expect(table.rows.map(\.cells) == [row, row, [], [], [], [.empty, .empty, .empty, .empty, .bool(true)]])
        #expect(table.rows.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(try book.usedRange(of: book.sheets[0])?.description == "A1:F6")
    }

    @Test("spanned cells are merged ranges, covered cells take their places, repeated spans merge once per copy")
    func spans() throws {
        let (_, table) = try firstSheet("""
            <table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2" \
            office:value-type="string"><text:p>m</text:p></table:table-cell><table:covered-table-cell/>\
            <table:table-cell table:number-columns-spanned="2" table:number-columns-repeated="2"/></table:table-row>\
            <table:table-row><table:covered-table-cell table:number-columns-repeated="2"/>\
            <table:table-cell office:value-type="float" office:value="2"/></table:table-row>
            """)
        #expect(table.mergedRanges.map(\.description) == ["A1:B2", "C1:D1", "D1:E1"])
        #expect(table.rows.map(\.cells) == [[.text("m")], [.empty, .empty, .number(2)]])
    }

    @Test("rows in header-row and row-group elements are read in order; tables nested in cells are not rows")
    func grouping() throws {
        let (book, table) = try firstSheet("""
            <table:table-header-rows><table:table-row><table:table-cell office:value-type="string"><text:p>h</text:p>\
            </table:table-cell></table:table-row></table:table-header-rows><table:table-row-group><table:table-row>\
            <table:table-cell office:value-type="float" office:value="1"><table:table><table:table-row>\
            <table:table-cell office:value-type="float" office:value="99"/></table:table-row></table:table>\
            </table:table-cell></table:table-row></table:table-row-group>
            """)
        #expect(book.sheets.count == 1)
        #expect(table.rows.map(\.cells) == [[.text("h")], [.number(1)]])
    }

    @Test("a table whose automatic style has table:display=false is hidden; sheets keep document order")
    func hiddenSheet() throws {
        let directory = try TemporaryDirectory()
        let path = try writeODS("""
            <table:table table:name="一" table:style-name="ta1"/><table:table table:name="二" table:style-name="ta2"/>\
            <table:table table:name="Three"/>
            """, styles: """
            <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>\
            <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
            """, in: directory)
        let book = try ODSWorkbook(path: path)
        #expect(book.sheets.map(\.name) == ["一", "二", "Three"])
        #expect(book.sheets.map(\.visibility) == [.visible, .hidden, .visible])
        #expect(try book.sheet(named: "three").name == "Three")
        #expect(throws: XLSXReadError.self) { try book.sheet(named: "四") }
    }
}
