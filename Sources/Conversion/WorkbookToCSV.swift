import Foundation
import OutputSupport
import TabularCSV
import TabularCore
import TabularFiles
import TabularXLSX

/// Writes worksheets of a workbook (any format `TableFile.openWorkbook` reads) as CSV files, streaming one row at a time.
public struct WorkbookToCSV {
    /// Options of the conversion.
    public struct Options: Sendable {
        /// How the CSV is written (delimiter, encoding, BOM, formula escaping). Default: UTF-8, comma, LF.
        public var csv = CSVWriter.Configuration()
        /// Copy a merged area's value into each of its cells. Default false: only the top-left cell holds it.
        public var fillMerged = false
        /// Safety caps for reading the workbook. Default: `XLSXLimits()`.
        public var limits = XLSXLimits()

        /// The defaults.
        public init() {}
    }

    private let options: Options
    private let warn: @Sendable (ConversionWarning) -> Void

    /// Creates a converter; `warn` receives one-line warnings (formula cells without a cached value, once per
    /// conversion).
    public init(options: Options = Options(), warn: @escaping @Sendable (ConversionWarning) -> Void = { _ in }) {
        self.options = options
        self.warn = warn
    }

    /// The formula cells without a cached value met in one conversion (they are written as empty fields).
    private final class FormulaTally {
        var count = 0
        var first: String?

        /// Adds what a sheet reader met.
        func add(_ reader: XLSXSheetReader, sheet: SheetInfo) {
            count += reader.formulaCellsWithoutValue
            if first == nil, let address = reader.firstFormulaCellWithoutValue {
                first = "\(Self.reference(to: sheet.name))!\(address)"
            }
        }

        /// A sheet name as a formula refers to it: quoted (`'My Sheet'`) unless letters, digits and `_` alone.
        static func reference(to sheetName: String) -> String {
            let plain = !sheetName.isEmpty && sheetName.unicodeScalars.allSatisfy {
                $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
            } && !("0"..."9").contains(sheetName.unicodeScalars.first!)
            return plain ? sheetName : "'" + sheetName.replacingOccurrences(of: "'", with: "''") + "'"
        }

        /// The one warning of a conversion, nil when every formula had a value.
        var warning: ConversionWarning? {
            guard count > 0, let first else { return nil }
            return .formulasWithoutValue(count: count, first: first)
        }
    }

    /// Writes one sheet (by name or 1-based index; nil for the first visible worksheet) to `output` (`-` for
    /// standard output), returning the number of rows written.
    ///
    /// - Throws: `XLSXReadError` for unreadable workbooks, `TabularFilesError.unknownSheet`, `CSVError` for output
    ///   failures. A file output is written beside the target and renamed into place only when complete.
    @discardableResult
    public func convert(workbook path: String, sheet selector: String?, output: String) throws -> Int {
        try OutputPath.checkNotAnInput(output, inputs: [path])
        let book = try TableFile.openWorkbook(path, xlsxLimits: options.limits)
        let sheet = try TableFile.sheet(selector, in: book)
        let tally = FormulaTally()
        let rows = try write(sheet, of: book, to: output, tally: tally)
        if let warning = tally.warning { warn(warning) }
        return rows
    }

    /// Writes every worksheet to `folder`/NAME.csv (names made safe for file systems, unique), returning the paths
    /// written, the names of the chart sheets skipped (they hold no cells) and the rows written in all.
    public func convertAll(workbook path: String, folder: String) throws -> (written: [String], skippedChartSheets: [String], rows: Int) {
        let book = try TableFile.openWorkbook(path, xlsxLimits: options.limits)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ConversionError(.outputFolder, "cannot create the output folder: \(error.localizedDescription)",
                                  location: SourceLocation(file: folder))
        }
        var used: Set<String> = []
        var written: [String] = []
        var rows = 0
        let tally = FormulaTally()
        for sheet in book.worksheets {
            var name = Self.fileName(for: sheet.name)
            var number = 2
            while !used.insert(name.lowercased()).inserted {
                name = Self.fileName(for: sheet.name) + "-\(number)"
                number += 1
            }
            let output = (folder as NSString).appendingPathComponent(name + ".csv")
            rows += try write(sheet, of: book, to: output, tally: tally)
            written.append(output)
        }
        if let warning = tally.warning { warn(warning) }
        return (written, book.sheets.filter { $0.kind == .chartsheet }.map(\.name), rows)
    }

    /// A file name for a sheet name: path separators, control characters and characters Windows forbids become
    /// `_`; leading dots are dropped; an empty result becomes `sheet`.
    static func fileName(for sheetName: String) -> String {
        let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var name = String(sheetName.map { forbidden.contains($0) || $0.asciiValue.map { $0 < 0x20 } == true ? "_" : $0 })
        while name.hasPrefix(".") { name.removeFirst() }
        name = name.trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? "sheet" : name
    }

    /// Writes a sheet as rectangular CSV: every row has as many fields as the sheet's used width (its widest row).
    ///
    /// The width is taken from the sheet's `<dimension>` when it has one, so the sheet is read once; a row reaching
    /// beyond it (the dimension lied) restarts the file with the width measured in a first pass over the sheet, as
    /// does a sheet without a dimension. Standard output cannot restart, so it is always measured first.
    private func write(_ sheet: SheetInfo, of book: any WorkbookReader, to output: String, tally: FormulaTally) throws -> Int {
        if output == "-" {
            let writer = try CSVWriter(path: "-", configuration: options.csv)
            let rows = try stream(sheet, of: book, into: writer, width: .measured(try usedWidth(of: sheet, in: book)),
                                  tally: tally)
            try writer.close()
            return rows
        }
        do {
            return try write(sheet, of: book, to: output, width: .declared, tally: tally)
        } catch is RowBeyondDimension {
            return try write(sheet, of: book, to: output, width: .measured(try usedWidth(of: sheet, in: book)),
                             tally: tally)
        }
    }

    private func write(_ sheet: SheetInfo, of book: any WorkbookReader, to output: String, width: Width,
                       tally: FormulaTally) throws -> Int {
        let file = try AtomicFile(target: output)
        do {
            let writer = try CSVWriter(path: file.temporaryPath, configuration: options.csv)
            let rows = try stream(sheet, of: book, into: writer, width: width, tally: tally)
            try writer.close()
            try file.commit()
            return rows
        } catch {
            file.abandon()
            throw error
        }
    }

    /// How wide the rows are written.
    private enum Width {
        /// As the sheet's `<dimension>` says; a row beyond it throws `RowBeyondDimension`. Without a dimension,
        /// the first row throws it, so that the width is measured.
        case declared
        /// Measured by a first pass.
        case measured(Int)
    }

    /// A row reaches beyond the width the sheet's `<dimension>` declares (or the sheet declares none).
    private struct RowBeyondDimension: Error {}

    /// The widest row's field count (trailing empty cells are not counted), reading the sheet once.
    private func usedWidth(of sheet: SheetInfo, in book: any WorkbookReader) throws -> Int {
        let reader = try book.sheetReader(of: sheet)
        var width = 0
        while let row = try reader.nextRow() { width = max(width, row.cells.count) }
        return width
    }

    /// `fields` padded with empty fields to `width`.
    private static func padded(_ fields: [String], to width: Int) -> [String] {
        guard fields.count < width else { return fields }
        var fields = fields
        fields.append(contentsOf: repeatElement("", count: width - fields.count))
        return fields
    }

    /// Streams a sheet's rows into `writer`, returning how many it wrote; formula cells without a value go to
    /// `tally` (for XLSX workbooks).
    private func stream(_ sheet: SheetInfo, of book: any WorkbookReader, into writer: CSVWriter, width: Width,
                        tally: FormulaTally) throws -> Int {
        if options.fillMerged {
            let table = try book.readTable(sheet: sheet, fillMerged: true)
            let width = table.rows.map(\.cells.count).max() ?? 0
            for row in table.rows { try writer.write(row: Self.padded(row.cells.map(\.text), to: width)) }
            return table.rows.count
        }
        // Inflating, scanning and formatting run on background threads; quoting and writing on this one.
        let reader = try book.sheetReader(of: sheet)
        if let xlsx = reader as? XLSXSheetReader {
            let rows = try streamText(xlsx, into: writer, width: width)
            tally.add(xlsx, sheet: sheet)
            return rows
        }
        let producer = BackgroundProducer<[String]> {
            guard let row = try reader.nextRow() else { return nil }
            let columns: Int
            switch width {
            case .measured(let measured):
                columns = measured
            case .declared:
                // The dimension precedes the cells, so it is known once the first row is read.
                guard let dimension = reader.declaredDimension, row.cells.count <= dimension.last.column + 1 else {
                    throw RowBeyondDimension()
                }
                columns = dimension.last.column + 1
            }
            return Self.padded(row.cells.map(\.text), to: columns)
        }
        var rows = 0
        do {
            while let batch = producer.nextBatch() {
                for fields in batch { try writer.write(row: fields) }
                rows += batch.count
            }
        } catch {
            try? producer.finish()
            throw error
        }
        try producer.finish()
        return rows
    }

    /// Rows of text handed from the reading thread to the writing thread, with the width to pad them to.
    private struct TextChunk: Sendable {
        var rows: SheetTextRows
        var columns: Int
    }

    /// Rows per `TextChunk`.
    private static var rowsPerChunk: Int { 512 }

    /// Streams an XLSX sheet's rows into `writer` as text scanned straight from the sheet's bytes (no `String` or
    /// `CellValue` per cell), returning how many rows it wrote.
    private func streamText(_ reader: XLSXSheetReader, into writer: CSVWriter, width: Width) throws -> Int {
        let producer = BackgroundProducer<TextChunk>(batchSize: 1) {
            var rows = SheetTextRows()
            guard try reader.readText(into: &rows, count: Self.rowsPerChunk) else { return nil }
            switch width {
            case .measured(let measured):
                return TextChunk(rows: rows, columns: measured)
            case .declared:
                // The dimension precedes the cells, so it is known once the first row is read.
                guard let dimension = reader.declaredDimension else { throw RowBeyondDimension() }
                let columns = dimension.last.column + 1
                var start = 0
                for end in rows.rowEnds {
                    guard end - start <= columns else { throw RowBeyondDimension() }
                    start = end
                }
                return TextChunk(rows: rows, columns: columns)
            }
        }
        var count = 0
        do {
            while let batch = producer.nextBatch() {
                for chunk in batch {
                    let rows = chunk.rows
                    try rows.bytes.withUnsafeBufferPointer { bytes in
                        var first = 0
                        for end in rows.rowEnds {
                            let start = first == 0 ? 0 : rows.fieldEnds[first - 1]
                            try writer.write(fields: bytes, fieldEnds: rows.fieldEnds[first..<end], start: start,
                                             paddedTo: chunk.columns)
                            first = end
                        }
                    }
                    count += rows.count
                }
            }
        } catch {
            try? producer.finish()
            throw error
        }
        try producer.finish()
        return count
    }
}
