import TabularCore

/// Why the domain cannot read a table at all (as opposed to findings, which it reports and goes on).
public struct RectificationError: LocatedError, Hashable {
    /// What went wrong, as a stable code; new codes are added as static members.
    public struct Code: RawRepresentable, Sendable, Hashable {
        /// The code's text, e.g. `no-header`.
        public var rawValue: String
        /// Creates a code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// No row of the first rows has at least two recognized headers.
        public static let noHeader = Code(rawValue: "no-header")
        /// A column the table cannot do without (e.g. the roster's 姓名) is absent.
        public static let missingColumn = Code(rawValue: "missing-column")
        /// The issue definitions look like a task table and the task table does not: the files were given in the
        /// wrong order (`value` is the file that looks like the task table).
        public static let tablesSwapped = Code(rawValue: "tables-swapped")
        /// A header mapping names a column that none of the tables has (`value` is the header).
        public static let mappedHeaderNotFound = Code(rawValue: "mapped-header-not-found")
    }

    /// The code.
    public var code: Code
    /// The code's stable name, by which the message is translated.
    public var codeName: String? { code.rawValue }
    /// Where, when tied to a table.
    public var location: SourceLocation?
    /// What went wrong and how to fix it.
    public var message: String
    /// The offending value (a header, an argument), when there is one.
    public var value: String?

    /// The failure category: swapped tables and a mapping of a column no table has are usage errors; a table the
    /// domain cannot read is invalid data.
    public var category: FailureCategory { [.tablesSwapped, .mappedHeaderNotFound].contains(code) ? .usage : .invalidData }

    /// Creates an error.
    public init(_ code: Code, location: SourceLocation? = nil, message: String, value: String? = nil) {
        self.code = code
        self.location = location
        self.message = message
        self.value = value
    }
}
