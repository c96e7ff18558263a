import Foundation
import TabularCore
import TabularXLSX

/// One `table:table-row` element: its cells (trailing empty cells dropped, empty runs inside the row
/// materialized only up to the last value), the 0-based index of its first row, how many rows it stands for
/// (`table:number-rows-repeated`), and the areas its cells span.
struct ODSRowRun {
    /// The row's cells; empty when the row holds no value.
    var cells: [CellValue]
    /// The 0-based row index of the first repetition (may exceed Excel's last row for empty runs).
    var firstRow: Int
    /// The number of rows the element stands for, at least 1.
    var count: Int
    /// The cells of the row that span more than one cell.
    var spans: [Span]

    /// A cell spanning `columns` × `rows` cells from `column` (0-based), from `number-columns-spanned` and
    /// `number-rows-spanned`.
    struct Span {
        var column: Int
        var columns: Int
        var rows: Int
    }

    /// Appends the merged ranges of every repetition of the row to `ranges`, clipped to Excel's grid.
    ///
    /// - Throws: `structureLimit` past `limit` ranges.
    func appendMergedRanges(to ranges: inout [CellRange], limit: Int, location: SourceLocation) throws {
        guard !spans.isEmpty, firstRow <= CellAddress.maxRow else { return }
        let lastRow = min(CellAddress.maxRow, firstRow + count - 1)
        for row in firstRow...lastRow {
            for span in spans where span.column <= CellAddress.maxColumn {
                guard ranges.count < limit else {
                    throw XLSXReadError(.structureLimit, "the sheet has more than \(limit) merged ranges", location: location)
                }
                ranges.append(CellRange(
                    CellAddress(row: row, column: span.column),
                    CellAddress(row: min(CellAddress.maxRow, row + span.rows - 1),
                                column: min(CellAddress.maxColumn, span.column + span.columns - 1))))
            }
        }
    }
}

/// A streaming parser of an OpenDocument `content.xml`: the hidden table styles among the automatic styles, each
/// top-level `table:table` of the `office:spreadsheet` body, and the rows of the tables it is asked to parse.
///
/// Repetition is never expanded here: a row stands for `count` rows, and runs of empty cells are counted, not
/// materialized, so LibreOffice's trailing "1,048,576 rows × 1,024 columns" of nothing costs a few counters.
/// Cells with values are placed on Excel's grid (16,384 columns), and their repetitions counted against
/// `ODSLimits.maxRepeatedCells`. A value type, date, duration or number that does not parse is an error naming
/// the cell. Memory: one row plus the scanner's buffer.
struct ODSContentParser {
    /// What `next()` found.
    enum Event {
        /// A top-level table starts: its 0-based position, its name, and whether its style hides it.
        case table(index: Int, name: String, hidden: Bool)
        /// A row of a table being parsed.
        case row(ODSRowRun)
        /// The current top-level table ended.
        case tableEnd
        /// The document ended.
        case end
    }

    private var scanner: XMLScanner
    private let limits: ODSLimits
    private let file: String
    /// The table whose rows are parsed, by position; nil parses every table, -1 none.
    private let target: Int?
    /// Whether every table is parsed to be measured (target nil): text, dates and times then stand in by
    /// placeholders that are empty exactly when the value is, and are checked only when the sheet is read.
    private let measuring: Bool

    private var depth = 0
    private var spreadsheetDepth: Int?
    private var styleDepth: Int?
    private var tableStyleName: String?
    private var hiddenStyles: Set<String> = []

    private var tableDepth: Int?
    private var tableIndex = -1
    private var tableName = ""
    private var parsing = false
    private var nextRowIndex = 0
    private var budget = 0

    private var rowDepth: Int?
    private var rowFirst = 0
    private var rowCount = 1
    private var cells: [CellValue] = []
    private var pendingEmpty = 0
    private var spans: [ODSRowRun.Span] = []
    private var rowWidth = 8

    private var cellDepth: Int?
    private var cellRepeat = 1
    private var cellColumns = 1
    private var cellRows = 1
    private var cellValue: CellValue?
    private var stringValue: String?
    private var capturesText = false
    private var isStringCell = false
    /// Whether the cell is a formula's error (`calcext:value-type="error"`): its text is the error's, such as #DIV/0!.
    private var isErrorCell = false
    private var textBytes: [UInt8] = []
    private var paragraphs = 0
    private var paragraphDepth: Int?
    private var skipDepth: Int?
    /// Scratch space of `ODSElementSkipper`.
    private var skipperStack: [(start: Int, length: Int)] = []
    /// Where the current cell's attributes are, by `CellAttribute` (indices for `XMLScanner.attributeValue(at:)`).
    private var cellSlots: [Int] = []
    /// The byte-level scanner of whole rows in the common shapes, for the tables parsed.
    private var rowScanner: ODSRowScanner
    /// Whether the document element binds the prefixes `ODSRowScanner` assumes (decided on the first chunk).
    private let prefixes = PrefixCheck()

    /// Whether the document binds `office:`, `table:` and `text:` to the OpenDocument namespaces: decided on the
    /// first chunk of input (which holds the document element's start tag), nil until then.
    private final class PrefixCheck {
        var usual: Bool?
    }

    /// The attributes a cell's start tag is read for, in one pass over its attributes.
    private enum CellAttribute: Int {
        case columnsRepeated, columnsSpanned, rowsSpanned, valueType, stringValue, dateValue, timeValue,
             booleanValue, value
    }

    /// The local names of `CellAttribute`, in its order.
    private static let cellAttributeNames = XMLAttributeNames([
        "number-columns-repeated", "number-columns-spanned", "number-rows-spanned", "value-type", "string-value",
        "date-value", "time-value", "boolean-value", "value",
    ])

    /// Creates a parser pulling `content.xml` bytes from `pull`; `target` selects the one table to parse rows of
    /// (nil: every table; a position no table has, such as -1: none, only listing the tables).
    init(file: String, limits: ODSLimits, target: Int?, pull: @escaping () throws -> Data?) {
        self.file = file
        self.limits = limits
        self.target = target
        measuring = target == nil
        rowScanner = ODSRowScanner(measuring: target == nil)
        let prefixes = self.prefixes
        scanner = XMLScanner(partName: "content.xml", location: SourceLocation(file: file), limits: limits.container) {
            let chunk = try pull()
            if prefixes.usual == nil, let chunk, !chunk.isEmpty {
                prefixes.usual = chunk.withUnsafeBytes { ODSRowScanner.bindsUsualPrefixes($0.bindMemory(to: UInt8.self)) }
            }
            return chunk
        }
    }

    /// The 1-based column of the cell being read, for locations.
    private var currentColumn: Int { min(cells.count + pendingEmpty, CellAddress.maxColumn + 1) }

    private func cellError(_ code: XLSXReadError.Code, _ message: String) -> XLSXReadError {
        let row = rowFirst + 1
        let column = currentColumn
        let reference = column <= CellAddress.maxColumn && rowFirst <= CellAddress.maxRow
            ? "cell \(CellAddress(row: rowFirst, column: column)): " : ""
        return XLSXReadError(code, "\(reference)\(message) (content.xml, byte \(scanner.byteOffset))",
                             location: SourceLocation(file: file, sheet: tableName, line: row, column: column + 1))
    }

    private func tableError(_ code: XLSXReadError.Code, _ message: String) -> XLSXReadError {
        XLSXReadError(code, "\(message) (content.xml, byte \(scanner.byteOffset))",
                      location: SourceLocation(file: file, sheet: tableName, line: rowFirst + 1))
    }

    /// The next table boundary or parsed row; `.end` once the document has ended.
    ///
    /// - Throws: `XLSXReadError`: `malformedXML`, `doctypeForbidden`, `invalidCellValue`, `invalidReference`,
    ///   `structureLimit`.
    mutating func next() throws -> Event {
        while true {
            // Rows, then cells, then paragraphs of a table not parsed: never deeper, so that content the skipper
            // leaves to the scanner (a comment, a character reference) is scanned again at most three times.
            if let tableDepth, !parsing, depth <= tableDepth + 2, scanner.isBetweenTokens { try skipTableContent() }
            // Whole rows of the table being parsed, in the common shapes, on bytes.
            if parsing, rowDepth == nil, prefixes.usual == true, scanner.isBetweenTokens, let run = try scanRow() {
                return .row(run)
            }
            switch try scanner.next() {
            case .start:
                depth += 1
                if let event = try start() { return event }
            case .end:
                let event = try end()
                depth -= 1
                if let event { return event }
            case .text:
                if capturesText, paragraphDepth != nil, skipDepth == nil {
                    scanner.appendText(to: &textBytes)
                    try checkTextLength()
                }
            case .endOfDocument:
                return .end
            }
        }
    }

    /// Passes over the whole elements and text of a table that is not parsed with `ODSElementSkipper`, leaving
    /// to the general scanner whatever the skipper does not pass over (so errors are found as before).
    private mutating func skipTableContent() throws {
        let maxDepth = limits.container.maxXMLDepth - scanner.depth
        let maxItemBytes = min(limits.container.maxTokenBytes, 1 << 20)
        while true {
            var stack: [(start: Int, length: Int)] = []
            swap(&stack, &skipperStack)
            let outcome = scanner.withUnconsumedBytes { bytes in
                ODSElementSkipper.skip(bytes, maxDepth: maxDepth, maxItemBytes: maxItemBytes, stack: &stack)
            }
            swap(&stack, &skipperStack)
            scanner.consume(outcome.consumed)
            // Each refill scans the unfinished item again from its start, so a long one is left to the scanner.
            guard outcome.needsMore, scanner.unconsumedCount <= maxItemBytes, try scanner.bufferMore() else { return }
        }
    }

    /// Reads the row at the start of the unconsumed input with `ODSRowScanner` when it has one of the common
    /// shapes, consuming it whole; nil (nothing consumed, nothing changed) leaves it to the general path: a row in
    /// another shape, anything that is not a row, or a row whose cells the general path would report an error
    /// for (so that it reports it, at its byte).
    private mutating func scanRow() throws -> ODSRowRun? {
        // The row, its cells and their paragraphs are three levels below; each token is within the token limit.
        guard scanner.depth + 3 <= limits.container.maxXMLDepth else { return nil }
        let maxRowBytes = min(limits.container.maxTokenBytes, 1 << 20)
        var rows = ODSRowScanner(measuring: measuring)
        swap(&rows, &rowScanner)
        defer { swap(&rows, &rowScanner) }
        var length = 0
        while true {
            let outcome = scanner.withUnconsumedBytes { rows.scan($0) }
            if case .row(let scanned) = outcome {
                length = scanned
                break
            }
            // A long row is scanned again from its start after each refill, so it is left to the general path.
            guard outcome == .needsMore, scanner.unconsumedCount <= maxRowBytes, try scanner.bufferMore() else {
                return nil
            }
        }
        guard length <= maxRowBytes else { return nil }
        let saved = (nextRowIndex, budget, rowWidth)
        do {
            beginRow(count: rows.rowsRepeated)
            for cell in rows.cells {
                cellRepeat = cell.repeated
                cellColumns = cell.columns
                cellRows = cell.rows
                cellValue = cell.value
                try endCell()
            }
            guard case .row(let run) = try endRow() else { preconditionFailure("endRow returns a row") }
            cellValue = nil
            scanner.consume(length)
            return run
        } catch {
            (nextRowIndex, budget, rowWidth) = saved
            cellValue = nil
            return nil
        }
    }

    private func checkTextLength() throws {
        if textBytes.count > limits.container.maxTokenBytes {
            throw cellError(.structureLimit, "the text is longer than \(limits.container.maxTokenBytes) bytes")
        }
    }

    private mutating func start() throws -> Event? {
        if let cellDepth {
            guard capturesText, skipDepth == nil else { return nil }
            if paragraphDepth == nil {
                if depth == cellDepth + 1 && (scanner.nameIs("p") || scanner.nameIs("h")) {
                    if paragraphs > 0 { textBytes.append(0x0A) }
                    paragraphs += 1
                    paragraphDepth = depth
                } else {
                    // Annotations (comments), drawings and anything else beside the paragraphs are not the value.
                    skipDepth = depth
                }
            } else if scanner.nameIs("s") {
                var count = 1
                if let bytes = try scanner.attributeValue("c") {
                    guard let parsed = ODSValues.positiveInteger(bytes) else {
                        throw cellError(.invalidCellValue, "text:c=\"\(String(decoding: bytes.prefix(20), as: UTF8.self))\" is not a positive count of spaces")
                    }
                    count = parsed
                }
                guard count <= limits.container.maxTokenBytes - textBytes.count else {
                    throw cellError(.structureLimit, "the text is longer than \(limits.container.maxTokenBytes) bytes")
                }
                textBytes.append(contentsOf: repeatElement(0x20, count: count))
            } else if scanner.nameIs("tab") {
                textBytes.append(0x09)
            } else if scanner.nameIs("line-break") {
                textBytes.append(0x0A)
            } else if scanner.nameIs("note") || scanner.nameIs("annotation") || scanner.nameIs("ruby-text")
                        || scanner.nameIs("frame") {
                skipDepth = depth
            }
            return nil
        }
        if let rowDepth {
            if depth == rowDepth + 1 {
                if scanner.nameIs("table-cell") {
                    try startCell(covered: false)
                } else if scanner.nameIs("covered-table-cell") {
                    try startCell(covered: true)
                }
            }
            return nil
        }
        if tableDepth != nil {
            if parsing && scanner.nameIs("table-row") { try startRow() }
            return nil
        }
        if scanner.nameIs("table") {
            guard spreadsheetDepth != nil else { return nil }
            tableIndex += 1
            tableDepth = depth
            tableName = try scanner.attribute("name") ?? "Sheet\(tableIndex + 1)"
            let hidden = try scanner.attribute("style-name").map { hiddenStyles.contains($0) } ?? false
            parsing = target == nil || target == tableIndex
            nextRowIndex = 0
            budget = limits.maxRepeatedCells
            return .table(index: tableIndex, name: tableName, hidden: hidden)
        } else if scanner.nameIs("spreadsheet") {
            spreadsheetDepth = depth
        } else if scanner.nameIs("style") {
            if styleDepth == nil, try scanner.attribute("family") == "table" {
                styleDepth = depth
                tableStyleName = try scanner.attribute("name")
            }
        } else if scanner.nameIs("table-properties") {
            if styleDepth != nil, let name = tableStyleName, try scanner.attribute("display") == "false" {
                hiddenStyles.insert(name)
            }
        }
        return nil
    }

    private mutating func end() throws -> Event? {
        if let cellDepth {
            if depth == skipDepth {
                skipDepth = nil
            } else if skipDepth == nil && depth == paragraphDepth {
                paragraphDepth = nil
            } else if depth == cellDepth {
                try endCell()
                self.cellDepth = nil
            }
            return nil
        }
        if let rowDepth, depth == rowDepth {
            self.rowDepth = nil
            return try endRow()
        }
        if let tableDepth, depth == tableDepth {
            self.tableDepth = nil
            let wasParsing = parsing
            parsing = false
            return wasParsing || target == nil ? .tableEnd : nil
        }
        if depth == styleDepth {
            styleDepth = nil
            tableStyleName = nil
        } else if depth == spreadsheetDepth {
            spreadsheetDepth = nil
        }
        return nil
    }

    private mutating func startRow() throws {
        rowDepth = depth
        var count = 1
        if let bytes = try scanner.attributeValue("number-rows-repeated") {
            guard let parsed = ODSValues.positiveInteger(bytes) else {
                rowFirst = nextRowIndex
                throw tableError(.malformedXML, "table:number-rows-repeated=\"\(String(decoding: bytes.prefix(20), as: UTF8.self))\" is not a positive integer")
            }
            count = parsed
        }
        beginRow(count: count)
    }

    /// Starts a row standing for `count` rows at the next row index.
    private mutating func beginRow(count: Int) {
        rowCount = count
        rowFirst = nextRowIndex
        // Saturating: empty runs may declare any count; only rows with values must stay on Excel's grid.
        nextRowIndex = rowFirst > Int.max / 4 - rowCount ? Int.max / 4 : rowFirst + rowCount
        cells = []
        cells.reserveCapacity(rowWidth)
        pendingEmpty = 0
        spans.removeAll(keepingCapacity: true)
    }

    private mutating func endRow() throws -> Event {
        if !cells.isEmpty {
            guard rowFirst <= CellAddress.maxRow else {
                throw tableError(.invalidReference, "a row with values comes after row 1048576, beyond the grid of a spreadsheet")
            }
            if rowCount > 1 {
                guard rowFirst + rowCount - 1 <= CellAddress.maxRow else {
                    throw tableError(.structureLimit, "row \(rowFirst + 1) holds values and is repeated \(rowCount) times, past row 1048576")
                }
                let (extra, overflow) = (rowCount - 1).multipliedReportingOverflow(by: cells.count)
                budget -= overflow ? Int.max / 2 : extra
                guard budget >= 0 else {
                    throw tableError(.structureLimit, "repeated rows and cells with values expand to more than \(limits.maxRepeatedCells) cells")
                }
            }
            rowWidth = max(rowWidth, cells.count)
        }
        return .row(ODSRowRun(cells: cells, firstRow: rowFirst, count: rowCount, spans: spans))
    }

    /// The cell attribute's value bytes, nil when the cell has none.
    private mutating func cellAttributeValue(_ attribute: CellAttribute) throws -> ArraySlice<UInt8>? {
        let index = cellSlots[attribute.rawValue]
        return index < 0 ? nil : try scanner.attributeValue(at: index)
    }

    /// The cell attribute's value as a string, nil when the cell has none.
    private mutating func cellAttribute(_ attribute: CellAttribute, name: StaticString) throws -> String? {
        let index = cellSlots[attribute.rawValue]
        return index < 0 ? nil : try scanner.attribute(at: index, name: name)
    }

    private mutating func attributeCount(_ attribute: CellAttribute, _ name: StaticString) throws -> Int {
        guard let bytes = try cellAttributeValue(attribute) else { return 1 }
        guard let count = ODSValues.positiveInteger(bytes) else {
            throw cellError(.malformedXML, "table:\(name)=\"\(String(decoding: bytes.prefix(20), as: UTF8.self))\" is not a positive integer")
        }
        return count
    }

    private mutating func startCell(covered: Bool) throws {
        cellDepth = depth
        scanner.locateAttributes(Self.cellAttributeNames, into: &cellSlots)
        cellRepeat = try attributeCount(.columnsRepeated, "number-columns-repeated")
        if covered {
            cellColumns = 1
            cellRows = 1
        } else {
            cellColumns = try attributeCount(.columnsSpanned, "number-columns-spanned")
            cellRows = try attributeCount(.rowsSpanned, "number-rows-spanned")
        }
        textBytes.removeAll(keepingCapacity: true)
        paragraphs = 0
        paragraphDepth = nil
        skipDepth = nil
        stringValue = nil
        cellValue = nil
        capturesText = false
        isStringCell = false
        isErrorCell = false
        // LibreOffice marks a formula's error with calcext:value-type="error" beside an office:value-type of "string"
        // with an empty office:string-value (7.4), or of "float" 0 from a numeric formula: the value is the error's
        // text the cell shows, as XLSX's t="e" cells read.
        if scanner.hasAttribute(qualifiedName: "calcext:value-type", value: "error") {
            capturesText = true
            isErrorCell = true
            return
        }
        guard let type = try cellAttributeValue(.valueType) else {
            capturesText = true
            return
        }
        switch type.count {
        case 5 where ODSValues.bytes(type, equal: "float"):
            cellValue = try numberValue()
        case 6 where ODSValues.bytes(type, equal: "string"):
            capturesText = true
            isStringCell = true
            stringValue = try cellAttribute(.stringValue, name: "string-value")
        case 4 where ODSValues.bytes(type, equal: "date"):
            if !measuring, let bytes = try cellAttributeValue(.dateValue), let value = ODSValues.plainDate(bytes) {
                cellValue = value
                return
            }
            let text = try requiredAttribute(.dateValue, "date-value", type: "date")
            if measuring {
                cellValue = .bool(true)
                return
            }
            guard let value = ODSValues.date(text) else {
                throw cellError(.invalidCellValue, "office:date-value=\"\(text.prefix(40))\" is not a date")
            }
            cellValue = value
        case 4 where ODSValues.bytes(type, equal: "time"):
            let text = try requiredAttribute(.timeValue, "time-value", type: "time")
            if measuring {
                cellValue = .bool(true)
                return
            }
            guard let value = ODSValues.time(text) else {
                throw cellError(.invalidCellValue, "office:time-value=\"\(text.prefix(40))\" is not a duration such as PT13H45M00S")
            }
            cellValue = value
        case 7 where ODSValues.bytes(type, equal: "boolean"):
            switch try requiredAttribute(.booleanValue, "boolean-value", type: "boolean") {
            case "true": cellValue = .bool(true)
            case "false": cellValue = .bool(false)
            case let other: throw cellError(.invalidCellValue, "office:boolean-value=\"\(other.prefix(40))\" is not true or false")
            }
        case 10 where ODSValues.bytes(type, equal: "percentage"), 8 where ODSValues.bytes(type, equal: "currency"):
            cellValue = try numberValue()
        case 4 where ODSValues.bytes(type, equal: "void"):
            cellValue = .empty
        default:
            throw cellError(.invalidCellValue, "unknown office:value-type=\"\(String(decoding: type.prefix(40), as: UTF8.self))\"")
        }
    }

    private mutating func requiredAttribute(_ attribute: CellAttribute, _ name: StaticString, type: String) throws -> String {
        guard let text = try cellAttribute(attribute, name: name) else {
            throw cellError(.invalidCellValue, "a \(type) cell without office:\(name)")
        }
        return text
    }

    private mutating func numberValue() throws -> CellValue {
        guard let bytes = try cellAttributeValue(.value) else {
            throw cellError(.invalidCellValue, "a number cell without office:value")
        }
        guard let number = ODSValues.number(bytes) else {
            throw cellError(.invalidCellValue, "office:value=\"\(String(decoding: bytes.prefix(40), as: UTF8.self))\" is not a number")
        }
        return .number(number)
    }

    private mutating func endCell() throws {
        capturesText = false
        paragraphDepth = nil
        skipDepth = nil
        let value: CellValue
        if let cellValue {
            value = cellValue
        } else if paragraphs > 0 && measuring {
            value = textBytes.isEmpty ? (isStringCell ? .text("") : .empty) : .text(" ")
        } else if paragraphs > 0 {
            guard let text = validatedString(textBytes) else {
                throw cellError(.invalidCellValue, "the text is not valid UTF-8")
            }
            // A cell without a value type is text only when it shows some (an empty paragraph is an empty cell).
            value = isErrorCell && !text.isEmpty ? .error(text) : text.isEmpty && !isStringCell ? .empty : .text(text)
        } else if let stringValue {
            value = .text(stringValue)
        } else {
            value = .empty
        }
        let column = cells.count + pendingEmpty
        // One span per repetition on the grid: columns only grow along a row, so a row holds at most 16,384.
        if cellColumns > 1 || cellRows > 1, column <= CellAddress.maxColumn {
            for spanned in column...min(CellAddress.maxColumn, column + cellRepeat - 1) {
                spans.append(ODSRowRun.Span(column: spanned, columns: cellColumns, rows: cellRows))
            }
        }
        if value == .empty {
            pendingEmpty = column > Int.max / 4 - cellRepeat ? Int.max / 4 : pendingEmpty + cellRepeat
            return
        }
        guard column + cellRepeat - 1 <= CellAddress.maxColumn else {
            if column > CellAddress.maxColumn {
                throw cellError(.invalidReference, "a cell with a value comes after column 16384 (XFD), beyond the grid of a spreadsheet")
            }
            throw cellError(.structureLimit, "a cell with a value is repeated \(cellRepeat) times, past column 16384 (XFD)")
        }
        if cellRepeat > 1 {
            budget -= cellRepeat - 1
            guard budget >= 0 else {
                throw cellError(.structureLimit, "repeated rows and cells with values expand to more than \(limits.maxRepeatedCells) cells")
            }
        }
        if pendingEmpty > 0 {
            cells.append(contentsOf: repeatElement(.empty, count: pendingEmpty))
            pendingEmpty = 0
        }
        if cellRepeat == 1 {
            cells.append(value)
        } else {
            cells.append(contentsOf: repeatElement(value, count: cellRepeat))
        }
    }
}
