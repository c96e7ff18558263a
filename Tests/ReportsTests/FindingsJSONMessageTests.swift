import Foundation
import Rectification
@testable import Reports
import TabularCore
import Testing

/// The messages of `overdue` and `due-soon` findings (a province's findings by the ten thousand) are written into the
/// JSON piece by piece, and a large list of findings is written in two halves on two threads; the text must be the one
/// the message and the list would give written whole, one finding after another.
@Suite("Findings as JSON: messages written directly, and the list written in two halves")
struct FindingsJSONMessageTests {
    static let due = LocalDateTime(year: 2025, month: 11, day: 30)!

    @Test("the messages as the office reads them", arguments: [
        (Finding.Detail.overdue(daysLate: 4, due: due, status: "正在推进"), Language.chinese,
         #""已逾期 4 天（时限 2025-11-30，完成情况“正在推进”）""#),
        (.overdue(daysLate: 12, due: due, status: "say \"no\"\n"), .english,
         #""overdue by 12 days (due 2025-11-30, status “say \"no\"\n”)""#),
        (.dueSoon(daysLeft: 7, due: due), .chinese, #""7 天内到期（时限 2025-11-30）""#),
        (.dueSoon(daysLeft: 0, due: due), .english, #""due in 0 days (2025-11-30)""#),
        (.deadlineNeedsFeedbackDate(text: "反馈后1个月内"), .chinese,
         #""完成时限“反馈后1个月内”按反馈日期（立行立改按方案日期或反馈日期）计算，但未提供（--feedback-date、--plan-date）""#),
        (.deadlineNeedsFeedbackDate(text: "立行立改"), .english,
         #""deadline “立行立改” counts from the feedback date (立行立改: the plan's date, else the feedback date), "#
            + #"which was not given (--feedback-date, --plan-date)""#),
    ])
    func literal(_ detail: Finding.Detail, _ language: Language, _ expected: String) {
        var out = JSONBuffer()
        out.message(of: Finding(detail, file: "tasks.csv"), language: language)
        #expect(out.string == expected)
    }

    @Test("the same text as the message quoted whole", arguments: [
        Finding.Detail.overdue(daysLate: 111, due: due, status: "已完成80%"),
        .overdue(daysLate: 1, due: due, status: ""),
        .overdue(daysLate: -3, due: LocalDateTime(year: 1, month: 1, day: 9)!, status: "a\u{2028}b\u{2029}\t\u{01}😀"),
        .overdue(daysLate: 5, due: LocalDateTime(year: 9999, month: 12, day: 31)!, status: "\\“推进”"),
        .dueSoon(daysLeft: 30, due: LocalDateTime(year: 1999, month: 1, day: 2)!),
        .dueSoon(daysLeft: Int.max, due: LocalDateTime(year: 10, month: 2, day: 28)!),
        .missingDeadline, .unknownStatus(text: "差不多\"了\""),
        .deadlineNeedsFeedbackDate(text: "反馈后\"1\"个月\n内\u{2029}"), .deadlineNeedsFeedbackDate(text: ""),
    ])
    func sameAsWhole(_ detail: Finding.Detail) {
        for language in Language.allCases {
            let finding = Finding(detail, file: "tasks.csv")
            var direct = JSONBuffer()
            direct.message(of: finding, language: language)
            var whole = JSONBuffer()
            whole.quoted(finding.message(language))
            #expect(direct.string == whole.string)
        }
    }

    @Test("a long list is one finding a line, in order, whichever half is written first", arguments: [
        1, FindingsJSON.parallelThreshold - 1, FindingsJSON.parallelThreshold, 5_001,
        FindingsJSON.batchSize * 4, FindingsJSON.batchSize * 5 + 1,
    ])
    func longList(_ count: Int) throws {
        var result = try reconcile(troubledRows)
        result.findings = (0..<count).map { index in
            Finding(index % 3 == 0 ? .dueSoon(daysLeft: index % 30, due: Self.due)
                        : .overdue(daysLate: index, due: Self.due, status: "第\(index)项"),
                    file: "tasks.csv", line: index + 2, column: "完成时限")
        }
        let json = FindingsJSON.render(result)
        let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == count + 3)
        #expect(lines[1] == "  " + FindingsJSON.object(result.findings[0], language: .chinese) + (count > 1 ? "," : ""))
        #expect(lines[count] == "  " + FindingsJSON.object(result.findings[count - 1], language: .chinese))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let findings = try #require(parsed["findings"] as? [[String: Any]])
        #expect(findings.map { $0["line"] as? Int } == (0..<count).map { $0 + 2 })
        #expect(findings.map { $0["message"] as? String } == result.findings.map { $0.message(.chinese) })
    }

    @Test("written in blocks, in order, the first after the opening and the last ending the object")
    func blocks() throws {
        var result = try reconcile(troubledRows)
        result.findings = (0..<(FindingsJSON.batchSize * 3 + 7)).map { index in
            Finding(.overdue(daysLate: index, due: Self.due, status: "第\(index)项"), file: "tasks.csv", line: index + 2)
        }
        var blocks: [[UInt8]] = []
        FindingsJSON.write(result) { blocks.append(Array($0)) }
        // Rounds of two batches: two blocks a round, the last round's batch alone, and the closing block.
        #expect(blocks.count == 2 + 2 + 1)
        #expect(String(decoding: blocks.joined(), as: UTF8.self) == FindingsJSON.render(result))
        let first = String(decoding: blocks[0], as: UTF8.self)
        #expect(first.hasPrefix("{\"asOf\": \"2025-"))
        #expect(first.split(separator: "\n").count == 1 + FindingsJSON.batchSize)
        #expect(String(decoding: blocks[blocks.count - 1], as: UTF8.self) == "\n]}\n")
    }

    /// An output that fails.
    struct Refused: Error {}

    @Test("nothing more is written after the output failed")
    func failingOutput() throws {
        var result = try reconcile(troubledRows)
        result.findings = (0..<(FindingsJSON.batchSize * 4)).map { index in
            Finding(.dueSoon(daysLeft: index % 30, due: Self.due), file: "tasks.csv", line: index + 2)
        }
        var calls = 0
        #expect(throws: Refused.self) {
            try FindingsJSON.write(result) { (_) throws(Refused) in
                calls += 1
                if calls == 2 { throw Refused() }
            }
        }
        #expect(calls == 2)
    }
}
