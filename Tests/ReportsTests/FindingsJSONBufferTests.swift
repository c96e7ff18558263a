@testable import Reports
import Testing

/// Findings JSON is written into one byte buffer; its strings must be escaped as RFC 8259 asks and as the rest of
/// the reports escape them (quote, backslash, the named controls, other controls as lowercase `\u00XX`, and U+2028
/// and U+2029 for JavaScript).
@Suite("Findings as JSON: the byte buffer")
struct FindingsJSONBufferTests {
    @Test("strings are escaped", arguments: [
        ("", #""""#), ("整改措施", #""整改措施""#), (#"say "no""#, #""say \"no\"""#), (#"a\b"#, #""a\\b""#),
        ("一\n二\r三\t四", #""一\n二\r三\t四""#), ("\u{08}\u{0C}", #""\b\f""#),
        ("\u{00}\u{01}\u{1F}x", #""\u0000\u0001\u001fx""#), ("\u{7F}", "\"\u{7F}\""),
        ("a\u{2028}b\u{2029}", #""a\u2028b\u2029""#), ("\u{2027}\u{202A}…", "\"\u{2027}\u{202A}…\""),
        ("😀/é", "\"😀/é\""),
    ])
    func quoting(_ text: String, _ expected: String) {
        var out = JSONBuffer()
        out.quoted(text)
        #expect(out.string == expected)
    }

    @Test("whole numbers are written as decimal digits", arguments: [
        (0, "0"), (7, "7"), (10, "10"), (-3, "-3"), (1_234_567, "1234567"),
        (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
    ])
    func numbers(_ number: Int, _ expected: String) {
        var out = JSONBuffer()
        out.append(number)
        #expect(out.string == expected)
    }
}
