import TabularCore
import Testing

@Suite("A row's cell read as text in place")
struct RowTextInPlaceTests {
    let row = Row(cells: [.text("整改措施"), .number(42), .empty, .date(LocalDateTime(year: 2025, month: 6, day: 30)!), .bool(true)], line: 7)

    @Test("each cell reads as the text its value gives, whatever its type")
    func textOfEachCell() {
        #expect(row.text(at: 0) == "整改措施")
        #expect(row.text(at: 1) == "42")
        #expect(row.text(at: 2) == "")
        #expect(row.text(at: 3) == "2025-06-30")
        #expect(row.text(at: 4) == "TRUE")
    }

    @Test("a column past the row's end reads as empty, as the row's subscript does")
    func pastTheEnd() {
        #expect(row.text(at: 5) == "")
        #expect(row.text(at: 100) == row[100].text)
    }
}
