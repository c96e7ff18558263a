public import TabularCore

/// Something unusual in a CSV input that does not stop reading, such as a row with more or fewer fields than the
/// first row. Warnings are collected by the reader, never thrown.
public struct CSVWarning: Sendable, Hashable, CustomStringConvertible {
    /// What kind of warning this is; new codes are static members.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// A stable, machine-readable name such as `short-row`.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// A row has fewer fields than the first row; it was padded with empty cells.
        public static let shortRow = Code("short-row")
        /// A row has more fields than the first row; the extra fields were kept.
        public static let longRow = Code("long-row")

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of warning this is.
    public var code: Code
    /// Where: the file and the line where the row starts.
    public var location: SourceLocation
    /// What was found and what the reader did about it.
    public var message: String
    /// The number of fields the first row has.
    public var expectedFields: Int
    /// The number of fields this row has.
    public var actualFields: Int

    /// Creates a warning.
    public init(code: Code, location: SourceLocation, message: String, expectedFields: Int, actualFields: Int) {
        self.code = code
        self.location = location
        self.message = message
        self.expectedFields = expectedFields
        self.actualFields = actualFields
    }

    /// `file:line: warning: message`, as compilers print warnings.
    public var description: String { "\(location): warning: \(message)" }
}
