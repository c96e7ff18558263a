import Foundation
import TabularCSV
import TabularCore
import TestSupport
import Testing

@Suite("CSVReader: widths checked against a header the caller found below title rows")
struct CSVHeaderWidthTests {
    @Test("with the check deferred, title rows pass unchecked and rows are measured against the header")
    func deferred() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("t.csv", text: "花名册\n\n姓名,部门,电话\n张三,1,2\n李四,2\n")
        var configuration = CSVReader.Configuration()
        configuration.defersWidthCheck = true
        let reader = try CSVReader(path: path, configuration: configuration)
        var rows: [Row] = []
        for _ in 0..<3 { rows.append(try #require(try reader.nextRow())) }
        #expect(reader.warnings.isEmpty)
        #expect(reader.headerWidth == nil)
        try reader.setHeaderWidth(rows[2].cells.count)
        #expect(try reader.nextRow()?.cells.count == 3)
        #expect(try reader.nextRow()?.cells == [.text("李四"), .text("2"), .empty])
        #expect(reader.warnings.map(\.description) == [
            "\(path):5: warning: this row has 2 fields but the header has 3; it was padded with empty cells",
        ])
    }

    @Test("rows read after the header before the width was set are checked when it is; blank lines are not")
    func checkedLater() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("t.csv", text: "a,b\n1\n\n1,2,3\n")
        var configuration = CSVReader.Configuration(strict: false)
        configuration.defersWidthCheck = true
        let reader = try CSVReader(path: path, configuration: configuration)
        let header = try #require(try reader.nextRow())
        let following = [try #require(try reader.nextRow()), try #require(try reader.nextRow()), try #require(try reader.nextRow())]
        try reader.setHeaderWidth(header.cells.count, checking: following)
        #expect(reader.warnings.map(\.code) == [.shortRow, .longRow])
        #expect(reader.warnings.map(\.location.line) == [2, 4])

        configuration.strict = true
        let strict = try CSVReader(path: path, configuration: configuration)
        let strictHeader = try #require(try strict.nextRow())
        let next = try #require(try strict.nextRow())
        #expect(throws: CSVError.self) { try strict.setHeaderWidth(strictHeader.cells.count, checking: [next]) }
    }
}
