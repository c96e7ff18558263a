import Foundation
import TabularCore
import TabularODS
import TabularXLSX
import Testing
import TestSupport

/// A hostile or broken package and the error code it must give (never a crash, a hang or a silent empty read).
struct HostileODS: CustomTestStringConvertible, Sendable {
    var name: String
    var tables: String
    var mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    var code: XLSXReadError.Code
    var fragment: String
    var testDescription: String { name }
}

@Suite("ODS hostile input: repetition bombs, broken XML and wrong packages are clean errors")
struct ODSHostileTests {
    @Test("billions of repeated empty rows and cells (the ODS memory bomb) read in bounded time and memory")
    func emptyRepetitionBomb() throws {
        let directory = try TemporaryDirectory()
        let bomb = """
            <table:table-row table:number-rows-repeated="999999999999"><table:table-cell \
            table:number-columns-repeated="999999999999"/></table:table-row>
            """
        let path = try writeODS("""
            <table:table table:name="炸弹"><table:table-row><table:table-cell table:number-columns-repeated="999999999999"/>\
            </table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"/>\
            <table:table-cell table:number-columns-repeated="999999999999"/></table:table-row>\(String(repeating: bomb, count: 1000))\
            </table:table>
            """, in: directory)
        let book = try ODSWorkbook(path: path)
        let table = try book.readTable(sheet: book.sheets[0], fillMerged: true)
        #expect(table.rows.map(\.cells) == [[], [.number(1)]])
        #expect(try book.usedRange(of: book.sheets[0]) == CellRange(CellAddress(row: 1, column: 0), CellAddress(row: 1, column: 0)))
    }

    static let cases: [HostileODS] = [
        HostileODS(name: "a value repeated past column XFD",
                   tables: #"<table:table><table:table-row><table:table-cell table:number-columns-repeated="999999999" office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
                   code: .structureLimit, fragment: "past column 16384"),
        HostileODS(name: "a row with a value repeated past row 1048576",
                   tables: #"<table:table><table:table-row table:number-rows-repeated="2000000000"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
                   code: .structureLimit, fragment: "past row 1048576"),
        HostileODS(name: "a value after two billion empty rows",
                   tables: #"<table:table><table:table-row table:number-rows-repeated="2000000000"><table:table-cell/></table:table-row><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
                   code: .invalidReference, fragment: "after row 1048576"),
        HostileODS(name: "a value after two billion empty cells",
                   tables: #"<table:table><table:table-row><table:table-cell table:number-columns-repeated="2000000000"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>"#,
                   code: .invalidReference, fragment: "after column 16384"),
        HostileODS(name: "a run of a billion spaces",
                   tables: #"<table:table><table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="999999999999"/></text:p></table:table-cell></table:table-row></table:table>"#,
                   code: .structureLimit, fragment: "longer than"),
        HostileODS(name: "a number that is not one",
                   tables: #"<table:table table:name="S"><table:table-row><table:table-cell/><table:table-cell office:value-type="float" office:value="1,5"/></table:table-row></table:table>"#,
                   code: .invalidCellValue, fragment: "cell B1: office:value=\"1,5\" is not a number"),
        HostileODS(name: "an exponent without digits",
                   tables: #"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="float" office:value="1E+"/></table:table-row></table:table>"#,
                   code: .invalidCellValue, fragment: "cell A1: office:value=\"1E+\" is not a number"),
        HostileODS(name: "a date that is not one",
                   tables: #"<table:table><table:table-row><table:table-cell office:value-type="date" office:date-value="31.03.2025"/></table:table-row></table:table>"#,
                   code: .invalidCellValue, fragment: "is not a date"),
        HostileODS(name: "a duration with months",
                   tables: #"<table:table><table:table-row><table:table-cell office:value-type="time" office:time-value="P1M"/></table:table-row></table:table>"#,
                   code: .invalidCellValue, fragment: "not a duration"),
        HostileODS(name: "an unknown value type",
                   tables: #"<table:table><table:table-row><table:table-cell office:value-type="complex" office:value="1"/></table:table-row></table:table>"#,
                   code: .invalidCellValue, fragment: "unknown office:value-type"),
        HostileODS(name: "a repeat count of zero",
                   tables: #"<table:table><table:table-row table:number-rows-repeated="0"/></table:table>"#,
                   code: .malformedXML, fragment: "not a positive integer"),
        HostileODS(name: "truncated XML",
                   tables: #"<table:table><table:table-row><table:table-cell office:value-type="float" office:value="1"/>"#,
                   code: .malformedXML, fragment: "does not match"),
        HostileODS(name: "a DOCTYPE",
                   tables: #"<!DOCTYPE x [<!ENTITY a "b">]><table:table/>"#,
                   code: .doctypeForbidden, fragment: "DOCTYPE"),
        HostileODS(name: "an OpenDocument text document",
                   tables: "<table:table/>", mimetype: "application/vnd.oasis.opendocument.text",
                   code: .noWorksheet, fragment: "OpenDocument text file"),
        HostileODS(name: "a spreadsheet without tables",
                   tables: "", code: .noWorksheet, fragment: "no spreadsheet table"),
    ]

    @Test("broken and hostile content is a typed error with a message", arguments: cases)
    func hostile(_ testCase: HostileODS) throws {
        let directory = try TemporaryDirectory()
        let path = try writeODS(testCase.tables, mimetype: testCase.mimetype, in: directory)
        let error = #expect(throws: XLSXReadError.self) {
            let book = try ODSWorkbook(path: path)
            for sheet in book.sheets { _ = try book.readTable(sheet: sheet) }
        }
        #expect(error?.code == testCase.code)
        #expect(error?.message.contains(testCase.fragment) == true, "\(error?.message ?? "")")
        #expect(error?.location?.file == path)
    }

    @Test("repeated cells with values beyond maxRepeatedCells are a structureLimit error naming the limit")
    func repeatedCellBudget() throws {
        let directory = try TemporaryDirectory()
        let path = try writeODS("""
            <table:table><table:table-row table:number-rows-repeated="100"><table:table-cell \
            table:number-columns-repeated="20" office:value-type="float" office:value="1"/></table:table-row></table:table>
            """, in: directory)
        var limits = ODSLimits()
        limits.maxRepeatedCells = 1000
        let opened = try ODSWorkbook(path: path, limits: limits)
        let error = #expect(throws: XLSXReadError.self) { try opened.readTable(sheet: opened.sheets[0]) }
        #expect(error?.code == .structureLimit)
        #expect(error?.message.contains("more than 1000 cells") == true)
        limits.maxRepeatedCells = 2000
        let book = try ODSWorkbook(path: path, limits: limits)
        #expect(try book.readTable(sheet: book.sheets[0]).rows.count == 100)
    }

    @Test("spanning cells repeated past the grid merge only on it; merges past maxMergedRanges are an error")
    func spanBomb() throws {
        let directory = try TemporaryDirectory()
        let cell = #"<table:table-cell table:number-columns-spanned="2" table:number-columns-repeated="999999999"/>"#
        let row = "<table:table-row>\(String(repeating: cell, count: 2000))</table:table-row>"
        let path = try writeODS("<table:table>\(row)</table:table>", in: directory)
        let book = try ODSWorkbook(path: path)
        #expect(try book.readTable(sheet: book.sheets[0]).mergedRanges.count == 16384)
        let repeated = try writeODS("""
            <table:table><table:table-row table:number-rows-repeated="100">\(String(repeating: cell, count: 2))\
            </table:table-row></table:table>
            """, in: directory, name: "rows.ods")
        let error = #expect(throws: XLSXReadError.self) {
            let book = try ODSWorkbook(path: repeated)
            _ = try book.readTable(sheet: book.sheets[0])
        }
        #expect(error?.code == .structureLimit)
        #expect(error?.message.contains("merged ranges") == true)
    }

    @Test("more tables than maxSheets are a structureLimit error")
    func tooManyTables() throws {
        let directory = try TemporaryDirectory()
        let path = try writeODS(String(repeating: "<table:table/>", count: 11), in: directory)
        var limits = ODSLimits()
        limits.maxSheets = 10
        let error = #expect(throws: XLSXReadError.self) { try ODSWorkbook(path: path, limits: limits) }
        #expect(error?.code == .structureLimit)
        limits.maxSheets = 11
        #expect(try ODSWorkbook(path: path, limits: limits).sheets.count == 11)
    }

    @Test("a package that is not OpenDocument is not taken for one; an .ods is, by its mimetype")
    func recognition() throws {
        let directory = try TemporaryDirectory()
        let ods = try writeODS("<table:table/>", in: directory)
        #expect(ODSWorkbook.isOpenDocument(path: ods))
        let xlsx = try writePackage(["[Content_Types].xml": Array("<Types/>".utf8), "content.xml": [0x3C]], in: directory, name: "a.xlsx")
        #expect(!ODSWorkbook.isOpenDocument(path: xlsx))
        let bare = try writePackage(["content.xml": Array("<x/>".utf8)], in: directory, name: "bare.zip")
        #expect(ODSWorkbook.isOpenDocument(path: bare))
        let text = try directory.write("t.ods", text: "a,b\n1,2\n")
        #expect(!ODSWorkbook.isOpenDocument(path: text))
        #expect(!ODSWorkbook.isOpenDocument(path: directory.file("missing.ods")))
    }
}
