import Dispatch
import OutputSupport
public import Rectification
import Synchronization
import TabularCore

/// Findings as one JSON object with a fixed key order:
/// `{"asOf": "2025-12-04", "summary": {"aspects":4,…}, "findings": [{"code":…,"severity":…,"file":…,"line":6,
/// "column":"问题编号","subject":{"kind":"measure","key":"3-1"},"message":…}]}`; `line`, `column` and `subject` are
/// null for file-level findings.
public enum FindingsJSON {
    /// Renders the object, one finding per line; ends with a newline.
    public static func render(_ result: Reconciliation, language: Language = .chinese) -> String {
        let text = "{\"asOf\": \(JSONText.quote(result.asOf.isoDate)), \"summary\": \(ReportJSON.summary(result.summary)), "
        if result.findings.isEmpty {
            return text + "\"findings\": []}\n"
        }
        // A province's check has tens of thousands of findings: the second half of them is written on another
        // thread while this one writes the first; the text is the same whatever the order they finish in.
        let findings = result.findings
        let split = findings.count >= parallelThreshold ? findings.count / 2 : findings.count
        let second = RenderedText()
        let done = DispatchGroup()
        if split < findings.count {
            DispatchQueue.global().async(group: done) {
                var text = ""
                text.reserveCapacity((findings.count - split) * 300)
                append(findings[split...], first: false, language: language, to: &text)
                second.text.withLock { $0 = text }
            }
        }
        var whole = text + "\"findings\": [\n"
        whole.reserveCapacity(findings.count * 300)
        append(findings[..<split], first: true, language: language, to: &whole)
        done.wait()
        second.text.withLock { whole += $0 }
        whole += "\n]}\n"
        return whole
    }

    /// The fewest findings whose JSON is written in two halves in parallel (below it a thread costs more than it saves).
    static let parallelThreshold = 2048

    /// The text of one half, set by the thread that wrote it.
    private final class RenderedText: Sendable {
        let text = Mutex("")
    }

    /// Appends findings to the text, one a line, each after `,\n  ` (the very first after `  `). They are written
    /// into a buffer of bytes moved into the text every 64 KiB, so that the whole JSON is not held twice.
    private static func append(
        _ findings: ArraySlice<Finding>, first: Bool, language: Language, to text: inout String
    ) {
        var out = JSONBuffer()
        out.bytes.reserveCapacity(1 << 16 + 4096)
        var isFirst = first
        for finding in findings {
            out.append(isFirst ? "  " : ",\n  ")
            isFirst = false
            out.object(finding, language: language)
            if out.bytes.count >= 1 << 16 {
                text += out.string
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        text += out.string
    }

    /// One finding as a JSON object.
    static func object(_ finding: Finding, language: Language) -> String {
        var out = JSONBuffer()
        out.object(finding, language: language)
        return out.string
    }
}

/// JSON text as UTF-8 bytes, appended to one growing array.
struct JSONBuffer {
    /// The text so far.
    var bytes: [UInt8] = []

    /// The text as a `String`.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends JSON text as it is.
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends JSON text as it is.
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends a whole number in decimal, as `String(_:)` writes it.
    mutating func append(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// Appends a text as a JSON string, escaped exactly as `JSONText.quote` escapes it.
    mutating func quoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        escaped(text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a text escaped as in a JSON string, without the quotes; the escaping of two texts one after the other
    /// is the escaping of the two joined, since each is whole UTF-8.
    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            var run = 0
            while index < utf8.count {
                let byte = utf8[index]
                var width = 1
                var control = false
                let escape: StaticString
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80
                    && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    // U+2028 and U+2029, which JavaScript does not allow in a string literal.
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                case ..<0x20:
                    escape = "\\u00"
                    control = true
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                append(escape)
                if control {
                    bytes.append(UInt8(ascii: "0") + (byte >> 4))
                    let low = byte & 0x0F
                    bytes.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
                }
                index += width
                run = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
    }

    /// Appends a date as a JSON string `"YYYY-MM-DD"`, as `quoted(date.isoDate)` writes it, without making the text.
    mutating func quotedDate(_ date: LocalDateTime) {
        bytes.append(UInt8(ascii: "\""))
        isoDate(date)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `date.isoDate`'s text (`YYYY-MM-DD`), written from the digits when the year has four.
    mutating func isoDate(_ date: LocalDateTime) {
        let year = date.year, month = date.month, day = date.day
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            escaped(date.isoDate)
            return
        }
        func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value) }
        bytes.append(contentsOf: [
            digit(year / 1000), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10),
            UInt8(ascii: "-"), digit(month / 10), digit(month % 10), UInt8(ascii: "-"), digit(day / 10), digit(day % 10),
        ])
    }

    /// Appends a finding's message as a JSON string, `quoted(finding.message(language))`; the messages of `overdue`
    /// and `due-soon` (a province's findings by the ten thousand) are written piece by piece without making the text.
    mutating func message(of finding: Finding, language: Language) {
        let chinese = language == .chinese
        switch finding.detail {
        case .overdue(let late, let due, let status):
            // 已逾期 N 天（时限 YYYY-MM-DD，完成情况“…”）, or: overdue by N days (due YYYY-MM-DD, status “…”)
            append(chinese ? "\"已逾期 " : "\"overdue by ")
            append(late)
            append(chinese ? " 天（时限 " : " days (due ")
            isoDate(due)
            append(chinese ? "，完成情况“" : ", status “")
            escaped(status)
            append(chinese ? "”）\"" : "”)\"")
        case .dueSoon(let left, let due):
            // N 天内到期（时限 YYYY-MM-DD）, or: due in N days (YYYY-MM-DD)
            append(chinese ? "\"" : "\"due in ")
            append(left)
            append(chinese ? " 天内到期（时限 " : " days (")
            isoDate(due)
            append(chinese ? "）\"" : ")\"")
        default:
            quoted(finding.message(language))
        }
    }

    /// Appends one finding as a JSON object.
    mutating func object(_ finding: Finding, language: Language) {
        append("{\"code\":")
        quoted(finding.code.rawValue)
        append(",\"severity\":")
        quoted(finding.severity.rawValue)
        append(",\"file\":")
        quoted(finding.file)
        append(",\"line\":")
        if let line = finding.line { append(line) } else { append("null") }
        append(",\"column\":")
        if let column = finding.column { quoted(column) } else { append("null") }
        append(",\"subject\":")
        if let subject = finding.subject { self.subject(subject) } else { append("null") }
        append(",\"arguments\":")
        arguments(of: finding.detail)
        append(",\"message\":")
        message(of: finding, language: language)
        append("}")
    }

    /// Appends a finding's subject: `{"kind":"measure","key":"3-1"}`.
    mutating func subject(_ subject: Finding.Subject) {
        let (kind, key): (StaticString, String) = switch subject {
        case .aspect(let key): ("{\"kind\":\"aspect\",\"key\":", key.rawValue)
        case .problem(let key): ("{\"kind\":\"problem\",\"key\":", key.rawValue)
        case .issue(let key): ("{\"kind\":\"issue\",\"key\":", key.rawValue)
        case .measure(let key): ("{\"kind\":\"measure\",\"key\":", key.rawValue)
        }
        append(kind)
        quoted(key)
        append("}")
    }

    /// Appends a finding's arguments as `arguments(of:)` gives them.
    mutating func arguments(of detail: Finding.Detail) {
        // The two findings a large ledger has by the ten thousand are written directly; the object is the one
        // `reflectedArguments(of:)` makes (a test holds them equal), at a fraction of the cost of reflection.
        switch detail {
        case .overdue(let daysLate, let due, let status):
            append("{\"daysLate\":")
            append(daysLate)
            append(",\"due\":")
            quotedDate(due)
            append(",\"status\":")
            quoted(status)
            append("}")
        case .dueSoon(let daysLeft, let due):
            append("{\"daysLeft\":")
            append(daysLeft)
            append(",\"due\":")
            quotedDate(due)
            append("}")
        default:
            append(reflectedArguments(of: detail))
        }
    }
}

/// A finding's typed arguments as an object named as in `Finding.Detail` (`{"count":6,"first":"特此公示！"}`), so that a
/// pipeline never has to parse the message; `{}` for a finding without arguments.
func arguments(of detail: Finding.Detail) -> String {
    var out = JSONBuffer()
    out.arguments(of: detail)
    return out.string
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
