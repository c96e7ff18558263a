import Foundation
import Rectification
import Testing

/// `TextNormalization.normalized` answers common table text without Foundation; these compare it with Foundation's
/// NFKC (plus the documented removal of invisible characters and trimming), written out here independently.
@Suite("Text normalization: the fast path agrees with Foundation's NFKC")
struct NormalizationFastPathTests {
    static func reference(_ text: String) -> String {
        let invisible: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0xFEFF, 0x2060]
        let kept = text.precomposedStringWithCompatibilityMapping.unicodeScalars.filter { !invisible.contains($0.value) }
        return String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The scalars the fast path handles itself, and their neighbours on either side of each range.
    static let ranges: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x1F...0x80, 0x3000...0x3012, 0x33FF...0x4DC0, 0x4DFF...0x9FFF, 0xA000...0xA000, 0x2013...0x201E,
        0xFF00...0xFF60, 0x00A0...0x00B7,
    ]

    @Test("each scalar alone, between letters, and at either edge after a space")
    func everyScalar() {
        for range in NormalizationFastPathTests.ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let alone = String(Character(scalar))
                for text in [alone, "a" + alone + "b", " " + alone, alone + "\n", "整改" + alone + "措施"] {
                    #expect(TextNormalization.normalized(text) == NormalizationFastPathTests.reference(text),
                            "U+\(String(value, radix: 16, uppercase: true)) in \(text.debugDescription)")
                }
            }
        }
    }

    @Test("table cells as offices type them", arguments: [
        "", " ", "\t\r\n", "已完成", " 已完成 ", "（一）聚焦党中央决策部署方面", "2025年6月底前", "２０２５年６月底前",
        "立行立改，长期坚持；", "　王某某　", "办公室、财务室", "“四风”问题", "【1】", "1.5万元", "e\u{301}", "Å",
        "\u{FEFF}序号", "责任\u{200B}人", "ｶﾀｶﾅ", "①", "㈠", "…", "가", "\u{1100}\u{1161}", "Ａ\u{301}", "\u{3000}\u{3000}",
        "，", "a\u{85}", "\u{A0}x\u{A0}", "a\r\nb", "丽", "\u{F900}", "\u{2F00}", "〔二〕", "．",
    ])
    func cells(_ text: String) {
        #expect(TextNormalization.normalized(text) == NormalizationFastPathTests.reference(text))
    }

    /// The fast path takes runs of printable ASCII eight bytes at a time; a control character, DEL, a tab or a
    /// line break, a full-width form or an ideograph at any place of a long run must still be seen.
    @Test("one odd scalar at each place of a long ASCII run", arguments: [
        "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\r", "\u{1F}", "\u{7F}", "\u{80}", "\u{A0}", " ", "～", "\u{3000}", "整",
        "é", "\u{200B}", "\u{FEFF}",
    ])
    func oddScalarInLongRun(_ odd: String) {
        let run = Array("Measure-2025/06/30:abcdefghijklmnop")
        for place in 0...run.count {
            let text = String(run[..<place]) + odd + String(run[place...])
            #expect(TextNormalization.normalized(text) == NormalizationFastPathTests.reference(text), "\(text.debugDescription)")
        }
    }

    @Test("long strings drawn from the fast path's alphabet and its neighbours, mostly ASCII")
    func mixedLong() {
        let ascii = Array(0x20...0x7E).map { UInt32($0) }
        let others: [UInt32] = [0x09, 0x0A, 0x0D, 0x7F, 0x1F, 0x3000, 0x3001, 0x4E00, 0xFF01, 0xFF0C, 0xFF5E, 0x2014, 0x0301,
                                0xFEFF, 0x200B, 0x00A0]
        var state: UInt64 = 41
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            let length = 8 + next(40)
            let scalars = (0..<length).map { _ in
                Unicode.Scalar(next(6) == 0 ? others[next(others.count)] : ascii[next(ascii.count)])!
            }
            let text = String(String.UnicodeScalarView(scalars))
            #expect(TextNormalization.normalized(text) == NormalizationFastPathTests.reference(text), "\(text.debugDescription)")
        }
    }

    /// `textKey` skips its `Character` scan when no scalar is White_Space, judged on UTF-8 bytes; every scalar that
    /// shares a lead byte with a White_Space scalar (the quotation marks “ ” and the general punctuation block) must
    /// give the key Foundation's NFKC and `Character.isWhitespace` give.
    @Test("text keys next to every scalar that shares a lead byte with whitespace")
    func textKeyWhitespace() {
        let ranges: [ClosedRange<UInt32>] = [0x80...0xBF, 0x1680...0x16BF, 0x2000...0x20BF, 0x3000...0x3003, 0x09...0x20]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let character = String(Character(scalar))
                for text in ["措施" + character + "一", "a" + character + character + "b", "“三会一课”" + character + "x"] {
                    let expected = String(NormalizationFastPathTests.reference(text).filter { !$0.isWhitespace })
                    #expect(TextNormalization.textKey(text) == expected, "U+\(String(value, radix: 16, uppercase: true))")
                }
            }
        }
    }

    @Test("mixed strings drawn from the fast path's alphabet and its neighbours")
    func mixed() {
        let alphabet: [UInt32] = [0x20, 0x09, 0x0A, 0x0D, 0x41, 0x7E, 0x7F, 0x3000, 0x3001, 0x3002, 0x300A, 0x3011, 0x3012,
                                  0x4E00, 0x6574, 0x9FFF, 0x3400, 0xFF01, 0xFF08, 0xFF0C, 0xFF5E, 0xFF5F, 0x2014, 0x2018,
                                  0x201C, 0x2026, 0x0301, 0xFEFF, 0x200B, 0x00A0, 0xAC00]
        var state: UInt64 = 15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5000 {
            let length = next(8)
            let text = String(String.UnicodeScalarView((0..<length).map { _ in Unicode.Scalar(alphabet[next(alphabet.count)])! }))
            #expect(TextNormalization.normalized(text) == NormalizationFastPathTests.reference(text), "\(text.debugDescription)")
        }
    }
}
