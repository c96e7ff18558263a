public import TabularCSV
public import TabularCore

/// Something a conversion did that the user should know, without failing: typed, so that each command renders it in
/// the user's language (`description` is the English line).
public enum ConversionWarning: Sendable, Hashable, CustomStringConvertible {
    /// Rows above the header read as a title (`rows` is 1-based, `headerRow` the header's row).
    case titleRows(input: String, rows: ClosedRange<Int>, headerRow: Int)
    /// A table longer than a sheet continued on another sheet, the header repeated.
    case continuedOnSheet(input: String, rowsPerSheet: Int, sheet: String)
    /// A row of another width than the header (the CSV reader's warning).
    case csv(CSVWarning)
    /// More reader warnings like the ones shown were left out.
    case omitted(input: String, count: Int)
    /// A field longer than Excel's 32,767 characters was cut (with --truncate).
    case textCut(SourceLocation)
    /// Formula cells without a cached value were read as empty (`first` is `Sheet!A1`).
    case formulasWithoutValue(count: Int, first: String)

    /// The English line, without the `warning:` prefix.
    public var description: String {
        switch self {
        case .titleRows(let input, let rows, let headerRow):
            let above = rows.count == 1 ? "row \(rows.lowerBound) reads" : "rows \(rows.lowerBound)–\(rows.upperBound) read"
            return "\(input): \(above) as a title above the header in row \(headerRow); pass --header-row N to choose"
        case .continuedOnSheet(let input, let rowsPerSheet, let sheet):
            return "\(input): more than \(rowsPerSheet - 1) rows; continuing on sheet '\(sheet)' with the header repeated"
        case .csv(let warning):
            return "\(warning.location): \(warning.message)"
        case .omitted(let input, let count):
            return "\(input): \(count) more warnings like these were not shown"
        case .textCut(let location):
            return "\(location): a field of more than 32,767 characters was cut to fit Excel"
        case .formulasWithoutValue(let count, let first):
            let cells = count == 1 ? "1 formula cell has" : "\(count) formula cells have"
            return "\(cells) no cached value (first: \(first)); open and save the file in Excel to compute them"
        }
    }
}
