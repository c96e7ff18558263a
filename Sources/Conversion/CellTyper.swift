import TabularCore

/// Turns a CSV row's text into typed cells for the workbook, enforcing Excel's limits on the way.
struct CellTyper: Sendable {
    /// Excel's longest cell text, in UTF-16 code units.
    static let maxTextLength = 32_767

    private let inference: TypeInference
    private let inferTypes: Bool
    private let truncate: Bool
    private let file: String
    /// The forced type of each column that has one, by 0-based index.
    private let forced: [Int: ColumnType]

    /// Resolves the `--type` overrides against the header: a header text (exact), else a 1-based number, else
    /// column letters (`C`).
    ///
    /// - Throws: `ConversionError.unknownColumn` for an override that names no column.
    init(header: [String], inferTypes: Bool, truncate: Bool, overrides: [ColumnTypeOverride], file: String) throws {
        inference = TypeInference()
        self.inferTypes = inferTypes
        self.truncate = truncate
        self.file = file
        var forced: [Int: ColumnType] = [:]
        for override in overrides {
            let index = header.firstIndex(of: override.column)
                ?? Int(override.column).flatMap { $0 >= 1 ? $0 - 1 : nil }
                ?? CellAddress.columnIndex(override.column)
            guard let index else {
                let names = header.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
                throw ConversionError(.unknownColumn,
                                      "--type names no column '\(override.column)'; use a header (\(names)) or a 1-based number",
                                      location: SourceLocation(file: file, line: 1))
            }
            forced[index] = override.type
        }
        self.forced = forced
    }

    /// The typed cells of a row.
    ///
    /// - Throws: `ConversionError` `.tooManyColumns` past 16,384 fields, `.textTooLong` for a field past 32,767
    ///   characters (unless truncating, when `warn` is told instead), located at the file's line and column.
    func type(_ row: Row, warn: (ConversionWarning) -> Void) throws -> [TypedCell] {
        guard row.cells.count <= CellAddress.maxColumn + 1 else {
            throw ConversionError(.tooManyColumns,
                                  "\(row.cells.count) fields; Excel sheets hold at most 16,384 columns",
                                  location: SourceLocation(file: file, line: row.line))
        }
        var cells: [TypedCell] = []
        cells.reserveCapacity(row.cells.count)
        for (column, cell) in row.cells.enumerated() {
            guard case var .text(text) = cell, !text.isEmpty else {
                cells.append(.empty)
                continue
            }
            if text.utf8.count > CellTyper.maxTextLength, text.utf16.count > CellTyper.maxTextLength {
                let location = SourceLocation(file: file, line: row.line, column: column + 1)
                guard truncate else {
                    throw ConversionError(.textTooLong,
                                          "a field of \(text.utf16.count) characters is longer than Excel's 32,767; shorten it or pass --truncate",
                                          location: location)
                }
                text = Self.truncated(text)
                warn(.textCut(location))
            }
            cells.append(typed(text, column: column))
        }
        return cells
    }

    private func typed(_ text: String, column: Int) -> TypedCell {
        let columnType = forced[column] ?? .automatic
        guard inferTypes || columnType != .automatic else { return .text(text, looksNumeric: false) }
        switch inference.infer(text, as: columnType) {
        case .empty:
            return .empty
        case let .text(value, looksNumeric):
            return .text(value, looksNumeric: looksNumeric)
        case let .number(value, style):
            return .number(value, format: Self.numberFormat(style))
        case let .date(value, hasTime):
            return .date(value, format: hasTime ? (value.second.rounded() == value.second ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd hh:mm:ss.000") : "yyyy-mm-dd")
        }
    }

    /// The Excel number format that shows a number the way its text was written; nil for General.
    static func numberFormat(_ style: NumberStyle) -> String? {
        let fraction = style.fractionDigits > 0 ? "." + String(repeating: "0", count: min(style.fractionDigits, 15)) : ""
        switch style.kind {
        case .integer:
            return style.groupsThousands ? "#,##0" : nil
        case .decimal:
            return (style.groupsThousands ? "#,##0" : "0") + fraction
        case .percent:
            return "0" + fraction + "%"
        case .scientific:
            return "0" + fraction + "E+00"
        }
    }

    /// The longest prefix of whole characters within Excel's limit.
    static func truncated(_ text: String) -> String {
        var units = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf16.count
            if units + width > maxTextLength { break }
            units += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}
