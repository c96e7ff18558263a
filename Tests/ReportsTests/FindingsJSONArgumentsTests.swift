import Rectification
@testable import Reports
import TabularCore
import Testing

/// `overdue` and `due-soon` findings, by the ten thousand in a province's ledger, have their JSON arguments written
/// directly rather than by reflection; the objects must stay exactly what reflection gives for every other finding.
@Suite("Findings as JSON: the arguments of overdue and due-soon findings")
struct FindingsJSONArgumentsTests {
    static let due = LocalDateTime(year: 2025, month: 11, day: 30)!

    @Test("written out by hand", arguments: [
        (Finding.Detail.overdue(daysLate: 4, due: due, status: "正在推进"),
         #"{"daysLate":4,"due":"2025-11-30","status":"正在推进"}"#),
        (.overdue(daysLate: 0, due: due, status: "say \"no\"\n"), #"{"daysLate":0,"due":"2025-11-30","status":"say \"no\"\n"}"#),
        (.dueSoon(daysLeft: 7, due: due), #"{"daysLeft":7,"due":"2025-11-30"}"#),
    ])
    func literal(_ detail: Finding.Detail, _ expected: String) {
        #expect(arguments(of: detail) == expected)
    }

    @Test("the same as reflection gives", arguments: [
        Finding.Detail.overdue(daysLate: 111, due: due, status: "已完成80%"), .overdue(daysLate: 1, due: due, status: ""),
        .dueSoon(daysLeft: 0, due: due), .dueSoon(daysLeft: 30, due: LocalDateTime(year: 1999, month: 1, day: 2)!),
    ])
    func reflected(_ detail: Finding.Detail) {
        #expect(arguments(of: detail) == reflectedArguments(of: detail))
    }
}
