import TabularCore
import Testing

/// `CellAddress(a1UTF8:)` and `CellRange(a1UTF8:)`, the references of merged areas read on their bytes: the expected
/// indexes by hand from Excel's A1 notation (columns A…Z, AA…, XFD = 16,384; rows 1…1,048,576; `$` marks an absolute
/// part and is ignored), and the same answers as the text initializers give.
@Suite struct CellRangeTests {
    /// Parses `text`'s bytes as a cell reference.
    static func address(_ text: String) -> CellAddress? {
        Array(text.utf8).withUnsafeBufferPointer { CellAddress(a1UTF8: $0) }
    }

    /// Parses `text`'s bytes as a range reference.
    static func range(_ text: String) -> CellRange? {
        Array(text.utf8).withUnsafeBufferPointer { CellRange(a1UTF8: $0) }
    }

    @Test("a cell reference's bytes give its 0-based row and column", arguments: [
        ("A1", 0, 0), ("B12", 11, 1), ("Z9", 8, 25), ("AA1", 0, 26), ("XFD1048576", 1_048_575, 16_383),
        ("$A$1", 0, 0), ("$C7", 6, 2), ("C$7", 6, 2), ("b12", 11, 1), ("xfd1", 0, 16_383), ("aB3", 2, 27),
    ])
    func cell(text: String, row: Int, column: Int) {
        #expect(Self.address(text) == CellAddress(row: row, column: column))
        #expect(CellAddress(a1: text) == CellAddress(row: row, column: column))
    }

    @Test("a range's bytes give its corners, top-left first", arguments: [
        ("A2:C5", "A2", "C5"), ("C5:A2", "A2", "C5"), ("A5:C2", "A2", "C5"), ("$A$1:$B$2", "A1", "B2"),
        ("a3:b4", "A3", "B4"), ("B3", "B3", "B3"), ("A1:XFD1048576", "A1", "XFD1048576"),
    ])
    func range(text: String, first: String, last: String) throws {
        let expected = CellRange(try #require(CellAddress(a1: first)), try #require(CellAddress(a1: last)))
        #expect(Self.range(text) == expected)
        #expect(CellRange(a1: text) == expected)
    }

    @Test("a malformed reference, or one beyond XFD1048576, is rejected on bytes as in text", arguments: [
        "", "A", "1", "A0", "1A", "A1B", "XFE1", "A1048577", "AAAA1", "A12345678", "A-1", "A 1", "A1:", ":A1", "A1:B2:C3",
        "A1::B2", "A1;B2", "Ａ1", "A１", "A1:XFE2",
    ])
    func rejected(text: String) {
        #expect(Self.range(text) == nil)
        #expect(CellRange(a1: text) == nil)
        if !text.contains(":") {
            #expect(Self.address(text) == nil)
            #expect(CellAddress(a1: text) == nil)
        }
    }

    @Test("a range read from a substring is the one read from its own string")
    func substring() {
        let text = "Sheet1!B2:D4"
        let body = text[text.index(after: text.firstIndex(of: "!")!)...]
        #expect(CellRange(a1: body) == CellRange(CellAddress(row: 1, column: 1), CellAddress(row: 3, column: 3)))
    }
}
