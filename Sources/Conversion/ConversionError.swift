import TabularCore

/// An error of a conversion itself (rather than of reading or writing): a cell or row over Excel's limits, a bad
/// column override, an output folder that cannot be created.
public struct ConversionError: LocatedError, Hashable {
    /// A stable identifier of the kind of error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        /// The kind of failure, for exit codes.
        public let category: FailureCategory

        /// A field is longer than Excel's 32,767 characters.
        public static let textTooLong = Code(name: "text-too-long", category: .limitExceeded)
        /// A row has more than Excel's 16,384 columns.
        public static let tooManyColumns = Code(name: "too-many-columns", category: .limitExceeded)
        /// A `--type` override names a column the input does not have, or an unknown type.
        public static let unknownColumn = Code(name: "unknown-column", category: .usage)
        /// `--header-row` names a row past the end of the input.
        public static let noSuchRow = Code(name: "no-such-row", category: .usage)
        /// The output folder cannot be created.
        public static let outputFolder = Code(name: "output-folder", category: .outputFailure)

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of error this is.
    public var code: Code
    /// The code's stable name, by which the message is translated.
    public var codeName: String? { code.name }
    /// What went wrong and how to fix it.
    public var message: String
    /// The input file, line and column concerned.
    public var location: SourceLocation?

    /// Creates an error.
    public init(_ code: Code, _ message: String, location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// The kind of failure, from the code.
    public var category: FailureCategory { code.category }
}
