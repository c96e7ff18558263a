/// Finds a table's header row below title rows: a banner (`2025年第一季度职工花名册`), blank lines, or rows that
/// name fewer columns than the row under them.
///
/// The rule, shared by the converter (which knows no column names) and the domain's table reading (which ranks rows
/// by the columns it recognizes): among the first `searchRows` rows, a row is skipped while it reads as a title (at
/// most one distinct text) or ranks lower than the row after it; the first row not skipped is the header.
public enum HeaderSearch {
    /// How many leading rows are searched for the header.
    public static let searchRows = 12

    /// The number of distinct non-empty texts in a row, each compared after `key` (by default trimmed of whitespace
    /// and zero-width characters); a merged banner repeated across its cells counts once.
    public static func distinctTexts(in row: Row, key: (String) -> String = HeaderSearch.trimmed) -> Int {
        var seen: Set<String> = []
        for cell in row.cells {
            let text = key(cell.text)
            if !text.isEmpty { seen.insert(text) }
        }
        return seen.count
    }

    /// Whether a row reads as a title or a blank line above a header: at most one distinct text.
    public static func readsAsTitle(_ row: Row, key: (String) -> String = HeaderSearch.trimmed) -> Bool {
        distinctTexts(in: row, key: key) <= 1
    }

    /// The 0-based index of the header row in `rows`: the first of the leading `searchRows` rows that neither reads
    /// as a title (`isTitle`) nor ranks lower than the row after it (`rank`, by default equal for every row).
    ///
    /// - Returns: `min(rows.count, searchRows)` when every row searched was skipped; the caller decides what a
    ///   table without a header found means (the converter takes its first row, the domain reports it).
    public static func headerIndex(
        in rows: [Row], isTitle: (Row) -> Bool = { HeaderSearch.readsAsTitle($0) }, rank: (Row) -> Int = { _ in 0 }
    ) -> Int {
        var index = 0
        let limit = min(rows.count, searchRows)
        while index < limit {
            let next = index + 1 < rows.count ? rank(rows[index + 1]) : 0
            if isTitle(rows[index]) || rank(rows[index]) < next { index += 1 } else { break }
        }
        return index
    }

    /// A text without leading and trailing whitespace (full-width spaces included) and zero-width characters.
    public static func trimmed(_ text: String) -> String {
        func isBlank(_ character: Character) -> Bool {
            character.isWhitespace || character.unicodeScalars.allSatisfy { [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].contains($0.value) }
        }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(text[first...last])
    }
}
