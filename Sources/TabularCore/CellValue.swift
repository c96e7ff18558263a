/// One cell's value as a reader delivers it: CSV readers deliver text, workbook readers typed values.
public enum CellValue: Sendable, Hashable {
    /// A cell with nothing in it.
    case empty
    /// Text, exactly as stored.
    case text(String)
    /// A number (Excel stores every number as a double).
    case number(Double)
    /// A boolean.
    case bool(Bool)
    /// A date or date-time, without a time zone (Excel dates are naive).
    case date(LocalDateTime)
    /// A time of day or an elapsed duration with no date part, in seconds.
    case time(seconds: Double, elapsed: Bool)
    /// An Excel error value such as `#N/A`.
    case error(String)

    /// Whether the cell holds nothing, or only an empty string.
    public var isEmpty: Bool {
        switch self {
        case .empty: true
        case .text(let text): text.isEmpty
        default: false
        }
    }
}
