/// How a number format presents a serial number: as a plain number, a date (or date-time), a time of day, an
/// elapsed duration (`[h]:mm:ss`), or a fixed text that replaces the value (`"2025年5月底前"`).
public enum NumberFormatKind: Sendable, Hashable {
    /// Not a date or time format.
    case number
    /// A date or date-time format (`yyyy-mm-dd`, `d/m/yy h:mm`, `yyyy"年"m"月"d"日"`, `[$-804]aaaa`).
    case date
    /// A time-of-day format with no date part (`h:mm`, `mm:ss.0`).
    case time
    /// An elapsed-time format (`[h]:mm:ss`, `[mm]:ss`).
    case elapsed
    /// A format of literal text alone (no digit, date or time placeholder), e.g. `"2025年5月底前"` on a date cell:
    /// Excel shows the text whatever the value, so a reader gives the text, as a person sees it.
    case literal(String)

    /// Classifies a built-in number format id (ECMA-376 §18.8.30 plus the CJK ids 27–36 and 50–58).
    public static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...17, 22, 27...31, 36, 50...54, 57, 58: .date
        case 18...21, 32...35, 45, 47, 55, 56: .time
        case 46: .elapsed
        default: .number
        }
    }

    /// Classifies a custom format code by its date and time tokens outside quotes, brackets and escapes.
    ///
    /// Only the first section (before `;`) is considered. `[h]`, `[mm]`, `[ss]` make it elapsed; other brackets
    /// (`[Red]`, `[$-804]`, `[>100]`) are ignored; `E+`/`E-` is scientific notation, not the era token.
    public static func classify(_ code: String) -> NumberFormatKind {
        let bytes = Array(code.utf8)
        var hasDate = false
        var hasTime = false
        var hasMonthOrMinute = false
        var elapsed = false
        var hasPlaceholder = false
        var literal: [UInt8] = []
        var index = 0
        func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
        while index < bytes.count {
            let byte = bytes[index]
            let folded = lower(byte)
            switch byte {
            case UInt8(ascii: ";"):
                index = bytes.count
                continue
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                    literal.append(bytes[index])
                    index += 1
                }
            case UInt8(ascii: "\\"):
                index += 1
                if index < bytes.count { literal.append(bytes[index]) }
            case UInt8(ascii: "_"), UInt8(ascii: "*"):
                index += 1
                hasPlaceholder = true  // padding and fill only make sense around a value
            case UInt8(ascii: "["):
                var end = index + 1
                while end < bytes.count && bytes[end] != UInt8(ascii: "]") { end += 1 }
                let inner = bytes[(index + 1)..<min(end, bytes.count)].map(lower)
                if !inner.isEmpty, let first = inner.first, [UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s")].contains(first),
                   inner.allSatisfy({ $0 == first }) {
                    elapsed = true
                }
                index = end
            default:
                if folded == UInt8(ascii: "e") && index + 1 < bytes.count
                    && (bytes[index + 1] == UInt8(ascii: "+") || bytes[index + 1] == UInt8(ascii: "-")) {
                    index += 1  // scientific notation
                } else if folded == UInt8(ascii: "g") && bytes.count - index >= 7
                    && String(decoding: bytes[index..<(index + 7)], as: UTF8.self).lowercased() == "general" {
                    hasPlaceholder = true
                    index += 6
                } else if folded == UInt8(ascii: "a") && bytes.count - index >= 5
                    && String(decoding: bytes[index..<(index + 5)], as: UTF8.self).lowercased() == "am/pm" {
                    index += 4
                } else if folded == UInt8(ascii: "a") && bytes.count - index >= 3
                    && String(decoding: bytes[index..<(index + 3)], as: UTF8.self).lowercased() == "a/p" {
                    index += 2
                } else if folded == UInt8(ascii: "a") && bytes.count - index >= 3
                    && bytes[index..<(index + 3)].allSatisfy({ lower($0) == UInt8(ascii: "a") }) {
                    hasDate = true  // CJK weekday `aaa` / `aaaa`
                    index += 2
                } else {
                    switch folded {
                    case UInt8(ascii: "y"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"): hasDate = true
                    case UInt8(ascii: "h"), UInt8(ascii: "s"): hasTime = true
                    case UInt8(ascii: "m"): hasMonthOrMinute = true
                    case UInt8(ascii: "0"), UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "."),
                         UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: ","), UInt8(ascii: "1")...UInt8(ascii: "9"):
                        hasPlaceholder = true
                    default: literal.append(byte)
                    }
                }
            }
            index += 1
        }
        if hasDate { return .date }
        if elapsed { return .elapsed }
        if hasTime { return .time }
        if hasMonthOrMinute { return .date }
        if !hasPlaceholder, !literal.isEmpty, let text = String(validating: literal, as: UTF8.self),
           !text.allSatisfy(\.isWhitespace) {
            return .literal(text)
        }
        return .number
    }
}

extension NumberFormatKind {
    /// The cell value a serial number shows under this format: a date, time or duration to the millisecond (Excel's own display precision;
    /// finer digits of a serial are floating-point noise); serials that name no date stay numbers, and a serial of
    /// one day or more under a time-only format is a date-time, so that its date is not lost.
    public func value(ofSerial serial: Double, in dateSystem: ExcelDateSystem) -> CellValue {
        switch self {
        case .number:
            return .number(serial)
        case .date:
            var days = serial.rounded(.down)
            var milliseconds = ((serial - days) * 86_400_000).rounded()
            if milliseconds >= 86_400_000 {
                days += 1
                milliseconds = 0
            }
            let day = dateSystem.dateTime(fromSerial: days)
                ?? (days == 0 && milliseconds > 0 ? dateSystem.dateTime(fromSerial: serial)?.dateOnly : nil)
            let whole = Int(milliseconds) / 1000
            let second = Double(whole % 60) + Double(Int(milliseconds) % 1000) / 1000
            guard let date = day?.at(hour: whole / 3600, minute: whole / 60 % 60, second: second) else {
                return .number(serial)
            }
            return .date(date)
        case .time:
            guard serial >= 0 else { return .number(serial) }
            // A full date-time under a time-only format keeps its date rather than losing it (lossless default).
            if serial >= 1 { return NumberFormatKind.date.value(ofSerial: serial, in: dateSystem) }
            var milliseconds = ((serial - serial.rounded(.down)) * 86_400_000).rounded()
            if milliseconds >= 86_400_000 { milliseconds -= 86_400_000 }
            return .time(seconds: milliseconds / 1000, elapsed: false)
        case .literal(let text):
            return .text(text)
        case .elapsed:
            // Beyond Excel's last date (9999-12-31) a duration is not meaningful; keep the number.
            guard abs(serial) < 2_958_466 else { return .number(serial) }
            return .time(seconds: (serial * 86_400_000).rounded() / 1000, elapsed: true)
        }
    }
}
