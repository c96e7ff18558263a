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
    /// The width is taken from the sheet's declared dimension (XLSX `<dimension>`, BIFF DIMENSIONS) when it has
    /// one, so the sheet is read once. Otherwise (an .ods declares none), or when a row reaches beyond it (the
    /// dimension lied), the rows of an .xls or .ods are written at their own width while the widest is tracked, and
    /// the short rows are padded afterwards in one pass over the written file; an XLSX sheet, or a CSV in another
    /// encoding than UTF-8, is then measured in a first pass instead. Standard output cannot be rewritten, so it is
    /// always measured first.
    private func write(_ sheet: SheetInfo, of book: any WorkbookReader, to output: String, tally: FormulaTally) throws -> Int {
        if output == "-" {
            let writer = try CSVWriter(path: "-", configuration: options.csv)
            let streamed = try stream(sheet, of: book, into: writer,
                                      width: .measured(try usedWidth(of: sheet, in: book)), tally: tally)
            try writer.close()
            return streamed.rows
        }
        let padsAfterwards = !(book is XLSXWorkbook)
            && (options.csv.encoding.map { ["UTF-8", "UTF8"].contains($0.uppercased()) } ?? true)
        do {
            return try write(sheet, of: book, to: output, width: padsAfterwards ? .declaredOrOwn : .declared,
                             tally: tally)
        } catch is RowBeyondDimension {
            return try write(sheet, of: book, to: output,
                             width: padsAfterwards ? .own : .measured(try usedWidth(of: sheet, in: book)), tally: tally)
        }
    }

    private func write(_ sheet: SheetInfo, of book: any WorkbookReader, to output: String, width: Width,
                       tally: FormulaTally) throws -> Int {
        let file = try AtomicFile(target: output)
        do {
            let writer = try CSVWriter(path: file.temporaryPath, configuration: options.csv)
            let streamed = try stream(sheet, of: book, into: writer, width: width, tally: tally)
            try writer.close()
            if let widest = streamed.shortRowsWidth {
                if streamed.startsWithSeparatorLine {
                    // The lone `sep=` field of a first row is quoted only when it is the row's only field.
                    file.abandon()
                    return try write(sheet, of: book, to: output, width: .measured(widest), tally: tally)
                }
                try CSVPadding.pad(file: file.temporaryPath, to: widest, delimiter: options.csv.delimiter)
            }
            try file.commit()
            return streamed.rows
        } catch {
            file.abandon()
            throw error
        }
    }

    /// How wide the rows are written.
    private enum Width {
        /// As the sheet's declared dimension says; a row beyond it throws `RowBeyondDimension`. Without a
        /// dimension, the first row throws it, so that the width is measured.
        case declared
        /// As `declared` when the sheet declares a dimension; otherwise as `own`. A row beyond a declared
        /// dimension throws `RowBeyondDimension`.
        case declaredOrOwn
        /// Each row at its own width; the widest is tracked, and the short rows are padded afterwards.
        case own
        /// Measured by a first pass.
        case measured(Int)
    }

    /// What streaming a sheet wrote.
    private struct Streamed {
        /// The rows written.
        var rows = 0
        /// The width to pad to, when rows were written at their own width and some row is shorter than the widest.
        var shortRowsWidth: Int?
        /// Whether the first row is a lone field `sep=` plus one character (which the writer quotes only when it
        /// is the row's only field, so padding it afterwards would not give the output of a padded write).
        var startsWithSeparatorLine = false
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

    /// Rows of cell text from a generic (.xls, .ods) reader handed to the writing thread, with the width to pad
    /// them to (nil: their own width).
    private struct CellTextChunk: Sendable {
        var rows = CellTextRows()
        var columns: Int?
    }

    /// Streams a sheet's rows into `writer`, returning how many it wrote; formula cells without a value go to
    /// `tally` (for XLSX workbooks).
    private func stream(_ sheet: SheetInfo, of book: any WorkbookReader, into writer: CSVWriter, width: Width,
                        tally: FormulaTally) throws -> Streamed {
        if options.fillMerged {
            let table = try book.readTable(sheet: sheet, fillMerged: true)
            let width = table.rows.map(\.cells.count).max() ?? 0
            for row in table.rows { try writer.write(row: Self.padded(row.cells.map(\.text), to: width)) }
            return Streamed(rows: table.rows.count)
        }
        // Inflating, scanning and formatting run on background threads; quoting and writing on this one.
        let reader = try book.sheetReader(of: sheet)
        if let xlsx = reader as? XLSXSheetReader {
            let rows = try streamText(xlsx, into: writer, width: width)
            tally.add(xlsx, sheet: sheet)
            return Streamed(rows: rows)
        }
        // Decided at the first row (the dimension precedes the cells); nil: each row at its own width.
        var decided = false
        var columns: Int?
        let producer = BackgroundProducer<CellTextChunk>(batchSize: 1) {
            var chunk = CellTextChunk()
            while chunk.rows.count < Self.rowsPerChunk, let row = try reader.nextRow() {
                if !decided {
                    switch width {
                    case .measured(let measured):
                        columns = measured
                    case .own:
                        columns = nil
                    case .declared, .declaredOrOwn:
                        if let dimension = reader.declaredDimension {
                            columns = dimension.last.column + 1
                        } else if case .declaredOrOwn = width {
                            columns = nil
                        } else {
                            throw RowBeyondDimension()
                        }
                    }
                    decided = true
                }
                if let limit = columns, row.cells.count > limit {
                    switch width {
                    case .declared, .declaredOrOwn: throw RowBeyondDimension()
                    case .measured, .own: break
                    }
                }
                chunk.rows.append(cells: row.cells)
            }
            guard chunk.rows.count > 0 else { return nil }
            chunk.columns = columns
            return chunk
        }
        var streamed = Streamed()
        var widest = 0
        var narrowest = Int.max
        do {
            while let batch = producer.nextBatch() {
                for chunk in batch {
                    let rows = chunk.rows
                    try rows.bytes.withUnsafeBufferPointer { bytes in
                        var first = 0
                        for end in rows.rowEnds {
                            let start = first == 0 ? 0 : rows.fieldEnds[first - 1]
                            try writer.write(fields: bytes, fieldEnds: rows.fieldEnds[first..<end], start: start,
                                             paddedTo: chunk.columns ?? 0)
                            if chunk.columns == nil {
                                // An empty row is written as one empty field.
                                let fields = max(end - first, 1)
                                widest = max(widest, fields)
                                narrowest = min(narrowest, fields)
                                if streamed.rows == 0, end - first == 1, rows.fieldEnds[first] - start == 5,
                                   bytes[start..<(start + 4)].elementsEqual("sep=".utf8) {
                                    streamed.startsWithSeparatorLine = true
                                }
                            }
                            streamed.rows += 1
                            first = end
                        }
                    }
                }
            }
        } catch {
            try? producer.finish()
            throw error
        }
        try producer.finish()
        if narrowest < widest { streamed.shortRowsWidth = widest }
        return streamed
    }

    /// Rows of text handed from the reading thread to the writing thread, with the width to pad them to.
    private struct TextChunk: Sendable {
        var rows: SheetTextRows
        var columns: Int
    }

    /// Rows per `TextChunk` and `CellTextChunk`.
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
            case .own:
                preconditionFailure("an XLSX sheet is never written at its rows' own width")
            case .declared, .declaredOrOwn:
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

/// Rows of cell text, the fields' UTF-8 bytes back to back: what `CSVWriter.write(fields:fieldEnds:start:paddedTo:)`
/// takes, built without a `String` per number or an array of strings per row.
private struct CellTextRows: Sendable {
    /// The fields' bytes, back to back.
    var bytes: [UInt8] = []
    /// Where each field ends in `bytes`.
    var fieldEnds: [Int] = []
    /// Where each row's fields end in `fieldEnds`.
    var rowEnds: [Int] = []

    /// How many rows there are.
    var count: Int { rowEnds.count }

    /// Appends a row of cells as their `CellValue.text`.
    mutating func append(cells: [CellValue]) {
        for cell in cells {
            switch cell {
            case .empty:
                break
            case .text(let text), .error(let text):
                bytes.append(contentsOf: text.utf8)
            case .number(let number) where number == number.rounded() && abs(number) < 1e16:
                // `CellValue.text` writes these as plain digits.
                appendDigits(of: Int64(number))
            case .date(let date) where !date.hasTime && (0...9999).contains(date.year)
                    && (0...99).contains(date.month) && (0...99).contains(date.day):
                // `CellValue.text` writes these as `YYYY-MM-DD`.
                appendDigits(of: date.year, width: 4)
                bytes.append(UInt8(ascii: "-"))
                appendDigits(of: date.month, width: 2)
                bytes.append(UInt8(ascii: "-"))
                appendDigits(of: date.day, width: 2)
            default:
                bytes.append(contentsOf: cell.text.utf8)
            }
            fieldEnds.append(bytes.count)
        }
        rowEnds.append(fieldEnds.count)
    }

    /// Appends an integer's decimal digits, with `-` before a negative one.
    private mutating func appendDigits(of value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Appends a non-negative number's decimal digits, zero-padded to at least `width` digits.
    private mutating func appendDigits(of value: Int, width: Int) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0 || bytes.count - start < width
        bytes[start...].reverse()
    }
}

/// Pads the short records of a CSV file written by `CSVWriter` in UTF-8 with empty fields, in place.
enum CSVPadding {
    /// Rewrites `path` so that every record has `width` fields, adding delimiters before the line ending of each
    /// shorter record (an empty line is one empty field). The file must be UTF-8 (or hold only ASCII delimiters,
    /// quotes and line endings as single bytes) and quoted as `CSVWriter` quotes: a delimiter, CR or LF inside a
    /// field only between quotes. Streams through a buffer; the padded copy replaces the file by rename.
    ///
    /// - Throws: `CSVError` `.writeFailed` naming the file when reading, writing or renaming fails.
    static func pad(file path: String, to width: Int, delimiter: UInt8) throws {
        let padded = path + ".pad"
        let input = open(path, O_RDONLY)
        guard input >= 0 else { throw failure("cannot reopen the written CSV to pad its rows", path) }
        defer { close(input) }
        let output = open(padded, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard output >= 0 else { throw failure("cannot create the padded copy of the CSV", padded) }
        var done = false
        defer {
            close(output)
            if !done { unlink(padded) }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var out: [UInt8] = []
        out.reserveCapacity((1 << 20) + (1 << 16))
        var quoted = false
        var fields = 1
        var afterCR = false
        while true {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read the written CSV to pad its rows", path)
            }
            if count == 0 { break }
            for index in 0..<count {
                let byte = chunk[index]
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if !quoted {
                    if byte == delimiter {
                        fields += 1
                    } else if byte == 0x0D || (byte == 0x0A && !afterCR) {
                        if fields < width { out.append(contentsOf: repeatElement(delimiter, count: width - fields)) }
                        fields = 1
                    }
                }
                afterCR = byte == 0x0D && !quoted
                out.append(byte)
            }
            try flush(&out, to: output, path: padded)
        }
        try flush(&out, to: output, path: padded)
        guard rename(padded, path) == 0 else { throw failure("cannot replace the CSV by its padded copy", path) }
        done = true
    }

    /// Writes `bytes` to `descriptor` and empties them.
    private static func flush(_ bytes: inout [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write the padded CSV", path)
            }
            offset += written
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// A write failure with the system's reason.
    private static func failure(_ message: String, _ path: String) -> CSVError {
        CSVError(.writeFailed, "\(message): \(String(cString: strerror(errno)))", location: SourceLocation(file: path),
                 category: .outputFailure)
    }
}
