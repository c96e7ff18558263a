import TabularXLS
import Testing

/// UTF-16 code units and the string they spell (hand-encoded from the Unicode scalars; an unpaired surrogate is
/// U+FFFD, the standard replacement).
struct UTF16Case: CustomTestStringConvertible, Sendable {
    var units: [UInt16]
    var expected: String
    var testDescription: String { units.map { String($0, radix: 16) }.joined(separator: " ") }
}

@Suite("BIFF8 strings from UTF-16 code units")
struct UTF16TextTests {
    static let cases: [UTF16Case] = [
        UTF16Case(units: [], expected: ""),
        UTF16Case(units: [0x41, 0x62, 0x7E, 0x00], expected: "Ab~\u{0}"),
        UTF16Case(units: [0xE9, 0x7FF, 0x800], expected: "é\u{7FF}\u{800}"),
        UTF16Case(units: [0x6574, 0x6539, 0x53F0, 0x8D26], expected: "整改台账"),
        UTF16Case(units: [0xFFFE, 0xFFFF, 0xE000], expected: "\u{FFFE}\u{FFFF}\u{E000}"),
        UTF16Case(units: [0xD83D, 0xDE00, 0x41], expected: "😀A"),
        UTF16Case(units: [0xD800, 0x41], expected: "\u{FFFD}A"),
        UTF16Case(units: [0x41, 0xDC00], expected: "A\u{FFFD}"),
        UTF16Case(units: [0xDBFF], expected: "\u{FFFD}"),
    ]

    @Test("code units decode to the scalars they encode, unpaired surrogates to U+FFFD", arguments: cases)
    func decode(_ testCase: UTF16Case) {
        #expect(UTF16Text.string(testCase.units) == testCase.expected)
        #expect(Array(UTF16Text.string(testCase.units).utf8) == Array(testCase.expected.utf8))
    }
}
