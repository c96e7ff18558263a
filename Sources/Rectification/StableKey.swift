#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The stable identity of an aspect, problem, issue or measure, derived from the input so that the same record has
/// the same key in every output (the ledger, split workbooks, JSON, findings) and in the next snapshot of the table.
///
/// A key is the table's own number when it has one and it is unique (`3` for an issue numbered （3）, `3-2` for a
/// measure numbered 3-2), otherwise the parent's key and the record's ordinal under it (`3-2` for the second measure
/// of issue 3). The `Record` parameter keeps an issue's key from being used where a measure's is meant.
public struct StableKey<Record>: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The key's text, e.g. `3-2`.
    public var rawValue: String

    /// Creates a key from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates a key from a literal, `"3-2"`.
    public init(stringLiteral rawValue: String) { self.rawValue = rawValue }

    /// The key's text.
    public var description: String { rawValue }

    /// Keys sort as people number things: `2` before `10`, `3-2` before `3-10`, then by text.
    public static func < (lhs: StableKey, rhs: StableKey) -> Bool {
        let a = lhs.numericParts
        let b = rhs.numericParts
        if let a, let b, a != b { return a.lexicographicallyPrecedes(b) }
        return lhs.rawValue < rhs.rawValue
    }

    /// The key's numbers when it is made of numbers joined by `-` or `.`, else nil.
    private var numericParts: [Int]? {
        let parts = rawValue.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "." })
        let numbers = parts.compactMap { Int($0) }
        return numbers.count == parts.count && !numbers.isEmpty ? numbers : nil
    }
}

/// Hands out unique keys: a wanted key when it is still free, otherwise the same key with `#2`, `#3`… appended.
struct KeyAllocator<Record> {
    private var used: Set<String> = []
    /// Keys taken before any was handed out, kept apart so that a large set is not copied.
    private let taken: Set<String>

    /// An allocator; `taken` keys are never handed out by `key(_:)`.
    init(taken: Set<String> = []) { self.taken = taken }

    /// A key for `wanted`, unique among those handed out so far and those taken.
    mutating func key(_ wanted: String) -> StableKey<Record> {
        var candidate = wanted
        var suffix = 1
        while taken.contains(candidate) || !used.insert(candidate).inserted {
            suffix += 1
            candidate = "\(wanted)#\(suffix)"
        }
        return StableKey(candidate)
    }
}

/// A dictionary key that compares and hashes a text by its UTF-8 bytes, for texts already NFKC-normalized (so that
/// equal bytes and canonical equivalence agree) or for caches, where byte equality is the safer test. It skips the
/// Unicode normalization that `String`'s own hashing does for every non-ASCII key.
struct UTF8Key: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    /// Byte-wise equality over the contiguous UTF-8, by `memcmp` (`elementsEqual` compares a byte at a time).
    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool {
        var left = lhs.text
        var right = rhs.text
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in UTF8Key.sameBytes(leftBytes, rightBytes) }
        }
    }

    /// Whether two texts have the same UTF-8 bytes (not canonical equivalence, as `String`'s `==`).
    static func same(_ a: String, _ b: String) -> Bool {
        var left = a
        var right = b
        return left.withUTF8 { leftBytes in right.withUTF8 { rightBytes in sameBytes(leftBytes, rightBytes) } }
    }

    /// Whether two buffers hold the same bytes, compared by `memcmp`.
    static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress, a.count > 0 else { return true }
        return memcmp(left, right, a.count) == 0
    }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
