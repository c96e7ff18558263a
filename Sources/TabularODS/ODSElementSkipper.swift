#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte-level skipper of whole XML elements, for the parts of `content.xml` whose content is not read (the
/// tables not being parsed, when listing the tables or reading another one).
///
/// It is a strict subset of `XMLScanner`'s grammar: it only passes over start tags with well-quoted attributes, end
/// tags that match their start tag byte for byte, self-closing tags, and text whose only references are the five
/// predefined entities. Anything else (comments, CDATA, processing instructions, character references, a `<`
/// inside a tag, an element nested past the depth limit or longer than the token limit, an end tag of the
/// enclosing element) stops it, and the general scanner takes over at the end of the last whole item it passed:
/// so every error is still found and reported by the general scanner, at the same byte, with the same message.
enum ODSElementSkipper {
    /// How far a skip went.
    struct Outcome: Equatable {
        /// How many bytes from the start are whole items (elements and text runs) that may be consumed.
        var consumed: Int
        /// Whether it stopped only because the input ended inside an item: more input may let it go on.
        var needsMore: Bool
    }

    /// Passes over the run of whole elements and text at the start of `bytes` that holds nothing the general
    /// scanner could object to.
    ///
    /// - Parameters:
    ///   - bytes: unconsumed input, starting between two tokens.
    ///   - maxDepth: how many elements may be open inside the run (the XML depth limit less the open elements).
    ///   - maxItemBytes: the longest item (element or text run) passed over; longer ones are left to the general
    ///     scanner, which applies its token limit.
    ///   - stack: scratch space for the start offsets and lengths of open element names, reused across calls.
    static func skip(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxItemBytes: Int,
                     stack: inout [(start: Int, length: Int)]) -> Outcome {
        byteClasses.withUnsafeBufferPointer { classes in
            skip(bytes, maxDepth: maxDepth, maxItemBytes: maxItemBytes, stack: &stack, classes: classes)
        }
    }

    /// 1 for the bytes that end a name (space, tab, CR, LF, `/`, `>`, `=`) or may not be in one (`<`), else 0.
    private static let byteClasses: [UInt8] = (0..<256).map { byte in
        isNameEnd(UInt8(byte)) || byte == Int(UInt8(ascii: "<")) ? 1 : 0
    }

    private static func skip(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxItemBytes: Int,
                             stack: inout [(start: Int, length: Int)], classes: UnsafeBufferPointer<UInt8>) -> Outcome {
        stack.removeAll(keepingCapacity: true)
        guard let base = bytes.baseAddress else { return Outcome(consumed: 0, needsMore: true) }
        let count = bytes.count
        var committed = 0
        var index = 0
        while true {
            // At depth 0, `index == committed`: the start of an item.
            if stack.isEmpty {
                if index - committed > maxItemBytes { return Outcome(consumed: committed, needsMore: false) }
                committed = index
            } else if index - committed > maxItemBytes {
                return Outcome(consumed: committed, needsMore: false)
            }
            guard index < count else { return Outcome(consumed: committed, needsMore: true) }
            if base[index] != UInt8(ascii: "<") {
                // Text up to the next `<`: only the five predefined entity references are passed over.
                guard let found = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else {
                    return Outcome(consumed: committed, needsMore: true)
                }
                let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                var ampersand = index
                while let hit = memchr(base + ampersand, Int32(UInt8(ascii: "&")), end - ampersand) {
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    guard let length = predefinedEntityLength(base, at: at, end: end) else {
                        return Outcome(consumed: committed, needsMore: false)
                    }
                    ampersand = at + length
                    if ampersand >= end { break }
                }
                index = end
                continue
            }
            guard index + 1 < count else { return Outcome(consumed: committed, needsMore: true) }
            let next = base[index + 1]
            if next == UInt8(ascii: "/") {
                // An end tag: the enclosing element's ends the run; others must match their start tag.
                guard let open = stack.last else { return Outcome(consumed: committed, needsMore: false) }
                let nameStart = index + 2
                guard nameStart + open.length < count else { return Outcome(consumed: committed, needsMore: true) }
                for offset in 0..<open.length where base[nameStart + offset] != base[open.start + offset] {
                    return Outcome(consumed: committed, needsMore: false)
                }
                var at = nameStart + open.length
                while at < count && isSpace(base[at]) { at += 1 }
                guard at < count else { return Outcome(consumed: committed, needsMore: true) }
                guard base[at] == UInt8(ascii: ">") else { return Outcome(consumed: committed, needsMore: false) }
                stack.removeLast()
                index = at + 1
                continue
            }
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                return Outcome(consumed: committed, needsMore: false)
            }
            // A start tag: a name whose local part is not empty, then attributes, then `>` or `/>`.
            let nameStart = index + 1
            var at = nameStart
            while at < count && classes[Int(base[at])] == 0 { at += 1 }
            guard at < count else { return Outcome(consumed: committed, needsMore: true) }
            if base[at] == UInt8(ascii: "<") { return Outcome(consumed: committed, needsMore: false) }
            guard at > nameStart, base[at - 1] != UInt8(ascii: ":") else {
                return Outcome(consumed: committed, needsMore: false)
            }
            let nameLength = at - nameStart
            var selfClosing = false
            attributes: while true {
                guard at < count else { return Outcome(consumed: committed, needsMore: true) }
                let byte = base[at]
                if byte == UInt8(ascii: ">") {
                    at += 1
                    break attributes
                }
                if byte == UInt8(ascii: "/") {
                    guard at + 1 < count else { return Outcome(consumed: committed, needsMore: true) }
                    guard base[at + 1] == UInt8(ascii: ">") else { return Outcome(consumed: committed, needsMore: false) }
                    selfClosing = true
                    at += 2
                    break attributes
                }
                // Each attribute follows a space: name, optional spaces, `=`, optional spaces, a quoted value.
                guard isSpace(byte) else { return Outcome(consumed: committed, needsMore: false) }
                while at < count && isSpace(base[at]) { at += 1 }
                guard at < count else { return Outcome(consumed: committed, needsMore: true) }
                if base[at] == UInt8(ascii: ">") || base[at] == UInt8(ascii: "/") { continue attributes }
                let attributeStart = at
                while at < count && classes[Int(base[at])] == 0 { at += 1 }
                guard at < count else { return Outcome(consumed: committed, needsMore: true) }
                guard at > attributeStart, base[at] != UInt8(ascii: "<") else {
                    return Outcome(consumed: committed, needsMore: false)
                }
                while at < count && isSpace(base[at]) { at += 1 }
                guard at < count else { return Outcome(consumed: committed, needsMore: true) }
                guard base[at] == UInt8(ascii: "=") else { return Outcome(consumed: committed, needsMore: false) }
                at += 1
                while at < count && isSpace(base[at]) { at += 1 }
                guard at < count else { return Outcome(consumed: committed, needsMore: true) }
                let quote = base[at]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    return Outcome(consumed: committed, needsMore: false)
                }
                at += 1
                guard let close = memchr(base + at, Int32(quote), count - at) else {
                    return Outcome(consumed: committed, needsMore: true)
                }
                let valueEnd = UnsafeRawPointer(close) - UnsafeRawPointer(base)
                if memchr(base + at, Int32(UInt8(ascii: "<")), valueEnd - at) != nil {
                    return Outcome(consumed: committed, needsMore: false)
                }
                at = valueEnd + 1
            }
            if !selfClosing {
                guard stack.count < maxDepth else { return Outcome(consumed: committed, needsMore: false) }
                stack.append((nameStart, nameLength))
            }
            index = at
        }
    }

    /// The length of `&amp;`, `&lt;`, `&gt;`, `&quot;` or `&apos;` at `at` (before `end`), else nil.
    private static func predefinedEntityLength(_ base: UnsafePointer<UInt8>, at: Int, end: Int) -> Int? {
        func matches(_ literal: StaticString) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard at + length <= end else { return false }
            let expected = literal.utf8Start
            for offset in 0..<length where base[at + offset] != expected[offset] { return false }
            return true
        }
        if matches("&amp;") { return 5 }
        if matches("&lt;") || matches("&gt;") { return 4 }
        if matches("&quot;") || matches("&apos;") { return 6 }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func isNameEnd(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
    }
}
