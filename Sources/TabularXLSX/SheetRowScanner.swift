import TabularCore

/// Rows of a sheet as CSV-ready text: each field's UTF-8 bytes (unquoted, unescaped) back to back in one buffer.
///
/// Row `k` has the fields `fieldEnds[rowEnds[k - 1]..<rowEnds[k]]` (from 0 for the first row); field `j` is
/// `bytes[fieldEnds[j - 1]..<fieldEnds[j]]` (from 0 for the first field). A row has as many fields as its used
/// width: trailing empty cells are left out, and a row without values (a gap in the sheet) has none. The text of
/// each field is `CellValue.text` of the cell, so that it matches `XLSXSheetReader.nextRow()` exactly.
public struct SheetTextRows: Sendable {
    /// The fields' bytes, back to back.
    public internal(set) var bytes: [UInt8] = []
    /// Where each field ends in `bytes`.
    public internal(set) var fieldEnds: [Int] = []
    /// Where each row's fields end in `fieldEnds`.
    public internal(set) var rowEnds: [Int] = []

    /// An empty set of rows.
    public init() {}

    /// How many rows there are.
    public var count: Int { rowEnds.count }

    /// Removes every row, keeping the buffers' capacity.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        rowEnds.removeAll(keepingCapacity: true)
    }

    /// Appends a row of cells (already without trailing empty cells) as text.
    mutating func append(cells: [CellValue]) {
        for cell in cells {
            if cell != .empty { bytes.append(contentsOf: cell.text.utf8) }
            fieldEnds.append(bytes.count)
        }
        rowEnds.append(fieldEnds.count)
    }

    /// Inserts `count` empty rows before the last row.
    mutating func insertEmptyRowsBeforeLast(_ count: Int) {
        guard count > 0, let last = rowEnds.popLast() else { return }
        let previous = rowEnds.last ?? 0
        rowEnds.append(contentsOf: repeatElement(previous, count: count))
        rowEnds.append(last)
    }
}

/// A cell as the row scanner found it; the value's offsets are into the bytes it scanned.
struct RawCell {
    var column: Int
    var type: SheetParser.CellType
    var style: Int
    var hasValue = false
    var hasFormula = false
    var valueStart = 0
    var valueEnd = 0
}

/// The outcome of scanning one row from buffered bytes.
enum RowScan {
    /// The row is not in the plain shape this scanner reads (or is malformed): the general scanner takes it.
    case fallback
    /// The buffered bytes end inside the row.
    case needMore
    /// A row numbered `number` ends `end` bytes in.
    case row(end: Int, number: Int)
}

/// A byte-level scanner for the rows of `sheetData` in the shape spreadsheet writers produce: `<row>` with `<c>`
/// cells holding `<v>`, `<f>` and `<is><t>` children, no comments, entity references or CR in values.
///
/// It reads a whole row or nothing: anything outside that shape, and anything malformed, is `.fallback`, and the
/// general `XMLScanner` path then reads the same row, with the same results and errors (so this scanner never
/// throws). It allocates nothing per cell.
enum RowScanner {
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    @inline(__always)
    static func isNameEnd(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
    }

    /// How a start tag ended.
    enum TagEnd {
        case open, selfClosing, fallback, needMore
    }

    /// Reads the attributes of a start tag from `index` (just after its name) through its `>`, calling `visit`
    /// with the local name's and the value's ranges of each (namespace declarations left out).
    @inline(__always)
    static func scanAttributes(_ p: UnsafeBufferPointer<UInt8>, _ index: inout Int,
                               _ visit: (Int, Int, Int, Int) -> Void) -> TagEnd {
        let n = p.count
        var i = index
        while true {
            while i < n && isSpace(p[i]) { i += 1 }
            guard i < n else { return .needMore }
            let byte = p[i]
            if byte == UInt8(ascii: ">") {
                index = i + 1
                return .open
            }
            if byte == UInt8(ascii: "/") {
                guard i + 1 < n else { return .needMore }
                guard p[i + 1] == UInt8(ascii: ">") else { return .fallback }
                index = i + 2
                return .selfClosing
            }
            let nameStart = i
            var local = i
            while i < n && !isNameEnd(p[i]) {
                let byte = p[i]
                if byte == UInt8(ascii: ":") { local = i + 1 }
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"")
                    || byte == UInt8(ascii: "'") { return .fallback }
                i += 1
            }
            guard i < n else { return .needMore }
            let nameEnd = i
            guard nameEnd > nameStart, local < nameEnd, p[i] == UInt8(ascii: "=") else { return .fallback }
            i += 1
            guard i < n else { return .needMore }
            let quote = p[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return .fallback }
            i += 1
            let valueStart = i
            while i < n && p[i] != quote {
                let byte = p[i]
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == 0x0D { return .fallback }
                i += 1
            }
            guard i < n else { return .needMore }
            let length = nameEnd - nameStart
            let isNamespace = length >= 5 && p[nameStart] == UInt8(ascii: "x") && p[nameStart + 1] == UInt8(ascii: "m")
                && p[nameStart + 2] == UInt8(ascii: "l") && p[nameStart + 3] == UInt8(ascii: "n")
                && p[nameStart + 4] == UInt8(ascii: "s") && (length == 5 || p[nameStart + 5] == UInt8(ascii: ":"))
            if !isNamespace { visit(local, nameEnd, valueStart, i) }
            i += 1
        }
    }

    /// Scans text from `index` up to `</NAME>` (`close` holds the whole end tag); the text's end, with `index`
    /// moved past the end tag. Text with `&`, CR or markup is `.fallback`.
    @inline(__always)
    static func scanText(_ p: UnsafeBufferPointer<UInt8>, _ index: inout Int, close: StaticString) -> (TagEnd, Int) {
        let n = p.count
        var i = index
        while i < n {
            let byte = p[i]
            if byte == UInt8(ascii: "<") { break }
            if byte == UInt8(ascii: "&") || byte == 0x0D { return (.fallback, 0) }
            i += 1
        }
        let end = i
        guard let matched = matches(p, i, close) else { return (.needMore, 0) }
        guard matched else { return (.fallback, 0) }
        index = i + close.utf8CodeUnitCount
        return (.open, end)
    }

    /// Whether `literal` is at `index`; nil when the buffer ends first.
    @inline(__always)
    static func matches(_ p: UnsafeBufferPointer<UInt8>, _ index: Int, _ literal: StaticString) -> Bool? {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        var k = 0
        while k < count {
            guard index + k < p.count else { return nil }
            if p[index + k] != expected[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether the range is the one-byte name `byte`.
    @inline(__always)
    static func isName(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ byte: UInt8) -> Bool {
        end - start == 1 && p[start] == byte
    }

    /// The cell type of a `t` attribute, nil when unknown.
    static func cellType(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> SheetParser.CellType? {
        let value = UnsafeBufferPointer(rebasing: p[start..<end])
        if value.count == 1 {
            switch value[0] {
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return nil
            }
        }
        if equals(value, "inlineStr") { return .inlineString }
        if equals(value, "str") { return .formulaString }
        return nil
    }

    /// Whether the bytes are `literal`.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let expected = literal.utf8Start
        var index = 0
        while index < count {
            if bytes[index] != expected[index] { return false }
            index += 1
        }
        return true
    }

    /// Scans one `<row>…</row>` at the start of `p` (after optional whitespace) into `cells`.
    ///
    /// - Parameters:
    ///   - lastRowNumber: the number of the row before, for the ascending-order check.
    ///   - styleCount: the number of cell formats, for the style-index check.
    ///   - maxValueBytes: the longest value taken; longer ones are left to the general scanner's limit error.
    static func scanRow(_ p: UnsafeBufferPointer<UInt8>, lastRowNumber: Int, styleCount: Int, maxValueBytes: Int,
                        cells: inout [RawCell]) -> RowScan {
        cells.removeAll(keepingCapacity: true)
        let n = p.count
        var i = 0
        while i < n && isSpace(p[i]) { i += 1 }
        guard i + 4 < n else { return .needMore }
        guard p[i] == UInt8(ascii: "<"), p[i + 1] == UInt8(ascii: "r"), p[i + 2] == UInt8(ascii: "o"),
              p[i + 3] == UInt8(ascii: "w"), isNameEnd(p[i + 4]), p[i + 4] != UInt8(ascii: "=")
        else { return .fallback }
        i += 4
        var reference: (Int, Int)?
        let rowEnd = scanAttributes(p, &i) { nameStart, nameEnd, valueStart, valueEnd in
            if reference == nil && isName(p, nameStart, nameEnd, UInt8(ascii: "r")) { reference = (valueStart, valueEnd) }
        }
        let number: Int
        if let (start, end) = reference {
            guard let value = parseInteger(UnsafeBufferPointer(rebasing: p[start..<end])), value >= 1,
                  value <= CellAddress.maxRow + 1, value > lastRowNumber
            else { return .fallback }
            number = value
        } else {
            number = lastRowNumber + 1
            guard number <= CellAddress.maxRow + 1 else { return .fallback }
        }
        switch rowEnd {
        case .fallback: return .fallback
        case .needMore: return .needMore
        case .selfClosing: return .row(end: i, number: number)
        case .open: break
        }
        var nextColumn = 0
        while true {
            while i < n && isSpace(p[i]) { i += 1 }
            guard i + 2 < n else { return .needMore }
            guard p[i] == UInt8(ascii: "<") else { return .fallback }
            if p[i + 1] == UInt8(ascii: "/") {
                guard let closed = matches(p, i, "</row>") else { return .needMore }
                guard closed else { return .fallback }
                return .row(end: i + 6, number: number)
            }
            guard p[i + 1] == UInt8(ascii: "c"), isNameEnd(p[i + 2]), p[i + 2] != UInt8(ascii: "=") else {
                return .fallback
            }
            i += 2
            var referenceRange: (Int, Int)?
            var typeRange: (Int, Int)?
            var styleRange: (Int, Int)?
            let cellEnd = scanAttributes(p, &i) { nameStart, nameEnd, valueStart, valueEnd in
                guard nameEnd - nameStart == 1 else { return }
                switch p[nameStart] {
                case UInt8(ascii: "r"): if referenceRange == nil { referenceRange = (valueStart, valueEnd) }
                case UInt8(ascii: "t"): if typeRange == nil { typeRange = (valueStart, valueEnd) }
                case UInt8(ascii: "s"): if styleRange == nil { styleRange = (valueStart, valueEnd) }
                default: break
                }
            }
            switch cellEnd {
            case .fallback: return .fallback
            case .needMore: return .needMore
            case .open, .selfClosing: break
            }
            let column: Int
            if let (start, end) = referenceRange {
                guard let (row, found) = parseReference(UnsafeBufferPointer(rebasing: p[start..<end])), row == number,
                      found >= nextColumn
                else { return .fallback }
                column = found
            } else {
                guard nextColumn <= CellAddress.maxColumn else { return .fallback }
                column = nextColumn
            }
            var type = SheetParser.CellType.number
            if let (start, end) = typeRange {
                guard let found = cellType(p, start, end) else { return .fallback }
                type = found
            }
            var style = 0
            if let (start, end) = styleRange {
                guard let found = parseInteger(UnsafeBufferPointer(rebasing: p[start..<end])),
                      found < styleCount || (found == 0 && styleCount == 0)
                else { return .fallback }
                style = found
            }
            var cell = RawCell(column: column, type: type, style: style)
            if case .open = cellEnd {
                children: while true {
                    while i < n && isSpace(p[i]) { i += 1 }
                    guard i + 3 < n else { return .needMore }
                    guard p[i] == UInt8(ascii: "<") else { return .fallback }
                    switch p[i + 1] {
                    case UInt8(ascii: "/"):
                        guard p[i + 2] == UInt8(ascii: "c"), p[i + 3] == UInt8(ascii: ">") else { return .fallback }
                        i += 4
                        break children
                    case UInt8(ascii: "v"):
                        guard !cell.hasValue, type != .inlineString else { return .fallback }
                        if p[i + 2] == UInt8(ascii: ">") {
                            i += 3
                            let start = i
                            let (outcome, end) = scanText(p, &i, close: "</v>")
                            switch outcome {
                            case .fallback: return .fallback
                            case .needMore: return .needMore
                            default: break
                            }
                            guard end - start <= maxValueBytes else { return .fallback }
                            cell.valueStart = start
                            cell.valueEnd = end
                        } else if p[i + 2] == UInt8(ascii: "/") && p[i + 3] == UInt8(ascii: ">") {
                            i += 4
                        } else {
                            return .fallback
                        }
                        cell.hasValue = true
                    case UInt8(ascii: "f"):
                        guard !cell.hasFormula, isNameEnd(p[i + 2]), p[i + 2] != UInt8(ascii: "=") else { return .fallback }
                        i += 2
                        switch scanAttributes(p, &i, { _, _, _, _ in }) {
                        case .fallback: return .fallback
                        case .needMore: return .needMore
                        case .selfClosing: break
                        case .open:
                            let (outcome, _) = scanText(p, &i, close: "</f>")
                            switch outcome {
                            case .fallback: return .fallback
                            case .needMore: return .needMore
                            default: break
                            }
                        }
                        cell.hasFormula = true
                    case UInt8(ascii: "i"):
                        guard let opened = matches(p, i, "<is>") else { return .needMore }
                        guard opened, type == .inlineString, !cell.hasValue else { return .fallback }
                        i += 4
                        while i < n && isSpace(p[i]) { i += 1 }
                        guard let empty = matches(p, i, "</is>") else { return .needMore }
                        if !empty {
                            guard i + 2 < n else { return .needMore }
                            guard p[i] == UInt8(ascii: "<"), p[i + 1] == UInt8(ascii: "t"), isNameEnd(p[i + 2]),
                                  p[i + 2] != UInt8(ascii: "=")
                            else { return .fallback }
                            i += 2
                            switch scanAttributes(p, &i, { _, _, _, _ in }) {
                            case .fallback: return .fallback
                            case .needMore: return .needMore
                            case .selfClosing: break
                            case .open:
                                let start = i
                                let (outcome, end) = scanText(p, &i, close: "</t>")
                                switch outcome {
                                case .fallback: return .fallback
                                case .needMore: return .needMore
                                default: break
                                }
                                guard end - start <= maxValueBytes else { return .fallback }
                                cell.valueStart = start
                                cell.valueEnd = end
                            }
                            while i < n && isSpace(p[i]) { i += 1 }
                            guard let closed = matches(p, i, "</is>") else { return .needMore }
                            guard closed else { return .fallback }
                        }
                        i += 5
                        cell.hasValue = true
                    default:
                        return .fallback
                    }
                }
            }
            cells.append(cell)
            nextColumn = column + 1
        }
    }
}

/// Turns scanned cells into values or CSV text: the cell formats, shared strings and date system of one workbook.
struct CellDecoder {
    let styles: [NumberFormatKind]
    let sharedStrings: [String]
    let dateSystem: ExcelDateSystem

    /// The cell's value, or nil when it is invalid (the general scanner then reports the error).
    func value(_ cell: RawCell, _ p: UnsafeBufferPointer<UInt8>) -> CellValue? {
        guard cell.hasValue else { return .empty }
        let bytes = UnsafeBufferPointer(rebasing: p[cell.valueStart..<cell.valueEnd])
        switch cell.type {
        case .number:
            if bytes.isEmpty { return .empty }
            guard let number = parseNumber(bytes) else { return nil }
            let kind = cell.style < styles.count ? styles[cell.style] : .number
            return kind == .number ? .number(number) : temporal(number, kind)
        case .sharedString:
            guard let index = parseInteger(bytes), index < sharedStrings.count else { return nil }
            return .text(sharedStrings[index])
        case .inlineString, .formulaString:
            // Text without an `_xHHHH_` escape (nearly every inline string a ledger stores) is its own bytes: the
            // String is made straight from the buffer, without copying them into an array first.
            if !XStringEscapes.containsEscape(bytes) {
                guard isValidUTF8(bytes) else { return nil }
                return .text(validUTF8Text(bytes))
            }
            return XStringEscapes.string(Array(bytes)).map { .text($0) }
        case .boolean:
            if RowScanner.equals(bytes, "1") || RowScanner.equals(bytes, "true") { return .bool(true) }
            if RowScanner.equals(bytes, "0") || RowScanner.equals(bytes, "false") { return .bool(false) }
            return nil
        case .error:
            return XStringEscapes.string(Array(bytes)).map { .error($0) }
        case .isoDate:
            return XStringEscapes.string(Array(bytes)).flatMap(parseISODate)
        }
    }

    /// Appends the cell's text (`CellValue.text` of its value) to `output`; whether the value is empty, or nil
    /// when it is invalid.
    func appendText(_ cell: RawCell, _ p: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool? {
        guard cell.hasValue else { return true }
        let bytes = UnsafeBufferPointer(rebasing: p[cell.valueStart..<cell.valueEnd])
        switch cell.type {
        case .number:
            if bytes.isEmpty { return true }
            let kind = cell.style < styles.count ? styles[cell.style] : .number
            if kind == .number {
                if isShortestNumberText(bytes) {
                    output.append(contentsOf: bytes)
                } else {
                    guard let number = parseNumber(bytes) else { return nil }
                    output.append(contentsOf: CellValue.number(number).text.utf8)
                }
                return false
            }
            guard let number = parseNumber(bytes) else { return nil }
            let value = temporal(number, kind)
            if case .date(let date) = value, !date.hasTime, date.year >= 1000, date.year <= 9999 {
                appendISODate(date, to: &output)
            } else {
                output.append(contentsOf: value.text.utf8)
            }
            return false
        case .sharedString:
            guard let index = parseInteger(bytes), index < sharedStrings.count else { return nil }
            output.append(contentsOf: sharedStrings[index].utf8)
            return false
        case .inlineString, .formulaString:
            if !XStringEscapes.containsEscape(bytes) {
                guard isValidUTF8(bytes) else { return nil }
                output.append(contentsOf: bytes)
            } else {
                guard let text = XStringEscapes.string(Array(bytes)) else { return nil }
                output.append(contentsOf: text.utf8)
            }
            return false
        case .boolean, .error, .isoDate:
            guard let value = value(cell, p) else { return nil }
            output.append(contentsOf: value.text.utf8)
            return value == .empty
        }
    }

    /// A serial number under a date, time or elapsed format (`NumberFormatKind.value(ofSerial:in:)`, the rule
    /// every reader shares).
    func temporal(_ serial: Double, _ kind: NumberFormatKind) -> CellValue {
        kind.value(ofSerial: serial, in: dateSystem)
    }
}

/// `YYYY-MM-DD` of a date in years 1000 through 9999, as `LocalDateTime.isoDate` writes it.
private func appendISODate(_ date: LocalDateTime, to output: inout [UInt8]) {
    let year = date.year
    output.append(UInt8(48 + year / 1000))
    output.append(UInt8(48 + year / 100 % 10))
    output.append(UInt8(48 + year / 10 % 10))
    output.append(UInt8(48 + year % 10))
    output.append(UInt8(ascii: "-"))
    output.append(UInt8(48 + date.month / 10))
    output.append(UInt8(48 + date.month % 10))
    output.append(UInt8(ascii: "-"))
    output.append(UInt8(48 + date.day / 10))
    output.append(UInt8(48 + date.day % 10))
}

/// Whether decimal text is already what `CellValue.number(_:).text` writes for the number it denotes, so it can be
/// copied through: an optional `-`, an integer part without leading zeros, and, when there is a fraction, one
/// that does not end in `0`; at most 15 significant digits (so the text is the shortest that reads back as the
/// same double), no exponent, and not below 0.1 in magnitude unless it is an integer (`0`, not `-0`).
func isShortestNumberText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = bytes.count
    var i = 0
    if i < n && bytes[i] == UInt8(ascii: "-") { i += 1 }
    let integerStart = i
    while i < n && bytes[i] >= 48 && bytes[i] <= 57 { i += 1 }
    let integerDigits = i - integerStart
    guard integerDigits > 0 else { return false }
    let leadingZero = bytes[integerStart] == 48
    if leadingZero && integerDigits > 1 { return false }
    if i == n {
        // `-0` reads as zero, written `0`.
        return integerDigits <= 15 && !(leadingZero && integerStart > 0)
    }
    guard bytes[i] == UInt8(ascii: ".") else { return false }
    i += 1
    let fractionStart = i
    while i < n && bytes[i] >= 48 && bytes[i] <= 57 { i += 1 }
    let fractionDigits = i - fractionStart
    guard i == n, fractionDigits > 0, bytes[n - 1] != 48 else { return false }
    if leadingZero {
        return bytes[fractionStart] != 48 && fractionDigits <= 15
    }
    return integerDigits + fractionDigits <= 15
}

/// Whether the bytes are well-formed UTF-8 (the Unicode Standard's Table 3-7).
package func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = bytes.count
    var i = 0
    while i < n {
        let lead = bytes[i]
        if lead < 0x80 {
            i += 1
            continue
        }
        if lead < 0xC2 { return false }
        if lead < 0xE0 {
            guard i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 else { return false }
            i += 2
        } else if lead < 0xF0 {
            guard i + 2 < n else { return false }
            let second = bytes[i + 1]
            guard second & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 else { return false }
            if lead == 0xE0 && second < 0xA0 { return false }
            if lead == 0xED && second >= 0xA0 { return false }
            i += 3
        } else if lead < 0xF5 {
            guard i + 3 < n else { return false }
            let second = bytes[i + 1]
            guard second & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80, bytes[i + 3] & 0xC0 == 0x80 else { return false }
            if lead == 0xF0 && second < 0x90 { return false }
            if lead == 0xF4 && second >= 0x90 { return false }
            i += 4
        } else {
            return false
        }
    }
    return true
}
