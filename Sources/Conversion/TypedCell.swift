import TabularCore

/// A cell decided for the workbook: its Excel type and, for numbers and dates, the number format that keeps the
/// input's look.
public enum TypedCell: Sendable, Hashable {
    /// Nothing is written.
    case empty
    /// A string cell; `looksNumeric` marks digits kept as text (IDs, codes) so Excel does not flag them.
    case text(String, looksNumeric: Bool)
    /// A number with an Excel number format, or nil for General.
    case number(Double, format: String?)
    /// A date or date-time with its Excel number format.
    case date(LocalDateTime, format: String)
    /// A boolean.
    case bool(Bool)
}
