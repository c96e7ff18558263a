import OutputSupport
public import Rectification
import TabularCore

/// Findings as JUnit XML for CI dashboards: one test case per issue (failed when it has errors, warnings in
/// `system-out`) and one test case for findings tied to no issue (file-level, unknown references, numbering).
public enum FindingsJUnit {
    /// Renders the XML document; deterministic (no timestamps, no durations); ends with a newline.
    ///
    /// - Parameters:
    ///   - result: the reconciliation.
    ///   - language: the language of messages and of the file-level test case's name; default Chinese.
    public static func render(_ result: Reconciliation, language: Language = .chinese) -> String {
        let plan = result.plan
        var byIssue: [Issue.Key: [Finding]] = [:]
        var unplaced: [Finding] = []
        for finding in result.findings {
            if let issue = issue(of: finding, in: plan) { byIssue[issue, default: []].append(finding) } else { unplaced.append(finding) }
        }
        var cases: [(classname: String, name: String, findings: [Finding])] = plan.issues.map { issue in
            let problem = issue.problem.flatMap(plan.problem)?.text
            let aspect = issue.aspect.flatMap(plan.aspect)?.text
            let classname = [aspect, problem].compactMap { $0 }.joined(separator: " / ")
            let name = issue.id.isEmpty ? issue.text : "\(issue.id) \(issue.text)"
            return (classname.isEmpty ? "tracksheet" : classname, name, byIssue[issue.key] ?? [])
        }
        cases.append(("tracksheet", language.pick("文件级检查", "file-level findings"), unplaced))
        let failures = cases.filter { $0.findings.contains { $0.severity == .error } }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"tracksheet check\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml += "  <testsuite name=\"rectification\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for testCase in cases {
            xml += "    <testcase classname=\"\(XMLText.escape(testCase.classname))\" name=\"\(XMLText.escape(testCase.name))\""
            let errors = testCase.findings.filter { $0.severity == .error }
            let warnings = testCase.findings.filter { $0.severity != .error }
            if errors.isEmpty && warnings.isEmpty {
                xml += "/>\n"
                continue
            }
            xml += ">\n"
            if let first = errors.first {
                let body = errors.map { line($0, language: language) }.joined(separator: "\n")
                xml += "      <failure type=\"\(XMLText.escape(first.code.rawValue))\" message=\"\(XMLText.escape(first.message(language)))\">"
                xml += XMLText.escape(body) + "</failure>\n"
            }
            if !warnings.isEmpty {
                xml += "      <system-out>" + XMLText.escape(warnings.map { line($0, language: language) }.joined(separator: "\n")) + "</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// `file:line [column] message (code)`.
    static func line(_ finding: Finding, language: Language) -> String {
        var text = FindingsText.location(of: finding)
        if let column = finding.column { text += " [\(column)]" }
        return text + " \(finding.message(language)) (\(finding.code.rawValue))"
    }

    /// The issue a finding belongs to: its own subject, or the issue of the measure it is about.
    static func issue(of finding: Finding, in plan: RectificationPlan) -> Issue.Key? {
        switch finding.subject {
        case .issue(let key): key
        case .measure(let key): plan.measure(key)?.issue
        default: nil
        }
    }

}
