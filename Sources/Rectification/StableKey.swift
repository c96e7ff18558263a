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

    /// Keys sort as people number things: `2` before `10`, `3-2` before `3-10` and `3-2#2`, then by text (`KeyOrder`).
    public static func < (lhs: StableKey, rhs: StableKey) -> Bool {
        KeyOrder.precedes(lhs.rawValue, rhs.rawValue)
    }
}

/// The order of keys, a strict total order (so that any list of keys sorts alike whatever its order): a key is read
/// as a run of items, numbers (runs of ASCII digits, compared by value), separators (a lone `-` or `.`, all alike)
/// and texts (any other run, compared by UTF-8 bytes), a number before a separator before a text; keys compare
/// item by item, a key that runs out first comes first, and keys with equal items (`3-2` and `3.2`, `7` and `007`)
/// by their bytes.
enum KeyOrder {
    /// Whether key `a` comes before key `b`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) < 0 } }
    }

    /// Negative, zero or positive as `x` comes before, is, or comes after `y`.
    static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        var j = 0
        while i < x.count, j < y.count {
            let left = item(x, at: i)
            let right = item(y, at: j)
            if left.kind != right.kind { return left.kind.rawValue - right.kind.rawValue }
            let order: Int
            switch left.kind {
            case .number: order = compareNumbers(UnsafeBufferPointer(rebasing: x[i..<left.end]),
                                                 UnsafeBufferPointer(rebasing: y[j..<right.end]))
            case .separator: order = 0
            case .text: order = compareBytes(UnsafeBufferPointer(rebasing: x[i..<left.end]),
                                             UnsafeBufferPointer(rebasing: y[j..<right.end]))
            }
            if order != 0 { return order }
            i = left.end
            j = right.end
        }
        if i < x.count || j < y.count { return i < x.count ? 1 : -1 }
        return compareBytes(x, y)
    }

    /// The kinds of item, in their order.
    private enum Kind: Int { case number, separator, text }

    /// The item starting at `start`: its kind and where it ends.
    private static func item(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (kind: Kind, end: Int) {
        let digits = isDigit(bytes[start])
        var end = start + 1
        while end < bytes.count, isDigit(bytes[end]) == digits { end += 1 }
        if digits { return (.number, end) }
        let lone = end == start + 1 && (bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "."))
        return (lone ? .separator : .text, end)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Runs of digits by value, however long: without leading zeros, the longer is larger, else the bytes decide.
    private static func compareNumbers(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let a = UnsafeBufferPointer(rebasing: x.drop { $0 == UInt8(ascii: "0") })
        let b = UnsafeBufferPointer(rebasing: y.drop { $0 == UInt8(ascii: "0") })
        if a.count != b.count { return a.count - b.count }
        return compareBytes(a, b)
    }

    /// Bytes in lexicographic order, a prefix first.
    private static func compareBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(x.count, y.count)
        if common > 0, let left = x.baseAddress, let right = y.baseAddress {
            let order = Int(memcmp(left, right, common))
            if order != 0 { return order }
        }
        return x.count - y.count
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
    static func == (lhs: UTF8Key, rhs: UTF8Key) -> Bool { same(lhs.text, rhs.text) }

    /// Whether two texts have the same UTF-8 bytes (not canonical equivalence, as `String`'s `==`).
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        // The bytes read in place (a native string's are contiguous); a copy made contiguous otherwise.
        if let same = a.utf8.withContiguousStorageIfAvailable({ left in
            b.utf8.withContiguousStorageIfAvailable { right in sameBytes(left, right) }
        }), let same {
            return same
        }
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

    func hash(into hasher: inout Hasher) { UTF8Key.combine(text, into: &hasher) }

    /// Feeds a text's UTF-8 bytes to a hasher, in place when they are contiguous.
    static func combine(_ text: String, into hasher: inout Hasher) {
        if text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            var copy = text
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}

/// A text compared by its UTF-8 bytes as `UTF8Key` is, hashed once when made: a key made ahead on another thread
/// costs the thread that looks it up one integer to hash, not its bytes.
struct HashedUTF8Key: Hashable {
    let text: String
    /// The hash of the text's bytes (the process's `Hasher`, so only meaningful within one run).
    let bytesHash: Int

    init(_ text: String) {
        self.text = text
        var hasher = Hasher()
        UTF8Key.combine(text, into: &hasher)
        bytesHash = hasher.finalize()
    }

    static func == (lhs: HashedUTF8Key, rhs: HashedUTF8Key) -> Bool {
        lhs.bytesHash == rhs.bytesHash && UTF8Key.same(lhs.text, rhs.text)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(bytesHash) }
}
