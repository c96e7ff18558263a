/// Estimates how wide text shows in a spreadsheet column, counting East Asian wide characters as two.
enum DisplayWidth {
    /// The width of the widest line of UTF-8 text, in Excel's character units (ASCII = 1, CJK = 2).
    ///
    /// Works on bytes: a three-byte sequence from U+1100 up (CJK, kana, Hangul, full-width forms) and any
    /// four-byte sequence count two; everything else one. Precise enough for column widths, and fast.
    static func of(_ text: String) -> Int {
        var widest = 0
        var current = 0
        var utf8 = text.utf8
        // Copy-free iteration over the contiguous UTF-8 storage of native strings.
        let result: Int? = utf8.withContiguousStorageIfAvailable { bytes in
            measure(bytes, widest: &widest, current: &current)
        }
        if result == nil {
            var copy = text
            copy.makeContiguousUTF8()
            utf8 = copy.utf8
            return utf8.withContiguousStorageIfAvailable { bytes in measure(bytes, widest: &widest, current: &current) } ?? 0
        }
        return result!
    }

    private static func measure(_ bytes: UnsafeBufferPointer<UInt8>, widest: inout Int, current: inout Int) -> Int {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A || byte == 0x0D {
                    widest = max(widest, current)
                    current = 0
                } else {
                    current += 1
                }
                index += 1
            } else if byte < 0xE0 {
                current += 1
                index += 2
            } else if byte < 0xF0 {
                // U+0800–U+10FF are narrow scripts; E1 84 80 (U+1100) and up are mostly wide.
                let wide = byte > 0xE1 || (byte == 0xE1 && index + 1 < count && bytes[index + 1] >= 0x84)
                current += wide ? 2 : 1
                index += 3
            } else {
                current += 2
                index += 4
            }
        }
        return max(widest, current)
    }
}
