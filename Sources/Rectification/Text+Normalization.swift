import Foundation
import TabularCore

/// Text helpers shared by the domain: NFKC normalization, ID keys, cell texts and Chinese numerals.
public enum TextNormalization {
    /// NFKC-normalizes (full-width to half-width, `（` → `(`, ideographic space → space), drops invisible
    /// characters (a stray byte-order mark, zero-width spaces and joiners) and trims whitespace.
    public static func normalized(_ text: String) -> String {
        if let fast = normalizedCommonText(text) { return fast }
        return normalizedByFoundation(text)
    }

    /// `normalized(_:)` through Foundation's NFKC: the reference the fast path is tested against.
    static func normalizedByFoundation(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars
        where !(0x200B...0x200D).contains(scalar.value) && scalar.value != 0xFEFF && scalar.value != 0x2060 {
            scalars.append(scalar)
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `normalized(_:)` without Foundation for the text tables are mostly made of, or nil for any other text.
    ///
    /// The text qualifies when each scalar is printable ASCII, a tab or line break, a CJK ideograph (U+3400–U+4DBF,
    /// U+4E00–U+9FFF), common CJK punctuation (、。〈〉《》「」『』【】, — ‘ ’ “ ”), a full-width ASCII form (U+FF01–U+FF5E) or
    /// the ideographic space (U+3000). NFKC leaves the first kinds as they are and maps the last two one to one onto
    /// ASCII; none of them combines with a neighbour (no combining marks, no Hangul). So the result is the text with
    /// those two mapped and ASCII whitespace trimmed; a text needing neither is returned as it is, without copying.
    static func normalizedCommonText(_ text: String) -> String? {
        enum Outcome { case unchanged, changed(String), other }
        var copy = text
        let outcome = copy.withUTF8 { bytes -> Outcome in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return .unchanged }
            switch scanCommonText(base, count: bytes.count) {
            case .other:
                return .other
            case .unchanged:
                let count = bytes.count
                guard isSpace(base[0]) || isSpace(base[count - 1]) else { return .unchanged }
                var start = 0
                var end = count
                while start < end, isSpace(base[start]) { start += 1 }
                while end > start, isSpace(base[end - 1]) { end -= 1 }
                // A slice between ASCII bytes of valid UTF-8 is valid UTF-8.
                return .changed(validUTF8Text(UnsafeBufferPointer(start: base + start, count: end - start)))
            case .mapped:
                // Full-width forms and the ideographic space become one ASCII byte: never longer than the input, and
                // valid UTF-8 (whole scalars copied or replaced by ASCII).
                return .changed(withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { output in
                    let count = mapCommonText(base, count: bytes.count, into: output.baseAddress!)
                    return validUTF8Text(UnsafeBufferPointer(start: output.baseAddress!, count: count))
                })
            }
        }
        switch outcome {
        case .unchanged: return text
        case .changed(let normalized): return normalized
        case .other: return nil
        }
    }

    /// What `scanCommonText` found: text NFKC leaves as it is, text with forms to map, or other text.
    enum CommonTextScan { case unchanged, mapped, other }

    /// ASCII whitespace as `normalizedCommonText` trims it.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// Classifies UTF-8 bytes for `normalizedCommonText`: eight ASCII bytes at a time where no byte is a control
    /// character, then scalar by scalar.
    static func scanCommonText(_ base: UnsafePointer<UInt8>, count: Int) -> CommonTextScan {
        var index = 0
        var mapped = false
        let raw = UnsafeRawPointer(base)
        while index < count {
            if index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // No byte with the high bit set, none below 0x20 and none equal to 0x7F: printable ASCII.
                let high: UInt64 = 0x8080_8080_8080_8080
                let below20 = (word &- 0x2020_2020_2020_2020) & ~word & high
                let is7F = ((word ^ 0x7F7F_7F7F_7F7F_7F7F) &- 0x0101_0101_0101_0101) & ~(word ^ 0x7F7F_7F7F_7F7F_7F7F) & high
                if (word & high) | below20 | is7F == 0 {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            if byte < 0x80 {
                guard (byte >= 0x20 && byte < 0x7F) || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return .other }
                index += 1
                continue
            }
            // Every qualifying non-ASCII scalar is three bytes long in UTF-8. The text is a `String`, so its bytes
            // are valid UTF-8: a lead byte E5–E9 starts a scalar of U+5000–U+9FFF, all CJK ideographs; E4 one of
            // U+4000–U+4FFF, all of them but U+4DC0–U+4DFF (second byte B7).
            if byte &- 0xE5 <= 0xE9 - 0xE5 || (byte == 0xE4 && index + 1 < count && base[index + 1] != 0xB7) {
                index += 3
                continue
            }
            guard byte >= 0xE2, byte <= 0xEF, index + 2 < count else { return .other }
            let scalar = UInt32(byte & 0x0F) << 12 | UInt32(base[index + 1] & 0x3F) << 6 | UInt32(base[index + 2] & 0x3F)
            switch scalar {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3001...0x3002, 0x3008...0x3011, 0x2014, 0x2018...0x2019,
                 0x201C...0x201D:
                break
            case 0xFF01...0xFF5E, 0x3000:
                mapped = true
            default:
                return .other
            }
            index += 3
        }
        return mapped ? .mapped : .unchanged
    }

    /// Writes common text (`scanCommonText` said `.mapped`) with full-width forms and the ideographic space mapped
    /// to ASCII and ASCII whitespace trimmed; returns the number of bytes written.
    static func mapCommonText(_ base: UnsafePointer<UInt8>, count: Int, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        var index = 0
        while index < count {
            let byte = base[index]
            if byte < 0x80 {
                output[written] = byte
                written += 1
                index += 1
                continue
            }
            if byte >= 0xE4 {
                // U+4000 and above: a CJK ideograph (U+4000–U+9FFF) or a full-width form (U+FFxx), kept or mapped.
                if byte <= 0xE9 {
                    output[written] = byte
                    output[written + 1] = base[index + 1]
                    output[written + 2] = base[index + 2]
                    written += 3
                    index += 3
                    continue
                }
            }
            let scalar = UInt32(byte & 0x0F) << 12 | UInt32(base[index + 1] & 0x3F) << 6 | UInt32(base[index + 2] & 0x3F)
            if scalar == 0x3000 {
                output[written] = 0x20
                written += 1
            } else if scalar >= 0xFF01, scalar <= 0xFF5E {
                output[written] = UInt8(scalar - 0xFEE0)
                written += 1
            } else {
                output[written] = byte
                output[written + 1] = base[index + 1]
                output[written + 2] = base[index + 2]
                written += 3
            }
            index += 3
        }
        var start = 0
        while start < written, isSpace(output[start]) { start += 1 }
        while written > start, isSpace(output[written - 1]) { written -= 1 }
        if start > 0 { memmove(output, output + start, written - start) }
        return written - start
    }

    /// Whether each character of the text is one scalar, equal to no other character: the text is common text as
    /// `scanCommonText` accepts it (printable ASCII, tab, line breaks, CJK ideographs, common CJK punctuation,
    /// full-width forms, none of which combines or has a canonical equivalent) and has no CR (CR LF is one
    /// character). Comparing such texts' scalars, or their UTF-8 bytes, is comparing their characters.
    static func isSingleScalarText(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            return !bytes.contains(0x0D) && scanCommonText(base, count: bytes.count) != .other
        }
    }

    /// Whether `text` contains `part`, as `String.contains` answers for texts whose characters are single scalars
    /// (`isSingleScalarText`, which the caller has checked of `text`; `part` is one too): by their UTF-8 bytes, since
    /// a match of a scalar's bytes starts at a scalar.
    static func containsBytes(_ text: String, _ part: String) -> Bool {
        var text = text
        var part = part
        return text.withUTF8 { haystack in
            part.withUTF8 { needle in
                guard needle.count > 0 else { return true }
                guard needle.count <= haystack.count else { return false }
                let first = needle[0]
                var index = 0
                while index <= haystack.count - needle.count {
                    if haystack[index] == first, memcmp(haystack.baseAddress! + index, needle.baseAddress!, needle.count) == 0 {
                        return true
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// Whether `normalized(text)` is empty, answered from the first bytes for the usual cells: a printable ASCII
    /// character or a CJK ideograph (U+4000–U+9FFF, which NFKC neither drops nor maps to whitespace) makes a text
    /// non-blank, ASCII whitespace alone makes it blank; any other text is normalized to tell.
    static func isBlank(_ text: String) -> Bool {
        var copy = text
        let quick: Bool? = copy.withUTF8 { bytes in
            for byte in bytes {
                if isSpace(byte) { continue }
                if byte > 0x20 && byte < 0x7F { return false }
                if byte >= 0xE4 && byte <= 0xE9 { return false }
                return nil
            }
            return true
        }
        return quick ?? normalized(text).isEmpty
    }

    /// A header's lookup key: NFKC, lowercased, with whitespace, `*`, `_`, `-` and a trailing colon removed.
    public static func headerKey(_ text: String) -> String {
        var key = normalized(text).lowercased()
        // Only a text with one of those characters (told by its bytes) has any to remove.
        if mayContainWhitespace(key) || key.utf8.contains(where: { $0 == 0x2A || $0 == 0x5F || $0 == 0x2D }) {
            key.removeAll { $0.isWhitespace || $0 == "*" || $0 == "_" || $0 == "-" }
        }
        while key.hasSuffix(":") { key.removeLast() }
        return key
    }

    /// The comparison key of an ID: `（1）`, `(1)`, `1`, `1、` and `【1】` all give `1`.
    ///
    /// NFKC, trimming, then repeatedly stripping one pair of surrounding brackets `()[]【】` and trailing `、` or `.`.
    public static func idKey(_ text: String) -> String {
        // ASCII digits (a ledger's every key, most tables' IDs) are their own key: nothing to normalize or strip.
        if let first = text.utf8.first, first >= 0x30, first <= 0x39, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return text
        }
        var key = normalized(text)
        if let digits = plainNumberKey(key) { return digits }
        var changed = true
        while changed, !key.isEmpty {
            changed = false
            while let last = key.last, "、.。".contains(last) {
                key.removeLast()
                changed = true
            }
            if let first = key.first, let last = key.last, key.count >= 2,
               (first == "(" && last == ")") || (first == "[" && last == "]") || (first == "【" && last == "】") {
                key = String(key.dropFirst().dropLast())
                changed = true
            }
            key = key.trimmingCharacters(in: .whitespaces)
        }
        return key
    }

    /// The text with traditional characters that rectification tables use folded to their simplified forms
    /// (領導 → 领导, 單位 → 单位, 進展 → 进展, 時限 → 时限 …), so that a table from Hong Kong, Macau or Taiwan, or one
    /// typed with a traditional input method, reads as the same words. Characters not in the table are kept.
    public static func simplified(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x4E00 }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map(simplified)))
    }

    /// One character folded as `simplified(_:)` folds text.
    static func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar { traditional[scalar] ?? scalar }

    /// Traditional → simplified for the characters of headers, statuses, deadlines and units.
    private static let traditional: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs = "領领導导單单責责門门務务辦办區区進进態态況况結结與与對对應应題题項项細细編编號号時时間间" + "標标負负擔担"
            + "類类別别會会議议體体開开啟启續续長长堅坚實实現现準准據据規规劃划計计畫划達达經经從从處处"
            + "確确認认報报達达數数據据歸归檔档銷销檢检査查核核審审監监督督導导機机關关處处組组織织員员" + "紀纪"
            + "書书記记黨党傳传違违紀纪問问題题層层級级縣县鎮镇鄉乡內内週周個个後后與与並并屆届將将備备註注說说"
            + "協协調调幫帮輔辅聯联繫系電电話话傳传資资料料證证圖图檔档點点節节期期預预計计階阶段段狀状況况"
            + "仍仍須须續续追追蹤踪結结案案尚尚未未已已經经完完成成並并長长效效常常態态延延請请申申辦办理理"
            + "責责任任人人員员單单位位職职稱称名名稱称號号碼码類类型型範范圍围內内容容說说明明備备註注"
            + "際际驗验設设負负責责屬属點点議议執执們们應应該该優优務务場场況况導导則则總总區区團团隊队黨党問问"
            + "進进結结長长堅坚辦办續续開开啟启啓启經经達达時时階阶態态請请須须實实際际動动執执處处畢毕銷销號号將将預预計计劃划規规並并緩缓滯滞遲迟後后還还沒没無无標标"
            + "檢检討讨蹤踪應应該该問问題题為为於于個个項项與与確确爭争準准備备會会議议機机關关現现發发擬拟證证暫暂繼继鞏巩務务況况狀状採采著着則则種种層层規规辭辞稱称"
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        let scalars = Array(pairs.unicodeScalars)
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] != scalars[index + 1] { map[scalars[index]] = scalars[index + 1] }
            index += 2
        }
        return map
    }()

    /// The key of an already normalized ID that is ASCII digits, bare or in one pair of `()`, `[]`, `【】` (`12`,
    /// `(12)`): the digits, as the general rule gives; nil for any other ID.
    static func plainNumberKey(_ key: String) -> String? {
        let utf8 = key.utf8
        guard let first = utf8.first, let last = utf8.last else { return nil }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        if isDigit(first), isDigit(last), utf8.allSatisfy(isDigit) { return key }
        guard (first == 0x28 && last == 0x29) || (first == 0x5B && last == 0x5D), utf8.count > 2,
              utf8.dropFirst().dropLast().allSatisfy(isDigit)
        else { return nil }
        return String(decoding: utf8.dropFirst().dropLast(), as: UTF8.self)
    }

    /// A key for comparing free texts (names, titles, measures): NFKC with all whitespace removed.
    public static func textKey(_ text: String) -> String {
        var key = normalized(text)
        if mayContainWhitespace(key) { key.removeAll { $0.isWhitespace } }
        return key
    }

    /// Whether a text that `normalizedCommonText(_:)` returned has a White_Space scalar. Only ASCII whitespace can be
    /// in such a text (the ideographic space is mapped to a space, U+000B and U+000C make a text not common, and no
    /// other White_Space scalar is among the common ones), so its bytes are searched for a space, tab, LF or CR.
    static func commonTextHasWhitespace(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            let count = bytes.count
            return memchr(base, 0x20, count) != nil || memchr(base, 0x09, count) != nil
                || memchr(base, 0x0A, count) != nil || memchr(base, 0x0D, count) != nil
        }
        return found ?? mayContainWhitespace(text)
    }

    /// False when no scalar of the text is White_Space (U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680,
    /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), judged on the UTF-8 bytes of those scalars (so that
    /// quotation marks such as “ ”, which share the lead byte 0xE2 with some of them, cost no `Character` scan).
    static func mayContainWhitespace(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                switch bytes[index] {
                case 0x09...0x0D, 0x20: return true
                case 0xC2 where index + 1 < count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0): return true
                case 0xE1 where index + 2 < count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80: return true
                case 0xE2 where index + 2 < count:
                    let second = bytes[index + 1], third = bytes[index + 2]
                    if second == 0x80, third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF { return true }
                    if second == 0x81, third == 0x9F { return true }
                    index += 1
                case 0xE3 where index + 2 < count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: return true
                default: index += 1
                }
            }
            return false
        }
    }

    /// The value of Chinese numerals such as `三`, `十一`, `二十`, `一百零五`; nil when the text is not one.
    public static func chineseNumber(_ text: some StringProtocol) -> Int? {
        guard !text.isEmpty else { return nil }
        var total = 0
        var current = 0
        var sawDigit = false
        for character in text {
            if let digit = chineseDigits[character] {
                current = digit
                sawDigit = true
            } else if let unit = chineseUnits[character] {
                total += (current == 0 && !sawDigit ? 1 : current) * unit
                current = 0
                sawDigit = false
            } else {
                return nil
            }
        }
        return total + current
    }

    /// Whether a character is a Chinese numeral character (`零〇一二两三四五六七八九十百千`).
    static func isChineseNumeral(_ character: Character) -> Bool {
        chineseDigits[character] != nil || chineseUnits[character] != nil
    }

    /// A number written with Arabic digits or Chinese numerals; nil otherwise.
    static func number(_ text: some StringProtocol) -> Int? {
        if !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(text) }
        return chineseNumber(text)
    }

    /// Replaces every run of Chinese numerals by its Arabic value: `三月底` → `3月底`, `一季度` → `1季度`.
    static func arabicNumerals(_ text: String) -> String {
        var result = ""
        var run = ""
        func flush() {
            if !run.isEmpty { result += chineseNumber(run).map(String.init) ?? run }
            run = ""
        }
        for character in text {
            if isChineseNumeral(character) {
                run.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// Splits a cell naming several people or units (`张某某、李某某`, `办公室/科普股`) into names.
    public static func names(in text: String) -> [String] {
        normalized(text)
            .split(whereSeparator: { "、,，;；/|\n".contains($0) || $0 == " " })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    private static let chineseDigits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    private static let chineseUnits: [Character: Int] = ["十": 10, "百": 100, "千": 1000]
}

/// A level title as printed, with its number prefix (`1.`, `一、`, `（一）`, `(1)`) parsed out.
public struct NumberedTitle: Sendable, Hashable {
    /// The number the prefix gives, or nil when the title is printed without one.
    public var number: Int?
    /// The prefix as printed after NFKC, e.g. `(一)` or `1.`; empty when there is none.
    public var label: String
    /// The title without its prefix, trimmed.
    public var title: String

    /// Parses a printed title; a text without a recognizable prefix has a nil number and is its own title.
    public init(parsing text: String) {
        let normalized = TextNormalization.normalized(text)
        if let parsed = NumberedTitle.prefix(of: normalized) {
            self = parsed
        } else {
            number = nil
            label = ""
            title = normalized
        }
    }

    /// Creates a title from its parts.
    public init(number: Int?, label: String, title: String) {
        self.number = number
        self.label = label
        self.title = title
    }

    private static func prefix(of text: String) -> NumberedTitle? {
        // A text of common characters is read by its UTF-8 bytes, each of its characters one scalar there (no
        // grapheme breaking, no string built but the label and the title); any other text by its characters. The
        // rules are the same.
        var copy = text
        let common = copy.withUTF8 { bytes -> CommonPrefix in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return .notCommon }
            guard !bytes.contains(0x0D), TextNormalization.scanCommonText(base, count: bytes.count) != .other else {
                return .notCommon
            }
            return CommonPrefix(bytes)
        }
        switch common {
        case .found(let title): return title
        case .none: return nil
        case .notCommon: return prefixByCharacters(of: text)
        }
    }

    /// The prefix rules over a text's `Character`s: the general path, for any text.
    static func prefixByCharacters(of text: String) -> NumberedTitle? {
        prefix(
            of: Array(text),
            isNumeral: { ($0.isASCII && $0.isNumber) || TextNormalization.isChineseNumeral($0) },
            isNumber: \.isNumber,
            text: { String($0) },
            trimmed: { String($0).trimmingCharacters(in: .whitespaces) })
    }

    /// The prefix rules over a text's characters, given as `Unit`s: `(1)`, `[1]`, `【1】` or `1、`, `1.`, `1)`, in
    /// Arabic or Chinese numerals (`CommonPrefix` reads the same rules from a common text's bytes).
    private static func prefix<Unit: Equatable & ExpressibleByUnicodeScalarLiteral>(
        of characters: [Unit], isNumeral: (Unit) -> Bool, isNumber: (Unit) -> Bool,
        text: (ArraySlice<Unit>) -> String, trimmed: (ArraySlice<Unit>) -> String
    ) -> NumberedTitle? {
        guard let first = characters.first else { return nil }
        if first == "(" || first == "[" || first == "【" {
            var end = 1
            while end < characters.count, isNumeral(characters[end]) { end += 1 }
            guard end > 1, end < characters.count,
                  characters[end] == ")" || characters[end] == "]" || characters[end] == "】",
                  let number = TextNormalization.number(text(characters[1..<end]))
            else { return nil }
            return NumberedTitle(number: number, label: text(characters[0...end]), title: trimmed(characters[(end + 1)...]))
        }
        var end = 0
        while end < characters.count, isNumeral(characters[end]) { end += 1 }
        guard end > 0, end < characters.count,
              characters[end] == "、" || characters[end] == "." || characters[end] == ")",
              let number = TextNormalization.number(text(characters[0..<end]))
        else { return nil }
        // `1.5万元` is a number, not a prefix.
        if characters[end] == ".", end + 1 < characters.count, isNumber(characters[end + 1]) { return nil }
        return NumberedTitle(number: number, label: text(characters[0...end]), title: trimmed(characters[(end + 1)...]))
    }
}

extension NumberedTitle {
    /// The prefix rules of `prefix(of:characters…)` over the UTF-8 bytes of a common text (each of its characters
    /// one scalar, `TextNormalization.isSingleScalarText`): the numerals are ASCII digits and the Chinese numeral
    /// characters, the brackets and marks single scalars, so each rule reads scalars decoded in place.
    enum CommonPrefix {
        /// The text is not common: the caller reads it by its characters.
        case notCommon
        /// The text has no number prefix.
        case none
        /// The text's number, label and title.
        case found(NumberedTitle)

        /// Reads the prefix of a common text's bytes (valid UTF-8, at least one byte).
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            let count = bytes.count
            /// The scalar at a byte offset and its length in bytes (the bytes are valid UTF-8).
            func scalar(at index: Int) -> (value: UInt32, length: Int) {
                let lead = bytes[index]
                if lead < 0x80 { return (UInt32(lead), 1) }
                if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
                if lead < 0xF0 {
                    return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
                }
                return (UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                    | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F), 4)
            }
            let first = scalar(at: 0)
            let bracketed = first.value == 0x28 || first.value == 0x5B || first.value == 0x3010  // ( [ 【
            let numeralsStart = bracketed ? first.length : 0
            // The run of numerals, and whether each is an ASCII digit.
            var end = numeralsStart
            var numeralCount = 0
            var allDigits = true
            var next = (value: UInt32(0), length: 0)
            while end < count {
                next = scalar(at: end)
                if next.value >= 0x30 && next.value <= 0x39 {
                    numeralCount += 1
                } else if NumberedTitle.chineseNumeral(next.value) != nil {
                    numeralCount += 1
                    allDigits = false
                } else {
                    break
                }
                end += next.length
            }
            // `end` is the byte offset of the mark after the numerals (`next` is it when `end < count`).
            guard numeralCount > 0, end < count else {
                self = .none
                return
            }
            let mark = next.value
            if bracketed {
                guard mark == 0x29 || mark == 0x5D || mark == 0x3011 else {  // ) ] 】
                    self = .none
                    return
                }
            } else {
                guard mark == 0x3001 || mark == 0x2E || mark == 0x29 else {  // 、 . )
                    self = .none
                    return
                }
            }
            let numerals = UnsafeBufferPointer(rebasing: bytes[numeralsStart..<end])
            guard let number = allDigits ? NumberedTitle.digitsNumber(numerals, count: numeralCount)
                                         : NumberedTitle.chineseNumber(numerals)
            else {
                self = .none
                return
            }
            let labelEnd = end + next.length
            // `1.5万元` is a number, not a prefix.
            if mark == 0x2E, labelEnd < count,
               let following = Unicode.Scalar(scalar(at: labelEnd).value), Character(following).isNumber {
                self = .none
                return
            }
            // The title trimmed as `trimmingCharacters(in: .whitespaces)` trims: of its space separators and tab,
            // common text has the space, the tab and the ideographic space (E3 80 80).
            var start = labelEnd
            var stop = count
            while start < stop {
                if bytes[start] == 0x20 || bytes[start] == 0x09 {
                    start += 1
                } else if bytes[start] == 0xE3, start + 2 < stop, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 {
                    start += 3
                } else {
                    break
                }
            }
            while stop > start {
                if bytes[stop - 1] == 0x20 || bytes[stop - 1] == 0x09 {
                    stop -= 1
                } else if stop - start >= 3, bytes[stop - 3] == 0xE3, bytes[stop - 2] == 0x80, bytes[stop - 1] == 0x80 {
                    stop -= 3
                } else {
                    break
                }
            }
            // Slices at scalar boundaries of valid UTF-8 are valid UTF-8.
            self = .found(NumberedTitle(
                number: number, label: validUTF8Text(UnsafeBufferPointer(rebasing: bytes[0..<labelEnd])),
                title: validUTF8Text(UnsafeBufferPointer(rebasing: bytes[start..<stop]))))
        }
    }

    /// The value of a Chinese numeral character's scalar: a digit (零〇一二两三四五六七八九) or a unit (十百千), nil
    /// for any other scalar.
    static func chineseNumeral(_ scalar: UInt32) -> (value: Int, isUnit: Bool)? {
        switch scalar {
        case 0x96F6, 0x3007: (0, false)  // 零 〇
        case 0x4E00: (1, false)  // 一
        case 0x4E8C, 0x4E24: (2, false)  // 二 两
        case 0x4E09: (3, false)  // 三
        case 0x56DB: (4, false)  // 四
        case 0x4E94: (5, false)  // 五
        case 0x516D: (6, false)  // 六
        case 0x4E03: (7, false)  // 七
        case 0x516B: (8, false)  // 八
        case 0x4E5D: (9, false)  // 九
        case 0x5341: (10, true)  // 十
        case 0x767E: (100, true)  // 百
        case 0x5343: (1000, true)  // 千
        default: nil
        }
    }

    /// `TextNormalization.number` of a run of ASCII digits: its value when it has at most nine, else nil (Chinese
    /// numerals have none of them).
    static func digitsNumber(_ digits: UnsafeBufferPointer<UInt8>, count: Int) -> Int? {
        guard count <= 9 else { return nil }
        var value = 0
        for byte in digits { value = value * 10 + Int(byte - 0x30) }
        return value
    }

    /// `TextNormalization.chineseNumber` of a run of numerals (UTF-8 bytes of ASCII digits and Chinese numerals,
    /// not all digits): nil when an ASCII digit is among them.
    static func chineseNumber(_ numerals: UnsafeBufferPointer<UInt8>) -> Int? {
        var total = 0
        var current = 0
        var sawDigit = false
        var index = 0
        while index < numerals.count {
            // Chinese numerals are three bytes long; an ASCII digit among them makes no Chinese number.
            guard numerals[index] >= 0x80, index + 2 < numerals.count else { return nil }
            let scalar = UInt32(numerals[index] & 0x0F) << 12 | UInt32(numerals[index + 1] & 0x3F) << 6
                | UInt32(numerals[index + 2] & 0x3F)
            guard let numeral = chineseNumeral(scalar) else { return nil }
            if numeral.isUnit {
                total += (current == 0 && !sawDigit ? 1 : current) * numeral.value
                current = 0
                sawDigit = false
            } else {
                current = numeral.value
                sawDigit = true
            }
            index += 3
        }
        return total + current
    }
}
