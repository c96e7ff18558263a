/// A calendar date and wall-clock time with no time zone, as Excel and office documents mean dates.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Packed into 16 bytes (six `Int`-sized fields took 48), since every date cell of a table holds one: a table
    // of a province's measures keeps hundreds of thousands of cells, and `CellValue` is as large as its largest case.
    private var storedSecond: Double
    private var storedYear: Int32
    private var storedMonth: UInt8
    private var storedDay: UInt8
    private var storedHour: UInt8
    private var storedMinute: UInt8

    /// The proleptic Gregorian year.
    public var year: Int { Int(storedYear) }
    /// The month, 1–12.
    public var month: Int { Int(storedMonth) }
    /// The day of the month, 1–31.
    public var day: Int { Int(storedDay) }
    /// The hour, 0–23.
    public var hour: Int { Int(storedHour) }
    /// The minute, 0–59.
    public var minute: Int { Int(storedMinute) }
    /// The second with its fraction, 0 ≤ second < 60.
    public var second: Double { storedSecond }

    /// Creates a date-time if the parts name a real calendar moment; nil for 2025-13-01 or 2025-02-30.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDateTime.daysInMonth(year: year, month: month),
              (0...23).contains(hour), (0...59).contains(minute), second >= 0, second < 60
        else { return nil }
        storedYear = Int32(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
        storedHour = UInt8(hour)
        storedMinute = UInt8(minute)
        storedSecond = second
    }

    /// The same day at another time of day; nil when the time is not one (hour 24, a negative second).
    public func at(hour: Int, minute: Int, second: Double) -> LocalDateTime? {
        LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Whether any part of the time of day is set.
    public var hasTime: Bool { hour != 0 || minute != 0 || second != 0 }

    /// The date alone, at midnight.
    public var dateOnly: LocalDateTime {
        var copy = self
        copy.storedHour = 0
        copy.storedMinute = 0
        copy.storedSecond = 0
        return copy
    }

    /// Whether the year is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of the date part (negative before), by the civil-from-days algorithm.
    public var daysSinceUnixEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01, at midnight.
    public static func fromDaysSinceUnixEpoch(_ days: Int) -> LocalDateTime? {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return LocalDateTime(year: year, month: month, day: day)
    }

    /// This date plus a number of days (negative to go back), time of day kept.
    public func adding(days: Int) -> LocalDateTime? {
        LocalDateTime.fromDaysSinceUnixEpoch(daysSinceUnixEpoch + days)?.at(hour: hour, minute: minute, second: second)
    }

    /// Whole days from this date to another (date parts only); positive when `other` is later.
    public func days(to other: LocalDateTime) -> Int {
        other.daysSinceUnixEpoch - daysSinceUnixEpoch
    }

    /// ISO 8601: `2025-03-31`, or `2025-03-31T08:30:00` when there is a time part (fraction only when present).
    public var description: String { hasTime ? "\(isoDate)T\(isoTime)" : isoDate }

    /// The date part as `YYYY-MM-DD`.
    public var isoDate: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// The time part as `HH:MM:SS`, with a fraction of a second only when there is one.
    public var isoTime: String {
        let whole = Int(second)
        var text = "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(whole, 2))"
        let fraction = second - Double(whole)
        if fraction > 0.0000005 {
            let micros = Int((fraction * 1_000_000).rounded())
            var digits = pad(micros, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }
}

/// Zero-pads a non-negative integer to a width.
private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
