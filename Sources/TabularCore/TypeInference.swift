/// How a number was written, so that a workbook writer can choose a number format that shows it the same way.
public struct NumberStyle: Sendable, Hashable {
    /// The shape of the number.
    public enum Kind: Sendable, Hashable {
        /// Digits only, e.g. `42`, `-7`, `1,234`.
        case integer
        /// With a decimal point, e.g. `3.14`, `1,234.50`.
        case decimal
        /// With a trailing percent sign, e.g. `85%`; the value is divided by 100 (`0.85`).
        case percent
        /// In scientific notation, e.g. `1.5E+3`.
        case scientific
    }

    /// The shape of the number.
    public var kind: Kind
    /// Whether the text grouped thousands with commas (`1,234`).
    public var groupsThousands: Bool
    /// How many digits the text had after the decimal point (for a percent, in the percent figure: `12.5%` → 1).
    public var fractionDigits: Int

    /// Creates a style.
    public init(kind: Kind, groupsThousands: Bool = false, fractionDigits: Int = 0) {
        self.kind = kind
        self.groupsThousands = groupsThousands
        self.fractionDigits = fractionDigits
    }
}

/// The typed value that a field's text stands for, as decided by `TypeInference`.
public enum InferredValue: Sendable, Hashable {
    /// An empty field.
    case empty
    /// Text, kept exactly. `looksNumeric` is true when the text would read as a number in Excel but is kept as
    /// text on purpose (a leading zero, more than 15 digits, a leading `+`), so that a workbook writer can
    /// silence Excel's "number stored as text" warning for the cell.
    case text(String, looksNumeric: Bool)
    /// A number and how it was written.
    case number(Double, NumberStyle)
    /// A date, or a date and time when `hasTime` (true whenever the text had a time part, even `00:00`).
    case date(LocalDateTime, hasTime: Bool)

    /// Whether the value stayed text (or empty), e.g. to report a forced column type that did not apply.
    public var isText: Bool {
        switch self {
        case .text, .empty: true
        default: false
        }
    }
}

/// A type forced on a column, as in `--type COLUMN=text|number|date`.
public enum ColumnType: String, Sendable, Hashable, CaseIterable {
    /// Decide per field (the default).
    case automatic
    /// Always text, even when the field looks like a number or a date.
    case text
    /// A number whenever the field has the shape of one, even with a leading zero or more than 15 digits.
    case number
    /// A date whenever the field has the shape of one.
    case date

    /// Parses `text`, `number`, `date`, `auto` or `automatic` (any letter case).
    public init?(name: some StringProtocol) {
        switch name.lowercased() {
        case "auto", "automatic": self = .automatic
        case "text", "string": self = .text
        case "number", "numeric": self = .number
        case "date", "datetime": self = .date
        default: return nil
        }
    }
}

/// One `COLUMN=TYPE` option: a column, named by its header or by letters (`C`), and the type forced on it.
public struct ColumnTypeOverride: Sendable, Hashable {
    /// The column's header text or letters, as the user wrote it.
    public var column: String
    /// The type forced on it.
    public var type: ColumnType

    /// Creates an override.
    public init(column: String, type: ColumnType) {
        self.column = column
        self.type = type
    }

    /// Parses `COLUMN=TYPE` (split at the last `=`, so a header may contain `=`); nil when malformed.
    public init?(argument: String) {
        guard let equals = argument.lastIndex(of: "="), equals != argument.startIndex,
              let type = ColumnType(name: argument[argument.index(after: equals)...])
        else { return nil }
        self.init(column: String(argument[..<equals]), type: type)
    }
}

/// Decides whether a CSV field is a number, a date or text, conservatively: anything that would lose
/// information as a number or a date stays text.
///
/// Numbers: `42`, `-12.5`, `1,234.5` (commas only in valid groups of three), `1.5E+3`, `85%` (→ 0.85).
/// Dates (year first, naive): `2025-03-31`, `2025/3/31`, `2025.3.31`, `2025年3月31日`, each optionally with a
/// time: ` 14:05`, ` 14:05:06.5`, `T14:05:06` (after `-` dates), `14时05分[06秒]` (after `年月日`).
/// Impossible dates (`2025-02-30`, `2025年13月1日`) stay text.
///
/// Always text: leading zeros (`007`, but not `0` or `0.5`), more than 15 significant digits (ID and bank card
/// numbers), a leading `+` (phone numbers), 11-digit mainland mobile numbers (`13800138000`,
/// 1[3-9] and 9 digits), a leading `.` or trailing `.`, leading or trailing spaces, dashes in
/// phone numbers, and anything mixed. Works on UTF-8 bytes without regular expressions or formatters.
public struct TypeInference: Sendable {
    /// Whether numbers are recognised (default true).
    public var detectsNumbers: Bool
    /// Whether dates are recognised (default true).
    public var detectsDates: Bool

    /// Creates an inference with both numbers and dates recognised by default.
    public init(detectsNumbers: Bool = true, detectsDates: Bool = true) {
        self.detectsNumbers = detectsNumbers
        self.detectsDates = detectsDates
    }

    /// The typed value of a field's text, or with a forced `columnType`.
    ///
    /// A forced `.number` accepts any number shape (leading zeros, a leading `+`, more than 15 digits, `.5`);
    /// a forced `.date` accepts the date shapes above. A field that does not fit its forced type stays `.text`:
    /// callers check `isText` to report it. Empty fields are `.empty` whatever the type.
    public func infer(_ field: String, as columnType: ColumnType = .automatic) -> InferredValue {
        if field.isEmpty { return .empty }
        var copy = field
        return copy.withUTF8 { bytes in infer(field, bytes: bytes, as: columnType) }
    }

    /// The typed value of a field given as UTF-8 bytes; the `String` is made only when the result is text.
    public func infer(utf8 bytes: UnsafeBufferPointer<UInt8>, as columnType: ColumnType = .automatic) -> InferredValue {
        if bytes.isEmpty { return .empty }
        return infer(nil, bytes: bytes, as: columnType)
    }

    private func infer(_ field: String?, bytes: UnsafeBufferPointer<UInt8>, as columnType: ColumnType) -> InferredValue {
        func text(looksNumeric: Bool) -> InferredValue {
            .text(field ?? String(decoding: bytes, as: UTF8.self), looksNumeric: looksNumeric)
        }
        switch columnType {
        case .text:
            if case .notNumber = NumberScanner.scan(bytes, lenient: false) { return text(looksNumeric: false) }
            return text(looksNumeric: true)
        case .number:
            if case .number(let value, let style) = NumberScanner.scan(bytes, lenient: true) {
                return .number(value, style)
            }
            return text(looksNumeric: false)
        case .date:
            if let (date, hasTime) = DateScanner.scan(bytes) { return .date(date, hasTime: hasTime) }
            return text(looksNumeric: false)
        case .automatic:
            let first = bytes[0]
            guard first &- UInt8(ascii: "0") < 10 || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".")
            else {
                return text(looksNumeric: false)
            }
            if detectsDates, bytes.count >= 8, let (date, hasTime) = DateScanner.scan(bytes) {
                return .date(date, hasTime: hasTime)
            }
            switch NumberScanner.scan(bytes, lenient: false) {
            case .number(let value, let style):
                return detectsNumbers ? .number(value, style) : text(looksNumeric: true)
            case .numericText:
                return text(looksNumeric: true)
            case .notNumber:
                return text(looksNumeric: false)
            }
        }
    }
}

/// The number grammar on bytes.
enum NumberScanner {
    enum Outcome {
        /// A number that converts without losing anything.
        case number(Double, NumberStyle)
        /// A number's shape that is kept as text (leading zero, > 15 digits, leading `+`, `.5`, `5.`).
        case numericText
        /// Not a number.
        case notNumber
    }

    /// Exact powers of ten as doubles, 10^0 ... 10^22.
    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Scans a whole field; `lenient` (a forced number column) also converts what would otherwise stay text.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, lenient: Bool) -> Outcome {
        let count = bytes.count
        var i = 0
        var negative = false
        var keepAsText = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            // Phone numbers: +8613800000000.
            keepAsText = true
            i = 1
        }

        // Integer part, with optional thousands groups.
        var mantissa: UInt64 = 0
        var significant = 0
        var integerDigits = 0
        var grouped = false
        var groupLength = 0
        while i < count {
            let byte = bytes[i]
            if byte &- UInt8(ascii: "0") < 10 {
                let digit = UInt64(byte &- UInt8(ascii: "0"))
                if significant > 0 || digit != 0 {
                    significant += 1
                    if significant <= 19 { mantissa = mantissa &* 10 &+ digit }
                }
                integerDigits += 1
                groupLength += 1
                i += 1
            } else if byte == UInt8(ascii: ",") {
                // The first group has 1-3 digits, every later group exactly 3.
                guard groupLength >= 1, groupLength <= 3, !grouped || groupLength == 3 else { return .notNumber }
                grouped = true
                groupLength = 0
                i += 1
            } else {
                break
            }
        }
        if grouped {
            guard groupLength == 3 else { return .notNumber }
        }
        let integerStart = negative || keepAsText ? 1 : 0
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            // 007, 0,123: a code, not a quantity.
            if grouped { return .notNumber }
            keepAsText = true
        }
        if i == count, integerDigits == 11, !negative, !grouped, bytes[0] == UInt8(ascii: "1"),
           bytes[1] &- UInt8(ascii: "3") < 7 {
            // A mainland mobile number, 1[3-9] and 9 more digits: 13800138000.
            keepAsText = true
        }

        // Fraction.
        var fractionDigits = 0
        var hasPoint = false
        if i < count, bytes[i] == UInt8(ascii: ".") {
            hasPoint = true
            i += 1
            while i < count, bytes[i] &- UInt8(ascii: "0") < 10 {
                let digit = UInt64(bytes[i] &- UInt8(ascii: "0"))
                if significant > 0 || digit != 0 {
                    significant += 1
                    if significant <= 19 { mantissa = mantissa &* 10 &+ digit }
                }
                fractionDigits += 1
                i += 1
            }
        }
        guard integerDigits + fractionDigits > 0 else { return .notNumber }
        if integerDigits == 0 || (hasPoint && fractionDigits == 0) {
            // .5 and 5. read as numbers in Excel but are not written so by anyone meaning a number.
            keepAsText = true
        }

        // Exponent.
        var exponent = 0
        var scientific = false
        if i < count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            guard !grouped else { return .notNumber }
            scientific = true
            i += 1
            var exponentNegative = false
            if i < count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponentDigits = 0
            while i < count, bytes[i] &- UInt8(ascii: "0") < 10 {
                exponent = exponent * 10 + Int(bytes[i] &- UInt8(ascii: "0"))
                exponentDigits += 1
                i += 1
                if exponentDigits > 3 { return .notNumber }
            }
            guard exponentDigits > 0 else { return .notNumber }
            if exponentNegative { exponent = -exponent }
        }

        // Percent.
        var percent = false
        if i < count, bytes[i] == UInt8(ascii: "%"), !scientific {
            percent = true
            i += 1
        }
        guard i == count else { return .notNumber }

        if significant > 15 { keepAsText = true }
        if keepAsText, !lenient { return .numericText }

        // value = mantissa × 10^(exponent − fractionDigits − (percent ? 2 : 0)), rounded once.
        let scale = exponent - fractionDigits - (percent ? 2 : 0)
        var value: Double
        if significant <= 15, (-22...22).contains(scale) {
            let exact = Double(mantissa)
            value = scale >= 0 ? exact * powersOfTen[scale] : exact / powersOfTen[-scale]
        } else {
            var digits = ""
            for byte in bytes[(negative || bytes[0] == UInt8(ascii: "+") ? 1 : 0)..<count]
            where byte != UInt8(ascii: ",") && byte != UInt8(ascii: "%") {
                digits.unicodeScalars.append(Unicode.Scalar(byte))
            }
            guard let parsed = Double(digits) else { return .notNumber }
            value = percent ? parsed / 100 : parsed
        }
        guard value.isFinite else { return lenient ? .notNumber : .numericText }
        if negative, value != 0 { value = -value }
        let kind: NumberStyle.Kind = percent ? .percent : scientific ? .scientific : hasPoint ? .decimal : .integer
        return .number(value, NumberStyle(kind: kind, groupsThousands: grouped, fractionDigits: fractionDigits))
    }
}

/// The date grammar on bytes.
enum DateScanner {
    /// 年, 月, 日, 时, 分, 秒 in UTF-8.
    static let year: [UInt8] = [0xE5, 0xB9, 0xB4]
    static let month: [UInt8] = [0xE6, 0x9C, 0x88]
    static let day: [UInt8] = [0xE6, 0x97, 0xA5]
    static let hour: [UInt8] = [0xE6, 0x97, 0xB6]
    static let minute: [UInt8] = [0xE5, 0x88, 0x86]
    static let second: [UInt8] = [0xE7, 0xA7, 0x92]

    /// A cursor over a field's bytes.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        var atEnd: Bool { i == bytes.count }

        /// Reads `min...max` ASCII digits as a number.
        mutating func digits(_ min: Int, _ max: Int) -> Int? {
            var value = 0
            var count = 0
            while i < bytes.count, count < max, bytes[i] &- UInt8(ascii: "0") < 10 {
                value = value * 10 + Int(bytes[i] &- UInt8(ascii: "0"))
                count += 1
                i += 1
            }
            return count >= min ? value : nil
        }

        /// Consumes one byte if it is `byte`.
        mutating func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        /// Consumes a byte sequence (a CJK character) if it comes next.
        mutating func take(_ sequence: [UInt8]) -> Bool {
            guard bytes.count - i >= sequence.count else { return false }
            for (offset, byte) in sequence.enumerated() where bytes[i + offset] != byte { return false }
            i += sequence.count
            return true
        }
    }

    /// The date and whether a time part was written, or nil when the field is not exactly a valid date.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (LocalDateTime, Bool)? {
        var cursor = Cursor(bytes: bytes)
        guard let year = cursor.digits(4, 4), !cursor.atEnd else { return nil }
        let separator = bytes[cursor.i]
        let chinese: Bool
        switch separator {
        case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
            chinese = false
            cursor.i += 1
        case 0xE5:
            guard cursor.take(DateScanner.year) else { return nil }
            chinese = true
        default:
            return nil
        }
        guard let month = cursor.digits(1, 2) else { return nil }
        if chinese {
            guard cursor.take(DateScanner.month) else { return nil }
        } else {
            guard cursor.take(separator) else { return nil }
        }
        guard let day = cursor.digits(1, 2) else { return nil }
        if chinese, !cursor.take(DateScanner.day) { return nil }
        if cursor.atEnd {
            return LocalDateTime(year: year, month: month, day: day).map { ($0, false) }
        }

        // The time part.
        if chinese {
            _ = cursor.take(UInt8(ascii: " "))
        } else if !cursor.take(UInt8(ascii: " ")) {
            guard separator == UInt8(ascii: "-"), cursor.take(UInt8(ascii: "T")) else { return nil }
        }
        guard let hour = cursor.digits(1, 2) else { return nil }
        var minute = 0
        var second = 0.0
        if chinese, cursor.take(DateScanner.hour) {
            guard let minutes = cursor.digits(2, 2), cursor.take(DateScanner.minute) else { return nil }
            minute = minutes
            if !cursor.atEnd {
                guard let seconds = cursor.digits(2, 2), cursor.take(DateScanner.second) else { return nil }
                second = Double(seconds)
            }
        } else {
            guard cursor.take(UInt8(ascii: ":")), let minutes = cursor.digits(2, 2) else { return nil }
            minute = minutes
            if cursor.take(UInt8(ascii: ":")) {
                guard let seconds = cursor.digits(2, 2) else { return nil }
                second = Double(seconds)
                if cursor.take(UInt8(ascii: ".")) {
                    var scale = 0.1
                    var fractionDigits = 0
                    while !cursor.atEnd, bytes[cursor.i] &- UInt8(ascii: "0") < 10, fractionDigits < 9 {
                        second += Double(bytes[cursor.i] &- UInt8(ascii: "0")) * scale
                        scale /= 10
                        fractionDigits += 1
                        cursor.i += 1
                    }
                    guard fractionDigits > 0 else { return nil }
                }
            }
        }
        guard cursor.atEnd else { return nil }
        return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            .map { ($0, true) }
    }
}
