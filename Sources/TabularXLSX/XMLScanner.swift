import Foundation
import TabularCore

/// A pull tokenizer for the XML that office packages contain, working on UTF-8 bytes fed in chunks.
///
/// It reports start tags (self-closing tags are reported as a start then an end), end tags and text, matching
/// elements and attributes by local name (namespace prefixes ignored). It refuses `<!DOCTYPE` and every entity
/// other than the five predefined ones and character references, checks element balance, nesting depth and token
/// size, and reports truncation. Memory: the unconsumed tail of the input plus the current token.
package struct XMLScanner {
    /// What `next()` found.
    package enum Event: Equatable {
        case start, end, text, endOfDocument
    }

    private struct Attribute {
        /// Where the qualified name starts (its prefix, when it has one); `nameStart` is where its local part does.
        var qualifiedStart: Int
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int
        var needsDecoding: Bool
    }

    private var buffer: [UInt8] = []
    private var position = 0
    private var base = 0
    private var exhausted = false
    private let pull: () throws -> Data?
    private let limits: XLSXLimits
    /// The part's name inside the package, for messages.
    package let partName: String
    /// The file (and sheet) the part belongs to, for error locations.
    package var location: SourceLocation

    private var nameStart = 0
    private var nameEnd = 0
    private var attributes: [Attribute] = []
    private var attributeCount = 0
    private var pendingEnd = false
    private var stack: [UInt64] = []
    private var sawRoot = false
    private var tokenOffset = 0
    private var checkedStart = false
    /// The decoded bytes of the current text event when it needed decoding; else the text is `rawText` in `buffer`.
    private var decodedText: [UInt8] = []
    private var rawText: Range<Int>?

    /// Creates a scanner pulling chunks from `pull` until it returns nil.
    package init(partName: String, location: SourceLocation, limits: XLSXLimits, pull: @escaping () throws -> Data?) {
        self.partName = partName
        self.location = location
        self.limits = limits
        self.pull = pull
    }

    /// Creates a scanner over a whole part already in memory.
    package init(partName: String, location: SourceLocation, limits: XLSXLimits, bytes: [UInt8]) {
        var delivered = false
        self.init(partName: partName, location: location, limits: limits) {
            if delivered { return nil }
            delivered = true
            return Data(bytes)
        }
    }

    /// The 0-based byte offset of the current token within the part.
    package var byteOffset: Int { tokenOffset }

    /// An error at the current token.
    package func error(_ code: XLSXReadError.Code, _ message: String) -> XLSXReadError {
        XLSXReadError(code, "\(message) (\(partName), byte \(tokenOffset))", location: location)
    }

    // MARK: Names and attributes

    /// Whether the current element's local name is `name`.
    package func nameIs(_ name: StaticString) -> Bool {
        equals(nameStart, nameEnd, name)
    }

    /// The current element's local name.
    package var name: String { String(decoding: buffer[nameStart..<nameEnd], as: UTF8.self) }

    private func equals(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - start == count, start >= 0, end <= buffer.count else { return false }
        let expected = literal.utf8Start
        return buffer.withUnsafeBufferPointer { pointer in
            for index in 0..<count where pointer[start + index] != expected[index] { return false }
            return true
        }
    }

    private func attributeIndex(_ name: StaticString) -> Int? {
        for index in 0..<attributeCount where equals(attributes[index].nameStart, attributes[index].nameEnd, name) {
            return index
        }
        return nil
    }

    /// The raw bytes of an attribute when it needs no entity decoding (the common case), else the decoded bytes.
    package func attributeBytes(_ name: StaticString) throws -> [UInt8]? {
        guard let index = attributeIndex(name) else { return nil }
        let attribute = attributes[index]
        if !attribute.needsDecoding { return Array(buffer[attribute.valueStart..<attribute.valueEnd]) }
        var decoded: [UInt8] = []
        try decode(from: attribute.valueStart, to: attribute.valueEnd, into: &decoded)
        return decoded
    }

    /// An attribute's value bytes, decoded only when it holds an entity reference or a CR; for hot paths.
    package func attributeValue(_ name: StaticString) throws -> ArraySlice<UInt8>? {
        guard let index = attributeIndex(name) else { return nil }
        let attribute = attributes[index]
        if !attribute.needsDecoding { return buffer[attribute.valueStart..<attribute.valueEnd] }
        var decoded: [UInt8] = []
        try decode(from: attribute.valueStart, to: attribute.valueEnd, into: &decoded)
        return decoded[...]
    }

    /// Finds, in one pass over the current start tag's attributes, the first attribute with each local name of
    /// `names`: `slots[k]` becomes its index for `attributeValue(at:)`, or -1 when there is none. Mutating (it
    /// changes nothing) so that callers pass the scanner by reference instead of copying it per call.
    package mutating func locateAttributes(_ names: XMLAttributeNames, into slots: inout [Int]) {
        if slots.count != names.count { slots = Array(repeating: -1, count: names.count) }
        buffer.withUnsafeBufferPointer { pointer in
            slots.withUnsafeMutableBufferPointer { slots in
                for k in 0..<slots.count { slots[k] = -1 }
                for index in 0..<attributeCount {
                    let attribute = attributes[index]
                    let length = attribute.nameEnd - attribute.nameStart
                    guard length <= names.maxLength else { continue }
                    var k = names.firstOfLength[length]
                    while k >= 0 {
                        if slots[k] < 0 && names.matches(k, pointer, from: attribute.nameStart) {
                            slots[k] = index
                            break
                        }
                        k = names.nextOfLength[k]
                    }
                }
            }
        }
    }

    /// Whether the current start tag has an attribute of exactly this qualified name (prefix included, as written)
    /// whose raw value is exactly `value` (not decoded: for names and values of plain ASCII).
    package func hasAttribute(qualifiedName: StaticString, value: StaticString) -> Bool {
        buffer.withUnsafeBufferPointer { pointer in
            func equals(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
                guard end - start == literal.utf8CodeUnitCount else { return false }
                return memcmp(pointer.baseAddress! + start, literal.utf8Start, end - start) == 0
            }
            for index in 0..<attributeCount {
                let attribute = attributes[index]
                if equals(attribute.qualifiedStart, attribute.nameEnd, qualifiedName),
                   equals(attribute.valueStart, attribute.valueEnd, value) { return true }
            }
            return false
        }
    }

    /// The value bytes of the attribute at `index` (from `locateAttributes`), as `attributeValue(_:)` gives them.
    package mutating func attributeValue(at index: Int) throws -> ArraySlice<UInt8> {
        let attribute = attributes[index]
        if !attribute.needsDecoding { return buffer[attribute.valueStart..<attribute.valueEnd] }
        var decoded: [UInt8] = []
        try decode(from: attribute.valueStart, to: attribute.valueEnd, into: &decoded)
        return decoded[...]
    }

    /// The decoded value of the attribute at `index` as a string, as `attribute(_:)` gives it for `name`.
    package mutating func attribute(at index: Int, name: StaticString) throws -> String {
        let attribute = attributes[index]
        var bytes: [UInt8] = []
        try decode(from: attribute.valueStart, to: attribute.valueEnd, into: &bytes)
        guard let string = validatedString(bytes) else {
            throw error(.malformedXML, "attribute \(name) is not valid UTF-8")
        }
        return string
    }

    /// An attribute's decoded value as a string.
    package func attribute(_ name: StaticString) throws -> String? {
        guard let bytes = try attributeBytes(name) else { return nil }
        guard let string = validatedString(bytes) else {
            throw error(.malformedXML, "attribute \(name) is not valid UTF-8")
        }
        return string
    }

    /// The decoded bytes of the current text event (a copy; hot paths use `appendText(to:)`).
    package var text: [UInt8] {
        if let rawText { return Array(buffer[rawText]) }
        return decodedText
    }

    /// Appends the decoded bytes of the current text event to `output` without an intermediate copy.
    package func appendText(to output: inout [UInt8]) {
        if let rawText {
            output.append(contentsOf: buffer[rawText])
        } else {
            output.append(contentsOf: decodedText)
        }
    }

    /// The current text event as a string (invalid UTF-8 is an error, never replaced).
    package func textString() throws -> String {
        guard let string = validatedString(text) else {
            throw error(.malformedXML, "text is not valid UTF-8")
        }
        return string
    }

    // MARK: Raw access for a dedicated scanner

    /// Whether a dedicated scanner may read from here: between tokens, with no end event pending.
    package var isBetweenTokens: Bool { !pendingEnd && checkedStart }

    /// How many elements are open.
    package var depth: Int { stack.count }

    /// How many buffered bytes are not consumed yet.
    package var unconsumedCount: Int { buffer.count - position }

    /// Calls `body` with the buffered bytes not consumed yet (they stay valid only inside `body`).
    package func withUnconsumedBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer { pointer in
            try body(UnsafeBufferPointer(rebasing: pointer[position...]))
        }
    }

    /// Consumes `count` bytes that a dedicated scanner has read: a balanced run of whole elements, so the element
    /// stack is unchanged.
    package mutating func consume(_ count: Int) {
        precondition(count >= 0 && count <= buffer.count - position, "consuming bytes that are not buffered")
        position += count
    }

    /// Buffers one more chunk of input for a dedicated scanner; false at the end of the input.
    package mutating func bufferMore() throws -> Bool {
        compact()
        return try refill()
    }

    // MARK: Input

    private mutating func refill() throws -> Bool {
        if exhausted { return false }
        while true {
            guard let chunk = try pull() else {
                exhausted = true
                return false
            }
            if chunk.isEmpty { continue }
            chunk.withUnsafeBytes { buffer.append(contentsOf: $0) }
            return true
        }
    }

    /// Drops consumed bytes, preferring moments when little is left to move (between tokens near the end of the
    /// buffer), but always once 8 MiB have been consumed.
    private mutating func compact() {
        if position > 0 && (position >= buffer.count || (position > 1 << 16 && buffer.count - position < 4096)
            || position > 8 << 20) {
            buffer.removeSubrange(0..<position)
            base += position
            position = 0
        }
    }

    /// Ensures `buffer.count > index`; false at the end of input.
    private mutating func ensure(_ index: Int) throws -> Bool {
        while buffer.count <= index {
            if index - position > limits.maxTokenBytes {
                throw error(.structureLimit, "an XML token is longer than \(limits.maxTokenBytes) bytes")
            }
            guard try refill() else { return false }
        }
        return true
    }

    /// The index of the first `byte` at or after `start`, refilling as needed; nil at the end of input.
    private mutating func find(_ byte: UInt8, from start: Int) throws -> Int? {
        var from = start
        while true {
            let found: Int? = buffer.withUnsafeBufferPointer { pointer in
                guard from < pointer.count, let baseAddress = pointer.baseAddress else { return nil }
                guard let hit = memchr(baseAddress + from, Int32(byte), pointer.count - from) else { return nil }
                return UnsafeRawPointer(hit) - UnsafeRawPointer(baseAddress)
            }
            if let found { return found }
            from = buffer.count
            if from - position > limits.maxTokenBytes {
                throw error(.structureLimit, "an XML token is longer than \(limits.maxTokenBytes) bytes")
            }
            guard try refill() else { return nil }
        }
    }

    /// The index just past the first occurrence of `terminator` at or after `start`; nil at the end of input.
    private mutating func findSequence(_ terminator: [UInt8], from start: Int) throws -> Int? {
        var from = start
        while true {
            guard let hit = try find(terminator[0], from: from) else { return nil }
            guard try ensure(hit + terminator.count - 1) else { return nil }
            if buffer[hit..<(hit + terminator.count)].elementsEqual(terminator) { return hit + terminator.count }
            from = hit + 1
        }
    }

    // MARK: Tokens

    /// The next event; `.endOfDocument` once, after the document element has closed and the input ended.
    package mutating func next() throws -> Event {
        if pendingEnd {
            pendingEnd = false
            return .end
        }
        compact()
        if !checkedStart {
            checkedStart = true
            try skipByteOrderMark()
        }
        while true {
            tokenOffset = base + position
            if position >= buffer.count {
                guard try refill() else { return try finish() }
            }
            if buffer[position] != UInt8(ascii: "<") {
                if try scanText() { return .text }
                continue
            }
            guard try ensure(position + 1) else { throw truncated() }
            switch buffer[position + 1] {
            case UInt8(ascii: "/"):
                try scanEndTag()
                return .end
            case UInt8(ascii: "?"):
                guard let end = try findSequence(Array("?>".utf8), from: position + 2) else { throw truncated() }
                if !sawRoot, let encoding = declaredEncoding(position..<end),
                   !["utf-8", "utf8"].contains(encoding.lowercased()) {
                    throw error(.malformedXML, "the part declares encoding \(encoding); only UTF-8 is supported")
                }
                position = end
            case UInt8(ascii: "!"):
                if try startsWith("<!--") {
                    guard let end = try findSequence(Array("-->".utf8), from: position + 4) else { throw truncated() }
                    position = end
                } else if try startsWith("<![CDATA[") {
                    guard stack.count > 0 else { throw error(.malformedXML, "CDATA outside the document element") }
                    let start = position + 9
                    guard let end = try findSequence(Array("]]>".utf8), from: start) else { throw truncated() }
                    rawText = start..<(end - 3)
                    position = end
                    return .text
                } else {
                    throw error(.doctypeForbidden, "DOCTYPE and entity declarations are refused (no DTD processing); the part is not what Excel writes")
                }
            default:
                try scanStartTag()
                return .start
            }
        }
    }

    /// The `encoding` pseudo-attribute of an XML declaration in `range`, if it is one.
    private func declaredEncoding(_ range: Range<Int>) -> String? {
        let text = String(decoding: buffer[range], as: UTF8.self)
        guard text.hasPrefix("<?xml "), let key = text.range(of: "encoding") else { return nil }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// Skips a UTF-8 byte-order mark; refuses UTF-16 parts.
    private mutating func skipByteOrderMark() throws {
        guard try ensure(1) else { return }
        if (buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF) {
            throw error(.malformedXML, "UTF-16 XML is not supported; the part must be UTF-8")
        }
        if buffer[0] == 0xEF && buffer[1] == 0xBB, try ensure(2), buffer[2] == 0xBF { position = 3 }
    }

    private mutating func startsWith(_ literal: String) throws -> Bool {
        let bytes = Array(literal.utf8)
        guard try ensure(position + bytes.count - 1) else { return false }
        return buffer[position..<(position + bytes.count)].elementsEqual(bytes)
    }

    private func truncated() -> XLSXReadError {
        error(.malformedXML, "the XML ends in the middle of a tag; the part is truncated")
    }

    private mutating func finish() throws -> Event {
        tokenOffset = base + position
        guard sawRoot else { throw error(.malformedXML, "the part has no XML document element; it is empty or truncated") }
        guard stack.isEmpty else {
            throw error(.malformedXML, "the XML ends with \(stack.count) element(s) still open; the part is truncated")
        }
        return .endOfDocument
    }

    /// Scans text up to the next `<`; returns false when it was ignorable whitespace outside the document element.
    private mutating func scanText() throws -> Bool {
        let end = try find(UInt8(ascii: "<"), from: position)
        let stop = end ?? buffer.count
        if stack.isEmpty {
            for byte in buffer[position..<stop] where !isSpace(byte) {
                throw error(.malformedXML, "text outside the document element")
            }
            position = stop
            return false
        }
        guard end != nil else { throw truncated() }
        let plain = buffer.withUnsafeBufferPointer { pointer in
            for index in position..<stop where pointer[index] == UInt8(ascii: "&") || pointer[index] == 0x0D { return false }
            return true
        }
        if plain {
            rawText = position..<stop
        } else {
            rawText = nil
            decodedText.removeAll(keepingCapacity: true)
            if let failure = XMLScanner.decode(buffer, from: position, to: stop, into: &decodedText) {
                throw error(.malformedXML, failure)
            }
        }
        position = stop
        return true
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func isNameEnd(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
    }

    private func hash(_ start: Int, _ end: Int) -> UInt64 {
        buffer.withUnsafeBufferPointer { pointer in
            var value: UInt64 = 0xcbf2_9ce4_8422_2325
            for index in start..<end { value = (value ^ UInt64(pointer[index])) &* 0x100_0000_01b3 }
            return value
        }
    }

    /// Sets `nameStart..<nameEnd` to the local part of the qualified name in `start..<end`.
    private mutating func setName(_ start: Int, _ end: Int) throws {
        guard end > start else { throw error(.malformedXML, "a tag has no name") }
        let local = buffer.withUnsafeBufferPointer { pointer in
            var local = start
            for index in start..<end where pointer[index] == UInt8(ascii: ":") { local = index + 1 }
            return local
        }
        guard local < end else { throw error(.malformedXML, "a tag has an empty local name") }
        nameStart = local
        nameEnd = end
    }

    private mutating func scanEndTag() throws {
        while true {
            // One pass: the name's hash and local part, then optional spaces, then `>`.
            let start = position + 2
            let (close, end, local, qnameHash, junk) = buffer.withUnsafeBufferPointer { pointer in
                var value: UInt64 = 0xcbf2_9ce4_8422_2325
                var index = start
                var local = start
                while index < pointer.count {
                    let byte = pointer[index]
                    if byte == UInt8(ascii: ">") || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { break }
                    if byte == UInt8(ascii: ":") { local = index + 1 }
                    value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
                    index += 1
                }
                let end = index
                var junk = false
                while index < pointer.count && pointer[index] != UInt8(ascii: ">") {
                    let byte = pointer[index]
                    if !(byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09) { junk = true }
                    index += 1
                }
                return (index < pointer.count ? index : nil, end, local, value, junk)
            }
            guard let close else {
                if buffer.count - position > limits.maxTokenBytes {
                    throw error(.structureLimit, "an XML token is longer than \(limits.maxTokenBytes) bytes")
                }
                guard try refill() else { throw truncated() }
                continue
            }
            guard local < end else { throw error(.malformedXML, "an end tag without a name") }
            nameStart = local
            nameEnd = end
            if junk { throw error(.malformedXML, "junk in an end tag") }
            guard let open = stack.last else { throw error(.malformedXML, "end tag </\(name)> without a start tag") }
            guard open == qnameHash else { throw error(.malformedXML, "end tag </\(name)> does not match the open element") }
            stack.removeLast()
            position = close + 1
            return
        }
    }

    private mutating func scanStartTag() throws {
        if stack.isEmpty && sawRoot { throw error(.malformedXML, "a second document element after the first") }
        let qnameStart = position + 1
        // Parse in one pass over what is buffered; when the tag runs past the buffer, refill and parse again.
        while true {
            attributeCount = 0
            var selfClosing = false
            var qnameEnd = 0
            var close = -1
            var failure: String?
            buffer.withUnsafeBufferPointer { pointer in
                let limit = pointer.count
                func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
                func isNameEnd(_ byte: UInt8) -> Bool {
                    isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
                }
                var index = qnameStart
                while index < limit && !isNameEnd(pointer[index]) {
                    if pointer[index] == UInt8(ascii: "<") {
                        failure = "`<` inside a tag"
                        return
                    }
                    index += 1
                }
                qnameEnd = index
                while index < limit {
                    let byte = pointer[index]
                    if isSpace(byte) {
                        index += 1
                        continue
                    }
                    if byte == UInt8(ascii: ">") {
                        close = index
                        return
                    }
                    if byte == UInt8(ascii: "/") {
                        guard index + 1 < limit else { return }
                        guard pointer[index + 1] == UInt8(ascii: ">") else {
                            failure = "`/` inside a tag"
                            return
                        }
                        selfClosing = true
                        close = index + 1
                        return
                    }
                    let attributeStart = index
                    var localStart = index
                    while index < limit && !isNameEnd(pointer[index]) {
                        if pointer[index] == UInt8(ascii: ":") { localStart = index + 1 }
                        if pointer[index] == UInt8(ascii: "<") {
                            failure = "`<` inside a tag"
                            return
                        }
                        index += 1
                    }
                    let attributeEnd = index
                    while index < limit && isSpace(pointer[index]) { index += 1 }
                    guard index < limit else { return }
                    guard pointer[index] == UInt8(ascii: "="), attributeEnd > attributeStart else {
                        failure = "an attribute without `=`"
                        return
                    }
                    index += 1
                    while index < limit && isSpace(pointer[index]) { index += 1 }
                    guard index < limit else { return }
                    guard pointer[index] == UInt8(ascii: "\"") || pointer[index] == UInt8(ascii: "'") else {
                        failure = "an unquoted attribute value"
                        return
                    }
                    let quote = pointer[index]
                    let valueStart = index + 1
                    index = valueStart
                    var needsDecoding = false
                    while index < limit && pointer[index] != quote {
                        let byte = pointer[index]
                        if byte == UInt8(ascii: "&") || byte == 0x0D { needsDecoding = true }
                        if byte == UInt8(ascii: "<") {
                            failure = "`<` in an attribute value"
                            return
                        }
                        index += 1
                    }
                    guard index < limit else { return }
                    let valueEnd = index
                    index += 1
                    // Namespace declarations are not attributes for our purposes.
                    let length = attributeEnd - attributeStart
                    let isNamespace = length >= 5 && pointer[attributeStart] == UInt8(ascii: "x")
                        && pointer[attributeStart + 1] == UInt8(ascii: "m") && pointer[attributeStart + 2] == UInt8(ascii: "l")
                        && pointer[attributeStart + 3] == UInt8(ascii: "n") && pointer[attributeStart + 4] == UInt8(ascii: "s")
                        && (length == 5 || pointer[attributeStart + 5] == UInt8(ascii: ":"))
                    if !isNamespace {
                        let attribute = Attribute(
                            qualifiedStart: attributeStart, nameStart: localStart, nameEnd: attributeEnd,
                            valueStart: valueStart, valueEnd: valueEnd, needsDecoding: needsDecoding)
                        if attributeCount < attributes.count {
                            attributes[attributeCount] = attribute
                        } else {
                            attributes.append(attribute)
                        }
                        attributeCount += 1
                    }
                }
            }
            if let failure {
                try setName(qnameStart, qnameEnd)
                throw error(.malformedXML, "\(failure) in <\(name)>")
            }
            guard close >= 0 else {
                if buffer.count - position > limits.maxTokenBytes {
                    throw error(.structureLimit, "an XML token is longer than \(limits.maxTokenBytes) bytes")
                }
                guard try refill() else { throw truncated() }
                continue
            }
            try setName(qnameStart, qnameEnd)
            position = close + 1
            sawRoot = true
            if selfClosing {
                pendingEnd = true
            } else {
                stack.append(hash(qnameStart, qnameEnd))
                if stack.count > limits.maxXMLDepth {
                    throw error(.structureLimit, "XML nesting is deeper than \(limits.maxXMLDepth) elements")
                }
            }
            return
        }
    }

    /// Decodes entity and character references (and normalizes CR/CRLF to LF) in `start..<end` into `output`.
    private func decode(from start: Int, to end: Int, into output: inout [UInt8]) throws {
        if let failure = XMLScanner.decode(buffer, from: start, to: end, into: &output) {
            throw error(.malformedXML, failure)
        }
    }

    /// Decodes `buffer[start..<end]` into `output`; returns a message for the first bad reference, else nil.
    /// Static so that callers can decode into one of their own stored properties without copying themselves.
    private static func decode(_ buffer: [UInt8], from start: Int, to end: Int, into output: inout [UInt8]) -> String? {
        let plain = buffer.withUnsafeBufferPointer { pointer in
            for index in start..<end where pointer[index] == UInt8(ascii: "&") || pointer[index] == 0x0D { return false }
            return true
        }
        if plain {
            output.append(contentsOf: buffer[start..<end])
            return nil
        }
        var index = start
        while index < end {
            let byte = buffer[index]
            if byte == 0x0D {
                output.append(0x0A)
                index += 1
                if index < end && buffer[index] == 0x0A { index += 1 }
                continue
            }
            guard byte == UInt8(ascii: "&") else {
                // Copy a run of plain bytes at once.
                var runEnd = index + 1
                while runEnd < end && buffer[runEnd] != UInt8(ascii: "&") && buffer[runEnd] != 0x0D { runEnd += 1 }
                output.append(contentsOf: buffer[index..<runEnd])
                index = runEnd
                continue
            }
            var semicolon = index + 1
            while semicolon < end && buffer[semicolon] != UInt8(ascii: ";") && semicolon - index < 12 { semicolon += 1 }
            guard semicolon < end && buffer[semicolon] == UInt8(ascii: ";") else {
                return "a bare `&` or unterminated entity reference"
            }
            let entity = buffer[(index + 1)..<semicolon]
            switch String(decoding: entity, as: UTF8.self) {
            case "amp": output.append(UInt8(ascii: "&"))
            case "lt": output.append(UInt8(ascii: "<"))
            case "gt": output.append(UInt8(ascii: ">"))
            case "quot": output.append(UInt8(ascii: "\""))
            case "apos": output.append(UInt8(ascii: "'"))
            case let reference where reference.hasPrefix("#"):
                let digits = reference.dropFirst()
                let value: UInt32?
                if digits.hasPrefix("x") || digits.hasPrefix("X") {
                    value = UInt32(digits.dropFirst(), radix: 16)
                } else {
                    value = UInt32(digits, radix: 10)
                }
                guard let value, value != 0, let scalar = Unicode.Scalar(value) else {
                    return "an invalid character reference &\(reference);"
                }
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
            case let other:
                return "an undefined entity &\(other); (only the five XML entities are allowed)"
            }
            index = semicolon + 1
        }
        return nil
    }
}

/// A fixed set of attribute local names for `XMLScanner.locateAttributes`, indexed by length for one-pass lookups.
package struct XMLAttributeNames {
    private let bytes: [[UInt8]]
    /// The longest name's length in bytes.
    fileprivate let maxLength: Int
    /// For each length, the first name of that length, or -1.
    fileprivate let firstOfLength: [Int]
    /// For each name, the next name of the same length, or -1.
    fileprivate let nextOfLength: [Int]

    /// Creates the set; the names must be distinct, and each one's slot is its position in `names`.
    package init(_ names: [StaticString]) {
        bytes = names.map { name in name.withUTF8Buffer { Array($0) } }
        maxLength = bytes.map(\.count).max() ?? 0
        var first = Array(repeating: -1, count: maxLength + 1)
        var next = Array(repeating: -1, count: bytes.count)
        for k in bytes.indices.reversed() {
            next[k] = first[bytes[k].count]
            first[bytes[k].count] = k
        }
        firstOfLength = first
        nextOfLength = next
    }

    /// How many names the set has.
    package var count: Int { bytes.count }

    /// Whether name `k` equals the bytes of `pointer` from `start` (its length is checked by the caller).
    fileprivate func matches(_ k: Int, _ pointer: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        bytes[k].withUnsafeBufferPointer { name in
            for offset in 0..<name.count where pointer[start + offset] != name[offset] { return false }
            return true
        }
    }
}

/// The bytes as a string when they are valid UTF-8 (never replacing bad bytes); ASCII takes a fast path.
package func validatedString(_ bytes: [UInt8]) -> String? {
    let ascii = bytes.withUnsafeBufferPointer { pointer in
        var combined: UInt8 = 0
        for byte in pointer { combined |= byte }
        return combined < 0x80
    }
    if ascii || bytes.withUnsafeBufferPointer(isValidUTF8) { return String(decoding: bytes, as: UTF8.self) }
    return nil
}
