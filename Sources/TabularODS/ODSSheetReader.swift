public import TabularCore
import TabularXLSX

/// A streaming reader over one table of an OpenDocument spreadsheet, scanning `content.xml` as it is inflated.
///
/// Obtain one from `ODSWorkbook.rows(of:)`. Each `nextRow()` returns the next row with typed cells exactly as the
/// XLSX reader gives them (numbers, percentages and currencies as numbers, dates as `LocalDateTime`, times,
/// booleans, text); row numbers are 1-based in `Row.line`; rows between rows with values come as empty rows,
/// trailing empty cells and rows are dropped. A row repeated with `table:number-rows-repeated` is delivered once
/// per repetition. Memory: one row plus a bounded queue of inflated chunks; empty repeated runs are never
/// materialized.
public final class ODSSheetReader: RowSource {
    /// The sheet being read.
    public let sheet: SheetInfo
    /// The areas the sheet's cells span (`table:number-columns-spanned`/`number-rows-spanned`), one per
    /// repetition of a spanning cell; complete once `nextRow()` has returned nil.
    public private(set) var mergedRanges: [CellRange] = []
    /// Always nil: OpenDocument declares no used range before a table's cells (`ODSWorkbook.usedRange(of:)`
    /// measures it).
    public var declaredDimension: CellRange? { nil }

    private var parser: ODSContentParser
    private let source: PartSource
    private let limits: ODSLimits
    private let file: String
    private var started = false
    private var finished = false
    private var held: ODSRowRun?
    private var nextLine = 1
    private var failure: (any Error)?

    init(sheet: SheetInfo, file: String, source: PartSource, limits: ODSLimits) {
        self.sheet = sheet
        self.file = file
        self.source = source
        self.limits = limits
        parser = ODSContentParser(file: file, limits: limits, target: sheet.index) { try source.next() }
    }

    /// The next row, or nil after the last row that holds a value.
    ///
    /// - Throws: `XLSXReadError` with the cell's location: `invalidCellValue`, `invalidReference`, `malformedXML`,
    ///   `doctypeForbidden`, `corruptZip`, `missingPart` (the table is gone: the file changed since it was
    ///   opened), or a limit code. After an error every later call throws the same error.
    public func nextRow() throws -> Row? {
        if let failure { throw failure }
        do {
            return try advance()
        } catch {
            let reported = source.containerFailure() ?? error
            failure = reported
            throw reported
        }
    }

    private func advance() throws -> Row? {
        while true {
            if let run = held {
                if nextLine <= run.firstRow {
                    nextLine += 1
                    return Row(cells: [], line: nextLine - 1)
                }
                if nextLine <= run.firstRow + run.count {
                    nextLine += 1
                    return Row(cells: run.cells, line: nextLine - 1)
                }
                held = nil
            }
            if finished { return nil }
            switch try parser.next() {
            case .table(let index, _, _):
                if index == sheet.index { started = true }
            case .row(let run):
                try run.appendMergedRanges(to: &mergedRanges, limit: limits.container.maxMergedRanges,
                                           location: SourceLocation(file: file, sheet: sheet.name))
                if !run.cells.isEmpty { held = run }
            case .tableEnd:
                finished = true
            case .end:
                finished = true
                guard started else {
                    throw XLSXReadError(.missingPart, "content.xml has no table \(sheet.index + 1) (\"\(sheet.name)\") any more; the file changed since it was opened", location: SourceLocation(file: file, sheet: sheet.name))
                }
            }
        }
    }
}
