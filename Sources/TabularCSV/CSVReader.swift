public import TabularCore

/// Reads a CSV file or standard input as a stream of rows, decoding its encoding to UTF-8 on the way.
///
/// What it does, in order:
/// 1. Encoding: `Configuration.encoding`, or detection (a BOM; else UTF-8 if the *whole* input is valid UTF-8;
///    else uchardet's guess). Without a BOM, detection reads the input once before parsing (standard input is
///    copied to an unlinked temporary file for that). Decoding is never lossy: a bad byte is an error.
/// 2. A UTF-8 BOM is skipped; a first line `sep=;` (Excel's directive) sets the delimiter and is not data.
/// 3. Delimiter: `Configuration.delimiter`, else the directive, else sniffed from the first 64 KiB (`,` `\t`
///    `;` `|`), else `,`.
/// 4. Rows: each record becomes a `Row` of `.text` cells (`.empty` for empty fields), numbered by the line where
///    it starts. A row shorter than the first row is padded with `.empty`; a longer one keeps its extra fields;
///    both add a `CSVWarning` (or throw `.raggedRow` when `strict`). Blank lines are rows of one empty cell and
///    are padded without a warning. With `Configuration.defersWidthCheck` the caller names the header's width
///    instead (`setHeaderWidth(_:checking:)`, for a header below title rows).
///
/// Positions: rows and errors carry the 1-based line where the record starts. Byte offsets are offsets in the
/// file for UTF-8 input (a BOM counted); for input converted by iconv they are nil in rows and parser errors
/// (the UTF-8 stream's offsets would not match the file), while decoding errors give the file offset of the bad
/// bytes. Errors in the first 64 KiB surface from the initializer, later ones from `nextRow()` (or from the loop
/// over `rows`).
///
/// Memory: flat in the input size: one raw chunk, one decoded chunk and the current record.
///
/// ```swift
/// let reader = try CSVReader(path: "ledger.csv")        // encoding and delimiter detected
/// while let row = try reader.nextRow() {
///     print(row.line, row.cells)
/// }
/// for warning in reader.warnings { print(warning) }     // e.g. "ledger.csv:7: warning: this row has 2 fields…"
/// ```
///
/// In asynchronous code the rows are also an `AsyncSequence` whose loop throws `CSVError`:
///
/// ```swift
/// for try await row in try CSVReader(path: "ledger.csv").rows {
///     print(row.line, row.cells)
/// }
/// ```
public final class CSVReader: RowSource {
    /// Options for reading; each default is the lossless, Excel-compatible choice.
    public struct Configuration: Sendable, Hashable {
        /// The input's encoding as an iconv name (`GB18030`, `BIG5`, `UTF-16LE`, `LATIN1`...), or nil (default)
        /// to detect it.
        public var encoding: String?
        /// The field delimiter as an ASCII byte, or nil (default) to take it from a `sep=` line or sniff it.
        public var delimiter: UInt8?
        /// Whether a row with a different number of fields than the first row is an error (default false: a
        /// warning).
        public var strict: Bool
        /// How many bytes are read at a time (default 256 KiB).
        public var chunkSize: Int
        /// The largest record in bytes (default 64 MiB); a larger one throws `.recordTooLarge`.
        public var maxRecordSize: Int
        /// How many warnings are kept (default 1000); later ones are only counted in `omittedWarningCount`.
        public var maxWarnings: Int
        /// Whether rows go unchecked for width until the caller names the header with `setHeaderWidth(_:checking:)`
        /// (a header found below title rows). Default false: the first non-blank row sets the width.
        public var defersWidthCheck = false

        /// Creates a configuration; every parameter defaults to the value documented on its property.
        public init(
            encoding: String? = nil,
            delimiter: UInt8? = nil,
            strict: Bool = false,
            chunkSize: Int = 256 << 10,
            maxRecordSize: Int = 64 << 20,
            maxWarnings: Int = 1000
        ) {
            self.encoding = encoding
            self.delimiter = delimiter
            self.strict = strict
            self.chunkSize = chunkSize
            self.maxRecordSize = maxRecordSize
            self.maxWarnings = maxWarnings
        }
    }

    /// How many decoded bytes are looked at for the `sep=` directive and delimiter sniffing.
    public static let sniffSize = 64 << 10

    /// The input's name as given (`-` for standard input).
    public let name: String
    /// The encoding the input is read in, e.g. `UTF-8` or `GB18030`.
    public var encoding: String { decoding.name }
    /// The delimiter in use.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// Whether the input started with Excel's `sep=` directive line.
    public private(set) var hasSeparatorDirective = false
    /// Warnings so far, in input order (at most `Configuration.maxWarnings`).
    public private(set) var warnings: [CSVWarning] = []
    /// Warnings that were not kept because `maxWarnings` was reached.
    public private(set) var omittedWarningCount = 0
    /// The number of fields rows are checked against: the first non-blank row's, or the one `setHeaderWidth` set.
    public internal(set) var headerWidth: Int?
    /// What set `headerWidth`, as warnings name it.
    private var widthSource = "the first row"

    let configuration: Configuration
    /// The file read from; nil for bytes already in memory
    /// (`init(memory:count:fileSize:name:configuration:startOffset:delimiter:)`).
    private let input: InputFile?
    private let decoding: InputDecoding
    private var converter: IconvConverter?
    private var validator = UTF8Validator()
    private var replay: [UInt8] = []

    /// Raw bytes awaiting conversion (iconv only); `rawCount` bytes from `raw`, the first at `rawOffset`.
    private let raw: UnsafeMutablePointer<UInt8>
    private let rawCapacity: Int
    private var rawCount = 0
    private var rawOffset = 0
    /// Decoded UTF-8 bytes; the parser is at `decodedPos` of `decodedCount`.
    private var decoded: UnsafeMutablePointer<UInt8>
    private var decodedCapacity: Int
    private var decodedCount = 0
    private var decodedPos = 0
    /// Whether the input is used up and every byte decoded.
    private var inputEnded = false
    private var finished = false
    var parser: CSVParser
    /// Shares repeated short texts among rows; set by `readTable`, which keeps every row.
    var interner: FieldInterner?
    /// Whether every byte the parser reads was validated as UTF-8 first: a file read as UTF-8 (not through iconv).
    var validatesUTF8: Bool { input != nil && converter == nil }
    /// Whether `decoded` belongs to this reader (false when it reads a caller's bytes in memory).
    private var ownsDecoded = true
    /// Whether the end of the bytes in memory is a pause rather than the end of the input: `nextRow()` then returns
    /// nil without ending the last record, and `resume(through:)` makes more of the caller's bytes readable.
    var pausesAtEnd = false
    /// For bytes in memory: where the delimiter sample ends, so that it is the one reading the file in chunks
    /// would take.
    private var sniffEnd: Int?

    /// Opens a file (or standard input for `-`) and prepares to read rows.
    ///
    /// - Throws: `CSVError` `.fileNotFound`, `.isDirectory`, `.readFailed`, `.unknownEncoding`,
    ///   `.undetectableEncoding`, `.invalidUTF8`, `.invalidEncodedBytes`, `.invalidConfiguration`.
    public convenience init(path: String, configuration: Configuration = Configuration()) throws(CSVError) {
        try self.init(input: InputFile(path: path), configuration: configuration)
    }

    /// Reads from an open descriptor that the caller keeps owning (e.g. `FileHandle.standardInput`'s).
    ///
    /// - Parameter name: the input's name for messages.
    /// - Throws: as `init(path:configuration:)`.
    public convenience init(
        fileDescriptor: Int32, name: String, configuration: Configuration = Configuration()
    ) throws(CSVError) {
        try self.init(input: InputFile(descriptor: fileDescriptor, name: name), configuration: configuration)
    }

    private init(input: InputFile, configuration: Configuration) throws(CSVError) {
        self.input = input
        self.configuration = configuration
        name = input.name
        let chunkSize = max(configuration.chunkSize, 4096)
        if let delimiter = configuration.delimiter {
            guard delimiter < 0x80, delimiter != UInt8(ascii: "\""), delimiter != 0x0A, delimiter != 0x0D,
                  delimiter != 0
            else {
                throw CSVError(
                    .invalidConfiguration,
                    "the delimiter must be one ASCII character other than a quote, CR, LF or NUL",
                    location: SourceLocation(file: input.name), value: String(delimiter), category: .usage
                )
            }
        }
        if let encoding = configuration.encoding {
            decoding = try InputDecoding.named(encoding, file: input.name)
        } else {
            let detected = try EncodingDetector.detect(input, scratchSize: chunkSize)
            decoding = detected.decoding
            replay = detected.replay
        }
        if case .iconv(let from) = decoding {
            guard let converter = IconvConverter(from: from, to: "UTF-8") else {
                throw CSVError(
                    .unknownEncoding, "iconv cannot convert from '\(from)'; pass --encoding NAME",
                    location: SourceLocation(file: input.name), value: from
                )
            }
            self.converter = converter
        }
        rawCapacity = chunkSize
        raw = .allocate(capacity: chunkSize)
        decodedCapacity = 2 * chunkSize + CSVReader.sniffSize + 64
        decoded = .allocate(capacity: decodedCapacity)
        parser = CSVParser()
        // Every property is set from here on, so a throw runs deinit, which frees the buffers.
        try prepare()
    }

    /// Reads UTF-8 bytes the caller holds in memory and keeps alive for the reader's life; they are not validated
    /// here (the caller does it).
    ///
    /// - Parameters:
    ///   - base: the bytes; the reader reads `count` of them, and `resume(through:)` may extend that.
    ///   - startOffset: nil for the start of a file (a BOM and a `sep=` line are looked for and the delimiter is
    ///     sniffed as `prepare()` does, from the sample of `chunkSize` reads up to `sniffSize`, the whole file
    ///     being larger than `sniffSize`); otherwise the file offset of `base[0]`, a row boundary, read with
    ///     `delimiter` and numbered from line 1.
    init(
        memory base: UnsafeMutablePointer<UInt8>, count: Int, fileSize: Int, name: String,
        configuration: Configuration, startOffset: Int?, delimiter: UInt8
    ) throws(CSVError) {
        input = nil
        self.configuration = configuration
        self.name = name
        decoding = .utf8
        rawCapacity = 0
        raw = .allocate(capacity: 1)
        decoded = base
        decodedCapacity = count
        decodedCount = count
        ownsDecoded = false
        inputEnded = true
        parser = CSVParser()
        if let startOffset {
            self.delimiter = delimiter
            parser = CSVParser(
                delimiter: delimiter, maxRecordSize: configuration.maxRecordSize, source: name,
                startLine: 1, startOffset: startOffset
            )
        } else {
            precondition(fileSize > CSVReader.sniffSize, "a file read from memory must be larger than the sniffed sample")
            let chunk = max(configuration.chunkSize, 4096)
            sniffEnd = min(fileSize, (CSVReader.sniffSize + chunk - 1) / chunk * chunk)
            try prepare()
        }
    }

    deinit {
        raw.deallocate()
        if ownsDecoded { decoded.deallocate() }
    }

    /// Makes the caller's bytes up to `count` readable after a pause at the end of the earlier ones; with
    /// `pausing` false their end is the end of the input.
    func resume(through count: Int, pausing: Bool) {
        precondition(!ownsDecoded && count >= decodedCount, "only a reader of bytes in memory reads further")
        decodedCount = count
        decodedCapacity = count
        pausesAtEnd = pausing
    }

    /// Whether the parser stands between two records (not inside a quoted field): a pause there splits the input
    /// at a row boundary.
    var isAtRowBoundary: Bool { parser.state == .startRecord }

    /// Reads the start of the input, skips a BOM and a `sep=` line, chooses the delimiter, creates the parser.
    private func prepare() throws(CSVError) {
        while !inputEnded, decodedCount < CSVReader.sniffSize {
            if try !fillDecoded() {
                inputEnded = true
                break
            }
        }
        if decodedCount >= 3, decoded[0] == 0xEF, decoded[1] == 0xBB, decoded[2] == 0xBF { decodedPos = 3 }
        if let kind = MarkupDocument.kind(UnsafeBufferPointer(start: decoded + decodedPos, count: decodedCount - decodedPos)) {
            throw CSVError(.markupDocument, "this is \(kind.description), not a delimited text table: \(kind.advice)",
                           location: SourceLocation(file: name, line: 1, byteOffset: 0), category: .unreadableInput)
        }
        var startLine = 1
        var directive: UInt8?
        if let (separator, next) = separatorDirective() {
            directive = separator
            hasSeparatorDirective = true
            decodedPos = next
            startLine = 2
        }
        if let configured = configuration.delimiter {
            delimiter = configured
        } else if let directive {
            delimiter = directive
        } else {
            let end = sniffEnd ?? decodedCount
            let sample = UnsafeBufferPointer(start: decoded + decodedPos, count: max(0, end - decodedPos))
            delimiter = DelimiterSniffer.sniff(sample, isWholeInput: sniffEnd == nil && inputEnded) ?? UInt8(ascii: ",")
        }
        parser = CSVParser(
            delimiter: delimiter, maxRecordSize: configuration.maxRecordSize, source: name,
            startLine: startLine, startOffset: decodedPos
        )
    }

    /// Excel's `sep=X` first line: the delimiter and the index just after the line, if the input starts so.
    private func separatorDirective() -> (UInt8, Int)? {
        let start = decodedPos
        guard decodedCount - start >= 5 else { return nil }
        let keyword = (0..<4).map { decoded[start + $0] | 0x20 }
        guard keyword == Array("sep=".utf8) else { return nil }
        let separator = decoded[start + 4]
        guard separator < 0x80, separator != 0x0A, separator != 0x0D, separator != 0, separator != UInt8(ascii: "\"")
        else { return nil }
        var next = start + 5
        if next == decodedCount { return inputEnded ? (separator, next) : nil }
        if decoded[next] == 0x0D {
            next += 1
            if next < decodedCount, decoded[next] == 0x0A { next += 1 }
        } else if decoded[next] == 0x0A {
            next += 1
        } else {
            return nil
        }
        return (separator, next)
    }

    /// The next row, or nil at the end of the input.
    ///
    /// - Throws: `CSVError` `.unterminatedQuote`, `.nulByte`, `.recordTooLarge`, `.invalidUTF8`,
    ///   `.invalidEncodedBytes`, `.truncatedCharacter`, `.readFailed`, and `.raggedRow` in strict mode.
    public func nextRow() throws(CSVError) -> Row? {
        guard try nextRecord() else { return nil }
        let cells = parser.cells(minimumCount: headerWidth ?? 0, interner: &interner)
        return Row(cells: cells, line: parser.recordLine, byteOffset: decoding == .utf8 ? parser.recordByteOffset : nil)
    }

    /// The next record's fields as strings, exactly as in the file (not padded), or nil at the end.
    ///
    /// Width checks and warnings apply as for `nextRow()`.
    /// - Throws: as `nextRow()`.
    public func nextFields() throws(CSVError) -> [String]? {
        guard try nextRecord() else { return nil }
        return parser.fields
    }

    /// Advances the parser to the next record and checks its width; false at the end of the input.
    private func nextRecord() throws(CSVError) -> Bool {
        guard !finished else { return false }
        do {
            while true {
                if decodedPos < decodedCount {
                    let event = try parser.parse(
                        UnsafeBufferPointer(start: decoded, count: decodedCount), position: &decodedPos
                    )
                    if event == .record { break }
                }
                if inputEnded {
                    if pausesAtEnd { return false }
                    if try parser.finish() { break }
                    finished = true
                    return false
                }
                decodedPos = 0
                decodedCount = 0
                if try !fillDecoded() { inputEnded = true }
            }
        } catch {
            throw locatedParserError(error)
        }
        try checkWidth()
        return true
    }

    /// Parser errors carry offsets into the decoded stream; they are file offsets only for UTF-8 input.
    private func locatedParserError(_ error: CSVError) -> CSVError {
        var error = error
        if decoding != .utf8, error.code == .unterminatedQuote || error.code == .nulByte
            || error.code == .recordTooLarge {
            error.location?.byteOffset = nil
        }
        return error
    }

    /// Sets the width of the header the caller found (with `Configuration.defersWidthCheck`), and checks the rows
    /// read after the header before this call as `nextRow()` checks the rows still to come.
    ///
    /// - Parameter rows: rows this reader returned after the header, unpadded (read before any width was set).
    /// - Throws: `.raggedRow` in strict mode for the first of `rows` of another width.
    public func setHeaderWidth(_ width: Int, checking rows: [Row] = []) throws(CSVError) {
        headerWidth = width
        widthSource = "the header"
        for row in rows where !(row.cells.count == 1 && row.cells[0].isEmpty) {
            try checkWidth(row.cells.count, line: row.line)
        }
    }

    /// Records the first row's width, and warns about (or, in strict mode, rejects) rows of another width.
    private func checkWidth() throws(CSVError) {
        guard !parser.isBlankLine else { return }
        guard headerWidth != nil else {
            if !configuration.defersWidthCheck { headerWidth = parser.fieldCount }
            return
        }
        try checkWidth(parser.fieldCount, line: parser.recordLine)
    }

    /// Warns about (or, in strict mode, rejects) a row of `count` fields when the header has another width.
    private func checkWidth(_ count: Int, line: Int) throws(CSVError) {
        guard let width = headerWidth, count != width else { return }
        let location = SourceLocation(file: name, line: line)
        let what = "this row has \(count) field\(count == 1 ? "" : "s") but \(widthSource) has \(width)"
        if configuration.strict {
            throw CSVError(
                .raggedRow,
                what + "; make every row as wide as \(widthSource), or read without --strict",
                location: location, value: String(count), category: .invalidData
            )
        }
        guard warnings.count < configuration.maxWarnings else {
            omittedWarningCount += 1
            return
        }
        let short = count < width
        warnings.append(
            CSVWarning(
                code: short ? .shortRow : .longRow, location: location,
                message: what + (short ? "; it was padded with empty cells" : "; the extra fields were kept"),
                expectedFields: width, actualFields: count
            )
        )
    }

    // MARK: Decoding

    /// Reads raw bytes, serving bytes replayed from encoding detection first.
    private func readRaw(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVError) -> Int {
        guard let input else { return 0 }
        if !replay.isEmpty {
            let taken = min(count, replay.count)
            replay.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: taken) }
            replay.removeFirst(taken)
            return taken
        }
        return try input.read(into: buffer, count: count)
    }

    /// Makes room for `extra` more decoded bytes.
    private func reserveDecoded(_ extra: Int) {
        guard decodedCount + extra > decodedCapacity else { return }
        let capacity = max(decodedCapacity * 2, decodedCount + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: decoded, count: decodedCount)
        decoded.deallocate()
        decoded = grown
        decodedCapacity = capacity
    }

    /// Reads one chunk and appends its UTF-8 decoding to `decoded`; false when the input had nothing more.
    private func fillDecoded() throws(CSVError) -> Bool {
        guard let converter else {
            reserveDecoded(rawCapacity)
            let got = try readRaw(into: decoded + decodedCount, count: rawCapacity)
            if got == 0 {
                if validator.isInsideSequence {
                    throw decodeError(.truncatedCharacter, at: validator.sequenceStart, decodedEnd: decodedCount)
                }
                return false
            }
            let chunk = UnsafeBufferPointer(start: decoded + decodedCount, count: got)
            let streamStart = validator.offset
            if let bad = validator.validate(chunk) {
                let index = max(0, bad - streamStart)
                throw decodeError(
                    .invalidUTF8, at: bad, decodedEnd: decodedCount + index,
                    bytes: UnsafeBufferPointer(rebasing: chunk[index..<min(index + 4, got)])
                )
            }
            decodedCount += got
            rawOffset += got
            return true
        }
        let got = try readRaw(into: raw + rawCount, count: rawCapacity - rawCount)
        if got == 0 {
            if rawCount > 0 {
                throw decodeError(.truncatedCharacter, at: rawOffset, decodedEnd: decodedCount)
            }
            let before = decodedCount
            converter.finish { appendDecoded($0) }
            return decodedCount > before
        }
        rawCount += got
        let consumed: Int
        do {
            consumed = try converter.convert(UnsafeRawBufferPointer(start: raw, count: rawCount)) { appendDecoded($0) }
        } catch {
            switch error {
            case .invalidSequence(let index):
                throw decodeError(.invalidEncodedBytes, at: rawOffset + index, decodedEnd: decodedCount,
                                  bytes: UnsafeBufferPointer(start: raw + index, count: min(4, rawCount - index)))
            }
        }
        let left = rawCount - consumed
        if left > 0 { raw.update(from: raw + consumed, count: left) }
        rawCount = left
        rawOffset += consumed
        return true
    }

    private func appendDecoded(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserveDecoded(bytes.count)
        (decoded + decodedCount).update(from: bytes.baseAddress!, count: bytes.count)
        decodedCount += bytes.count
    }

    /// A decoding error at a stream offset, with the line counted from the parser's line through the decoded
    /// bytes before the fault.
    private func decodeError(
        _ code: CSVError.Code, at offset: Int, decodedEnd: Int, bytes: UnsafeBufferPointer<UInt8>? = nil
    ) -> CSVError {
        var line = parser.line
        var lastWasCR = parser.state == .afterCR || parser.state == .quotedAfterCR
        var index = decodedPos
        while index < decodedEnd {
            let byte = decoded[index]
            if byte == 0x0D || (byte == 0x0A && !lastWasCR) { line += 1 }
            lastWasCR = byte == 0x0D
            index += 1
        }
        let badBytes = bytes.map(Array.init) ?? []
        let shown = badBytes.isEmpty ? "" : " (\(hexDump(badBytes)))"
        let message: String
        switch code {
        case .invalidUTF8:
            message = "the bytes here\(shown) are not valid UTF-8; the file may be in another encoding: "
                + "pass --encoding NAME (e.g. GB18030)"
        case .truncatedCharacter:
            message = "the input ends in the middle of a \(decoding.name) character; the file is cut short "
                + "or is not \(decoding.name): pass --encoding NAME"
        default:
            message = "the bytes here\(shown) are not valid \(decoding.name); pass the right --encoding NAME"
        }
        return CSVError(
            code, message, location: SourceLocation(file: name, line: line, byteOffset: offset),
            value: badBytes.isEmpty ? nil : hexDump(badBytes)
        )
    }

    // MARK: Whole tables

    /// Reads a whole (small) CSV file into memory as a table named after the file, collecting warnings.
    ///
    /// A plain UTF-8 file of 1 MiB or more is read in two halves on two threads (`readRowsInParallel`); the rows,
    /// warnings and errors are those of reading it in one pass.
    /// - Throws: as `init(path:configuration:)` and `nextRow()`.
    public static func readTable(
        path: String, configuration: Configuration = Configuration(), warnings: inout [CSVWarning]
    ) throws(CSVError) -> Table {
        if let (rows, read) = readRowsInParallel(path: path, configuration: configuration) {
            warnings = read
            return Table(name: tableName(path), file: path, rows: rows)
        }
        let reader = try CSVReader(path: path, configuration: configuration)
        reader.interner = FieldInterner(bytesAreValid: reader.validatesUTF8)
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        warnings = reader.warnings
        return Table(name: tableName(path), file: path, rows: rows)
    }

    /// Reads a whole (small) CSV file into memory as a table named after the file; warnings are dropped.
    ///
    /// - Throws: as `init(path:configuration:)` and `nextRow()`.
    public static func readTable(path: String, configuration: Configuration = Configuration()) throws(CSVError) -> Table {
        var ignored: [CSVWarning] = []
        return try readTable(path: path, configuration: configuration, warnings: &ignored)
    }

    /// The file's base name without its extension, or `stdin` for `-`.
    static func tableName(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { return String(base[..<dot]) }
        return base
    }
}
