import Foundation
import OutputSupport
import TabularCore
import TabularFiles
import TabularXLSX
import XLSXWriter

/// Copies worksheets of a workbook that `TableFile.openWorkbook` reads (a legacy .xls, an .ods, an .xlsx) into a
/// new .xlsx, one sheet each, streaming one row at a time: a copy of the values, as "Save As .xlsx" would keep them.
/// Typed cells stay typed: numbers, dates (`yyyy-mm-dd`, with `hh:mm:ss` when they have a time), times
/// (`hh:mm:ss`, elapsed ones `[h]:mm:ss`), booleans; errors become their text. Merged areas and styles are not
/// copied, and no row is styled as a header (the first row of an office workbook is often its title).
/// Memory: one row.
public struct WorkbookToXLSX {
    /// Conversion settings.
    public struct Options: Sendable {
        /// Safety caps for reading an .xlsx or .ods input. Default: `XLSXLimits()`.
        public var limits = XLSXLimits()
        /// The document's creation time (seconds since 1970), for reproducible output; nil for now.
        public var creationTime: Int?
        /// The defaults.
        public init() {}
    }

    /// The settings in force.
    public let options: Options

    /// Creates a converter.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Writes one sheet (by name or 1-based index), or every worksheet when `selector` is nil, of the workbook at
    /// `path` to a new .xlsx at `output`, returning the sheet names written and the rows.
    ///
    /// - Throws: the reader's error (`XLSReadError`, `XLSXReadError`), `TabularFilesError.unknownSheet`,
    ///   `OutputPathError` when the output is the input, `XLSXWriteError` for cells over Excel's limits or an
    ///   unwritable output.
    public func convert(workbook path: String, sheet selector: String?, output: String) throws
        -> (sheetNames: [String], rows: Int)
    {
        try OutputPath.checkNotAnInput(output, inputs: [path])
        let book = try TableFile.openWorkbook(path, xlsxLimits: options.limits)
        let sheets = selector == nil ? book.worksheets : [try TableFile.sheet(selector, in: book)]
        var workbookOptions = WorkbookOptions()
        workbookOptions.constantMemory = true
        let workbook = try Workbook(path: output, options: workbookOptions)
        var properties = DocumentProperties()
        properties.created = options.creationTime
        properties.title = (path as NSString).lastPathComponent
        try workbook.setProperties(properties)
        var names: [String] = []
        var rows = 0
        for sheet in sheets {
            let reader = try book.sheetReader(of: sheet)
            var writer = SheetWriter(name: SheetName.sanitized(sheet.name, avoiding: workbook.sheetNamesInUse), header: [])
            while let row = try reader.nextRow() {
                try writer.append(row.cells.map(Self.typed), in: workbook)
                rows += 1
            }
            try writer.finish(in: workbook)
            names += writer.sheetNames
        }
        try workbook.close()
        return (names, rows)
    }

    /// A read cell as the cell to write.
    static func typed(_ value: CellValue) -> TypedCell {
        switch value {
        case .empty: .empty
        case .text(let text): .text(text, looksNumeric: !text.isEmpty && Double(text) != nil)
        case .number(let number): .number(number, format: nil)
        case .bool(let flag): .bool(flag)
        case .date(let date): .date(date, format: date.hasTime ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd")
        case .time(let seconds, let elapsed): .number(seconds / 86_400, format: elapsed ? "[h]:mm:ss" : "hh:mm:ss")
        case .error(let text): .text(text, looksNumeric: false)
        }
    }
}
