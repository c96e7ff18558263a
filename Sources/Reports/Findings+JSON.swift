public import Rectification
import TabularCore

/// Findings as one JSON object with a fixed key order:
/// `{"asOf": "2025-12-04", "summary": {"aspects":4,…}, "findings": [{"code":…,"severity":…,"file":…,"line":6,
/// "column":"问题编号","message":…}]}`; `line` and `column` are null for file-level findings.
public enum FindingsJSON {
    /// Renders the object, one finding per line; ends with a newline.
    public static func render(_ result: Reconciliation) -> String {
        var text = "{\"asOf\": \(JSONText.string(result.asOf.isoDate)), \"summary\": \(JSONText.summary(result.summary)), "
        if result.findings.isEmpty {
            text += "\"findings\": []}\n"
            return text
        }
        text += "\"findings\": [\n"
        text += result.findings.map { "  " + object($0) }.joined(separator: ",\n")
        return text + "\n]}\n"
    }

    /// One finding as a JSON object.
    static func object(_ finding: Finding) -> String {
        JSONText.object([
            ("code", JSONText.string(finding.code.rawValue)),
            ("severity", JSONText.string(finding.severity.rawValue)),
            ("file", JSONText.string(finding.file)),
            ("line", finding.line.map(String.init) ?? "null"),
            ("column", finding.column.map(JSONText.string) ?? "null"),
            ("message", JSONText.string(finding.message)),
        ])
    }
}

/// Hand-written JSON with a fixed key order and proper escaping.
enum JSONText {
    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t` … or `\u00XX`; the rest as UTF-8.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// An object from already-encoded values, keys in the given order, no spaces.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// The summary object, keys in the documented order.
    static func summary(_ summary: Summary) -> String {
        object([
            ("aspects", "\(summary.aspects)"), ("problems", "\(summary.problems)"), ("issues", "\(summary.issues)"),
            ("measures", "\(summary.measures)"), ("done", "\(summary.done)"), ("doneOngoing", "\(summary.doneOngoing)"),
            ("inProgress", "\(summary.inProgress)"), ("notStarted", "\(summary.notStarted)"),
            ("overdue", "\(summary.overdue)"), ("dueSoon", "\(summary.dueSoon)"),
            ("rectifiedIssues", "\(summary.rectifiedIssues)"), ("rectifiedProblems", "\(summary.rectifiedProblems)"),
        ])
    }

    /// A tally object for a named group.
    static func tally(_ named: NamedTally) -> String {
        let tally = named.tally
        return object([
            ("name", string(named.name)), ("issues", "\(tally.issues)"), ("rectifiedIssues", "\(tally.rectifiedIssues)"),
            ("measures", "\(tally.measures)"), ("done", "\(tally.done)"), ("doneOngoing", "\(tally.doneOngoing)"),
            ("inProgress", "\(tally.inProgress)"), ("notStarted", "\(tally.notStarted)"), ("overdue", "\(tally.overdue)"),
            ("dueSoon", "\(tally.dueSoon)"),
        ])
    }
}
