import Rectification
import TabularCore
import Testing

/// Issue definitions with one issue per problem, from (aspect, problem) pairs; the tasks give each a done measure.
func numberingResult(_ outline: [(String, String)]) throws -> Reconciliation {
    let issues = table([["序号", "方面", "问题", "具体问题"]] + outline.enumerated().map { index, pair in
        ["\(index + 1)", pair.0, pair.1, "具体问题\(index + 1)"]
    }, file: "issues.csv")
    let tasks = table([taskHeader] + outline.indices.map { doneRow("\($0 + 1)", issue: "\($0 + 1)") })
    return try Reconciliation(issues: issues, tasks: tasks, configuration: .init(asOf: seedAsOf))
}

@Suite("Numbering of aspects and problems")
struct NumberingTests {
    @Test("problems numbered through the whole plan, or restarting in each aspect, are both in sequence", arguments: [
        [("一、甲", "1.子"), ("", "2.丑"), ("二、乙", "3.寅")],
        [("一、甲", "1.子"), ("", "2.丑"), ("二、乙", "1.寅"), ("", "2.卯")],
        [("甲", "子"), ("乙", "丑")],  // nothing numbered: nothing to check
    ])
    func inSequence(_ outline: [(String, String)]) throws {
        #expect(try numberingResult(outline).findings.isEmpty)
    }

    @Test("a problem without a number among numbered siblings, with the number its position calls for")
    func missingNumber() throws {
        let result = try numberingResult([("(一)甲", "1.子"), ("", "丑"), ("", "3.寅")])
        #expect(result.codes == ["missing-number"])
        #expect(result.findings[0].line == 3)
        #expect(result.findings[0].column == "问题")
        #expect(result.findings[0].detail == .missingNumber(level: .problem, title: "丑", expected: 2))
    }

    @Test("a problem numbered out of sequence")
    func problemOutOfSequence() throws {
        let result = try numberingResult([("(一)甲", "1.子"), ("", "2.丑"), ("", "4.寅"), ("", "5.卯")])
        #expect(result.codes == ["numbering-out-of-sequence", "numbering-out-of-sequence"])
        #expect(result.findings.map(\.line) == [4, 5])
        #expect(result.findings.allSatisfy { $0.severity == .warning })
    }

    @Test("an aspect numbered out of sequence or without a number")
    func aspects() throws {
        let result = try numberingResult([("一、甲", "子"), ("三、乙", "丑"), ("丙", "寅")])
        #expect(result.codes == ["numbering-out-of-sequence", "missing-number"])
        #expect(result.findings.map(\.column) == ["方面", "方面"])
        #expect(result.findings.map(\.line) == [3, 4])
    }
}
