import Foundation
import Rectification
import Reports
import TabularCore
import TabularFiles
import TestSupport
import Testing

/// The README's "Use as a library" example, compiled here; the test below checks that the README shows these lines.
private func libraryExample(ledgerPath: String) throws -> String {
    // BEGIN README EXAMPLE
    let issues = try TableFile.read("Samples/rectification/issues.csv")
    let tasks = try TableFile.read("Samples/rectification/tasks.csv")   // CSV or XLSX, by content
    let asOf = LocalDateTime(year: 2025, month: 6, day: 30)!
    let result = try Reconciliation(issues: issues, tasks: tasks, configuration: .init(asOf: asOf, kind: .xuncha))

    let paragraph = SummaryText.paragraph(result)                       // 截至2025年6月30日，巡察反馈的四方面…
    for finding in result.findings where finding.severity == .error {
        print(finding.location, finding.code, finding.message())        // tasks.csv count-mismatch …
    }
    for measure in result.plan.measures where measure.isOverdue {
        print(measure.key, measure.units, measure.daysLate ?? 0)        // stable keys, timing decided once
    }
    try LedgerWorkbook.write(result, to: ledgerPath, options: LedgerOptions(unit: "县科协"))
    // END README EXAMPLE
    return paragraph
}

@Suite("The README's library example")
struct LibraryExampleTests {
    @Test("compiles, runs on the sample and writes the ledger")
    func runs() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("台账.xlsx")
        // `make test` and `swift test` run in the package's folder, where the example's relative paths lead.
        try #require(FileManager.default.fileExists(atPath: "Samples/rectification/issues.csv"))
        let paragraph = try libraryExample(ledgerPath: path)
        #expect(paragraph.hasPrefix("截至2025年6月30日，巡察反馈的四方面10个问题"))
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("the README shows exactly the compiled lines")
    func readmeMatches() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let begin = try #require(source.range(of: "// BEGIN README EXAMPLE\n"))
        let end = try #require(source.range(of: "    // END README EXAMPLE"))
        let compiled = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("    ") ? String($0.dropFirst(4)) : String($0) }.joined(separator: "\n")
        let readme = try String(contentsOfFile: packagePath("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\n" + compiled + "```\n"))
    }
}
