import TabularCore
import XLSXWriter

/// Writes one table's rows into a workbook: title rows above the header (a banner, styled as a title and centered
/// across the table), a styled, frozen, filtered header, typed cells, content-fitted column widths, and Excel's row
/// limit handled by continuing on `name (2)` with the header repeated (the titles stay on the first sheet).
///
/// Rows must come in order (the workbook runs in constant-memory mode). Call `finish(in:)` after the last row.
struct SheetWriter {
    /// The widest a column gets, in characters; longer text wraps.
    static let maxColumnWidth = 60
    /// The narrowest a column gets.
    static let minColumnWidth = 6

    private let baseName: String
    private let titles: [[String]]
    private let header: [TypedCell]
    private let rowsPerSheet: Int

    private var sheet: Worksheet?
    private var continuation = 1
    private var nextRow = 0
    private var widths: [Int] = []
    private var lastColumn = 0
    private var hasTextNumbers = false
    private var headerFormat: CellFormat?
    private var titleFormat: CellFormat?
    private var titleAcrossFormat: CellFormat?
    /// The 0-based row of the header on the current sheet (below the titles on the first).
    private var headerRow = 0
    private var wrapFormat: CellFormat?
    private var numberFormats: [String: CellFormat] = [:]
    /// The format each column used last, by its code: a column's cells mostly share one, so this spares hashing
    /// the code for every cell.
    private var lastFormats: [(code: String, format: CellFormat)?] = []

    /// The names of the sheets written, in order (more than one when the rows passed Excel's limit).
    private(set) var sheetNames: [String] = []
    /// The number of data rows written (the header not counted).
    private(set) var rowCount = 0

    /// Prepares a writer for a table called `name` whose header is `header` (empty for a headerless table), under
    /// `titles`: the rows above the header, each as its fields' texts (a blank line is an empty row).
    init(name: String, titles: [[String]] = [], header: [TypedCell], rowsPerSheet: Int = CellAddress.maxRow + 1) {
        precondition(rowsPerSheet >= 2, "a sheet must hold the header and at least one row")
        baseName = name
        self.titles = titles
        self.header = header
        self.rowsPerSheet = rowsPerSheet
    }

    /// Writes one data row, starting a continuation sheet when the current one is full.
    ///
    /// - Returns: the name of a continuation sheet when this row started one, so the caller can warn.
    /// - Throws: `XLSXWriteError` for cells over Excel's limits, located at the sheet, row and column.
    @discardableResult
    mutating func append(_ cells: [TypedCell], in workbook: borrowing Workbook) throws -> String? {
        var started: String?
        if sheet == nil || nextRow >= rowsPerSheet {
            let isContinuation = sheet != nil
            try finishSheet()
            try startSheet(in: workbook)
            if isContinuation { started = sheet?.name }
        }
        guard let sheet else { preconditionFailure("no sheet after startSheet") }
        try write(cells, row: nextRow, on: sheet, isHeader: false)
        nextRow += 1
        rowCount += 1
        return started
    }

    /// Finishes the last sheet (widths, filter); a table without data rows still gets its header sheet.
    mutating func finish(in workbook: borrowing Workbook) throws {
        if sheet == nil { try startSheet(in: workbook) }
        try finishSheet()
    }

    private mutating func startSheet(in workbook: borrowing Workbook) throws {
        let name = continuation == 1 ? baseName : SheetName.sanitized("\(baseName) (\(continuation))", avoiding: workbook.sheetNamesInUse)
        continuation += 1
        let newSheet = try workbook.addWorksheet(named: name)
        sheet = newSheet
        sheetNames.append(name)
        nextRow = 0
        widths = []
        lastColumn = 0
        hasTextNumbers = false
        if headerFormat == nil {
            headerFormat = try workbook.format(CellStyle {
                $0.bold = true
                $0.fillColor = 0xDDEBF7
                $0.border = .thin
                $0.verticalAlignment = .center
                $0.wrapsText = true
            })
            wrapFormat = try workbook.format(CellStyle { $0.wrapsText = true; $0.verticalAlignment = .top })
            titleFormat = try workbook.format(CellStyle { $0.bold = true; $0.fontSize = 14 })
            titleAcrossFormat = try workbook.format(CellStyle {
                $0.bold = true
                $0.fontSize = 14
                $0.horizontalAlignment = .centerAcross
            })
        }
        headerRow = 0
        if sheetNames.count == 1, !titles.isEmpty {
            try writeTitles(on: newSheet)
            headerRow = titles.count
            nextRow = headerRow
        }
        if !header.isEmpty {
            try write(header, row: headerRow, on: newSheet, isHeader: true)
            try newSheet.freezePanes(row: headerRow + 1, column: 0)
            nextRow = headerRow + 1
        }
    }

    /// Writes the title rows as text, never typed: a row with one text in its first column is centered across the
    /// table's width (Excel's "center across selection", which constant-memory mode allows where merging is not);
    /// other texts keep their columns. Titles do not widen columns.
    private func writeTitles(on sheet: Worksheet) throws {
        guard let titleFormat, let titleAcrossFormat else { preconditionFailure("formats made before the titles") }
        let width = max(header.count, 1)
        for (row, texts) in titles.enumerated() {
            let filled = texts.indices.filter { !texts[$0].isEmpty }
            if filled == [0], width > 1 {
                try sheet.write(texts[0], row: row, column: 0, format: titleAcrossFormat)
                for column in 1..<width { try sheet.writeBlank(row: row, column: column, format: titleAcrossFormat) }
                continue
            }
            for column in filled { try sheet.write(texts[column], row: row, column: column, format: titleFormat) }
        }
    }

    private mutating func finishSheet() throws {
        guard let sheet else { return }
        for (column, width) in widths.enumerated() where width > 0 {
            let fitted = min(max(width + 2, SheetWriter.minColumnWidth), SheetWriter.maxColumnWidth)
            try sheet.setColumnWidth(Double(fitted), columns: column...column)
        }
        if !header.isEmpty {
            let last = CellAddress(row: max(nextRow - 1, headerRow), column: max(lastColumn, header.count - 1))
            try sheet.autofilter(CellRange(CellAddress(row: headerRow, column: 0), last))
        }
        if hasTextNumbers {
            try sheet.ignoreNumberStoredAsText(in: CellRange(CellAddress(row: 0, column: 0),
                                                             CellAddress(row: CellAddress.maxRow, column: CellAddress.maxColumn)))
        }
        self.sheet = nil
    }

    private mutating func write(_ cells: [TypedCell], row: Int, on sheet: Worksheet, isHeader: Bool) throws {
        if cells.count > widths.count { widths += Array(repeating: 0, count: cells.count - widths.count) }
        if !cells.isEmpty { lastColumn = max(lastColumn, cells.count - 1) }
        for (column, cell) in cells.enumerated() {
            switch cell {
            case .empty:
                continue
            case let .text(text, looksNumeric):
                let width = DisplayWidth.of(text)
                widths[column] = max(widths[column], min(width, SheetWriter.maxColumnWidth))
                let wraps = width > SheetWriter.maxColumnWidth || Self.containsLineFeed(text)
                let format = isHeader ? headerFormat : (wraps ? wrapFormat : nil)
                try sheet.write(text, row: row, column: column, format: format)
                if looksNumeric { hasTextNumbers = true }
            case let .number(value, code):
                if widths[column] < 12 {
                    widths[column] = max(widths[column], min(12, Self.descriptionLength(value) + 1))
                }
                try sheet.write(value, row: row, column: column,
                                format: try code.map { try numberFormat($0, column: column, sheet) })
            case let .date(value, code):
                widths[column] = max(widths[column], value.hasTime ? 19 : 12)
                try sheet.write(value, row: row, column: column, format: numberFormat(code, column: column, sheet))
            case let .bool(value):
                widths[column] = max(widths[column], 5)
                try sheet.write(value, row: row, column: column)
            }
        }
    }

    /// Whether text holds a line feed, searched in its UTF-8 storage (the generic `utf8.contains` costs several
    /// times more per cell).
    static func containsLineFeed(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(0x0A) } ?? text.utf8.contains(0x0A)
    }

    /// The length of `String(value)` (`12.0`, `-0.5`, `1e+16`), counted without making the string for integral
    /// values below 10^15.
    static func descriptionLength(_ value: Double) -> Int {
        guard value == value.rounded(), abs(value) < 1e15 else { return String(value).utf8.count }
        var magnitude = Int64(abs(value))
        var digits = 1
        while magnitude >= 10 {
            magnitude /= 10
            digits += 1
        }
        // `-0.0` prints its sign too; integral values end in `.0`.
        return digits + 2 + (value.sign == .minus ? 1 : 0)
    }

    private mutating func numberFormat(_ code: String, column: Int, _ sheet: Worksheet) throws -> CellFormat {
        if column < lastFormats.count, let last = lastFormats[column], last.code == code { return last.format }
        let format = try numberFormat(code, sheet)
        if column >= lastFormats.count { lastFormats += Array(repeating: nil, count: column + 1 - lastFormats.count) }
        lastFormats[column] = (code, format)
        return format
    }

    private mutating func numberFormat(_ code: String, _ sheet: Worksheet) throws -> CellFormat {
        if let format = numberFormats[code] { return format }
        let format = try sheet.format(CellStyle { $0.numberFormat = code })
        numberFormats[code] = format
        return format
    }
}
