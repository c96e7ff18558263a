@testable import Reports
import Testing

/// Row heights come from `LedgerText.lineCount`: at 11 points a character of width w takes w × 1.05 units, and a
/// column of width 10.5 has 10 usable units; wide (CJK) characters count 2, control characters 0, others 1.
@Suite("Ledger row heights: lines a wrapped cell needs")
struct LedgerTextTests {
    @Test("lines by width, hand-computed", arguments: [
        ("", 1),                      // an empty cell still takes a line
        ("abcdefghi", 1),             // 9 × 1.05 = 9.45 ≤ 10
        ("abcdefghij", 2),            // 10 × 1.05 = 10.5 > 10
        ("中文中文", 1),                // 8 × 1.05 = 8.4
        ("中文中文中", 2),              // 10 × 1.05 = 10.5
        ("𠀀𠀀𠀀𠀀𠀀", 2),                // five 4-byte ideographs (U+20000): width 10
        ("ééééééééé", 1),             // nine 2-byte letters, width 1 each
        ("abc\ndef", 2),              // LF ends a line
        ("a\n\nb", 3),                // an empty line is a line
        ("中\n", 2),                   // a trailing LF starts an empty last line
        ("abc\r\ndef", 1),            // CR LF is one character, not a line end: width 3 + 0 + 0 + 3 = 6
        ("a\tb\u{07}c", 1),           // tab and bell are control characters of width 0
    ])
    func lines(_ text: String, _ expected: Int) {
        #expect(LedgerText.lineCount(text, columnWidth: 10.5, fontSize: 11) == expected)
    }

    @Test("a larger font takes more lines: 16 points scale widths by 16 / 11 × 1.05")
    func fontSize() {
        // 6 × 16 / 11 × 1.05 = 9.16 fits 10 units; 7 × … = 10.69 does not.
        #expect(LedgerText.lineCount("abcdef", columnWidth: 10.5, fontSize: 16) == 1)
        #expect(LedgerText.lineCount("abcdefg", columnWidth: 10.5, fontSize: 16) == 2)
    }
}
