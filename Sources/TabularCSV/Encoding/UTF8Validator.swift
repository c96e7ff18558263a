/// A streaming UTF-8 validator (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) that accepts the
/// input in chunks split anywhere, with an ASCII fast path.
struct UTF8Validator: Sendable {
    /// Continuation bytes still expected for the current sequence.
    private var needed = 0
    /// The allowed range of the next continuation byte (narrower after E0, ED, F0, F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    /// The stream offset of the next byte.
    private(set) var offset = 0
    /// The stream offset of the lead byte of the current (or offending) sequence.
    private(set) var sequenceStart = 0
    /// Complete multibyte sequences seen so far.
    private(set) var multibyteSequences = 0
    /// The stream offset of the first byte ≥ 0x80, if any.
    private(set) var firstNonASCII: Int?

    /// Validates the next chunk; returns the stream offset of the first invalid sequence, or nil if all is valid.
    mutating func validate(_ chunk: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = chunk.baseAddress else { return nil }
        let count = chunk.count
        var i = 0
        defer { offset += i }
        while i < count {
            if needed == 0 {
                // Skip ASCII eight bytes at a time.
                while i + 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                while i < count, base[i] < 0x80 { i += 1 }
                guard i < count else { break }
                let byte = base[i]
                if firstNonASCII == nil { firstNonASCII = offset + i }
                // Runs of whole three-byte sequences E1–EC, EE–EF (CJK text, full-width punctuation) without the state
                // machine, four bytes loaded at a time: the lead's range and both continuation bytes in a few operations.
                // ASCII between them (digits, commas, line breaks) is taken in the same loop, four bytes at a time
                // when all four are ASCII, else one.
                if byte >= 0xE1, byte <= 0xEF, byte != 0xED {
                    var run = 0
                    while i &+ 4 <= count {
                        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self).littleEndian
                        if word & 0x80 == 0 {
                            i &+= word & 0x8080_8080 == 0 ? 4 : 1
                            continue
                        }
                        let lead = word & 0xFF
                        guard lead &- 0xE1 < 0x0F, lead != 0xED, word & 0x00C0_C000 == 0x0080_8000 else { break }
                        i &+= 3
                        run &+= 1
                    }
                    multibyteSequences &+= run
                    if run > 0 { continue }
                }
                if byte >= 0xE1, byte <= 0xEF, byte != 0xED, i + 2 < count,
                   base[i + 1] & 0xC0 == 0x80, base[i + 2] & 0xC0 == 0x80 {
                    i += 3
                    multibyteSequences += 1
                    continue
                }
                if byte >= 0xC2, byte <= 0xDF, i + 1 < count, base[i + 1] & 0xC0 == 0x80 {
                    i += 2
                    multibyteSequences += 1
                    continue
                }
                sequenceStart = offset + i
                lower = 0x80
                upper = 0xBF
                switch byte {
                case 0xC2...0xDF: needed = 1
                case 0xE0: needed = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: needed = 2
                case 0xED: needed = 2; upper = 0x9F
                case 0xF0: needed = 3; lower = 0x90
                case 0xF1...0xF3: needed = 3
                case 0xF4: needed = 3; upper = 0x8F
                default: return offset + i
                }
                i += 1
            } else {
                let byte = base[i]
                guard byte >= lower, byte <= upper else { return sequenceStart }
                lower = 0x80
                upper = 0xBF
                needed -= 1
                if needed == 0 { multibyteSequences += 1 }
                i += 1
            }
        }
        return nil
    }

    /// Whether the stream ended in the middle of a sequence (then `sequenceStart` is where it began).
    var isInsideSequence: Bool { needed > 0 }
}
