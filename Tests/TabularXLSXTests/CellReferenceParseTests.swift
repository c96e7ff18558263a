@testable import TabularXLSX
import Testing

/// A cell's `r` attribute as the row scanner reads it: column letters (either case) then the row's digits, `$`
/// ignored, within Excel's grid (XFD, row 1,048,576). Expected values by hand: A is column 0, Z 25, AA 26, XFD 16,383.
@Suite("Cell references read by the row scanner")
struct CellReferenceParseTests {
    @Test("references", arguments: [
        ("A1", 1, 0), ("B12", 12, 1), ("b12", 12, 1), ("Z9", 9, 25), ("AA10", 10, 26), ("az3", 3, 51),
        ("$C$3", 3, 2), ("C$3", 3, 2), ("$C3", 3, 2), ("C3$", 3, 2), ("XFD1048576", 1_048_576, 16_383),
        ("M10003", 10_003, 12), ("A0001", 1, 0),
    ])
    func valid(_ text: String, _ row: Int, _ column: Int) {
        let parsed = Array(text.utf8).withUnsafeBufferPointer { parseReference($0) }
        #expect(parsed?.row == row)
        #expect(parsed?.column == column)
    }

    @Test("not references", arguments: [
        "", "A", "1", "1A", "A1B", "A0", "A-1", "XFE1", "A1048577", "AAAA1", "A12345678", "Ä1", "@1", "[1", "`1",
        "{1", "A 1", "A1 ", "A/1", "A:1",
    ])
    func invalid(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { parseReference($0) } == nil)
    }
}
