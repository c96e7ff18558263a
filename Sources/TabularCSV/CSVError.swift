public import TabularCore

/// An error reading or writing CSV: what went wrong (a code), where (file, line, column, byte offset) and the
/// offending value, with a message that says how to fix it.
public struct CSVError: LocatedError, Sendable, Hashable {
    /// What kind of CSV failure this is; new codes are static members, so adding one breaks no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// A stable, machine-readable name such as `unterminated-quote`.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// A quoted field is still open at the end of the input.
        public static let unterminatedQuote = Code("unterminated-quote")
        /// The text is a markup document (an HTML page, an Excel 2003 XML or flat OpenDocument spreadsheet, other
        /// XML), not delimited text.
        public static let markupDocument = Code("markup-document")
        /// A NUL byte (0x00) appears in the text, which no text file contains; the file is probably binary.
        public static let nulByte = Code("nul-byte")
        /// A record is larger than `Configuration.maxRecordSize`, usually because of a stray quote.
        public static let recordTooLarge = Code("record-too-large")
        /// Bytes that are not valid UTF-8 in input read as UTF-8.
        public static let invalidUTF8 = Code("invalid-utf8")
        /// Bytes that are not valid in the input's declared or detected encoding.
        public static let invalidEncodedBytes = Code("invalid-encoded-bytes")
        /// The input ends in the middle of a multibyte character.
        public static let truncatedCharacter = Code("truncated-character")
        /// The encoding name is not one that iconv knows.
        public static let unknownEncoding = Code("unknown-encoding")
        /// The input is not UTF-8 and its encoding cannot be detected with confidence.
        public static let undetectableEncoding = Code("undetectable-encoding")
        /// The input file does not exist.
        public static let fileNotFound = Code("file-not-found")
        /// The input path names a directory.
        public static let isDirectory = Code("is-directory")
        /// The input file cannot be opened or read (permissions, I/O error).
        public static let readFailed = Code("read-failed")
        /// A row has a different number of fields than the first row, in strict mode.
        public static let raggedRow = Code("ragged-row")
        /// A configuration value is not usable (e.g. a multi-byte delimiter).
        public static let invalidConfiguration = Code("invalid-configuration")
        /// The output cannot be opened or written.
        public static let writeFailed = Code("write-failed")
        /// The reader of the output went away (a closed pipe, `EPIPE`); command lines treat this as success.
        public static let outputClosed = Code("output-closed")
        /// A character cannot be represented in the output encoding.
        public static let unencodableCharacter = Code("unencodable-character")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The code's stable name, by which the message is translated.
    public var codeName: String? { code.name }
    /// Where it went wrong, as far as known.
    public var location: SourceLocation?
    /// The offending value (a field, an encoding name, a hex dump of bytes), when there is one.
    public var value: String?
    /// What went wrong and how to fix it.
    public var message: String
    /// The kind of failure, for exit codes.
    public var category: FailureCategory

    /// Creates an error.
    public init(
        _ code: Code,
        _ message: String,
        location: SourceLocation? = nil,
        value: String? = nil,
        category: FailureCategory = .unreadableInput
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.value = value
        self.category = category
    }
}

/// A hex dump of a few bytes for messages, e.g. `0xC3 0x28`.
func hexDump(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }.joined(separator: " ")
}
