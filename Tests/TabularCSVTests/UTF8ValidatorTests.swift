@testable import TabularCSV
import Testing

/// The validator that checks every byte of a UTF-8 input (RFC 3629: no overlongs, no surrogates, nothing above
/// U+10FFFF) reads runs of three-byte sequences four bytes at a time; it must find the same first bad sequence as the
/// byte-at-a-time rules, and agree with the standard library's own check on any input, however it is cut in chunks.
@Suite("UTF-8 validation")
struct UTF8ValidatorTests {
    /// Validates in chunks of `chunk` bytes; the offset of the first bad sequence, or -1 when the input ends inside a
    /// sequence, or nil when all is valid.
    static func firstBad(_ bytes: [UInt8], chunk: Int = .max) -> Int? {
        var validator = UTF8Validator()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            let bad = bytes[start..<end].withUnsafeBufferPointer { validator.validate($0) }
            if let bad { return bad }
            start = end
        }
        return validator.isInsideSequence ? -1 : nil
    }

    @Test("the first bad sequence, written out by hand", arguments: [
        (Array("整改措施，按期完成。".utf8), nil),
        (Array("中文".utf8) + [0xED, 0xA0, 0x80] + Array("后".utf8), 6),           // a surrogate
        (Array("中".utf8) + [0xE0, 0x80, 0x80], 3),                               // an overlong three-byte sequence
        (Array("中文字".utf8) + [0xE4, 0xB8], -1),                                // cut at the end
        (Array("中文字".utf8) + [0xE4, 0xB8, 0x41, 0x42], 9),                     // a lead without its continuations
        (Array("中文字中".utf8) + [0xBF] + Array("文".utf8), 12),                  // a lone continuation byte
        (Array("（一）".utf8) + [0xF0, 0x9F, 0x98, 0x80] + Array("，".utf8), nil),   // a four-byte sequence in a run
        ([0xEF, 0xBB, 0xBF] + Array("序号,方面".utf8), nil),                        // a BOM
        (Array("ab中".utf8) + [0xF4, 0x90, 0x80, 0x80], 5),                       // above U+10FFFF
        ([0xC0, 0xAF], 0),                                                         // an overlong two-byte sequence
        (Array("中文中文中文".utf8) + [0xE2, 0x80, 0xA8, 0xC2, 0xA9], nil),
        // ASCII between three-byte sequences is read within their run, one byte or four at a time.
        (Array("第1项,措施2025年6月底前,\r\n完成".utf8), nil),
        (Array("措施1".utf8) + [0xFF] + Array("施".utf8), 7),                       // a bad byte after one ASCII byte
        (Array("措施1234".utf8) + [0x80] + Array("施".utf8), 10),                  // after four
        (Array("措施12".utf8) + [0xE4, 0xB8], -1),                                 // cut at the end after ASCII
        (Array("措施1".utf8) + [0xED, 0xA0, 0x80], 7),                             // a surrogate after ASCII
        (Array("措,".utf8) + [0xC2, 0xA9] + Array("施,".utf8), nil),               // a two-byte sequence after ASCII
    ] as [([UInt8], Int?)])
    func literal(_ bytes: [UInt8], _ expected: Int?) {
        for chunk in [Int.max, 1, 2, 3, 4, 5, 7] {
            #expect(Self.firstBad(bytes, chunk: chunk) == expected, "chunks of \(chunk)")
        }
    }

    @Test("valid exactly when the standard library says so, for 20,000 inputs of mixed and damaged text")
    func againstStandardLibrary() {
        var random = SplitMix(seed: 15)
        let pieces: [[UInt8]] = [
            Array("整改".utf8), Array("，".utf8), Array("a,".utf8), Array("😀".utf8), Array("é".utf8), [0x0A],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80], [0xEF, 0xBF, 0xBF],
            [0xE4, 0xB8], [0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0x80, 0x80], [0xFF],
        ]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                let index = Int(random.next() % UInt64(pieces.count))
                // Mostly the valid pieces, so that long valid runs meet a damaged one anywhere.
                bytes += random.next() % 4 == 0 ? pieces[index] : pieces[index % 5]
            }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((Self.firstBad(bytes) == nil) == valid, "\(bytes)")
            #expect(Self.firstBad(bytes, chunk: 5) == Self.firstBad(bytes), "\(bytes)")
        }
    }
}

/// A small deterministic generator (SplitMix64), so that the inputs are the same on every run.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
