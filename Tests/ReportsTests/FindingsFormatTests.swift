import Foundation
import OutputSupport
import Rectification
@testable import Reports
import TabularCore
import TestSupport
import Testing

@Suite("Findings as text")
struct FindingsTextTests {
    @Test("grouped by severity, one finding a line, ending with the rollup line")
    func chinese() throws {
        let text = FindingsText.render(try reconcile(troubledRows))
        #expect(text == """
            错误 1 条：
              tasks.csv:6 [问题编号] 措施引用的问题“(9)”在问题清单中不存在；核对问题编号 (unknown-issue-reference)
            警告 2 条：
              tasks.csv:2 [完成时限] 已逾期 4 天（时限 2025-11-30，完成情况“正在推进”） (overdue)
              tasks.csv:5 [完成情况] 无法识别的完成情况“差不多了”；单独计为“无法识别” (unknown-status)
            2 个方面 2 个问题 3 项；措施 5 条：已完成 3，正在推进 1，未启动 0，状态无法识别 1；未完成 2 条，其中逾期 1

            """)
    }

    @Test("English headings and rollup line")
    func english() throws {
        let text = FindingsText.render(try reconcile(troubledRows), language: .english)
        #expect(text.hasPrefix("1 error:\n  tasks.csv:6 [问题编号] the measure refers to issue “(9)”"))
        #expect(text.contains("\n2 warnings:\n"))
        #expect(text.hasSuffix("\n2 aspects, 2 problems, 3 issues; 5 measures: 3 done, 1 in progress, 0 not started, "
            + "1 of unrecognized status; 2 unfinished, 1 of them overdue\n"))
    }

    @Test("no findings says so")
    func clean() throws {
        #expect(FindingsText.render(try reconcile(cleanRows)) == "未发现问题。\n2 个方面 2 个问题 3 项；措施 3 条：已完成 3，正在推进 0，未启动 0；未完成 0 条，其中逾期 0\n")
    }

    @Test("colors only when asked")
    func colors() throws {
        let result = try reconcile(troubledRows)
        #expect(!FindingsText.render(result).contains("\u{1B}["))
        let colored = FindingsText.render(result, colors: true)
        #expect(colored.contains("\u{1B}[1m\u{1B}[31m错误 1 条：\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[33m(overdue)\u{1B}[0m"))
    }
}

@Suite("Findings as JSON")
struct FindingsJSONTests {
    @Test("keys in the documented order; values read back by Foundation's JSON parser")
    func shape() throws {
        let json = FindingsJSON.render(try reconcile(troubledRows))
        #expect(json.hasPrefix("""
            {"asOf": "2025-12-04", "summary": {"aspects":2,"problems":2,"issues":3,"measures":5,"done":2,"doneOngoing":1,\
            "inProgress":1,"notStarted":0,"unrecognized":1,"overdue":1,"dueSoon":0,"rectifiedIssues":1,"rectifiedProblems":0}, \
            "findings": [
            """))
        #expect(json.contains("""
            {"code":"unknown-issue-reference","severity":"error","file":"tasks.csv","line":6,"column":"问题编号",\
            "subject":{"kind":"measure","key":"5"},"arguments":{"reference":"(9)"},"message":
            """))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["code"] as? String } == ["overdue", "unknown-status", "unknown-issue-reference"])
        #expect(findings.map { $0["line"] as? Int } == [2, 5, 6], "findings are in line order")
        #expect((object["summary"] as? [String: Int])?["measures"] == 5)
    }

    @Test("file-level findings have null line and column; an empty list is []")
    func nulls() throws {
        var configuration = Reconciliation.Configuration(asOf: day(2025, 12, 4))
        configuration.expectations = [CountExpectation(.measures, 44)]
        let result = try Reconciliation(
            issues: fixtureIssues, tasks: table([fixtureHeader] + cleanRows, file: "tasks.csv"), configuration: configuration)
        let json = FindingsJSON.render(result)
        #expect(json.contains("\"line\":null,\"column\":null"))
        #expect(FindingsJSON.render(try reconcile(cleanRows)).hasSuffix("\"findings\": []}\n"))
    }

    @Test("strings are escaped", arguments: [
        ("a\"b", "\"a\\\"b\""), ("a\\b", "\"a\\\\b\""), ("a\nb\r\t", "\"a\\nb\\r\\t\""), ("\u{01}", "\"\\u0001\""),
        ("问题“1”", "\"问题“1”\""),
    ])
    func escaping(_ text: String, _ expected: String) throws {
        let result = try Reconciliation(
            issues: nil,
            tasks: table([fixtureHeader, ["1", "1", "措施", "王某某", "办公室", "张某某", text, "已完成"]], file: "t.csv"),
            configuration: .init(asOf: day(2025, 12, 4)))
        let json = FindingsJSON.render(result)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let message = try #require((object["findings"] as? [[String: Any]])?.first?["message"] as? String)
        #expect(message.contains(text))
        #expect(json.contains(String(expected.dropFirst().dropLast())))
    }
}

@Suite("Findings as JUnit XML")
struct FindingsJUnitTests {
    @Test("one test case per issue plus one for file-level findings, read back by Python's ElementTree")
    func cases() throws {
        let xml = FindingsJUnit.render(try reconcile(troubledRows))
        let directory = try TemporaryDirectory()
        let path = try directory.write("junit.xml", bytes: Array(xml.utf8))
        let parsed = try openpyxl("""
            import xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            suite = root.find('testsuite')
            print(json.dumps({'tests': root.get('tests'), 'failures': root.get('failures'),
              'cases': [[c.get('classname'), c.get('name'), [f.get('type') for f in c.findall('failure')],
                         (c.findtext('system-out') or '')] for c in suite.findall('testcase')]}))
            """, [path]) as? [String: Any]
        #expect(parsed?["tests"] as? String == "4")
        #expect(parsed?["failures"] as? String == "1")
        let cases = try #require(parsed?["cases"] as? [[Any]])
        #expect(cases.map { $0[1] as? String } == ["(1) 学习不全面", "(2) 学习流于表面", "(3) 内控制度不健全", "文件级检查"])
        #expect(cases[0][0] as? String == "(一)学习方面 / 1.学习不深入")
        #expect(cases.map { $0[2] as? [String] } == [[], [], [], ["unknown-issue-reference"]])
        #expect((cases[0][3] as? String)?.contains("(overdue)") == true)
        #expect((cases[2][3] as? String)?.contains("(unknown-status)") == true)
    }

    @Test("special characters are escaped", arguments: [("a<b>&\"'", "a&lt;b&gt;&amp;&quot;&apos;"), ("x\u{01}y", "xy")])
    func escaping(_ text: String, _ expected: String) {
        #expect(XMLText.escape(text) == expected)
    }
}

@Suite("Findings as GitHub workflow commands")
struct FindingsGitHubTests {
    @Test("one command per finding with file, line and title")
    func commands() throws {
        let lines = FindingsGitHub.render(try reconcile(troubledRows)).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("::warning file=tasks.csv,line=2,title=overdue [完成时限]::已逾期 4 天"))
        #expect(lines[2].hasPrefix("::error file=tasks.csv,line=6,title=unknown-issue-reference [问题编号]::措施引用的问题"))
    }

    @Test("messages escape %, CR and LF; properties also : and ,", arguments: [
        ("50%", "50%25", "50%25"), ("a\nb", "a%0Ab", "a%0Ab"), ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ])
    func escaping(_ text: String, _ data: String, _ property: String) {
        #expect(FindingsGitHub.escapeData(text) == data)
        #expect(FindingsGitHub.escapeProperty(text) == property)
    }

    @Test("file-level findings have no line property")
    func fileLevel() throws {
        var configuration = Reconciliation.Configuration(asOf: day(2025, 12, 4))
        configuration.expectations = [CountExpectation(.measures, 44)]
        let result = try Reconciliation(
            issues: fixtureIssues, tasks: table([fixtureHeader] + cleanRows, file: "tasks.csv"), configuration: configuration)
        #expect(FindingsGitHub.render(result) == "::error file=tasks.csv,title=count-mismatch::声称措施 44 个，表中实有 3 个\n")
    }

    @Test("every format is reachable through FindingsFormat", arguments: FindingsFormat.allCases)
    func dispatch(_ format: FindingsFormat) throws {
        let result = try reconcile(troubledRows)
        let direct: String = switch format {
        case .text: FindingsText.render(result)
        case .json: FindingsJSON.render(result)
        case .junit: FindingsJUnit.render(result)
        case .github: FindingsGitHub.render(result)
        }
        #expect(format.render(result) == direct)
    }
}
