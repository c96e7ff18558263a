import TabularCore

/// A column of a domain table: its header as printed, its 0-based index and the field it means, if any.
public struct Column: Sendable, Hashable {
    /// The 0-based column index.
    public var index: Int
    /// The header as printed (the lower row of a two-row header, the upper where the lower is blank), trimmed.
    public var header: String
    /// The field the header means, or nil for a pass-through column.
    public var field: Field?

    /// Creates a column.
    public init(index: Int, header: String, field: Field?) {
        self.index = index
        self.header = header
        self.field = field
    }
}

/// A table's header found and its data rows prepared: merged cells filled, parent levels filled down.
struct TableLayout {
    /// The 1-based line of the (lower) header row.
    var headerLine: Int
    /// Every column that has a header, left to right.
    var columns: [Column]
    /// The column index of each recognized field (the first column wins when two mean the same field).
    var fieldIndex: [Field: Int]
    /// The data rows after the header, empty rows dropped, merged areas and parent levels filled.
    var rows: [Row]

    /// How many leading rows are searched for the header.
    static let headerSearchRows = 12

    init(table: Table, kind: Field.TableKind, overrides: [String: Field], fillLevels: [[Field]]) throws {
        var rows = TableLayout.fillingMerged(table)
        func recognized(_ row: Row) -> Int {
            Set(row.cells.compactMap { TableLayout.field(of: $0, kind: kind, overrides: overrides) }).count
        }
        func distinctTexts(_ row: Row) -> Int {
            Set(row.cells.map { TextNormalization.normalized($0.text) }.filter { !$0.isEmpty }).count
        }
        // Skip empty rows and title rows (one distinct text, or fewer recognized headers than the next row).
        var index = 0
        let limit = min(rows.count, TableLayout.headerSearchRows)
        while index < limit {
            let row = rows[index]
            let next = index + 1 < rows.count ? recognized(rows[index + 1]) : 0
            if distinctTexts(row) <= 1 || recognized(row) < next { index += 1 } else { break }
        }
        guard index < rows.count, recognized(rows[index]) >= 2 else {
            throw RectificationError(
                .noHeader, location: table.location(line: rows.first?.line ?? 1),
                message: "no header row with at least two recognized column names in the first \(TableLayout.headerSearchRows) rows; "
                    + "name the columns (e.g. 问题编号, 整改措施, 责任领导) or map them with HEADER=field"
            )
        }
        // A two-row header: a group cell such as 责任主体 above 责任领导/责任单位/责任人. The upper row may have been
        // taken for a title when the lower names more fields; then it is the row just above.
        var upper = index
        if index > 0, distinctTexts(rows[index - 1]) > 1, recognized(rows[index - 1]) > 0,
           TableLayout.isSubheader(rows[index], below: rows[index - 1], kind: kind, overrides: overrides) {
            upper = index - 1
        }
        var header = rows[upper].cells.map { TextNormalization.normalized($0.text) }
        var headerLine = rows[upper].line
        var firstData = upper + 1
        if firstData < rows.count, TableLayout.isSubheader(rows[firstData], below: rows[upper], kind: kind, overrides: overrides) {
            let lower = rows[firstData].cells.map { TextNormalization.normalized($0.text) }
            for column in 0..<max(header.count, lower.count) {
                let text = column < lower.count ? lower[column] : ""
                if !text.isEmpty {
                    if column < header.count { header[column] = text } else { header.append(text) }
                }
            }
            headerLine = rows[firstData].line
            firstData += 1
        }
        var columns: [Column] = []
        var fieldIndex: [Field: Int] = [:]
        for (column, text) in header.enumerated() where !text.isEmpty {
            var field = TableLayout.field(of: .text(text), kind: kind, overrides: overrides)
            if let known = field {
                if fieldIndex[known] == nil { fieldIndex[known] = column } else { field = nil }
            }
            columns.append(Column(index: column, header: text, field: field))
        }
        rows = Array(rows[firstData...]).filter { row in
            row.cells.contains { !TextNormalization.normalized($0.text).isEmpty }
        }
        // A repeated header (a printed table's page break) is not data.
        rows.removeAll { row in
            columns.allSatisfy { TextNormalization.normalized(row[$0.index].text) == $0.header }
        }
        TableLayout.fillDown(&rows, levels: fillLevels.map { $0.compactMap { fieldIndex[$0] } }.filter { !$0.isEmpty })
        self.headerLine = headerLine
        self.columns = columns
        self.fieldIndex = fieldIndex
        self.rows = rows
    }

    /// The header a column has, for findings.
    func header(of field: Field) -> String? {
        fieldIndex[field].flatMap { index in columns.first { $0.index == index }?.header }
    }

    /// The cell of a field in a row, `.empty` when the table has no such column.
    func value(_ field: Field, in row: Row) -> CellValue {
        fieldIndex[field].map { row[$0] } ?? .empty
    }

    /// The trimmed, NFKC-normalized text of a field in a row.
    func text(_ field: Field, in row: Row) -> String {
        TextNormalization.normalized(value(field, in: row).text)
    }

    /// The field a header cell means, the user's mapping first.
    static func field(of value: CellValue, kind: Field.TableKind, overrides: [String: Field]) -> Field? {
        let text = value.text
        if let mapped = overrides[TextNormalization.headerKey(text)] {
            // In the definitions, the issue reference is the row's own ID.
            return kind == .issues && mapped == .issue ? .id : mapped
        }
        return Field.recognizing(header: text, in: kind)
    }

    /// Whether a row is the lower half of a two-row header: it names at least one field where the upper row is blank
    /// or a group cell, and every other non-empty cell repeats the cell above (a vertically merged header).
    static func isSubheader(_ row: Row, below upper: Row, kind: Field.TableKind, overrides: [String: Field]) -> Bool {
        var names = 0
        for (column, value) in row.cells.enumerated() {
            let text = TextNormalization.normalized(value.text)
            if text.isEmpty { continue }
            let above = TextNormalization.normalized(upper[column].text)
            if text == above { continue }
            guard field(of: value, kind: kind, overrides: overrides) != nil else { return false }
            names += 1
        }
        return names > 0
    }

    /// The table's rows with every merged area's cells set to its top-left value.
    static func fillingMerged(_ table: Table) -> [Row] {
        var rows = table.rows
        guard !table.mergedRanges.isEmpty else { return rows }
        var indexOfLine: [Int: Int] = [:]
        for (index, row) in rows.enumerated() where indexOfLine[row.line] == nil { indexOfLine[row.line] = index }
        // Clip areas to the rows and columns present, so that a banner merged to column XFD or an area reaching
        // row 1,048,576 costs no more than the table itself.
        let lastLine = rows.map(\.line).max() ?? 0
        let lastColumn = max(0, (rows.map(\.cells.count).max() ?? 0) - 1)
        for range in table.mergedRanges {
            guard let top = indexOfLine[range.first.row + 1], range.first.column <= lastColumn else { continue }
            let value = rows[top][range.first.column]
            for line in (range.first.row + 1)...min(range.last.row + 1, lastLine) {
                guard let index = indexOfLine[line] else { continue }
                for column in range.first.column...min(range.last.column, lastColumn) {
                    if column >= rows[index].cells.count {
                        rows[index].cells += Array(repeating: .empty, count: column - rows[index].cells.count + 1)
                    }
                    if rows[index].cells[column].isEmpty { rows[index].cells[column] = value }
                }
            }
        }
        return rows
    }

    /// Fills blank parent levels from the row above, top level first; a level is filled only while every level
    /// above it was blank too (a new aspect starts a new problem).
    static func fillDown(_ rows: inout [Row], levels: [[Int]]) {
        guard rows.count > 1 else { return }
        for index in 1..<rows.count {
            for level in levels {
                let blank = level.allSatisfy { TextNormalization.normalized(rows[index][$0].text).isEmpty }
                guard blank else { break }
                for column in level {
                    if column >= rows[index].cells.count {
                        rows[index].cells += Array(repeating: .empty, count: column - rows[index].cells.count + 1)
                    }
                    rows[index].cells[column] = rows[index - 1][column]
                }
            }
        }
    }
}
