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
        var whole: [UInt8] = []
        write(result, language: language) { whole.append(contentsOf: $0) }
        return String(decoding: whole, as: UTF8.self)
    }

    /// Writes the object `render` makes as UTF-8 bytes, handing them to `output` in order in blocks of a few hundred
    /// kilobytes, so that a province's findings (megabytes of JSON) are never held whole.
    ///
    /// From `parallelThreshold` findings on, every other batch of `batchSize` findings is written on another thread
    /// while this one writes the batch before it; the bytes are the same whatever the order the threads finish in.
    /// - Parameters:
    ///   - result: the reconciliation.
    ///   - language: the language of the messages; default Chinese.
    ///   - output: called on the calling thread with each block; the bytes are valid only during the call.
    /// - Throws: what `output` throws; nothing more is written after it threw.
    public static func write<E: Error>(
        _ result: Reconciliation, language: Language = .chinese,
        to output: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        var out = JSONBuffer(capacity: blockSize + (1 << 16))
        out.append("{\"asOf\": ")
        out.quoted(result.asOf.isoDate)
        out.append(", \"summary\": ")
        out.append(ReportJSON.summary(result.summary))
        out.append(", ")
        let findings = result.findings
        guard !findings.isEmpty else {
            out.append("\"findings\": []}\n")
            try out.withBytes(output)
            return
        }
        out.append("\"findings\": [\n")
        if findings.count < parallelThreshold {
            for (index, finding) in findings.enumerated() {
                out.append(index == 0 ? "  " : ",\n  ")
                out.object(finding, language: language)
                if out.count >= blockSize {
                    try out.withBytes(output)
                    out.removeAll()
                }
            }
        } else {
            // Rounds of two batches: the second on another thread while this one writes the first and hands it on.
            var next = 0
            while next < findings.count {
                let mine = next..<min(next + batchSize, findings.count)
                let theirs = mine.upperBound..<min(mine.upperBound + batchSize, findings.count)
                let block = RenderedBlock()
                let done = DispatchGroup()
                if !theirs.isEmpty {
                    DispatchQueue.global().async(group: done) {
                        var buffer = JSONBuffer(capacity: blockSize + (1 << 16))
                        append(findings[theirs], first: false, language: language, to: &buffer)
                        let bytes = buffer.array
                        block.bytes.withLock { $0 = bytes }
                    }
                }
                append(findings[mine], first: next == 0, language: language, to: &out)
                do throws(E) {
                    try out.withBytes(output)
                } catch {
                    done.wait()
                    throw error
                }
                out.removeAll()
                done.wait()
                let bytes = block.bytes.withLock { $0 }
                try withBytes(of: bytes, output)
                next = theirs.isEmpty ? mine.upperBound : theirs.upperBound
            }
        }
        out.append("\n]}\n")
        try out.withBytes(output)
    }

    /// Calls `body` with an array's bytes.
    private static func withBytes<E: Error>(
        of bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        var outcome: Result<Void, E> = .success(())
        bytes.withUnsafeBytes { raw in outcome = Result { () throws(E) in try body(raw) } }
        try outcome.get()
    }

    /// The fewest findings whose JSON is written on two threads (below it a thread costs more than it saves).
    static let parallelThreshold = 2048

    /// How many findings a thread writes at a time once the list is written on two threads.
    static let batchSize = 1024

    /// The size from which the bytes written so far are handed to the output when the list is written on one thread.
    static let blockSize = 1 << 18

    /// The bytes of one batch, set by the thread that wrote it.
    private final class RenderedBlock: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    /// Appends findings, one a line, each after `,\n  ` (the very first after `  `).
    private static func append(
        _ findings: ArraySlice<Finding>, first: Bool, language: Language, to out: inout JSONBuffer
    ) {
        var isFirst = first
        for finding in findings {
            out.append(isFirst ? "  " : ",\n  ")
            isFirst = false
            out.object(finding, language: language)
        }
    }

    /// One finding as a JSON object.
    static func object(_ finding: Finding, language: Language) -> String {
        var out = JSONBuffer()
        out.object(finding, language: language)
        return out.string
    }
}

/// JSON text as UTF-8 bytes, appended to one growing buffer the value owns (written through a pointer: appending to
/// an array cost about 170 instructions a piece).
struct JSONBuffer: ~Copyable {
    /// The bytes written, `count` of them, in room for `capacity`.
    private var base: UnsafeMutablePointer<UInt8>
    /// How many bytes are written.
    private(set) var count = 0
    /// How many bytes fit before the buffer grows.
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 512) {
        self.capacity = Swift.max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The text as a `String`.
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// The bytes as an array.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Calls `body` with the bytes written.
    func withBytes<E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// Forgets the bytes, keeping the room.
    mutating func removeAll() {
        count = 0
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count &+ extra > capacity { grow(count + extra) }
    }

    /// Moves the bytes to a larger buffer of at least `needed` bytes.
    private mutating func grow(_ needed: Int) {
        let larger = Swift.max(capacity * 2, needed)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = larger
    }

    /// Appends bytes.
    @inline(__always)
    mutating func append(_ bytes: UnsafePointer<UInt8>, count extra: Int) {
        reserve(extra)
        (base + count).update(from: bytes, count: extra)
        count &+= extra
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    /// Appends JSON text as it is.
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { utf8 in
            if let start = utf8.baseAddress { append(start, count: utf8.count) }
        }
    }

    /// Appends JSON text as it is.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            if let start = utf8.baseAddress { append(start, count: utf8.count) }
        }
    }

    /// Appends a whole number in decimal, as `String(_:)` writes it.
    mutating func append(_ number: Int) {
        reserve(20)
        if number < 0 {
            base[count] = UInt8(ascii: "-")
            count &+= 1
        }
        var magnitude = number.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits &+= 1
            rest /= 10
        }
        var index = count &+ digits
        count = index
        repeat {
            index &-= 1
            base[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    /// Appends a text as a JSON string, escaped exactly as `JSONText.quote` escapes it.
    mutating func quoted(_ text: String) {
        append(byte: UInt8(ascii: "\""))
        escaped(text)
        append(byte: UInt8(ascii: "\""))
    }

    /// Appends a text escaped as in a JSON string, without the quotes; the escaping of two texts one after the other
    /// is the escaping of the two joined, since each is whole UTF-8.
    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { escaped($0) }
    }

    /// Whether any of eight bytes may need escaping: a control, `"`, `\`, or 0xE2 (the lead byte of U+2028 and U+2029).
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs
        return below != 0 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
            || hasZero(word ^ (ones &* 0xE2))
    }

    /// Appends UTF-8 bytes escaped as in a JSON string, without the quotes; runs that need no escape are copied whole.
    mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let start = utf8.baseAddress else { return }
        let end = utf8.count
        var index = 0
        var run = 0
        while index < end {
            while index &+ 8 <= end,
                  !Self.mayNeedEscape(UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)) {
                index &+= 8
            }
            guard index < end else { break }
            let byte = start[index]
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
            case 0xE2 where index + 2 < end && start[index + 1] == 0x80
                && (start[index + 2] == 0xA8 || start[index + 2] == 0xA9):
                // U+2028 and U+2029, which JavaScript does not allow in a string literal.
                escape = start[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            case ..<0x20:
                escape = "\\u00"
                control = true
            default:
                index += 1
                continue
            }
            append(start + run, count: index - run)
            append(escape)
            if control {
                append(byte: UInt8(ascii: "0") + (byte >> 4))
                let low = byte & 0x0F
                append(byte: low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
            }
            index += width
            run = index
        }
        append(start + run, count: end - run)
    }

    /// Appends a date as a JSON string `"YYYY-MM-DD"`, as `quoted(date.isoDate)` writes it, without making the text.
    mutating func quotedDate(_ date: LocalDateTime) {
        append(byte: UInt8(ascii: "\""))
        isoDate(date)
        append(byte: UInt8(ascii: "\""))
    }

    /// Appends `date.isoDate`'s text (`YYYY-MM-DD`), written from the digits when the year has four.
    mutating func isoDate(_ date: LocalDateTime) {
        let year = date.year, month = date.month, day = date.day
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            escaped(date.isoDate)
            return
        }
        reserve(10)
        func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value) }
        let at = base + count
        at[0] = digit(year / 1000)
        at[1] = digit(year / 100 % 10)
        at[2] = digit(year / 10 % 10)
        at[3] = digit(year % 10)
        at[4] = UInt8(ascii: "-")
        at[5] = digit(month / 10)
        at[6] = digit(month % 10)
        at[7] = UInt8(ascii: "-")
        at[8] = digit(day / 10)
        at[9] = digit(day % 10)
        count &+= 10
    }

    /// Appends a finding's message as a JSON string, `quoted(finding.message(language))`; the messages a province has
    /// by the ten thousand (`overdue`, `due-soon`, `deadline-needs-feedback-date`) are written piece by piece without
    /// making the text.
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
        case .deadlineNeedsFeedbackDate(let text):
            append(chinese ? "\"完成时限“" : "\"deadline “")
            escaped(text)
            append(chinese
                ? "”按反馈日期（立行立改按方案日期或反馈日期）计算，但未提供（--feedback-date、--plan-date）\""
                : "” counts from the feedback date (立行立改: the plan's date, else the feedback date), which was not given (--feedback-date, --plan-date)\"")
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
        case .aspect(let key): ("aspect", key.rawValue)
        case .problem(let key): ("problem", key.rawValue)
        case .issue(let key): ("issue", key.rawValue)
        case .measure(let key): ("measure", key.rawValue)
        }
        append("{\"kind\":\"")
        append(kind)
        append("\",\"key\":")
        quoted(key)
        append("}")
    }

    /// Appends `key` (the JSON text up to the value, e.g. `{"text":`) and a text as a JSON string.
    private mutating func member(_ key: StaticString, _ text: String) {
        append(key)
        quoted(text)
    }

    /// Appends `key` and a whole number.
    private mutating func member(_ key: StaticString, _ number: Int) {
        append(key)
        append(number)
    }

    /// Appends a list of texts as a JSON array.
    private mutating func list(_ texts: [String]) {
        append(byte: UInt8(ascii: "["))
        for (index, text) in texts.enumerated() {
            if index > 0 { append(byte: UInt8(ascii: ",")) }
            quoted(text)
        }
        append(byte: UInt8(ascii: "]"))
    }

    /// Appends a finding's typed arguments as an object named as in `Finding.Detail`
    /// (`{"count":6,"first":"特此公示！"}`): numbers as numbers, dates as `YYYY-MM-DD`, raw-value enums as their text,
    /// lists and structures by their parts; `{}` for a finding without arguments.
    mutating func arguments(of detail: Finding.Detail) {
        switch detail {
        case .unknownIssueReference(let reference):
            member("{\"reference\":", reference)
        case .missingIssueReference, .missingMeasure, .missingLeader, .missingUnit, .missingOwner, .missingDeadline,
             .ledgerKeysMissing, .unverifiedReturn:
            append("{")
        case .issueWithoutMeasures(let id):
            member("{\"issueID\":", id)
        case .duplicateIssueID(let id, let first), .duplicateMeasureID(let id, let first):
            member("{\"id\":", id)
            member(",\"firstLine\":", first)
        case .unparseableDeadline(let text), .impossibleDeadline(let text), .deadlineNeedsFeedbackDate(let text),
             .deadlineNeedsPhaseDates(let text), .unknownStatus(let text), .unknownClosure(let text),
             .measureAdded(let text), .measureDeleted(let text):
            member("{\"text\":", text)
        case .missingColumn(let field):
            member("{\"field\":", field.rawValue)
        case .countMismatch(let subject, let claimed, let actual):
            member("{\"subject\":", subject.rawValue)
            member(",\"claimed\":", claimed)
            member(",\"actual\":", actual)
        case .overdue(let daysLate, let due, let status):
            member("{\"daysLate\":", daysLate)
            append(",\"due\":")
            quotedDate(due)
            member(",\"status\":", status)
        case .dueSoon(let daysLeft, let due):
            member("{\"daysLeft\":", daysLeft)
            append(",\"due\":")
            quotedDate(due)
        case .numberingOutOfSequence(let level, let title, let number, let expected):
            member("{\"level\":", level.rawValue)
            member(",\"title\":", title)
            member(",\"number\":", number)
            member(",\"expected\":", expected)
        case .missingNumber(let level, let title, let expected):
            member("{\"level\":", level.rawValue)
            member(",\"title\":", title)
            member(",\"expected\":", expected)
        case .duplicateMeasure(let first):
            member("{\"firstLine\":", first)
        case .extensionRequested(let status), .closedButNotDone(let status):
            member("{\"status\":", status)
        case .personNotOnRoster(let name, let role):
            member("{\"name\":", name)
            member(",\"role\":", role.rawValue)
        case .personInOtherUnit(let name, let units):
            member("{\"name\":", name)
            append(",\"units\":")
            list(units)
        case .leaderNotLeader(let name):
            member("{\"name\":", name)
        case .unrecognizedColumns(let columns):
            append("{\"columns\":[")
            for (index, column) in columns.enumerated() {
                member(index == 0 ? "{\"header\":" : ",{\"header\":", column.header)
                append(",\"alsoReads\":")
                if let field = column.alsoReads { quoted(field.rawValue) } else { append("null") }
                append("}")
            }
            append("]")
        case .footerRows(let count, let first):
            member("{\"count\":", count)
            member(",\"first\":", first)
        case .itemsAreMeasures(let header), .measuresAreIssues(let header):
            member("{\"header\":", header)
        case .groupingColumn(let header, let groups):
            member("{\"header\":", header)
            member(",\"groups\":", groups)
        case .statusDisagreement(let choice, let text, let reads):
            member("{\"choice\":", choice.rawValue)
            member(",\"text\":", text)
            member(",\"textReads\":", reads.rawValue)
        case .ledgerRowWithoutKey(let key), .unknownKey(let key):
            member("{\"key\":", key)
        case .foreignEdit(let part, let owners):
            member("{\"part\":", part)
            append(",\"owners\":")
            list(owners)
        case .conflictingReturns(let field, let values):
            member("{\"field\":", field.rawValue)
            append(",\"values\":[")
            for (index, value) in values.enumerated() {
                member(index == 0 ? "{\"source\":" : ",{\"source\":", value.source)
                member(",\"value\":", value.value)
                append("}")
            }
            append("]")
        case .staleReturn(let what, let master, let found):
            member("{\"what\":", what.rawValue)
            member(",\"master\":", master)
            member(",\"found\":", found)
        case .changeRequest(let field, let old, let new):
            member("{\"field\":", field.rawValue)
            member(",\"old\":", old)
            member(",\"new\":", new)
        }
        append("}")
    }
}

/// A finding's typed arguments as an object named as in `Finding.Detail` (`{"count":6,"first":"特此公示！"}`), so that a
/// pipeline never has to parse the message; `{}` for a finding without arguments.
func arguments(of detail: Finding.Detail) -> String {
    var out = JSONBuffer()
    out.arguments(of: detail)
    return out.string
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
