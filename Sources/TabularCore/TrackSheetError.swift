/// What kind of failure an error is, so that a command line can map it to its exit code.
public enum FailureCategory: Sendable, Hashable {
    /// The data is readable but wrong (exit 1).
    case invalidData
    /// The command was called wrongly (exit 2).
    case usage
    /// An input is missing, corrupt, or not decodable (exit 3).
    case unreadableInput
    /// An Excel or safety limit is exceeded (exit 4).
    case limitExceeded
    /// The output cannot be written (exit 5).
    case outputFailure
}

/// An error that names where it happened and what kind of failure it is; every module's error type conforms.
public protocol LocatedError: Error, CustomStringConvertible {
    /// The kind of failure, for exit codes.
    var category: FailureCategory { get }
    /// Where the error happened, when it is tied to a place in an input or output.
    var location: SourceLocation? { get }
    /// What went wrong and how to fix it, without the location.
    var message: String { get }
    /// The stable name of the error's code (`nul-byte`, `noSuchSheet`…), by which messages are translated; nil for
    /// an error type without codes. Required, so that a new error type decides it.
    var codeName: String? { get }
}

extension LocatedError {
    /// `location: message`, or the message alone when there is no location.
    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
