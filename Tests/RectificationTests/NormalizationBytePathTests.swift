@testable import Rectification
import Testing

/// The byte-level paths of normalization (CJK lead bytes taken without decoding, texts copied without validating
/// them again, repeated cells normalized once), against expected texts written out by hand.
@Suite("Text normalization: byte paths, by hand")
struct NormalizationBytePathTests {
    @Test("common text and its normalized form", arguments: [
        // Full-width forms and the ideographic space become ASCII; ASCII whitespace is trimmed at the ends only.
        ("召开党组扩大会议，明确领学人。", "召开党组扩大会议,明确领学人。"),
        ("　王某某　", "王某某"), ("（第1条）", "(第1条)"), ("\u{3000}\u{3000}", ""), (" \t措施\r\n", "措施"),
        ("措施\r\n第二行", "措施\r\n第二行"), ("ＡＢＣ１２３", "ABC123"), ("一鿿", "一鿿"), ("䶿㐀", "䶿㐀"),
        // Lead byte E4: U+4DC0–U+4DFF (the Yijing hexagrams, second byte B7) are not ideographs; NFKC keeps them.
        ("䷀", "䷀"), ("整改䷿措施", "整改䷿措施"),
        // A combining mark after an ideograph or a full-width form leaves the fast path; NFKC composes where it can.
        ("整\u{301}", "整\u{301}"), ("Ａ\u{301}", "Á"), ("e\u{301}（一）", "é(一)"),
        // Other compatibility forms: ㈠ → (一), ① → 1, ｶ → カ.
        ("㈠", "(一)"), ("①", "1"), ("ｶ", "カ"), ("\u{FEFF}序号", "序号"), ("责任\u{200B}人", "责任人"),
    ])
    func normalized(_ cell: String, _ expected: String) {
        let result = TextNormalization.normalized(cell)
        #expect(result == expected)
        #expect(Array(result.utf8) == Array(expected.utf8))
    }

    @Test("a long text of CJK, full-width forms and ASCII, by repetition")
    func longText() {
        let cell = String(repeating: "整改措施（第1项），", count: 3000)
        let expected = String(repeating: "整改措施(第1项),", count: 3000)
        #expect(Array(TextNormalization.normalized(cell).utf8) == Array(expected.utf8))
    }

    @Test("a repeated cell is normalized as it would be alone, and only equal bytes count as repeated")
    func repeatedCells() {
        var cells = RepeatedCell()
        let column = ["（一）方面", "（一）方面", "(一)方面", "é", "e\u{301}", "e\u{301}", "", "", "　x　", "x"]
        let expected = ["(一)方面", "(一)方面", "(一)方面", "é", "é", "é", "", "", "x", "x"]
        #expect(column.map { cells.normalized($0) } == expected)
        // Canonically equal but with other bytes: é (U+E9) is one scalar, e + U+301 two; NFKC gives U+E9 for both.
        var other = RepeatedCell()
        #expect(Array(other.normalized("e\u{301}").utf8) == [0xC3, 0xA9])
        #expect(Array(other.normalized("\u{E9}").utf8) == [0xC3, 0xA9])
    }
}
