import TabularCore
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// One `String` per distinct short field text, so that a table whose columns repeat values (units, leaders,
/// deadlines, statuses, the issue text on each of its measures' rows) keeps each of them once instead of once per row.
///
/// Only fields of 16 to 64 UTF-8 bytes are kept: shorter ones are stored inside the `String` itself, longer ones
/// seldom repeat. At most 65,536 texts are kept, after which new texts are decoded as usual. A kept text is exactly
/// what `String(decoding:as:)` gives for the same bytes, so interning changes no value.
struct FieldInterner: Sendable {
    /// Whether the fields' bytes are known to be valid UTF-8 (the reader validated them before parsing): their texts
    /// are then copied without being validated again. False reads them as `String(decoding:as:)` does.
    var bytesAreValid = false

    /// Open addressing with linear probing; a power of two, at most three quarters full.
    private var slots: [String?] = Array(repeating: nil, count: 1024)
    private var count = 0

    /// An empty interner; `bytesAreValid` as the reader knows its bytes.
    init(bytesAreValid: Bool = false) { self.bytesAreValid = bytesAreValid }

    /// The most texts kept.
    static let limit = 1 << 16

    /// The field's text, shared with earlier fields of the same bytes when it is kept.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count >= 16, bytes.count <= 64 else { return decoded(bytes) }
        let hash = Self.hash(bytes)
        var mask = slots.count - 1
        var index = hash & mask
        while let kept = slots[index] {
            if Self.same(kept, bytes) { return kept }
            index = (index + 1) & mask
        }
        let text = decoded(bytes)
        // Decoding repairs invalid UTF-8, so a kept text matches its bytes only when they were valid.
        guard count < Self.limit, bytesAreValid || Self.same(text, bytes) else { return text }
        if (count + 1) * 4 > slots.count * 3 {
            grow()
            mask = slots.count - 1
            index = hash & mask
            while slots[index] != nil { index = (index + 1) & mask }
        }
        slots[index] = text
        count += 1
        return text
    }

    /// The bytes' text: copied as they are when `bytesAreValid`, else decoded with invalid sequences replaced.
    func decoded(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        bytesAreValid ? validUTF8Text(bytes) : String(decoding: bytes, as: UTF8.self)
    }

    /// Doubles the slots and places every kept text again.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        let mask = slots.count - 1
        for case var text? in old {
            var index = text.withUTF8 { Self.hash($0) } & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = text
        }
    }

    /// Whether a text's UTF-8 is these bytes (compared as contiguous buffers by `memcmp`; a native text's bytes in
    /// place, without the copy, a retain and a release, that `withUTF8` needs).
    private static func same(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let same = text.utf8.withContiguousStorageIfAvailable({ own -> Bool in
            guard own.count == bytes.count else { return false }
            guard let left = own.baseAddress, let right = bytes.baseAddress, own.count > 0 else { return true }
            return memcmp(left, right, own.count) == 0
        }) {
            return same
        }
        var text = text
        return text.withUTF8 { own in
            guard own.count == bytes.count else { return false }
            guard let left = own.baseAddress, let right = bytes.baseAddress, own.count > 0 else { return true }
            return memcmp(left, right, own.count) == 0
        }
    }

    /// A hash of the bytes, eight at a time.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            offset += 8
        }
        var last: UInt64 = 0
        while offset < raw.count {
            last = last << 8 | UInt64(raw[offset])
            offset += 1
        }
        hash = (hash ^ last) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
