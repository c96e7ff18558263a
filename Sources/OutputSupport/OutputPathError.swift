public import TabularCore

/// An output path that must not be written: one of the inputs.
public struct OutputPathError: LocatedError, Hashable {
    /// A stable identifier of the kind of error.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let name: String
        /// The kind of failure, for exit codes.
        public let category: FailureCategory

        /// The output path is one of the inputs.
        public static let outputIsInput = Code(name: "output-is-input", category: .usage)

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of error this is.
    public var code: Code
    /// The code's stable name, by which the message is translated.
    public var codeName: String? { code.name }
    /// What went wrong and how to fix it.
    public var message: String
    /// The output path.
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
