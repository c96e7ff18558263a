import Foundation
import OutputSupport
import TabularCore
import TabularFiles
import TabularXLSX
import XLSXWriter

/// Copies every worksheet of a workbook (any format `TableFile.openWorkbook` reads, a legacy .xls in particular)
/// into a new .xlsx, one row at a time: text, numbers, booleans, dates and times keep their types (dates as
/// `yyyy-mm-dd`, date-times as `yyyy-mm-dd hh:mm:ss`, times as `hh:mm:ss`, durations as `[h]:mm:ss`), error values
/// become their text, rows keep their numbers. Merged areas and cell styles are not copied.
public struct WorkbookToXLSX {
    /// Safety caps for reading an .xlsx input. Default: `XLSXLimits()`.
    public var limits = XLSXLimits()
    /// The workbook's creation time (seconds since 1970), for reproducible output; nil for now.
    public var creationTime: Int?

    /// Creates a converter with the defaults.
    public init() {}

    /// Writes the worksheets of `path` to the workbook `output`, returning the sheets and rows written.
    ///
    /// - Throws: the input reader's error (`XLSReadError`, `XLSXReadError`), `OutputPathError` when the output
    ///   is the input, `XLSXWriteError` when the workbook cannot be written.
    public func convert(workbook path: String, output: String) throws -> (sheets: Int, rows: Int) {
        try OutputPath.checkNotAnInput(output, inputs: [path])
        let book = try TableFile.openWorkbook(path, xlsxLimits: limits)
        var options = WorkbookOptions()
        options.constantMemory = true
        let workbook = try Workbook(path: output, options: options)
        var properties = DocumentProperties()
        properties.created = creationTime
        properties.title = (path as NSString).lastPathComponent
        try workbook.setProperties(properties)
        var rows = 0
        var names: [String] = []
        for sheet in book.worksheets {
            let name = SheetName.sanitized(sheet.name, avoiding: names)
            names.append(name)
            var writer = SheetWriter(name: name, header: [])
            let reader = try book.sheetReader(of: sheet)
            while let row = try reader.nextRow() {
                try writer.append(row.cells.map(Self.typed), in: workbook)
                rows += 1
            }
            try writer.finish(in: workbook)
        }
        try workbook.close()
        return (names.count, rows)
    }

    /// A read cell as the writer's typed cell.
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
