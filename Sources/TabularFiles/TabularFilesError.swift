public import TabularCore

/// An error of choosing what to read from a table file (rather than of reading it): a sheet that does not exist.
public struct TabularFilesError: LocatedError, Hashable {
    /// A stable identifier of the kind of error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        /// The kind of failure, for exit codes.
        public let category: FailureCategory

        /// The requested sheet does not exist (an index out of range, or a workbook without worksheets).
        public static let unknownSheet = Code(name: "unknown-sheet", category: .usage)

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of error this is.
    public var code: Code
    /// The code's stable name, by which the message is translated.
    public var codeName: String? { code.name }
    /// What went wrong and how to fix it.
    public var message: String
    /// The file concerned.
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
