#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TabularCore
import TabularXLSX

/// A byte-level scanner of the common shapes of one `table:table-row` of `content.xml`, for the table being read.
///
/// It recognises exactly what LibreOffice writes for plain data, with the usual prefixes:
/// `<table:table-row` with `table:style-name` and `table:number-rows-repeated`, then cells
/// `<table:table-cell …/>` or `<table:table-cell …>` holding only `<text:p>plain text</text:p>` (or `<text:p/>`)
/// paragraphs, then `</table:table-row>`. A cell's attributes are one space apart, `name="value"` with a double
/// quote, among `office:value-type`, `calcext:value-type`, `office:value`, `office:date-value`,
/// `office:boolean-value`, `office:currency`, `table:formula`, `table:style-name` and the repetition and span
/// counts; values and text hold no `&`, `<` or carriage return. The value types are float, percentage, currency,
/// string, boolean, and date as `YYYY-MM-DD`.
///
/// Anything else (entities, `text:s`, spans, annotations, covered cells, other attributes or value types, other
/// whitespace, a count or value that does not parse) is `fallback`: the row is left whole to `ODSContentParser`'s
/// general path, which then reads it from its first byte, so errors are found there, at the same byte, with the
/// same message. A row is only ever taken whole. Values come out as the general path makes them, and are checked
/// the same way afterwards (`ODSContentParser.endCell`). Memory: the cells of one row, reused.
struct ODSRowScanner {
    /// One cell of a scanned row.
    struct Cell {
        /// `table:number-columns-repeated`, at least 1.
        var repeated: Int
        /// `table:number-columns-spanned`, at least 1.
        var columns: Int
        /// `table:number-rows-spanned`, at least 1.
        var rows: Int
        /// The cell's value, as the general path reads it.
        var value: CellValue
    }

    /// What a scan found at the start of the bytes.
    enum Outcome: Equatable {
        /// A whole row in one of the shapes, `length` bytes long: its cells are in `cells`.
        case row(length: Int)
        /// The bytes do not start with a row's start tag in the shape (some other item comes next).
        case notARow
        /// A row that is not in one of the shapes: the general path reads it.
        case fallback
        /// The input ended inside the row: more input may complete it.
        case needsMore
    }

    /// Whether text and dates stand in by placeholders, as `ODSContentParser` does when measuring every table.
    let measuring: Bool
    /// The cells of the last row scanned.
    private(set) var cells: [Cell] = []
    /// The last row's `table:number-rows-repeated`, at least 1.
    private(set) var rowsRepeated = 1
    /// Scratch space for a cell's text of several paragraphs.
    private var text: [UInt8] = []

    /// Creates a scanner; `measuring` as for `ODSContentParser`.
    init(measuring: Bool) {
        self.measuring = measuring
    }

    /// The attributes the scanner accepts, by their qualified names, and what each is read as.
    private enum Name {
        /// `extendedValueType`: LibreOffice's `calcext:value-type`, which says "error" for a formula's error.
        case ignored, valueType, extendedValueType, value, dateValue, booleanValue, columnsRepeated, columnsSpanned,
             rowsSpanned, rowsRepeated
    }

    /// Scans one row at the start of `bytes` (unconsumed input, between two tokens).
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let base = bytes.baseAddress else { return .needsMore }
        let n = bytes.count
        cells.removeAll(keepingCapacity: true)
        rowsRepeated = 1
        // `<table:table-row` then a space or `>` (`<table:table-rows>` is another element).
        let rowTag: StaticString = "<table:table-row"
        let rowTagLength = rowTag.utf8CodeUnitCount
        for offset in 0..<min(n, rowTagLength) where base[offset] != rowTag.utf8Start[offset] { return .notARow }
        guard n > rowTagLength else { return .needsMore }
        guard base[rowTagLength] == 0x20 || base[rowTagLength] == UInt8(ascii: ">") else { return .notARow }
        var i = rowTagLength
        var repeatedValue: Range<Int>?
        // The row's attributes.
        while true {
            guard i < n else { return .needsMore }
            if base[i] == UInt8(ascii: ">") {
                i += 1
                break
            }
            guard base[i] == 0x20 else { return .fallback }
            switch attribute(base, n, &i) {
            case .needsMore: return .needsMore
            case .fallback: return .fallback
            case .attribute(let name, let value):
                switch name {
                case .ignored: continue
                case .rowsRepeated: if repeatedValue == nil { repeatedValue = value }
                default: return .fallback
                }
            }
        }
        if let repeatedValue {
            guard let count = ODSValues.positiveInteger(UnsafeBufferPointer(rebasing: bytes[repeatedValue])) else {
                return .fallback
            }
            rowsRepeated = count
        }
        // The cells, up to the row's end tag.
        let cellTag: StaticString = "<table:table-cell"
        let rowEnd: StaticString = "</table:table-row>"
        while true {
            guard i + 1 < n else { return .needsMore }
            guard base[i] == UInt8(ascii: "<") else { return .fallback }
            if base[i + 1] == UInt8(ascii: "/") {
                switch literal(rowEnd, base, n, i) {
                case .needsMore: return .needsMore
                case .fallback: return .fallback
                case .matched: return .row(length: i + rowEnd.utf8CodeUnitCount)
                }
            }
            switch literal(cellTag, base, n, i) {
            case .needsMore: return .needsMore
            case .fallback: return .fallback
            case .matched: i += cellTag.utf8CodeUnitCount
            }
            switch cell(bytes, &i) {
            case .needsMore: return .needsMore
            case .fallback: return .fallback
            case .matched: continue
            }
        }
    }

    private enum Match {
        case matched, fallback, needsMore
    }

    /// Whether the bytes at `i` are `literal`.
    private func literal(_ literal: StaticString, _ base: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Match {
        let length = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        if i + length <= n { return memcmp(base + i, expected, length) == 0 ? .matched : .fallback }
        for offset in 0..<length {
            guard i + offset < n else { return .needsMore }
            if base[i + offset] != expected[offset] { return .fallback }
        }
        return .matched
    }

    private enum AttributeScan {
        case attribute(Name, Range<Int>)
        case fallback, needsMore
    }

    /// The longest accepted attribute name, `table:number-columns-repeated`.
    private static let maxNameLength = 29

    /// One ` name="value"` at `i` (on its space), with `i` moved past it.
    private func attribute(_ base: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> AttributeScan {
        let nameStart = i + 1
        // The name is what comes before the first `=`: it must be one of the accepted names exactly, so a space,
        // `/`, `>` or `<` in it makes it none of them.
        let window = min(n - nameStart, Self.maxNameLength + 1)
        guard window > 0, let equals = memchr(base + nameStart, Int32(UInt8(ascii: "=")), window) else {
            return n - nameStart <= Self.maxNameLength ? .needsMore : .fallback
        }
        let at = UnsafeRawPointer(equals) - UnsafeRawPointer(base)
        guard at + 1 < n else { return .needsMore }
        guard let name = Self.name(base + nameStart, at - nameStart), base[at + 1] == UInt8(ascii: "\"") else {
            return .fallback
        }
        let valueStart = at + 2
        guard valueStart <= n, let close = memchr(base + valueStart, Int32(UInt8(ascii: "\"")), n - valueStart) else {
            return .needsMore
        }
        let valueEnd = UnsafeRawPointer(close) - UnsafeRawPointer(base)
        if Self.hasMarkup(base, valueStart, valueEnd) { return .fallback }
        i = valueEnd + 1
        return .attribute(name, valueStart..<valueEnd)
    }

    /// 1 for `&`, `<` and CR (the bytes the general path decodes, normalizes or refuses in values and text).
    private static let markup: [UInt8] = (0..<256).map { byte in
        byte == Int(UInt8(ascii: "&")) || byte == Int(UInt8(ascii: "<")) || byte == 0x0D ? 1 : 0
    }

    /// Whether `base[start..<end]` holds `&`, `<` or a carriage return.
    private static func hasMarkup(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        markup.withUnsafeBufferPointer { table in
            var index = start
            while index < end {
                if table[Int(base[index])] != 0 { return true }
                index += 1
            }
            return false
        }
    }

    /// The accepted attribute with the qualified name of `length` bytes at `start`, else nil.
    private static func name(_ start: UnsafePointer<UInt8>, _ length: Int) -> Name? {
        func equals(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == length else { return false }
            return memcmp(start, literal.utf8Start, length) == 0
        }
        switch length {
        case 12: return equals("office:value") ? .value : nil
        case 13: return equals("table:formula") ? .ignored : nil
        case 15: return equals("office:currency") ? .ignored : nil
        case 16: return equals("table:style-name") ? .ignored : nil
        case 17:
            if equals("office:value-type") { return .valueType }
            return equals("office:date-value") ? .dateValue : nil
        case 18: return equals("calcext:value-type") ? .extendedValueType : nil
        case 20: return equals("office:boolean-value") ? .booleanValue : nil
        case 25: return equals("table:number-rows-spanned") ? .rowsSpanned : nil
        case 26: return equals("table:number-rows-repeated") ? .rowsRepeated : nil
        case 28: return equals("table:number-columns-spanned") ? .columnsSpanned : nil
        case 29: return equals("table:number-columns-repeated") ? .columnsRepeated : nil
        default: return nil
        }
    }

    /// A count attribute's value: 1 when absent, nil when it is not a positive integer.
    private static func count(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>?) -> Int? {
        guard let range else { return 1 }
        return ODSValues.positiveInteger(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// One cell after its `<table:table-cell`, up to and including its end; appends it to `cells`.
    private mutating func cell(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Match {
        let base = bytes.baseAddress!
        let n = bytes.count
        // The first attribute of each local name, as the general path's lookup gives.
        var valueType: Range<Int>?
        var value: Range<Int>?
        var dateValue: Range<Int>?
        var booleanValue: Range<Int>?
        var columnsRepeated: Range<Int>?
        var columnsSpanned: Range<Int>?
        var rowsSpanned: Range<Int>?
        var empty = false
        while true {
            guard i < n else { return .needsMore }
            let byte = base[i]
            if byte == UInt8(ascii: ">") {
                i += 1
                break
            }
            if byte == UInt8(ascii: "/") {
                guard i + 1 < n else { return .needsMore }
                guard base[i + 1] == UInt8(ascii: ">") else { return .fallback }
                i += 2
                empty = true
                break
            }
            guard byte == 0x20 else { return .fallback }
            switch attribute(base, n, &i) {
            case .needsMore: return .needsMore
            case .fallback: return .fallback
            case .attribute(let name, let range):
                switch name {
                case .ignored: break
                case .valueType: if valueType == nil { valueType = range }
                case .extendedValueType:
                    // A formula's error is read by the general path (`ODSContentParser.startCell`).
                    if ODSValues.bytes(UnsafeBufferPointer(rebasing: bytes[range]), equal: "error") { return .fallback }
                    if valueType == nil { valueType = range }
                case .value: if value == nil { value = range }
                case .dateValue: if dateValue == nil { dateValue = range }
                case .booleanValue: if booleanValue == nil { booleanValue = range }
                case .columnsRepeated: if columnsRepeated == nil { columnsRepeated = range }
                case .columnsSpanned: if columnsSpanned == nil { columnsSpanned = range }
                case .rowsSpanned: if rowsSpanned == nil { rowsSpanned = range }
                case .rowsRepeated: return .fallback
                }
            }
        }
        guard let repeated = Self.count(bytes, columnsRepeated), let columns = Self.count(bytes, columnsSpanned),
              let rows = Self.count(bytes, rowsSpanned) else { return .fallback }

        // The value from the attributes, as `ODSContentParser.startCell` reads it.
        var typed: CellValue?
        var capturesText = false
        var isString = false
        if let valueType {
            let type = UnsafeBufferPointer(rebasing: bytes[valueType])
            switch type.count {
            case 5 where ODSValues.bytes(type, equal: "float"),
                 10 where ODSValues.bytes(type, equal: "percentage"),
                 8 where ODSValues.bytes(type, equal: "currency"):
                guard let value, let number = ODSValues.number(UnsafeBufferPointer(rebasing: bytes[value])) else {
                    return .fallback
                }
                typed = .number(number)
            case 6 where ODSValues.bytes(type, equal: "string"):
                capturesText = true
                isString = true
            case 4 where ODSValues.bytes(type, equal: "date"):
                guard let dateValue else { return .fallback }
                if measuring {
                    // The general path reads it as a string first, which must be valid UTF-8.
                    guard isValidUTF8(UnsafeBufferPointer(rebasing: bytes[dateValue])) else { return .fallback }
                    typed = .bool(true)
                } else {
                    guard let date = ODSValues.plainDate(UnsafeBufferPointer(rebasing: bytes[dateValue])) else {
                        return .fallback
                    }
                    typed = date
                }
            case 7 where ODSValues.bytes(type, equal: "boolean"):
                guard let booleanValue else { return .fallback }
                let flag = UnsafeBufferPointer(rebasing: bytes[booleanValue])
                if ODSValues.bytes(flag, equal: "true") {
                    typed = .bool(true)
                } else if ODSValues.bytes(flag, equal: "false") {
                    typed = .bool(false)
                } else {
                    return .fallback
                }
            default:
                return .fallback
            }
        } else {
            capturesText = true
        }

        // The paragraphs, then the end tag.
        var paragraphs = 0
        var single: Range<Int>?
        if !empty {
            let paragraph: StaticString = "<text:p>"
            let emptyParagraph: StaticString = "<text:p/>"
            let paragraphEnd: StaticString = "</text:p>"
            let cellEnd: StaticString = "</table:table-cell>"
            while true {
                guard i + 1 < n else { return .needsMore }
                guard base[i] == UInt8(ascii: "<") else { return .fallback }
                if base[i + 1] == UInt8(ascii: "/") {
                    switch literal(cellEnd, base, n, i) {
                    case .needsMore: return .needsMore
                    case .fallback: return .fallback
                    case .matched: i += cellEnd.utf8CodeUnitCount
                    }
                    break
                }
                var textRange = i..<i
                switch literal(paragraph, base, n, i) {
                case .needsMore: return .needsMore
                case .matched:
                    let start = i + paragraph.utf8CodeUnitCount
                    guard start <= n, let found = memchr(base + start, Int32(UInt8(ascii: "<")), n - start) else {
                        return .needsMore
                    }
                    let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                    if Self.hasMarkup(base, start, end) { return .fallback }
                    switch literal(paragraphEnd, base, n, end) {
                    case .needsMore: return .needsMore
                    case .fallback: return .fallback
                    case .matched: break
                    }
                    textRange = start..<end
                    i = end + paragraphEnd.utf8CodeUnitCount
                case .fallback:
                    switch literal(emptyParagraph, base, n, i) {
                    case .needsMore: return .needsMore
                    case .fallback: return .fallback
                    case .matched: i += emptyParagraph.utf8CodeUnitCount
                    }
                }
                guard capturesText else { continue }
                // Paragraphs are joined by line feeds, as the general path joins them.
                if paragraphs == 0 {
                    single = textRange
                } else {
                    if paragraphs == 1 {
                        text.removeAll(keepingCapacity: true)
                        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[single!]))
                    }
                    text.append(0x0A)
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[textRange]))
                }
                paragraphs += 1
            }
        }

        // The value, as `ODSContentParser.endCell` makes it.
        let result: CellValue
        if let typed {
            result = typed
        } else if paragraphs == 0 {
            result = .empty
        } else {
            let isEmptyText = paragraphs == 1 ? single!.isEmpty : false
            if measuring {
                result = isEmptyText ? (isString ? .text("") : .empty) : .text(" ")
            } else if isEmptyText {
                result = isString ? .text("") : .empty
            } else if paragraphs == 1 {
                guard let string = Self.validatedString(UnsafeBufferPointer(rebasing: bytes[single!])) else {
                    return .fallback
                }
                result = .text(string)
            } else {
                guard let string = text.withUnsafeBufferPointer(Self.validatedString) else { return .fallback }
                result = .text(string)
            }
        }
        cells.append(Cell(repeated: repeated, columns: columns, rows: rows, value: result))
        return .matched
    }

    /// The bytes as a string when they are valid UTF-8 (never replacing bad bytes), as `validatedString` does.
    private static func validatedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Whether the start tag of the document element, at the start of `head` (the first bytes of `content.xml`),
    /// binds `office:`, `table:` and `text:` to the OpenDocument namespaces the scanner's fixed prefixes assume.
    static func bindsUsualPrefixes(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = head.baseAddress else { return false }
        let n = head.count
        // The document element: the first `<` followed by neither `?` nor `!`, up to its `>`.
        var i = 0
        var start = -1
        while i + 1 < n {
            guard let found = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { return false }
            let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            guard at + 1 < n else { return false }
            if base[at + 1] != UInt8(ascii: "?") && base[at + 1] != UInt8(ascii: "!") {
                start = at
                break
            }
            i = at + 1
        }
        guard start >= 0, let close = memchr(base + start, Int32(UInt8(ascii: ">")), n - start) else { return false }
        let tag = UnsafeBufferPointer(start: base + start, count: UnsafeRawPointer(close) - UnsafeRawPointer(base) - start)
        return declares(tag, "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"")
            && declares(tag, "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"")
            && declares(tag, "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"")
    }

    /// Whether `declaration` occurs in `tag` after a space.
    private static func declares(_ tag: UnsafeBufferPointer<UInt8>, _ declaration: StaticString) -> Bool {
        let length = declaration.utf8CodeUnitCount
        guard let base = tag.baseAddress, tag.count > length else { return false }
        for at in 1...(tag.count - length) where base[at] == UInt8(ascii: "x") {
            let before = base[at - 1]
            guard before == 0x20 || before == 0x0A || before == 0x0D || before == 0x09 else { continue }
            if memcmp(base + at, declaration.utf8Start, length) == 0 { return true }
        }
        return false
    }
}
