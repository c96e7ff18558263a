import TabularCore
import TabularXLSX
import Testing

@Suite("Worksheet rows as an asynchronous sequence")
struct XLSXRowSequenceTests {
    @Test("the loop yields the rows nextRow() yields")
    func sameRowsAsNextRow() async throws {
        let workbook = try XLSXWorkbook(path: fixture("xlsxwriter_constant_memory.xlsx"))
        var looped: [Row] = []
        for try await row in try workbook.rows(of: workbook.sheet(named: "Stream")).rows {
            looped.append(row)
        }
        #expect(looped == (try readRows("xlsxwriter_constant_memory.xlsx", sheet: "Stream")))
        #expect(looped.count == 200)
    }

    @Test("a sheet cut off after its first row: the row, then the reader's error from the loop")
    func errorMidSheet() async throws {
        let path = fixture("hostile_truncated_xml.xlsx")
        let workbook = try XLSXWorkbook(path: path)
        var looped: [Row] = []
        do {
            for try await row in try workbook.rows(of: workbook.worksheets[0]).rows {
                looped.append(row)
            }
            Issue.record("the loop ended without the truncation's error")
        } catch let error as XLSXReadError {
            #expect(error.code == .malformedXML)
            #expect(error.message.contains("truncated"))
            #expect(error.location?.file == path)
        }
        #expect(looped == [Row(cells: [.number(1)], line: 1)])
    }

    /// The asynchronous form of the example in `XLSXWorkbook`'s doc comment.
    @Test func workbookDocExampleAsync() async throws {
        var lines: [String] = []
        let workbook = try XLSXWorkbook(path: fixture("openpyxl_basic.xlsx"))
        let reader = try workbook.rows(of: workbook.worksheets[0])
        for try await row in reader.rows {
            lines.append("\(row.line) " + row.cells.map(\.text).joined(separator: ","))
        }
        #expect(lines == [
            "1 name,count,price,ok,when",
            "2 alpha,1,2.5,TRUE,2023-12-31T23:59:58",
            "3 beta,,-0.25,FALSE,2000-02-29",
            "4 ",
            "5 ,after gap",
            "6 ",
            "7 merged block",
        ])
    }
}
