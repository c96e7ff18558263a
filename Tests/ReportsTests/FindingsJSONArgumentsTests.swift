import OutputSupport
import Rectification
@testable import Reports
import TabularCore
import Testing

/// Every finding's JSON arguments are written directly from its typed payload (a province's findings are tens of
/// thousands); the objects are the ones reflection over the enum case's payload gives (the way they were made before:
/// labels as keys, numbers, texts, dates as ISO 8601, raw-value enums as their text, lists and structures by parts).
@Suite("Findings as JSON: the arguments of every finding")
struct FindingsJSONArgumentsTests {
    static let due = LocalDateTime(year: 2025, month: 11, day: 30)!

    @Test("written out by hand", arguments: [
        (Finding.Detail.overdue(daysLate: 4, due: due, status: "正在推进"),
         #"{"daysLate":4,"due":"2025-11-30","status":"正在推进"}"#),
        (.overdue(daysLate: 0, due: due, status: "say \"no\"\n"), #"{"daysLate":0,"due":"2025-11-30","status":"say \"no\"\n"}"#),
        (.dueSoon(daysLeft: 7, due: due), #"{"daysLeft":7,"due":"2025-11-30"}"#),
        (.deadlineNeedsFeedbackDate(text: "反馈后1个月内"), #"{"text":"反馈后1个月内"}"#),
        (.missingOwner, "{}"),
        (.duplicateMeasureID(id: "3-1", firstLine: 12), #"{"id":"3-1","firstLine":12}"#),
        (.countMismatch(subject: .measures, claimed: 44, actual: -1), #"{"subject":"measures","claimed":44,"actual":-1}"#),
        (.personInOtherUnit(name: "王某某", units: ["办公室", "财务科"]), #"{"name":"王某某","units":["办公室","财务科"]}"#),
        (.foreignEdit(part: "a.xlsx", owners: []), #"{"part":"a.xlsx","owners":[]}"#),
        (.unrecognizedColumns(columns: [.init(header: "备 注", alsoReads: .note), .init(header: "X", alsoReads: nil)]),
         #"{"columns":[{"header":"备 注","alsoReads":"note"},{"header":"X","alsoReads":null}]}"#),
        (.conflictingReturns(field: .progressText, values: [.init(source: "甲", value: "1"), .init(source: "乙", value: "")]),
         #"{"field":"progress-text","values":[{"source":"甲","value":"1"},{"source":"乙","value":""}]}"#),
        (.staleReturn(what: .asOf, master: "2025-06-30", found: "2025-03-31"),
         #"{"what":"as-of","master":"2025-06-30","found":"2025-03-31"}"#),
        (.statusDisagreement(choice: .done, text: "推进中", textReads: .inProgress),
         #"{"choice":"done","text":"推进中","textReads":"in-progress"}"#),
    ])
    func literal(_ detail: Finding.Detail, _ expected: String) {
        #expect(arguments(of: detail) == expected)
    }

    /// One of every case, with texts that need escaping where a case has text.
    static let everyCase: [Finding.Detail] = [
        .unknownIssueReference(reference: "(9)"), .missingIssueReference, .issueWithoutMeasures(issueID: "1-\"2\""),
        .duplicateIssueID(id: "(1)", firstLine: 3), .duplicateMeasureID(id: "m\\1", firstLine: 40), .missingMeasure,
        .missingLeader, .missingUnit, .missingOwner, .missingDeadline, .unparseableDeadline(text: "下\n月"),
        .impossibleDeadline(text: "2025年2月30日"), .deadlineNeedsFeedbackDate(text: "反馈后\t1个月"),
        .deadlineNeedsPhaseDates(text: "短期"), .missingColumn(field: .issueText),
        .countMismatch(subject: .aspects, claimed: 4, actual: 5),
        .overdue(daysLate: 111, due: due, status: "已完成80%"), .overdue(daysLate: 1, due: due, status: ""),
        .dueSoon(daysLeft: 0, due: due), .dueSoon(daysLeft: 30, due: LocalDateTime(year: 1999, month: 1, day: 2)!),
        .numberingOutOfSequence(level: .aspect, title: "（二）方面", number: 3, expected: 2),
        .missingNumber(level: .problem, title: "问题\u{2028}", expected: 7), .duplicateMeasure(firstLine: 9),
        .unknownStatus(text: "差不多\"了\""), .extensionRequested(status: "申请延期"), .unknownClosure(text: "?"),
        .closedButNotDone(status: "未启动"), .personNotOnRoster(name: "张三", role: .leader),
        .personNotOnRoster(name: "李四", role: .person), .personInOtherUnit(name: "王五", units: ["甲", "乙\u{01}"]),
        .leaderNotLeader(name: "赵六"),
        .unrecognizedColumns(columns: [.init(header: "备注", alsoReads: .note), .init(header: "X", alsoReads: nil)]),
        .unrecognizedColumns(columns: []), .itemsAreMeasures(header: "整改事项"), .measuresAreIssues(header: "措施"),
        .groupingColumn(header: "类别", groups: 6), .footerRows(count: 2, first: "特此公示！"),
        .statusDisagreement(choice: .notStarted, text: "已完成", textReads: .doneOngoing), .ledgerKeysMissing,
        .ledgerRowWithoutKey(key: "new-1"), .foreignEdit(part: "b.xlsx", owners: ["丙", "丁"]),
        .conflictingReturns(field: .dateDone, values: [.init(source: "a", value: "2025-01-01")]),
        .unknownKey(key: "k9"), .staleReturn(what: .identity, master: "abc", found: "def"),
        .changeRequest(field: .deadline, old: "6月底", new: "9月底"), .measureAdded(text: "新措施"),
        .measureDeleted(text: "旧措施"), .unverifiedReturn,
    ]

    @Test("the same as reflection over the payload gives", arguments: everyCase)
    func reflected(_ detail: Finding.Detail) {
        #expect(arguments(of: detail) == reflectedArguments(of: detail))
    }

    @Test("every code has a case in the table (43 codes when this was written)")
    func everyCode() {
        #expect(Set(Self.everyCase.map(\.code)).count == 43)
    }
}

/// The arguments as they were made before they were written directly: read from the enum case's payload by
/// reflection.
private func reflectedArguments(of detail: Finding.Detail) -> String {
    guard let payload = Mirror(reflecting: detail).children.first?.value else { return "{}" }
    let members = Mirror(reflecting: payload).children
    if members.isEmpty || Mirror(reflecting: payload).displayStyle != .tuple {
        return ReportJSON.object([("value", jsonValue(payload))])
    }
    return ReportJSON.object(members.map { ($0.label ?? "", jsonValue($0.value)) })
}

/// A value of a finding's argument as JSON, by reflection.
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
