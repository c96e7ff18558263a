#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import TabularCore

/// Writes rows of text as CSV to a file or standard output, streaming through a buffer.
///
/// Fields are quoted only when they must be (they contain the delimiter, a quote, CR or LF; optionally when
/// they start or end with a space), with quotes doubled inside. Output is UTF-8 unless `Configuration.encoding`
/// names another encoding, which iconv converts to; a character that encoding cannot hold is an error, never
/// replaced. Call `close()` at the end: it writes what is buffered and reports any failure. A writer released
/// without `close()` still writes its buffer, but cannot report a failure.
///
/// A closed pipe (`EPIPE`) throws `CSVError.Code.outputClosed`; the command line ignores `SIGPIPE` and treats that
/// code as success.
///
/// Memory: one output buffer (`Configuration.bufferSize`) and one row.
public final class CSVWriter {
    /// How records end.
    public enum LineEnding: Sendable, Hashable {
        /// `\n`, as Unix tools expect (the default).
        case lf
        /// `\r\n`, as RFC 4180 and Excel on Windows write.
        case crlf
    }

    /// Options for writing; each default is documented on its property.
    public struct Configuration: Sendable, Hashable {
        /// The field delimiter, an ASCII byte (default `,`).
        public var delimiter: UInt8
        /// The line ending (default `.lf`; Excel reads both).
        public var lineEnding: LineEnding
        /// Whether to start with a byte-order mark (default false; Excel needs one to read UTF-8 CSV with
        /// non-ASCII text correctly, so `tracksheet` turns it on for `--excel`).
        public var includesByteOrderMark: Bool
        /// The output encoding as an iconv name (`GB18030`, `UTF-16LE`...), or nil (default) for UTF-8.
        public var encoding: String?
        /// Whether text starting with `=`, `+`, `-`, `@`, tab, CR or their full-width forms gets a `'` prefix
        /// and quotes, so that a spreadsheet does not run it as a formula (OWASP "CSV injection"). Plain numbers
        /// such as `-12.5` are left alone. Default false (lossless).
        public var escapesFormulas: Bool
        /// Whether fields with a leading or trailing space or tab are quoted (default false: they need not be).
        public var quotesOuterSpaces: Bool
        /// The output buffer size in bytes (default 64 KiB).
        public var bufferSize: Int

        /// Creates a configuration; every parameter defaults to the value documented on its property.
        public init(
            delimiter: UInt8 = UInt8(ascii: ","),
            lineEnding: LineEnding = .lf,
            includesByteOrderMark: Bool = false,
            encoding: String? = nil,
            escapesFormulas: Bool = false,
            quotesOuterSpaces: Bool = false,
            bufferSize: Int = 64 << 10
        ) {
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.includesByteOrderMark = includesByteOrderMark
            self.encoding = encoding
            self.escapesFormulas = escapesFormulas
            self.quotesOuterSpaces = quotesOuterSpaces
            self.bufferSize = bufferSize
        }
    }

    /// The output's name as given (`-` for standard output).
    public let name: String
    /// How many rows have been written.
    public private(set) var rowCount = 0

    private let configuration: Configuration
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var closed = false
    private let converter: IconvConverter?
    private var output: [UInt8] = []
    /// The current row as UTF-8, and where each field starts in it, for locating unencodable characters.
    private var row: [UInt8] = []
    private var fieldStarts: [Int] = []
    private let inference = TypeInference()

    /// Creates (or truncates) a file, or writes to standard output for `-`.
    ///
    /// - Throws: `CSVError` `.writeFailed` (category `.outputFailure`) when the file cannot be created;
    ///   `.unknownEncoding` or `.invalidConfiguration` (category `.usage`) for unusable options.
    public convenience init(path: String, configuration: Configuration = Configuration()) throws(CSVError) {
        if path == "-" {
            try self.init(descriptor: STDOUT_FILENO, owned: false, name: path, configuration: configuration)
            return
        }
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            let code = errno
            throw CSVError(
                .writeFailed,
                "cannot create the output file: \(String(cString: strerror(code))); check that its folder exists "
                    + "and is writable",
                location: SourceLocation(file: path), value: path, category: .outputFailure
            )
        }
        try self.init(descriptor: opened, owned: true, name: path, configuration: configuration)
    }

    /// Writes to an open descriptor that the caller keeps owning (it is not closed).
    ///
    /// - Parameter name: the output's name for messages.
    /// - Throws: as `init(path:configuration:)`.
    public convenience init(
        fileDescriptor: Int32, name: String, configuration: Configuration = Configuration()
    ) throws(CSVError) {
        try self.init(descriptor: fileDescriptor, owned: false, name: name, configuration: configuration)
    }

    private init(descriptor: Int32, owned: Bool, name: String, configuration: Configuration) throws(CSVError) {
        let delimiter = configuration.delimiter
        let converter: IconvConverter?
        if let encoding = configuration.encoding, !["UTF-8", "UTF8"].contains(encoding.uppercased()) {
            converter = IconvConverter(from: "UTF-8", to: encoding)
        } else {
            converter = nil
        }
        var failure: CSVError?
        if delimiter >= 0x80 || delimiter == UInt8(ascii: "\"") || delimiter == 0x0A || delimiter == 0x0D
            || delimiter == 0 {
            failure = CSVError(
                .invalidConfiguration, "the delimiter must be one ASCII character other than a quote, CR, LF or NUL",
                location: SourceLocation(file: name), value: String(delimiter), category: .usage
            )
        } else if let encoding = configuration.encoding, converter == nil,
                  !["UTF-8", "UTF8"].contains(encoding.uppercased()) {
            failure = CSVError(
                .unknownEncoding,
                "unknown output encoding '\(encoding)'; use a name that iconv knows, such as UTF-8, GB18030 or "
                    + "UTF-16LE (`iconv --list` shows them all)",
                location: SourceLocation(file: name), value: encoding, category: .usage
            )
        }
        if let failure {
            if owned { systemClose(descriptor) }
            throw failure
        }
        self.descriptor = descriptor
        ownsDescriptor = owned
        self.name = name
        self.configuration = configuration
        self.converter = converter
        output.reserveCapacity(max(configuration.bufferSize, 1024) + 1024)
        if configuration.includesByteOrderMark {
            row = [0xEF, 0xBB, 0xBF]
            fieldStarts = [0]
            try emitRow()
        }
    }

    deinit {
        if !closed {
            try? flush()
            if ownsDescriptor { systemClose(descriptor) }
        }
    }

    /// Writes one row.
    ///
    /// - Throws: `CSVError` `.unencodableCharacter` (located at the row and 1-based column), `.writeFailed`,
    ///   `.outputClosed`.
    public func write(row fields: some Collection<String>) throws(CSVError) {
        precondition(!closed, "writing to a closed CSVWriter")
        // The row and field starts are built in locals: class properties would be checked for exclusive access
        // on every append.
        var row: [UInt8] = []
        var fieldStarts: [Int] = []
        swap(&row, &self.row)
        swap(&fieldStarts, &self.fieldStarts)
        row.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
        let onlyFieldOfFirstRow = rowCount == 0 && fields.count == 1
        var index = 0
        for field in fields {
            if index > 0 { row.append(configuration.delimiter) }
            fieldStarts.append(row.count)
            var copy = field
            copy.withUTF8 { appendField($0, isOnlyFieldOfFirstRow: onlyFieldOfFirstRow, to: &row) }
            index += 1
        }
        switch configuration.lineEnding {
        case .lf: row.append(0x0A)
        case .crlf: row.append(contentsOf: [0x0D, 0x0A])
        }
        swap(&row, &self.row)
        swap(&fieldStarts, &self.fieldStarts)
        try emitRow()
        rowCount += 1
    }

    /// Writes one row given as its fields' UTF-8 bytes back to back, padded with empty fields to `width`: the
    /// same output as `write(row:)` of those fields, without a `String` per field.
    ///
    /// - Parameters:
    ///   - bytes: the fields' bytes (valid UTF-8).
    ///   - fieldEnds: where each field ends in `bytes`; the first field starts at `start`.
    ///   - start: where the first field starts in `bytes`.
    ///   - width: the number of fields to write; fields past `fieldEnds` are empty.
    /// - Throws: as `write(row:)`.
    public func write(
        fields bytes: UnsafeBufferPointer<UInt8>, fieldEnds: ArraySlice<Int>, start: Int, paddedTo width: Int
    ) throws(CSVError) {
        precondition(!closed, "writing to a closed CSVWriter")
        var row: [UInt8] = []
        var fieldStarts: [Int] = []
        swap(&row, &self.row)
        swap(&fieldStarts, &self.fieldStarts)
        row.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
        let count = max(fieldEnds.count, width)
        let onlyFieldOfFirstRow = rowCount == 0 && count == 1
        let delimiter = configuration.delimiter
        var fieldStart = start
        var index = 0
        for fieldEnd in fieldEnds {
            if index > 0 { row.append(delimiter) }
            fieldStarts.append(row.count)
            appendField(UnsafeBufferPointer(rebasing: bytes[fieldStart..<fieldEnd]), isOnlyFieldOfFirstRow: onlyFieldOfFirstRow,
                        to: &row)
            fieldStart = fieldEnd
            index += 1
        }
        while index < count {
            if index > 0 { row.append(delimiter) }
            fieldStarts.append(row.count)
            index += 1
        }
        switch configuration.lineEnding {
        case .lf: row.append(0x0A)
        case .crlf: row.append(contentsOf: [0x0D, 0x0A])
        }
        swap(&row, &self.row)
        swap(&fieldStarts, &self.fieldStarts)
        try emitRow()
        rowCount += 1
    }

    /// Writes one row of cells: text as is, numbers in their shortest exact form, dates in ISO 8601.
    ///
    /// - Throws: as `write(row:)`.
    public func write(cells: [CellValue]) throws(CSVError) {
        try write(row: cells.map(\.text))
    }

    /// Writes everything buffered to the output.
    ///
    /// - Throws: `CSVError` `.writeFailed` or `.outputClosed`.
    public func flush() throws(CSVError) {
        var offset = 0
        defer {
            if offset == output.count { output.removeAll(keepingCapacity: true) } else { output.removeFirst(offset) }
        }
        while offset < output.count {
            let written = output.withUnsafeBytes { bytes in
                systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EPIPE {
                    throw CSVError(
                        .outputClosed, "the reader of the output closed it",
                        location: SourceLocation(file: name), category: .outputFailure
                    )
                }
                throw CSVError(
                    .writeFailed, "cannot write the output: \(String(cString: strerror(code)))",
                    location: SourceLocation(file: name), category: .outputFailure
                )
            }
            offset += written
        }
    }

    /// Writes what is buffered and closes the output (a descriptor it does not own is left open).
    ///
    /// - Throws: as `flush()`, and `.writeFailed` when closing fails (e.g. a network file system reporting late).
    public func close() throws(CSVError) {
        guard !closed else { return }
        closed = true
        if let converter {
            converter.finish { output.append(contentsOf: $0) }
        }
        do {
            try flush()
        } catch {
            if ownsDescriptor { systemClose(descriptor) }
            throw error
        }
        if ownsDescriptor, systemClose(descriptor) != 0 {
            throw CSVError(
                .writeFailed, "cannot finish writing the output: \(String(cString: strerror(errno)))",
                location: SourceLocation(file: name), category: .outputFailure
            )
        }
    }

    // MARK: Internals

    /// Appends one field to `row`, quoting and escaping as needed.
    private func appendField(_ bytes: UnsafeBufferPointer<UInt8>, isOnlyFieldOfFirstRow: Bool, to row: inout [UInt8]) {
        let escape = configuration.escapesFormulas && needsFormulaEscape(bytes)
        var quote = escape || (isOnlyFieldOfFirstRow && bytes.count == 5 && bytes.starts(with: Array("sep=".utf8)))
        var quotes = 0
        let delimiter = configuration.delimiter
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                quotes += 1
                quote = true
            } else if byte == delimiter || byte == 0x0A || byte == 0x0D {
                quote = true
            }
        }
        if configuration.quotesOuterSpaces, let first = bytes.first, let last = bytes.last,
           first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
            quote = true
        }
        if !quote {
            row.append(contentsOf: bytes)
            return
        }
        row.reserveCapacity(row.count + bytes.count + quotes + 3)
        row.append(UInt8(ascii: "\""))
        if escape { row.append(UInt8(ascii: "'")) }
        if quotes == 0 {
            row.append(contentsOf: bytes)
        } else {
            for byte in bytes {
                row.append(byte)
                if byte == UInt8(ascii: "\"") { row.append(byte) }
            }
        }
        row.append(UInt8(ascii: "\""))
    }

    /// Whether a field would run as a formula in a spreadsheet and is not a plain number.
    private func needsFormulaEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            if case .number = inference.infer(utf8: bytes) { return false }
            return true
        case 0xEF:
            // Full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20).
            guard bytes.count >= 3 else { return false }
            return (bytes[1] == 0xBC && [0x9D, 0x8B, 0x8D, 0xA0].contains(bytes[2]))
        default:
            return false
        }
    }

    /// Moves the encoded row into the output buffer, flushing it when full.
    private func emitRow() throws(CSVError) {
        if let converter {
            let failure: CSVError? = row.withUnsafeBytes { bytes in
                do throws(IconvConverter.Failure) {
                    let consumed = try converter.convert(bytes) { output.append(contentsOf: $0) }
                    precondition(consumed == bytes.count, "valid UTF-8 ended inside a character")
                    return nil
                } catch {
                    switch error {
                    case .invalidSequence(let index): return unencodable(at: index)
                    }
                }
            }
            if let failure { throw failure }
        } else {
            output.append(contentsOf: row)
        }
        if output.count >= configuration.bufferSize { try flush() }
    }

    /// The error for a character of the current row that the output encoding cannot hold.
    private func unencodable(at index: Int) -> CSVError {
        let column = (fieldStarts.lastIndex { $0 <= index } ?? 0) + 1
        var end = index + 1
        while end < row.count, row[end] & 0xC0 == 0x80 { end += 1 }
        let character = String(decoding: row[index..<end], as: UTF8.self)
        let scalar = character.unicodeScalars.first.map { "U+" + String($0.value, radix: 16, uppercase: true) } ?? ""
        return CSVError(
            .unencodableCharacter,
            "the character '\(character)' (\(scalar)) cannot be written in \(configuration.encoding ?? "UTF-8"); "
                + "choose an encoding that has it, such as UTF-8 or GB18030",
            location: SourceLocation(file: name, line: rowCount + 1, column: column),
            value: character, category: .outputFailure
        )
    }
}
