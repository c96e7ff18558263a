/// One finding a check or report job reported, as CI shows it: an annotation at its file and line in GitHub's log,
/// a test case of its own in the JUnit report. The domain decided it; the job rendered its message in the job's
/// language, so the batch only lays it out.
public struct JobFinding: Sendable, Hashable {
    /// How serious a finding is, by the names GitHub's workflow commands use.
    public enum Severity: String, Sendable, Hashable {
        /// The data is wrong (the job has errors).
        case error
        /// Worth a look; the job still passes.
        case warning
        /// Information.
        case notice
    }

    /// How serious it is.
    public var severity: Severity
    /// The finding's stable code, e.g. `count-mismatch`.
    public var code: String
    /// The file, as the job's command line named it.
    public var file: String
    /// The 1-based line or workbook row; nil for a finding about the whole file.
    public var line: Int?
    /// The column's header, when the finding is about one column.
    public var column: String?
    /// The message, in the job's language.
    public var message: String

    /// Creates a finding.
    public init(severity: Severity, code: String, file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line [column] message (code)`, the line a JUnit report shows.
    public var summary: String {
        var text = file + (line.map { ":\($0)" } ?? "")
        if let column { text += " [\(column)]" }
        return text + " \(message) (\(code))"
    }
}
