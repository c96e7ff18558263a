import TabularCore

/// Decoding of the `_xHHHH_` escapes of ECMA-376 Part 1 §22.9.2.19 (`ST_Xstring`).
enum XStringEscapes {
    /// Decodes `_xHHHH_` escapes (UTF-16 code units; surrogate pairs combined; `_x005F_` is an underscore).
    /// Escapes that do not form a valid scalar are kept literally.
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 7, containsEscape(bytes) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let unit = unit(bytes, at: index) {
                if UTF16.isLeadSurrogate(unit), let low = self.unit(bytes, at: index + 7), UTF16.isTrailSurrogate(low) {
                    let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    append(Unicode.Scalar(value)!, to: &output)
                    index += 14
                    continue
                }
                if let scalar = Unicode.Scalar(unit) {
                    append(scalar, to: &output)
                    index += 7
                    continue
                }
            }
            output.append(bytes[index])
            index += 1
        }
        return output
    }

    /// Whether the bytes hold `_x`, the start of an escape (then `decode` may change them).
    static func containsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 7 else { return false }
        for index in 0..<(bytes.count - 1) where bytes[index] == UInt8(ascii: "_") && bytes[index + 1] == UInt8(ascii: "x") {
            return true
        }
        return false
    }

    private static func containsEscape(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { pointer in
            for index in 0..<(pointer.count - 1) where pointer[index] == UInt8(ascii: "_") && pointer[index + 1] == UInt8(ascii: "x") {
                return true
            }
            return false
        }
    }

    private static func unit(_ bytes: [UInt8], at index: Int) -> UInt16? {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
              bytes[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var value: UInt16 = 0
        for byte in bytes[(index + 2)..<(index + 6)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// Decodes escapes and validates UTF-8; nil when the bytes are not UTF-8.
    static func string(_ bytes: [UInt8]) -> String? {
        validatedString(decode(bytes))
    }
}

/// The shared-string table, read as a stream: rich-text runs concatenated, phonetic `rPh` runs left out.
enum SharedStrings {
    /// Reads every `<si>` of `sharedStrings.xml`.
    ///
    /// - Throws: `malformedXML`, `structureLimit` past `maxSharedStrings`, and the source's errors.
    static func read(_ scanner: inout XMLScanner, limits: XLSXLimits) throws -> [String] {
        var strings: [String] = []
        var current: [UInt8] = []
        var inItem = false
        var inText = false
        var phoneticDepth = 0
        var inTable = false
        while true {
            if inTable, !inItem, scanner.depth == 1, scanner.isBetweenTokens, let string = try plainItem(&scanner) {
                strings.append(string)
                guard strings.count <= limits.maxSharedStrings else {
                    throw scanner.error(.structureLimit, "more than \(limits.maxSharedStrings) shared strings")
                }
                continue
            }
            let event = try scanner.next()
            switch event {
            case .endOfDocument:
                return strings
            case .start:
                if scanner.depth == 1 { inTable = scanner.nameIs("sst") }
                if scanner.nameIs("si") {
                    inItem = true
                    current.removeAll(keepingCapacity: true)
                } else if scanner.nameIs("rPh") {
                    phoneticDepth += 1
                } else if scanner.nameIs("t") && inItem && phoneticDepth == 0 {
                    inText = true
                } else if scanner.nameIs("sst"), let count = try scanner.attribute("uniqueCount").flatMap({ Int($0) }) {
                    guard count <= limits.maxSharedStrings else {
                        throw scanner.error(.structureLimit, "the workbook declares \(count) shared strings, over the limit of \(limits.maxSharedStrings)")
                    }
                    strings.reserveCapacity(count)
                }
            case .end:
                if scanner.nameIs("si") {
                    guard let string = XStringEscapes.string(current) else {
                        throw scanner.error(.malformedXML, "shared string \(strings.count) is not valid UTF-8")
                    }
                    strings.append(string)
                    guard strings.count <= limits.maxSharedStrings else {
                        throw scanner.error(.structureLimit, "more than \(limits.maxSharedStrings) shared strings")
                    }
                    inItem = false
                } else if scanner.nameIs("rPh") {
                    phoneticDepth -= 1
                } else if scanner.nameIs("t") {
                    inText = false
                }
            case .text:
                if inText { scanner.appendText(to: &current) }
            }
        }
    }

    /// The next item when it is one plain text run, `<si><t>text</t></si>` (the `t` may say
    /// `xml:space="preserve"`), as writers store most strings: read from the buffered bytes and consumed. Nil, with
    /// nothing consumed, for anything else (rich text, phonetic runs, entity or character references, CRs,
    /// `_xHHHH_` escapes, bytes that are not UTF-8, whitespace between items), which the general scanner reads.
    private static func plainItem(_ scanner: inout XMLScanner) throws -> String? {
        // An item longer than this is left to the general scanner, which streams it and enforces the token limit.
        let longest = 1 << 20
        while true {
            switch scanner.withUnconsumedBytes(PlainItemScan.init) {
            case .item(let end, let string):
                scanner.consume(end)
                return string
            case .other:
                return nil
            case .needMore:
                guard scanner.unconsumedCount <= longest, try scanner.bufferMore() else { return nil }
            }
        }
    }
}

/// What the byte-level reader found at the start of the unconsumed bytes.
private enum PlainItemScan {
    case item(end: Int, String)
    case other
    case needMore

    private static let openings: [[UInt8]] = [Array("<si><t>".utf8), Array("<si><t xml:space=\"preserve\">".utf8)]
    private static let closing: [UInt8] = Array("</t></si>".utf8)

    /// Whether `bytes` hold `literal` at `offset`, compared byte by byte (no generic sequence comparison: this
    /// runs twice for every shared string).
    @inline(__always)
    private static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, at offset: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for position in 0..<count where bytes[offset + position] != start[position] { return false }
        return true
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let openingCount: Int
        if Self.has(bytes, "<si><t>", at: 0) {
            openingCount = Self.openings[0].count
        } else if Self.has(bytes, "<si><t xml:space=\"preserve\">", at: 0) {
            openingCount = Self.openings[1].count
        } else {
            let partial = Self.openings.contains { $0.starts(with: bytes) }
            self = partial ? .needMore : .other
            return
        }
        // The text runs to the first `<`; an `&` or a CR sends the item to the general scanner, and so does `_x` (the
        // start of an `_xHHHH_` escape) in a text of seven bytes or more (`XStringEscapes.containsEscape`). Eight
        // bytes are passed at a time while none of them is one of `<`, `&`, CR and `_`.
        var index = openingCount
        var underscoreX = false
        let count = bytes.count
        guard let base = bytes.baseAddress else { self = .needMore; return }
        scan: while index < count {
            while index &+ 8 <= count, !Self.mayStop(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index &+= 8
            }
            let stop = Swift.min(count, index &+ 8)
            while index < stop {
                switch bytes[index] {
                case UInt8(ascii: "<"): break scan
                case UInt8(ascii: "&"), 0x0D: self = .other; return
                case UInt8(ascii: "_"):
                    if index + 1 < count, bytes[index + 1] == UInt8(ascii: "x") { underscoreX = true }
                default: break
                }
                index += 1
            }
        }
        let textEnd = index
        let end = textEnd + Self.closing.count
        guard end <= bytes.count else {
            self = Self.closing.starts(with: bytes[textEnd...]) ? .needMore : .other
            return
        }
        guard Self.has(bytes, "</t></si>", at: textEnd) else { self = .other; return }
        let text = UnsafeBufferPointer(rebasing: bytes[openingCount..<textEnd])
        // Bytes that are not UTF-8 go to the general scanner, which reports them; valid ones are copied without being
        // checked again. (`String(validating:as:)`, which would check them once, took twice the instructions of this
        // check and `String(decoding:as:)` together; `String(decoding:as:)` checks every scalar again.)
        guard !(underscoreX && text.count >= 7), isValidUTF8(text) else {
            self = .other
            return
        }
        self = .item(end: end, validUTF8Text(text))
    }

    /// Whether any of eight bytes is `<`, `&`, CR or `_` (then they are looked at one by one).
    @inline(__always)
    private static func mayStop(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        return hasZero(word ^ (ones &* 0x3C)) || hasZero(word ^ (ones &* 0x26)) || hasZero(word ^ (ones &* 0x0D))
            || hasZero(word ^ (ones &* 0x5F))
    }
}
