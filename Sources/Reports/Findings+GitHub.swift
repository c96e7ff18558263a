public import Rectification

/// Findings as GitHub Actions workflow commands, one per line:
/// `::error file=tasks.csv,line=6,title=unknown-issue-reference [问题编号]::措施引用的问题…`.
public enum FindingsGitHub {
    /// Renders one command per finding; empty when there are none.
    public static func render(_ result: Reconciliation, language: Language = .chinese) -> String {
        result.findings.map { command($0, language: language) }.joined()
    }

    /// One finding's command, with GitHub's escaping, ending with a newline.
    static func command(_ finding: Finding, language: Language = .chinese) -> String {
        command(finding.severity == .info ? "notice" : finding.severity.rawValue, file: finding.file, line: finding.line,
                code: finding.code.rawValue, column: finding.column, message: finding.message(language))
    }

    /// A finding's command from its parts, as `check --format github` prints it, for findings that reached the
    /// caller already rendered (a batch job's).
    ///
    /// - Parameters:
    ///   - command: `error`, `warning` or `notice`.
    ///   - file: the file the annotation is on.
    ///   - line: its 1-based line, nil for the whole file.
    ///   - code: the finding's code, the annotation's title (with the column in brackets).
    ///   - column: the column's header, if the finding is about one.
    ///   - message: the finding's message.
    public static func command(_ command: String, file: String, line: Int?, code: String, column: String?,
                               message: String) -> String {
        var properties = ["file=" + escapeProperty(file)]
        if let line { properties.append("line=\(line)") }
        var title = code
        if let column { title += " [\(column)]" }
        properties.append("title=" + escapeProperty(title))
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    /// Escapes a message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
    public static func escapeData(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Escapes a property value: as data, and also `:` → `%3A`, `,` → `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
