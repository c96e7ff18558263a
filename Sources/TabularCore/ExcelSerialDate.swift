/// Excel's two date systems: serial day numbers counted from 1900 (with its 1900-02-29 quirk) or from 1904.
public enum ExcelDateSystem: Sendable, Hashable {
    /// Day 1 is 1900-01-01, and day 60 is the fictitious 1900-02-29 that Lotus 1-2-3 introduced.
    case from1900
    /// Day 0 is 1904-01-01 (older Mac workbooks; `date1904` in workbook.xml).
    case from1904

    /// The naive date-time a serial number means, or nil for negative serials and the fictitious 1900-02-29.
    public func dateTime(fromSerial serial: Double) -> LocalDateTime? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var secondsOfDay = ((serial - Double(days)) * 86_400 * 1_000_000).rounded() / 1_000_000
        if secondsOfDay >= 86_400 {
            days += 1
            secondsOfDay -= 86_400
        }
        let epochOffset: Int
        switch self {
        case .from1900:
            if days == 60 { return nil }
            // Serial 1 is 1900-01-01; serials after the fictitious 29 February are one day ahead.
            epochOffset = days < 60 ? -25_568 : -25_569
        case .from1904:
            epochOffset = -24_107
        }
        guard days > 0 || self == .from1904 || secondsOfDay > 0 else {
            // Serial 0 in the 1900 system is the time-only "day zero"; callers treat it as a time.
            return nil
        }
        let hour = Int(secondsOfDay / 3600)
        let minute = Int((secondsOfDay - Double(hour) * 3600) / 60)
        let second = max(0, secondsOfDay - Double(hour) * 3600 - Double(minute) * 60)
        return LocalDateTime.fromDaysSinceUnixEpoch(days + epochOffset)?.at(hour: hour, minute: minute, second: second)
    }

    /// The serial number of a naive date-time in this system.
    public func serial(of dateTime: LocalDateTime) -> Double {
        var days = dateTime.daysSinceUnixEpoch
        switch self {
        case .from1900:
            days += 25_569
            if days <= 60 { days -= 1 }
        case .from1904:
            days += 24_107
        }
        let seconds = Double(dateTime.hour * 3600 + dateTime.minute * 60) + dateTime.second
        return Double(days) + seconds / 86_400
    }
}
