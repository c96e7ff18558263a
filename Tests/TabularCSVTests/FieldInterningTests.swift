import Foundation
import TabularCSV
import TabularCore
import TestSupport
import Testing

@Suite("Whole-table reading shares repeated texts without changing them")
struct FieldInterningTests {
    @Test("a table read whole has the same cells as one read row by row, repeated texts and the length limits included")
    func sameCells() throws {
        let directory = try TemporaryDirectory()
        let unit = "县发展和改革局、县财政局"  // 33 bytes, repeated on every row
        var bytes = Array("单位,说明,短\n".utf8)
        for row in 0..<300 {
            bytes += Array("\(unit),第\(row % 7)条整改措施说明文字,ab\n".utf8)
        }
        // Fields of 15, 16 and 64 bytes (the interned range's edges) and 65 bytes, twice each.
        let edges = [String(repeating: "a", count: 15), String(repeating: "b", count: 16), String(repeating: "c", count: 64),
                     String(repeating: "d", count: 65)]
        for _ in 0..<2 { bytes += Array(edges.prefix(3).joined(separator: ",").utf8) + Array("\n".utf8) }
        bytes += Array("\(edges[3]),,\n".utf8)
        let path = directory.file("t.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let table = try CSVReader.readTable(path: path)
        let reader = try CSVReader(path: path)
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        #expect(table.rows == rows)
        #expect(table.rows.count == 304)
        #expect(table.rows[1][0] == .text(unit))
        #expect(table.rows[302].cells == edges.prefix(3).map { .text($0) })
        #expect(table.rows[303].cells == [.text(edges[3]), .empty, .empty])
        #expect(Set(table.rows.dropFirst().prefix(300).map { $0[1] }).count == 7)
    }
}
