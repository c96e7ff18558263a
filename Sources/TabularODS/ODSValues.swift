import TabularCore

/// The typed attribute values of OpenDocument cells (OpenDocument 1.3 part 3, §19.385–§19.389 and XML Schema
/// datatypes), parsed from their bytes into the cell values the XLSX reader gives for the same cells.
enum ODSValues {
    /// A positive decimal integer of at most 15 digits (a repeat count or span), or nil.
    static func positiveInteger<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 15 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value >= 1 ? value : nil
    }

    /// Whether `bytes` are exactly the ASCII `literal`.
    static func bytes<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, equal literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let expected = literal.utf8Start
        var offset = 0
        for byte in bytes {
            guard byte == expected[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// Exact powers of ten as doubles, 10^0 through 10^22.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// A finite number in XML Schema `double` syntax (`office:value`). Short decimals take Clinger's exact fast
    /// path (digits that fit in 2^53 and a power of ten up to 10^22: one correctly rounded operation); the rest go
    /// to the standard library's correctly rounded parser.
    static func number<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Double? where Bytes.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        var negative = false
        if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        var simple = true
        while index < end, bytes[index] >= 48 && bytes[index] <= 57 {
            sawDigit = true
            if mantissa != 0 || bytes[index] != 48 { digits += 1 }
            if digits > 19 { simple = false; break }
            mantissa = mantissa &* 10 &+ UInt64(bytes[index] - 48)
            index += 1
        }
        if simple && index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, bytes[index] >= 48 && bytes[index] <= 57 {
                sawDigit = true
                if mantissa != 0 || bytes[index] != 48 { digits += 1 }
                if digits > 19 { simple = false; break }
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] - 48)
                exponent -= 1
                index += 1
            }
        }
        if simple && sawDigit && index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            // An exponent of at most four digits (LibreOffice writes `5.11425198604273E+017`).
            index += 1
            var negativeExponent = false
            if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < end, bytes[index] >= 48 && bytes[index] <= 57, exponentDigits < 4 {
                written = written * 10 + Int(bytes[index] - 48)
                exponentDigits += 1
                index += 1
            }
            if exponentDigits == 0 { simple = false }
            exponent += negativeExponent ? -written : written
        }
        if simple && index == end && sawDigit && mantissa <= 1 << 53 && exponent.magnitude <= 22 {
            // Clinger's fast path: an exact mantissa times or divided by an exact power of ten, rounded once.
            let value = exponent < 0 ? Double(mantissa) / powersOfTen[-exponent] : Double(mantissa) * powersOfTen[exponent]
            return negative ? -value : value
        }
        // Exponents, long mantissas, INF/NaN spellings: the standard library decides, and only finite values pass.
        for byte in bytes where !(byte >= 48 && byte <= 57) && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-")
            && byte != UInt8(ascii: "+") && byte != UInt8(ascii: "e") && byte != UInt8(ascii: "E") {
            return nil
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// An `office:date-value` of exactly `YYYY-MM-DD` (what LibreOffice writes for a date without a time) that
    /// `LocalDateTime` holds, read from its bytes; nil for anything else, which `date(_:)` decides.
    static func plainDate<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> CellValue? where Bytes.Index == Int {
        guard bytes.count == 10 else { return nil }
        let start = bytes.startIndex
        var fields = (0, 0, 0)
        for offset in 0..<10 {
            let byte = bytes[start + offset]
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= 48 && byte <= 57 else { return nil }
            let digit = Int(byte - 48)
            if offset < 4 {
                fields.0 = fields.0 * 10 + digit
            } else if offset < 7 {
                fields.1 = fields.1 * 10 + digit
            } else {
                fields.2 = fields.2 * 10 + digit
            }
        }
        guard let value = LocalDateTime(year: fields.0, month: fields.1, day: fields.2, hour: 0, minute: 0, second: 0)
        else { return nil }
        return .date(value)
    }

    /// An `office:date-value`: `2024-03-15` or `2024-03-15T13:45:30(.fff)`, with an optional zone suffix that
    /// is ignored (spreadsheet dates are naive). Seconds are rounded to the millisecond, as the XLSX reader does.
    ///
    /// Returns `.date`, or `.text` of the value for a well-formed date that `LocalDateTime` cannot hold (years
    /// outside 1–9999), so nothing is lost; nil when the text is not a date at all.
    static func date(_ text: String) -> CellValue? {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        var day = parts[0]
        let negativeYear = day.hasPrefix("-")
        if negativeYear { day = day.dropFirst() }
        let fields = day.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count >= 4, fields[1].count == 2, fields[2].count == 2,
              fields.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(fields[0]), let month = Int(fields[1]), let dayOfMonth = Int(fields[2])
        else { return nil }
        var hour = 0, minute = 0
        var second = 0.0
        if parts.count == 2 {
            var clock = parts[1]
            if clock.hasSuffix("Z") {
                clock = clock.dropLast()
            } else if let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                clock = clock[..<sign]
            }
            let pieces = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 3, pieces[0].count == 2, pieces[1].count == 2,
                  pieces[0].allSatisfy(\.isASCIIDigit), pieces[1].allSatisfy(\.isASCIIDigit),
                  pieces[2].first?.isASCIIDigit == true,
                  pieces[2].allSatisfy({ $0.isASCIIDigit || $0 == "." }),
                  let h = Int(pieces[0]), let m = Int(pieces[1]), let s = Double(pieces[2])
            else { return nil }
            guard h <= 24, m <= 59, s < 61 else { return nil }
            hour = h
            minute = m
            second = (s * 1000).rounded() / 1000
            // 24:00:00 (XML Schema's end of day) and a leap second are kept as the last millisecond of the day.
            if hour == 24 || second >= 60 {
                if hour == 24 { hour = 23; minute = 59 }
                second = 59.999
            }
        }
        guard !negativeYear,
              let value = LocalDateTime(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, second: second)
        else {
            // Well-formed but beyond what a spreadsheet date holds (year 0, 10000, BC): kept as its text.
            return (1...12).contains(month) && (1...31).contains(dayOfMonth) ? .text(text) : nil
        }
        return .date(value)
    }

    /// An `office:time-value`, an XML Schema duration as LibreOffice writes it (`PT13H45M30S`, `PT36H00M00.5S`,
    /// `-PT1H`, `P1DT2H`), as a time: a time of day under 24 hours, an elapsed duration from 24 hours on or
    /// below zero (LibreOffice formats those `[HH]:MM:SS`, which the XLSX reader reads as elapsed). Rounded to
    /// the millisecond; nil when malformed or when it has years or months (which name no fixed length).
    static func time(_ text: String) -> CellValue? {
        var rest = Substring(text)
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        var seconds = 0.0
        var inTime = false
        var sawField = false
        var number = ""
        for character in rest {
            switch character {
            case "0"..."9", ".":
                number.append(character)
            case "T":
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
            case "D", "H", "M", "S":
                guard let value = Double(number), value.isFinite, !number.isEmpty else { return nil }
                switch (character, inTime) {
                case ("D", false): seconds += value * 86_400
                case ("H", true): seconds += value * 3600
                case ("M", true): seconds += value * 60
                case ("S", true): seconds += value
                default: return nil
                }
                number = ""
                sawField = true
            default:
                return nil
            }
        }
        guard sawField, number.isEmpty, seconds < 9e12 else { return nil }
        let rounded = (seconds * 1000).rounded() / 1000 * (negative ? -1 : 1)
        return .time(seconds: rounded, elapsed: rounded < 0 || rounded >= 86_400)
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
