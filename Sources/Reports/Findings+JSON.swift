import OutputSupport
public import Rectification
import TabularCore

/// Findings as one JSON object with a fixed key order:
/// `{"asOf": "2025-12-04", "summary": {"aspects":4,…}, "findings": [{"code":…,"severity":…,"file":…,"line":6,
/// "column":"问题编号","subject":{"kind":"measure","key":"3-1"},"message":…}]}`; `line`, `column` and `subject` are
/// null for file-level findings.
public enum FindingsJSON {
    /// Renders the object, one finding per line; ends with a newline.
    public static func render(_ result: Reconciliation, language: Language = .chinese) -> String {
        var text = "{\"asOf\": \(JSONText.quote(result.asOf.isoDate)), \"summary\": \(ReportJSON.summary(result.summary)), "
        if result.findings.isEmpty {
            text += "\"findings\": []}\n"
            return text
        }
        text += "\"findings\": [\n"
        text += result.findings.map { "  " + object($0, language: language) }.joined(separator: ",\n")
        return text + "\n]}\n"
    }

    /// One finding as a JSON object.
    static func object(_ finding: Finding, language: Language) -> String {
        ReportJSON.object([
            ("code", JSONText.quote(finding.code.rawValue)),
            ("severity", JSONText.quote(finding.severity.rawValue)),
            ("file", JSONText.quote(finding.file)),
            ("line", finding.line.map(String.init) ?? "null"),
            ("column", finding.column.map(JSONText.quote) ?? "null"),
            ("subject", finding.subject.map(subject) ?? "null"),
            ("arguments", arguments(of: finding.detail)),
            ("message", JSONText.quote(finding.message(language))),
        ])
    }
}

/// A finding's typed arguments as an object named as in `Finding.Detail` (`{"count":6,"first":"特此公示！"}`), so that a
/// pipeline never has to parse the message; `{}` for a finding without arguments.
func arguments(of detail: Finding.Detail) -> String {
    // The two findings a large ledger has by the ten thousand are written directly; the object is the one
    // `reflectedArguments(of:)` makes (a test holds them equal), at a fraction of the cost of reflection.
    switch detail {
    case .overdue(let daysLate, let due, let status):
        return ReportJSON.object([
            ("daysLate", String(daysLate)), ("due", JSONText.quote(due.isoDate)), ("status", JSONText.quote(status)),
        ])
    case .dueSoon(let daysLeft, let due):
        return ReportJSON.object([("daysLeft", String(daysLeft)), ("due", JSONText.quote(due.isoDate))])
    default:
        return reflectedArguments(of: detail)
    }
}

/// `arguments(of:)` for any finding, read from the enum case's payload by reflection.
func reflectedArguments(of detail: Finding.Detail) -> String {
    guard let payload = Mirror(reflecting: detail).children.first?.value else { return "{}" }
    let members = Mirror(reflecting: payload).children
    if members.isEmpty || Mirror(reflecting: payload).displayStyle != .tuple {
        // A single unlabeled value goes under "value".
        return ReportJSON.object([("value", jsonValue(payload))])
    }
    return ReportJSON.object(members.map { ($0.label ?? "", jsonValue($0.value)) })
}

/// A value of a finding's argument as JSON: numbers, text, dates as ISO 8601, raw-value enums as their text, lists
/// and structures by their parts.
private func jsonValue(_ value: Any) -> String {
    switch value {
    case let number as Int: return String(number)
    case let text as String: return JSONText.quote(text)
    case let date as LocalDateTime: return JSONText.quote(date.isoDate)
    case let field as Field: return JSONText.quote(field.rawValue)
    default:
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?: return "[" + mirror.children.map { jsonValue($0.value) }.joined(separator: ",") + "]"
        case .optional?: return mirror.children.first.map { jsonValue($0.value) } ?? "null"
        case .struct?, .tuple?: return ReportJSON.object(mirror.children.map { ($0.label ?? "", jsonValue($0.value)) })
        default:
            if let raw = value as? any RawRepresentable { return jsonValue(raw.rawValue) }
            return JSONText.quote(String(describing: value))
        }
    }
}

/// A finding's subject: `{"kind":"measure","key":"3-1"}`.
private func subject(_ subject: Finding.Subject) -> String {
    let (kind, key) = switch subject {
    case .aspect(let key): ("aspect", key.rawValue)
    case .problem(let key): ("problem", key.rawValue)
    case .issue(let key): ("issue", key.rawValue)
    case .measure(let key): ("measure", key.rawValue)
    }
    return ReportJSON.object([("kind", JSONText.quote(kind)), ("key", JSONText.quote(key))])
}

/// The report's JSON objects, keys in the documented order (strings quoted by `JSONText.quote`).
enum ReportJSON {
    /// An object from already-encoded values, keys in the given order, no spaces.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { JSONText.quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// The summary object, keys in the documented order.
    static func summary(_ summary: Summary) -> String {
        object([
            ("aspects", "\(summary.aspects)"), ("problems", "\(summary.problems)"), ("issues", "\(summary.issues)"),
            ("measures", "\(summary.measures)"), ("done", "\(summary.done)"), ("doneOngoing", "\(summary.doneOngoing)"),
            ("inProgress", "\(summary.inProgress)"), ("notStarted", "\(summary.notStarted)"),
            ("unrecognized", "\(summary.unrecognized)"),
            ("overdue", "\(summary.overdue)"), ("dueSoon", "\(summary.dueSoon)"),
            ("rectifiedIssues", "\(summary.rectifiedIssues)"), ("rectifiedProblems", "\(summary.rectifiedProblems)"),
        ])
    }

    /// A tally object without a name: `{"issues":31,"rectifiedIssues":31,"measures":47,"done":0,…,"dueSoon":0}`.
    static func counts(_ tally: Tally) -> String {
        object([
            ("issues", "\(tally.issues)"), ("rectifiedIssues", "\(tally.rectifiedIssues)"),
            ("measures", "\(tally.measures)"), ("done", "\(tally.done)"), ("doneOngoing", "\(tally.doneOngoing)"),
            ("inProgress", "\(tally.inProgress)"), ("notStarted", "\(tally.notStarted)"),
            ("unrecognized", "\(tally.unrecognized)"), ("overdue", "\(tally.overdue)"),
            ("dueSoon", "\(tally.dueSoon)"),
        ])
    }

    /// A tally object for a named group.
    static func tally(_ named: NamedTally) -> String {
        let tally = named.tally
        return object([
            ("name", JSONText.quote(named.name)), ("issues", "\(tally.issues)"), ("rectifiedIssues", "\(tally.rectifiedIssues)"),
            ("measures", "\(tally.measures)"), ("done", "\(tally.done)"), ("doneOngoing", "\(tally.doneOngoing)"),
            ("inProgress", "\(tally.inProgress)"), ("notStarted", "\(tally.notStarted)"),
            ("unrecognized", "\(tally.unrecognized)"), ("overdue", "\(tally.overdue)"),
            ("dueSoon", "\(tally.dueSoon)"),
        ])
    }
}
