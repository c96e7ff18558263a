/// How wide text shows in a spreadsheet column or a terminal: East Asian wide characters count two, others one.
public enum DisplayWidth {
    /// Whether a character shows double width: CJK ideographs, kana, Hangul, full-width forms, CJK punctuation and
    /// the curly quotes Chinese text uses.
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2018...0x201D, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The width of one line of text: wide characters 2, control characters 0, everything else 1.
    public static func width(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            total + (isWide(scalar) ? 2 : (scalar.value < 0x20 ? 0 : 1))
        }
    }

    /// The width of the widest line of text (lines end at LF or CR).
    ///
    /// Works on the UTF-8 bytes and decodes only non-ASCII sequences, since it runs on every cell of a conversion.
    public static func of(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { bytes in
            var widest = 0
            var current = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x0A || byte == 0x0D {
                        widest = max(widest, current)
                        current = 0
                    } else if byte >= 0x20 {
                        current += 1
                    }
                    index += 1
                    continue
                }
                let length = byte < 0xE0 ? 2 : (byte < 0xF0 ? 3 : 4)
                var value = UInt32(byte) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
                for offset in 1..<length where index + offset < count {
                    value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F)
                }
                current += Unicode.Scalar(value).map { isWide($0) ? 2 : 1 } ?? 1
                index += length
            }
            return max(widest, current)
        }
    }
}
