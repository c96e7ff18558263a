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
struct TableLayout: Sendable {
    /// The 1-based line of the (lower) header row.
    var headerLine: Int
    /// Every column that has a header, left to right.
    var columns: [Column]
    /// The column index of each recognized field (the first column wins when two mean the same field).
    var fieldIndex: [Field: Int]
    /// The data rows after the header, empty rows and the footer dropped, merged areas and parent levels filled.
    var rows: [Row]
    /// Columns with a header that no field took: unknown words, or a second column that reads as a field another
    /// column already has (`alsoReads`).
    var ignored: [Finding.IgnoredColumn]
    /// The footer under the data (审核人：…, 填表人：…, 联系电话：…, 注：…, the office and the date), left out of the rows.
    var footer: [Row]
    /// The header keys the table has, for checking that every `--map` names a real column.
    var headerKeys: Set<String>
    /// The texts of the title rows above the header (县科协落实巡察反馈问题整改任务分解表), in order.
    var titles: [String]
    /// The column read as the aspect because it groups the rows (`groupingColumn`), with its number of groups.
    var grouping: (header: String, groups: Int)?

    /// How many leading rows are searched for the header.
    static let headerSearchRows = HeaderSearch.searchRows

    /// Finds the header and prepares the rows.
    ///
    /// - Parameters:
    ///   - exclusive: read only the columns `overrides` names (a ledger read back through its snapshot), none by
    ///     meaning.
    ///   - known: header keys of columns that have a role outside the fields (序号, 状态 in a ledger); they are not
    ///     reported as ignored.
    ///   - groupsRows: when the table has no aspect or problem column, look for a column that groups the rows
    ///     (`groupingColumn`) and read it as the aspect; set where the outline comes from this table alone.
    init(
        table: Table, kind: Field.TableKind, overrides: [String: Field], fillLevels: [[Field]], exclusive: Bool = false,
        known: Set<String> = [], groupsRows: Bool = false
    ) throws {
        var rows = TableLayout.fillingMerged(table)
        let rows0 = rows
        func recognized(_ row: Row) -> Int {
            Set(row.cells.compactMap { TableLayout.field(of: $0, kind: kind, overrides: overrides, exclusive: exclusive) }).count
        }
        func distinctTexts(_ row: Row) -> Int {
            HeaderSearch.distinctTexts(in: row, key: TextNormalization.normalized)
        }
        // Skip empty rows and title rows (one distinct text, or fewer recognized headers than the next row).
        let index = HeaderSearch.headerIndex(in: rows, isTitle: { distinctTexts($0) <= 1 }, rank: recognized)
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
           TableLayout.isSubheader(rows[index], below: rows[index - 1], kind: kind, overrides: overrides, exclusive: exclusive) {
            upper = index - 1
        }
        var header = rows[upper].cells.map { TextNormalization.normalized($0.text) }
        var headerLine = rows[upper].line
        var firstData = upper + 1
        if firstData < rows.count,
           TableLayout.isSubheader(rows[firstData], below: rows[upper], kind: kind, overrides: overrides, exclusive: exclusive) {
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
        // Usual names and the user's mappings claim their fields first, left to right; then readings by meaning
        // take the fields still free. A column whose field is taken already is reported, never silently merged.
        let recognitions = header.map {
            $0.isEmpty ? nil : TableLayout.recognition(of: .text($0), kind: kind, overrides: overrides, exclusive: exclusive)
        }
        var fieldIndex: [Field: Int] = [:]
        for pass in [true, false] {
            for (column, recognition) in recognitions.enumerated() {
                guard let recognition, recognition.isExact == pass, fieldIndex[recognition.field] == nil else { continue }
                fieldIndex[recognition.field] = column
            }
        }
        var columns: [Column] = []
        var ignored: [Finding.IgnoredColumn] = []
        for (column, text) in header.enumerated() where !text.isEmpty {
            let taken = recognitions[column].map { fieldIndex[$0.field] == column } ?? false
            let field = taken ? recognitions[column]?.field : nil
            if field == nil, !known.contains(TextNormalization.headerKey(text)) { ignored.append(Finding.IgnoredColumn(header: text, alsoReads: recognitions[column]?.field)) }
            columns.append(Column(index: column, header: text, field: field))
        }
        rows = Array(rows[firstData...]).filter { row in
            row.cells.contains { !TextNormalization.isBlank($0.text) }
        }
        // A repeated header (a printed table's page break) is not data. Texts whose characters are single scalars
        // are equal exactly when their bytes are (`==` would compare them character by character).
        // A cell whose text is ASCII (a number, a boolean, an empty cell, an ASCII text) is not a header that is
        // not: NFKC leaves ASCII as it is and trimming keeps it ASCII. So a number column under 序号 is told from its
        // header without formatting and normalizing every number.
        let singleScalarHeaders = columns.map { TextNormalization.isSingleScalarText($0.header) }
        let nonASCIIHeaders = columns.map { $0.header.utf8.contains { $0 >= 0x80 } }
        rows.removeAll { row in
            columns.indices.allSatisfy { position in
                let header = columns[position].header
                let value = row[columns[position].index]
                if nonASCIIHeaders[position] {
                    switch value {
                    case .empty, .number, .bool: return false
                    case .text(let raw) where raw.utf8.allSatisfy({ $0 < 0x80 }): return false
                    default: break
                    }
                }
                let text = TextNormalization.normalized(value.text)
                if UTF8Key.same(text, header) { return true }
                if singleScalarHeaders[position], TextNormalization.isSingleScalarText(text) { return false }
                return text == header
            }
        }
        let footer = TableLayout.footer(of: rows, fieldIndex: fieldIndex)
        rows.removeLast(footer.count)
        var grouping: (header: String, groups: Int)?
        if groupsRows, !exclusive, fieldIndex[.aspect] == nil, fieldIndex[.problem] == nil,
           let groupingIndex = TableLayout.groupingColumn(rows: rows, columns: columns, fieldIndex: fieldIndex),
           let position = columns.firstIndex(where: { $0.index == groupingIndex }) {
            let column = columns[position]
            fieldIndex[.aspect] = groupingIndex
            if column.field == nil {
                columns[position].field = .aspect
                ignored.removeAll { $0.header == column.header }
                // A place or a unit that groups the rows is also who answers for them, when no other column says.
                if fieldIndex[.unit] == nil, TableLayout.namesPlaceOrUnit(column.header) { fieldIndex[.unit] = groupingIndex }
            }
            let groups = Set(rows.map { TextNormalization.normalized($0.text(at: groupingIndex)) }.filter { !$0.isEmpty })
            grouping = (column.header, groups.count)
        }
        TableLayout.fillDown(&rows, levels: fillLevels.map { $0.compactMap { fieldIndex[$0] } }.filter { !$0.isEmpty })
        self.headerLine = headerLine
        self.columns = columns
        self.fieldIndex = fieldIndex
        self.rows = rows
        self.ignored = ignored
        self.footer = footer
        self.headerKeys = Set(header.map(TextNormalization.headerKey).filter { !$0.isEmpty })
        self.titles = rows0[..<upper].compactMap { row in
            row.cells.map { TextNormalization.normalized($0.text) }.first { !$0.isEmpty }
        }
        self.grouping = grouping
    }

    /// Words of a header that names a place (县(区), 乡镇, 街道, 地区), an organisation (单位, 部门) or a kind of thing
    /// (类别, 方式, 专项): what a column that groups rows is about.
    static let groupingWords = [
        "省", "市", "县", "区", "乡", "镇", "街道", "村", "社区", "地区", "区域", "地方", "属地", "片区",
        "单位", "部门", "科室", "股室", "处室", "系统", "机构", "领域", "行业",
        "类别", "类型", "分类", "种类", "方式", "方面", "板块", "专题", "专项", "批次", "性质", "来源",
    ]

    /// Words of a header that names a place or an organisation (the first two groups of `groupingWords`).
    static let placeOrUnitWords = [
        "省", "市", "县", "区", "乡", "镇", "街道", "村", "社区", "地区", "区域", "地方", "属地", "片区",
        "单位", "部门", "科室", "股室", "处室", "机构",
    ]

    /// Whether a header names a place or an organisation: 县(区), 乡镇, 地区, 单位.
    static func namesPlaceOrUnit(_ header: String) -> Bool {
        let key = TextNormalization.headerKey(TextNormalization.simplified(header))
        return placeOrUnitWords.contains { key.contains($0) }
    }

    /// The column that groups the rows, read as the aspect when a table has no aspect or problem column. A clerk
    /// reads a column as the rows' category when all of these hold:
    ///
    /// - it stands left of what it groups (the issue text, else the measure, else the status): categories come first;
    /// - it is not read as any field but the unit (an ID, a deadline or a person groups nothing), and its header
    ///   (at most 10 characters) names a place, an organisation or a kind of thing (县(区), 地区, 单位, 类别,
    ///   整改方式: `groupingWords`);
    /// - its values come in runs: written on the first row of a run and left blank below it (or repeated, as a merged
    ///   cell reads), at least one run longer than a row, at least two runs, and no value starting a second run once
    ///   another value came between (a grouping, not a column whose values recur);
    /// - every value is short (at most 20 characters): a name, not a sentence.
    ///
    /// The leftmost such column wins. Items with the same name under two groups are then two issues, since an
    /// issue's key includes its aspect (乡镇污水处理站建设 in 巴州区 and in 恩阳区).
    static func groupingColumn(rows: [Row], columns: [Column], fieldIndex: [Field: Int]) -> Int? {
        guard rows.count > 2,
              let item = fieldIndex[.issueText] ?? fieldIndex[.measure] ?? fieldIndex[.status] ?? fieldIndex[.issue]
        else { return nil }
        let idColumns = Set([Field.id, .issue].compactMap { fieldIndex[$0] })
        return columns.first { column in
            guard column.index < item, column.field == nil || column.field == .unit, !idColumns.contains(column.index)
            else { return false }
            let key = TextNormalization.headerKey(TextNormalization.simplified(column.header))
            guard key.count <= 10, groupingWords.contains(where: { key.contains($0) }) else { return false }
            return isGrouping(rows.map { TextNormalization.normalized($0.text(at: column.index)) })
        }?.index
    }

    /// Whether a column's values come in runs as a grouping's do (see `groupingColumn`).
    static func isGrouping(_ values: [String]) -> Bool {
        guard let first = values.first, !first.isEmpty else { return false }
        var seen: Set<String> = [first]
        var current = first
        var runs = 1
        var longest = 1
        var length = 1
        for value in values.dropFirst() {
            guard value.count <= 20 else { return false }
            if value.isEmpty || value == current {
                length += 1
                longest = max(longest, length)
                continue
            }
            guard seen.insert(value).inserted else { return false }
            current = value
            runs += 1
            length = 1
        }
        return first.count <= 20 && runs >= 2 && longest >= 2
    }

    /// Words that open a footer line under a table when followed by a colon: 审核人：, 填表人：, 联系电话：, 注：…
    static let footerLabels = [
        "审核人", "审核", "填表人", "制表人", "填报人", "经办人", "联系人", "联系电话", "电话", "注", "备注", "说明", "填报单位",
        "填报日期", "制表日期", "日期", "盖章", "签字", "签名", "单位负责人", "负责人", "主要负责人", "分管领导", "附表", "附件",
    ]

    /// The rows at the end of the data that are a footer, not measures: read upwards, a row is a footer line when
    /// its first text opens with a label and a colon (审核人：张三, 联系电话:5286660), or when it holds one text only
    /// and that text is in the first column, which is not a text column of the table (特此公示！, the office's name,
    /// the date), or fills several columns (a merged line). The first row that is neither ends the footer.
    static func footer(of rows: [Row], fieldIndex: [Field: Int]) -> [Row] {
        let textColumns = Set([Field.aspect, .problem, .issueText, .measure].compactMap { fieldIndex[$0] })
        var count = 0
        for row in rows.reversed() {
            let texts = row.cells.enumerated().map { ($0.offset, TextNormalization.normalized($0.element.text)) }
                .filter { !$0.1.isEmpty }
            guard let first = texts.first else { break }
            let label = TextNormalization.simplified(first.1)
            let labelled = footerLabels.contains { word in
                label.hasPrefix(word) && label.dropFirst(word.count).first.map { $0 == ":" || $0 == "：" } == true
            }
            let distinct = Set(texts.map(\.1))
            let lone = distinct.count == 1
                && ((texts.count == 1 && first.0 == 0 && !textColumns.contains(0)) || texts.count > 1)
            guard labelled || lone, count + 1 < rows.count else { break }
            count += 1
        }
        return Array(rows.suffix(count))
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
    static func field(of value: CellValue, kind: Field.TableKind, overrides: [String: Field], exclusive: Bool = false) -> Field? {
        recognition(of: value, kind: kind, overrides: overrides, exclusive: exclusive)?.field
    }

    /// How a header cell is recognized; a user's mapping counts as a usual name.
    static func recognition(
        of value: CellValue, kind: Field.TableKind, overrides: [String: Field], exclusive: Bool = false
    ) -> Field.Recognition? {
        let text = value.text
        if let mapped = overrides[TextNormalization.headerKey(text)] {
            // In the definitions, the issue reference is the row's own ID.
            return Field.Recognition(field: kind == .issues && mapped == .issue ? .id : mapped, isExact: true)
        }
        if exclusive { return nil }
        return Field.recognition(header: text, in: kind)
    }

    /// Whether a row is the lower half of a two-row header: it names at least one field where the upper row is blank
    /// or a group cell, and every other non-empty cell repeats the cell above (a vertically merged header).
    static func isSubheader(
        _ row: Row, below upper: Row, kind: Field.TableKind, overrides: [String: Field], exclusive: Bool = false
    ) -> Bool {
        var names = 0
        for (column, value) in row.cells.enumerated() {
            let text = TextNormalization.normalized(value.text)
            if text.isEmpty { continue }
            let above = TextNormalization.normalized(upper.text(at: column))
            if text == above { continue }
            guard field(of: value, kind: kind, overrides: overrides, exclusive: exclusive) != nil else { return false }
            names += 1
        }
        return names > 0
    }

    /// The table's rows with every merged area's cells set to its top-left value: the areas in the table's order,
    /// each filling the cells still empty in the rows present, clipped to the rows and columns present (so that a
    /// banner merged to column XFD or an area reaching row 1,048,576 costs no more than the table itself).
    static func fillingMerged(_ table: Table) -> [Row] {
        var rows = table.rows
        fillMerged(table.mergedRanges, in: &rows)
        return rows
    }

    /// Fills `rows` as `fillingMerged(_:)` does with a table's merged areas `ranges`; in place where the rows are
    /// held by nothing else (`Table.fillMergedAreasForReconciliation()`).
    static func fillMerged(_ ranges: [CellRange], in rows: inout [Row]) {
        guard !ranges.isEmpty, !rows.isEmpty else { return }
        var lastLine = rows[0].line, widest = 0, increasing = true
        for index in rows.indices {
            if index > 0, rows[index].line <= rows[index - 1].line { increasing = false }
            lastLine = max(lastLine, rows[index].line)
            widest = max(widest, rows[index].cells.count)
        }
        let lastColumn = max(0, widest - 1)
        // The row of each line: where lines increase (as a sheet's rows do), the rows of an area's lines follow its
        // top row, so an area is filled walking down from its top row; otherwise the first row of each line.
        var indexOfLine: [Int: Int] = [:]
        if !increasing {
            for (index, row) in rows.enumerated() where indexOfLine[row.line] == nil { indexOfLine[row.line] = index }
        }
        func rowIndex(ofLine line: Int) -> Int? {
            guard increasing else { return indexOfLine[line] }
            var low = 0, high = rows.count
            while low < high {
                let middle = (low + high) / 2
                if rows[middle].line < line { low = middle + 1 } else { high = middle }
            }
            return low < rows.count && rows[low].line == line ? low : nil
        }
        func fill(_ index: Int, columns: ClosedRange<Int>, with value: CellValue) {
            if columns.upperBound >= rows[index].cells.count {
                rows[index].cells += Array(repeating: .empty, count: columns.upperBound - rows[index].cells.count + 1)
            }
            for column in columns where rows[index].cells[column].isEmpty { rows[index].cells[column] = value }
        }
        for range in ranges {
            guard range.first.column <= lastColumn, let top = rowIndex(ofLine: range.first.row + 1) else { continue }
            let value = rows[top][range.first.column]
            let columns = range.first.column...min(range.last.column, lastColumn)
            let endLine = min(range.last.row + 1, lastLine)
            if increasing {
                var index = top
                while index < rows.count, rows[index].line <= endLine {
                    fill(index, columns: columns, with: value)
                    index += 1
                }
            } else {
                for line in (range.first.row + 1)...max(range.first.row + 1, endLine) {
                    guard line <= endLine, let index = indexOfLine[line] else { continue }
                    fill(index, columns: columns, with: value)
                }
            }
        }
    }

    /// Fills blank parent levels from the row above, top level first; a level is filled only while every level
    /// above it was blank too (a new aspect starts a new problem).
    static func fillDown(_ rows: inout [Row], levels: [[Int]]) {
        guard rows.count > 1 else { return }
        for index in 1..<rows.count {
            for level in levels {
                let blank = level.allSatisfy { TextNormalization.isBlank(rows[index].text(at: $0)) }
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
