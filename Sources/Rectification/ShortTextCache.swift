/// A text of at most 32 UTF-8 bytes (ten CJK characters) as four words and a length: equal exactly when the texts'
/// bytes are.
struct ShortText: Equatable, Sendable {
    let words: (UInt64, UInt64, UInt64, UInt64), length: Int

    /// The text's bytes, zero-padded; nil for a longer text (or one whose bytes are not at hand).
    init?(_ text: String) {
        let length = text.utf8.count
        guard length <= 32 else { return nil }
        let words = text.utf8.withContiguousStorageIfAvailable { bytes in
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
            return words
        }
        guard let words else { return nil }
        (self.words, self.length) = (words, length)
    }

    static func == (a: ShortText, b: ShortText) -> Bool {
        a.length == b.length && a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2
            && a.words.3 == b.words.3
    }

    /// A slot among `mask + 1` for the text.
    func slot(_ mask: Int) -> Int {
        let mixed = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (words.2 &* 0x1656_67B1_9E37_79F9) ^ (words.3 &* 0x27D4_EB2F_1656_67C5) ^ UInt64(length)
        return Int(truncatingIfNeeded: (mixed ^ (mixed >> 32)) >> 7) & mask
    }
}

/// The readings of the short texts read last, one per slot (a text's slot is fixed by its bytes, and a text read
/// later takes the slot over): the few dozen leader, unit, deadline and status texts a table repeats are found by
/// comparing two words, where a `Dictionary` lookup hashes the bytes first.
struct ShortTextCache<Value: Sendable>: Sendable {
    private var slots: [(key: ShortText, value: Value)?] = Array(repeating: nil, count: 256)

    /// The reading kept for the text, if its slot holds it.
    subscript(key: ShortText) -> Value? {
        get {
            guard let entry = slots[key.slot(slots.count - 1)], entry.key == key else { return nil }
            return entry.value
        }
        set { slots[key.slot(slots.count - 1)] = newValue.map { (key, $0) } }
    }
}
