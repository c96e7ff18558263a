extension CellValue {
    /// The value as text: what a CSV gets, and how the domain reads typed workbook cells. Lossless and
    /// locale-independent, as a spreadsheet user expects (see `formatCellForCSV`).
    public var text: String { formatCellForCSV(self) }
}

/// The text a cell value gets in CSV output: lossless, locale-independent, as a spreadsheet user expects.
///
/// Numbers are the shortest text that reads back as the same double (`0.1`, not `0.1000000000000000055`);
/// integers below 10^16 in magnitude are plain digits without `.0`; larger or tiny numbers use Swift's shortest
/// form (`1e+16`, `1e+20`, `1.5e-07`). Dates are ISO 8601 (`2025-03-31`, `2025-03-31T08:30:00`); times of day `HH:MM:SS`; elapsed
/// times `H:MM:SS` with hours past 24 (`-` before negative durations); booleans `TRUE`/`FALSE`; errors as
/// their text (`#N/A`); empty cells as the empty string.
func formatCellForCSV(_ value: CellValue) -> String {
    switch value {
    case .empty: return ""
    case .text(let text): return text
    case .number(let number): return formatNumber(number)
    case .bool(let flag): return flag ? "TRUE" : "FALSE"
    case .date(let date): return date.description
    case .time(let seconds, let elapsed): return formatDuration(seconds, elapsed: elapsed)
    case .error(let text): return text
    }
}

/// A double as the shortest round-trip text, integers below 10^16 as plain digits.
func formatNumber(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e16 {
        return String(Int64(number))
    }
    return number.description
}

/// Seconds as `HH:MM:SS` (time of day) or `H:MM:SS` (elapsed), with a fraction of a second only when present.
func formatDuration(_ seconds: Double, elapsed: Bool) -> String {
    // Past about 290,000 years microseconds no longer fit in Int64; such a value is only a number.
    guard seconds.isFinite, abs(seconds) < 9e12 else { return formatNumber(seconds) }
    let negative = seconds < 0
    let micros = Int64((abs(seconds) * 1_000_000).rounded())
    let whole = micros / 1_000_000
    let fraction = micros % 1_000_000
    let hours = whole / 3600
    let minutes = (whole % 3600) / 60
    let secs = whole % 60
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    var text = elapsed ? "\(hours)" : two(hours)
    text += ":\(two(minutes)):\(two(secs))"
    if fraction > 0 {
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        text += "." + digits
    }
    return negative ? "-" + text : text
}
