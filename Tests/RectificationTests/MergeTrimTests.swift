@testable import Rectification
import Testing

/// A return's progress texts are compared trimmed of white space and line ends at both ends, as Foundation's
/// `trimmingCharacters(in: .whitespacesAndNewlines)` trims them (Unicode's white space: ASCII tab to carriage return
/// and space, U+0085, U+00A0, U+3000 and the other space separators). Expected texts written by hand.
@Suite("Merge: progress texts trimmed at both ends")
struct MergeTrimTests {
    @Test("trimmed texts", arguments: [
        ("已完成", "已完成"),
        ("", ""),
        ("  已完成 ", "已完成"),
        ("已完成\n", "已完成"),
        ("\t\r\n已完成", "已完成"),
        ("\u{3000}已完成\u{3000}", "已完成"),
        ("\u{85}已完成", "已完成"),
        ("已完成\u{A0}", "已完成"),
        ("已 完成", "已 完成"),
        ("   ", ""),
        ("a", "a"),
        ("\u{0B}x\u{0C}", "x"),
    ])
    func trimmed(_ text: String, _ expected: String) {
        #expect(Reconciliation.trimmed(text) == expected)
    }

    /// Whether a status text holds more than white space (Unicode's space separators and the tab; a line end is not
    /// white space here), as the status-disagreement test asks it; expected answers written by hand.
    @Test("texts holding more than white space", arguments: [
        ("", false),
        (" ", false),
        ("\t \t", false),
        ("\u{3000}\u{3000}", false),
        ("\u{A0}", false),
        ("\u{2009}\u{202F}", false),
        ("\n", true),
        ("a", true),
        ("~", true),
        ("正在推进", true),
        ("\u{3000}正在推进", true),
        (" x", true),
        ("\u{A0}已完成", true),
        ("\u{9FFF}", true),
        ("\u{4DFF}", true),
    ])
    func holdsNonSpace(_ text: String, _ expected: Bool) {
        #expect(Reconciliation.holdsNonSpace(text) == expected)
    }
}
