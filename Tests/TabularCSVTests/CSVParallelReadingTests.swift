import Foundation
import TabularCSV
import TabularCore
import TestSupport
import Testing

/// A file of 1 MiB or more is read whole in two halves on two threads, split at a line break near its middle. Whatever
/// the split lands on (a quoted field's line break, a CRLF, a ragged or bad row in either half), the table must be
/// the one the file holds: every row's cells, line and byte offset, and every warning or error where the file has
/// it. The expected values come from the generator below, which knows what it wrote and where.
@Suite("CSV reader: a large file read in two halves")
struct CSVParallelReadingTests {
    /// How one generated file is written.
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var lineEnd = "\n"
        var byteOrderMark = false
        var directive = false
        /// A row near the middle with a quoted field of many lines, so that the split falls inside it.
        var quotedMiddle = false
        /// Rows (by index) with one field fewer or more than the header's five.
        var ragged: [Int: Int] = [:]
        var maxWarnings = 1000
        var testDescription: String { name }
    }

    /// A generated file: its bytes and, for each row, what reading must give.
    struct Generated {
        var bytes: [UInt8] = []
        var rows: [[String]] = []
        var lines: [Int] = []
        var offsets: [Int] = []
        var warnings: [(CSVWarning.Code, Int)] = []
    }

    static let rowCount = 24_000

    /// Writes rows of five fields (text with commas, quotes and CJK) with the shape's quirks, about 2 MB.
    static func generate(_ shape: Shape) -> Generated {
        var out = Generated()
        let delimiter = shape.directive ? ";" : ","
        if shape.byteOrderMark { out.bytes += [0xEF, 0xBB, 0xBF] }
        var line = 1
        if shape.directive {
            out.bytes += Array("sep=;\(shape.lineEnd)".utf8)
            line = 2
        }
        for index in 0..<rowCount {
            var fields = ["R\(index)", "整改措施第\(index)条，落实责任", "单位\(index % 8)", "say \"\(index)\"", "2025年6月底前"]
            if index == 0 { fields = ["编号", "措施", "单位", "备注", "时限"] }
            if shape.quotedMiddle, index == rowCount / 2 - 200 {
                fields[1] = (0..<10_000).map { "第\($0)行" }.joined(separator: "\n")
            }
            if let count = shape.ragged[index] {
                fields = Array(fields.prefix(count)) + Array(repeating: "x", count: max(0, count - fields.count))
                out.warnings.append((count < 5 ? .shortRow : .longRow, line))
            }
            let record = fields.map { field in
                field.contains(where: { $0 == "\"" || $0 == "\n" || String($0) == delimiter })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: delimiter) + shape.lineEnd
            out.rows.append(fields.count < 5 ? fields + Array(repeating: "", count: 5 - fields.count) : fields)
            out.lines.append(line)
            out.offsets.append(out.bytes.count)
            line += 1 + fields.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            out.bytes += Array(record.utf8)
        }
        return out
    }

    static let shapes = [
        Shape(name: "LF"),
        Shape(name: "CRLF, a BOM and a sep=; line", lineEnd: "\r\n", byteOrderMark: true, directive: true),
        Shape(name: "the split inside a quoted field of 10,000 lines", quotedMiddle: true),
        Shape(name: "ragged rows in both halves", ragged: [5: 4, 9_000: 6, 15_000: 3, 23_999: 7]),
        Shape(name: "ragged rows past the warning limit", ragged: [3: 4, 20_000: 6, 21_000: 4], maxWarnings: 2),
    ]

    @Test("rows, lines, offsets and warnings are the file's", arguments: shapes)
    func table(_ shape: Shape) throws {
        let generated = Self.generate(shape)
        #expect(generated.bytes.count > 1 << 20)
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.csv", bytes: generated.bytes)
        var warnings: [CSVWarning] = []
        let table = try CSVReader.readTable(
            path: path, configuration: CSVReader.Configuration(maxWarnings: shape.maxWarnings), warnings: &warnings)
        try #require(table.rows.count == generated.rows.count)
        #expect(table.rows.map { $0.cells.map { $0.text } } == generated.rows)
        #expect(table.rows.map(\.line) == generated.lines)
        #expect(table.rows.map(\.byteOffset) == generated.offsets)
        let expected = generated.warnings.prefix(shape.maxWarnings)
        #expect(warnings.map(\.code) == expected.map(\.0))
        #expect(warnings.map(\.location.line) == expected.map(\.1))
    }

    @Test("the same table, warnings and errors as reading the file as a stream", arguments: shapes)
    func sameAsStream(_ shape: Shape) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.csv", bytes: Self.generate(shape).bytes)
        let configuration = CSVReader.Configuration(maxWarnings: shape.maxWarnings)
        var warnings: [CSVWarning] = []
        let table = try CSVReader.readTable(path: path, configuration: configuration, warnings: &warnings)
        let stream = try CSVReader(path: path, configuration: configuration)
        var rows: [Row] = []
        while let row = try stream.nextRow() { rows.append(row) }
        #expect(table.rows == rows)
        #expect(warnings == stream.warnings)
    }

    @Test("a ragged row in the second half is the strict reader's error, on its line")
    func strict() throws {
        let generated = Self.generate(Shape(name: "", ragged: [20_000: 4]))
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.csv", bytes: generated.bytes)
        let error = #expect(throws: CSVError.self) {
            try CSVReader.readTable(path: path, configuration: CSVReader.Configuration(strict: true))
        }
        #expect(error?.code == .raggedRow)
        #expect(error?.location?.line == generated.lines[20_000])
    }

    @Test("a byte that is not UTF-8 in the second half is reported where it is", arguments: [false, true])
    func invalidByte(explicitEncoding: Bool) throws {
        var generated = Self.generate(Shape(name: ""))
        let bad = generated.offsets[20_000] + 1
        generated.bytes[bad] = 0xFF
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.csv", bytes: generated.bytes)
        let configuration = CSVReader.Configuration(encoding: explicitEncoding ? "UTF-8" : nil)
        let error = #expect(throws: CSVError.self) { try CSVReader.readTable(path: path, configuration: configuration) }
        #expect(error?.code == .invalidUTF8)
        #expect(error?.location?.line == generated.lines[20_000])
        #expect(error?.location?.byteOffset == bad)
    }

    @Test("with the width check deferred, no row is padded or warned about")
    func deferred() throws {
        let generated = Self.generate(Shape(name: "", ragged: [15_000: 3]))
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.csv", bytes: generated.bytes)
        var configuration = CSVReader.Configuration()
        configuration.defersWidthCheck = true
        var warnings: [CSVWarning] = []
        let table = try CSVReader.readTable(path: path, configuration: configuration, warnings: &warnings)
        #expect(warnings.isEmpty)
        #expect(table.rows[15_000].cells.count == 3)
        #expect(table.rows.count == generated.rows.count)
    }
}
