import Foundation
import OutputSupport
import TabularCSV
import TabularCore
import XLSXWriter

/// Converts CSV files into one XLSX workbook, one sheet per input, streaming: memory stays flat however many rows.
///
/// Parsing and typing run on a second thread while libxlsxwriter writes on the calling one, handing rows over in
/// batches through a bounded queue. Any error leaves no output file (the workbook is written beside the target and
/// only renamed into place when complete).
public struct CSVToWorkbook {
    /// Options of a conversion; each default is documented.
    public struct Options: Sendable {
        /// How the CSV inputs are read (encoding, delimiter, strictness). Default: detect everything.
        public var csv = CSVReader.Configuration()
        /// Type cells (numbers, dates, text that must stay text). Default true; false writes everything as text.
        public var inferTypes = true
        /// Per-column type overrides, by header name or 1-based column number. Default none.
        public var columnTypes: [ColumnTypeOverride] = []
        /// Cut text longer than Excel's 32,767 characters (with a warning) instead of failing. Default false.
        public var truncateLongText = false
        /// The workbook's creation time in seconds since 1970; set from `SOURCE_DATE_EPOCH` for reproducible
        /// output. Default nil (now).
        public var creationTime: Int?
        /// Rows per sheet before continuing on `name (2)`; Excel's 1,048,576 by default (tests use fewer).
        public var rowsPerSheet = CellAddress.maxRow + 1
        /// The 1-based row of every input's header; the rows above it are written as titles. Default nil: found by
        /// `HeaderSearch` (the first row that is not a banner or blank among the first 12, else row 1), with one
        /// warning when titles were found.
        public var headerRow: Int?

        /// The defaults.
        public init() {}
    }

    /// What a conversion wrote.
    public struct Summary: Sendable {
        /// For each input, its sheet names and number of data rows.
        public var sheets: [(input: String, sheetNames: [String], rows: Int, encoding: String, delimiter: UInt8)]
    }

    private let options: Options
    private let warn: @Sendable (ConversionWarning) -> Void

    /// Creates a converter; `warn` receives one-line warnings (`FILE:LINE: message`) as they happen.
    public init(options: Options = Options(), warn: @escaping @Sendable (ConversionWarning) -> Void) {
        self.options = options
        self.warn = warn
    }

    /// Converts `inputs` (paths, or `-` for standard input) into the workbook at `output`.
    ///
    /// - Throws: `CSVError` for unreadable or undecodable input, `ConversionError` for Excel limits and bad
    ///   overrides, `XLSXWriteError` when the workbook cannot be written. No output file is left on failure.
    @discardableResult
    public func convert(inputs: [String], output: String) throws -> Summary {
        try OutputPath.checkNotAnInput(output, inputs: inputs)
        var readers: [CSVReader] = []
        var csv = options.csv
        csv.defersWidthCheck = true  // rows are checked against the header, found below any title rows
        for input in inputs {
            readers.append(input == "-"
                ? try CSVReader(fileDescriptor: STDIN_FILENO, name: "-", configuration: csv)
                : try CSVReader(path: input, configuration: csv))
        }
        var workbookOptions = WorkbookOptions()
        workbookOptions.constantMemory = true
        let workbook = try Workbook(path: output, options: workbookOptions)
        var properties = DocumentProperties()
        properties.created = options.creationTime
        properties.title = inputs.count == 1 ? (inputs[0] as NSString).lastPathComponent : nil
        try workbook.setProperties(properties)

        var summary = Summary(sheets: [])
        var usedNames: [String] = []
        for (input, reader) in zip(inputs, readers) {
            let base = input == "-" ? "stdin" : ((input as NSString).lastPathComponent as NSString).deletingPathExtension
            let name = SheetName.sanitized(base, avoiding: usedNames)
            usedNames.append(name)
            let (sheetNames, rows) = try convert(reader, input: input, sheetName: name, into: workbook)
            usedNames += sheetNames
            summary.sheets.append((input, sheetNames, rows, reader.encoding, reader.delimiter))
        }
        try workbook.close()
        return summary
    }

    /// Reads the rows up to the header, which `options.headerRow` names or `HeaderSearch` finds, and sets the
    /// reader's width check to the header's width.
    ///
    /// - Returns: the rows above the header (titles), the header (nil for an empty input) and the rows read after
    ///   it (when no header was found, row 1 is the header and the rows searched follow it).
    /// - Throws: `ConversionError.noSuchRow` when the input has fewer rows than `options.headerRow`; `CSVError`.
    private func header(of reader: CSVReader, input: String) throws -> (titles: [Row], header: Row?, following: [Row]) {
        var rows: [Row] = []
        let index: Int
        if let headerRow = options.headerRow {
            while rows.count < headerRow, let row = try reader.nextRow() { rows.append(row) }
            guard rows.count == headerRow else {
                throw ConversionError(
                    .noSuchRow, "--header-row \(headerRow) names a row the input does not have (it has \(rows.count)); count rows from 1",
                    location: SourceLocation(file: input))
            }
            index = headerRow - 1
        } else {
            while rows.count < HeaderSearch.searchRows, let row = try reader.nextRow() {
                rows.append(row)
                if !HeaderSearch.readsAsTitle(row) { break }
            }
            let found = HeaderSearch.headerIndex(in: rows)
            index = found < rows.count ? found : 0
            if index > 0 {
                warn(.titleRows(input: input, rows: 1...index, headerRow: index + 1))
            }
        }
        guard index < rows.count else { return ([], nil, []) }
        let following = Array(rows[(index + 1)...])
        try reader.setHeaderWidth(rows[index].cells.count, checking: following)
        return (Array(rows[..<index]), rows[index], following)
    }

    /// Streams one reader into sheets of the workbook.
    private func convert(_ reader: CSVReader, input: String, sheetName: String, into workbook: borrowing Workbook) throws
        -> (sheetNames: [String], rows: Int)
    {
        let (titles, header, following) = try self.header(of: reader, input: input)
        func texts(_ row: Row) -> [String] {
            row.cells.map { cell -> String in
                if case let .text(text) = cell { return text }
                return ""
            }
        }
        let headerTexts = header.map(texts) ?? []
        let typer = try CellTyper(header: headerTexts, inferTypes: options.inferTypes, truncate: options.truncateLongText,
                                  overrides: options.columnTypes, file: input)
        var sheet = SheetWriter(name: sheetName, titles: titles.map(texts),
                                header: headerTexts.map { .text($0, looksNumeric: false) }, rowsPerSheet: options.rowsPerSheet)
        if let header { _ = try typer.type(header, warn: warn) }

        let warn = self.warn
        var pending = following[...]  // rows read while looking for the header, then the reader's
        let producer = BackgroundProducer<[TypedCell]> {
            guard let row = try pending.popFirst() ?? reader.nextRow() else { return nil }
            return try typer.type(row, warn: warn)
        }
        do {
            while let batch = producer.nextBatch() {
                for cells in batch {
                    if let continuation = try sheet.append(cells, in: workbook) {
                        warn(.continuedOnSheet(input: input, rowsPerSheet: options.rowsPerSheet, sheet: continuation))
                    }
                }
            }
        } catch {
            try? producer.finish()
            throw error
        }
        try producer.finish()
        try sheet.finish(in: workbook)
        for warning in reader.warnings { warn(.csv(warning)) }
        if reader.omittedWarningCount > 0 {
            warn(.omitted(input: input, count: reader.omittedWarningCount))
        }
        return (sheet.sheetNames, sheet.rowCount)
    }
}
