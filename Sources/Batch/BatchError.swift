import TabularCore

/// An error in planning or running a batch: a bad manifest, an unreadable folder, a manifest that cannot be written.
public struct BatchError: LocatedError, Hashable {
    /// None: the message is the whole of it.
    public var codeName: String? { nil }
    /// What went wrong and how to fix it.
    public var message: String
    /// The manifest file and line, or the folder, concerned.
    public var location: SourceLocation?
    /// The kind of failure, for exit codes.
    public var category: FailureCategory

    /// Creates an error.
    public init(_ message: String, location: SourceLocation? = nil, category: FailureCategory = .usage) {
        self.message = message
        self.location = location
        self.category = category
    }
}
