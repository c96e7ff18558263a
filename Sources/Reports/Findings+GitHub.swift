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
        var properties = ["file=" + escapeProperty(finding.file)]
        if let line = finding.line { properties.append("line=\(line)") }
        var title = finding.code.rawValue
        if let column = finding.column { title += " [\(column)]" }
        properties.append("title=" + escapeProperty(title))
        let command = finding.severity == .info ? "notice" : finding.severity.rawValue
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(finding.message(language)))\n"
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
