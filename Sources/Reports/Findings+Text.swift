public import Rectification

/// The formats `tracksheet check` can print findings in.
public enum FindingsFormat: String, Sendable, Hashable, CaseIterable {
    /// Human-readable text grouped by severity, ending with the rollup line (`FindingsText`).
    case text
    /// One JSON object with the as-of date, the summary and the findings (`FindingsJSON`).
    case json
    /// JUnit XML, one test case per issue plus one for file-level findings (`FindingsJUnit`).
    case junit
    /// GitHub Actions workflow commands, `::error file=…,line=…::…` (`FindingsGitHub`).
    case github

    /// Renders a reconciliation's findings in this format.
    ///
    /// - Parameters:
    ///   - result: the reconciliation.
    ///   - language: the language of messages, headings and the rollup line; default Chinese.
    ///   - colors: ANSI colors, text format only; the caller decides (a terminal, and no `NO_COLOR`).
    public func render(_ result: Reconciliation, language: Language = .chinese, colors: Bool = false) -> String {
        switch self {
        case .text: FindingsText.render(result, language: language, colors: colors)
        case .json: FindingsJSON.render(result, language: language)
        case .junit: FindingsJUnit.render(result, language: language)
        case .github: FindingsGitHub.render(result, language: language)
        }
    }

    /// Writes what `render` makes as UTF-8 bytes, handed to `output` in order: JSON in blocks as it is written
    /// (`FindingsJSON.write`), the other formats whole.
    ///
    /// - Parameters:
    ///   - result: the reconciliation.
    ///   - language: the language of messages, headings and the rollup line; default Chinese.
    ///   - colors: ANSI colors, text format only.
    ///   - output: called on the calling thread with each block; the bytes are valid only during the call.
    /// - Throws: what `output` throws.
    public func write<E: Error>(
        _ result: Reconciliation, language: Language = .chinese, colors: Bool = false,
        to output: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        if self == .json {
            try FindingsJSON.write(result, language: language, to: output)
            return
        }
        var text = render(result, language: language, colors: colors)
        var outcome: Result<Void, E> = .success(())
        text.withUTF8 { utf8 in outcome = Result { () throws(E) in try output(UnsafeRawBufferPointer(utf8)) } }
        try outcome.get()
    }
}

/// Findings as text for people: errors, then warnings, each `file:line [column] message (code)`, then the rollup line.
///
/// ```
/// 错误 1 条：
///   tasks.csv:6 [问题编号] 措施引用的问题“(9)”在问题清单中不存在；核对问题编号 (unknown-issue-reference)
/// 4 个方面 10 个问题 31 项；措施 47 条：已完成 47，逾期 0
/// ```
public enum FindingsText {
    /// Renders the findings and the rollup line; ends with a newline.
    ///
    /// - Parameters:
    ///   - result: the reconciliation.
    ///   - language: the language of messages, headings and the rollup line; default Chinese.
    ///   - colors: whether to color headings and codes with ANSI escapes (errors red, warnings yellow).
    public static func render(_ result: Reconciliation, language: Language = .chinese, colors: Bool = false) -> String {
        var text = ""
        let groups: [(Finding.Severity, String, String, String)] = [
            (.error, "错误", "error", "\u{1B}[31m"), (.warning, "警告", "warning", "\u{1B}[33m"),
            (.info, "说明", "note", "\u{1B}[36m"),
        ]
        for (severity, chinese, english, color) in groups {
            let findings = result.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            let heading = language == .chinese
                ? "\(chinese) \(findings.count) 条："
                : "\(findings.count) \(english)\(findings.count == 1 ? "" : "s"):"
            text += colors ? "\u{1B}[1m\(color)\(heading)\u{1B}[0m\n" : heading + "\n"
            for finding in findings {
                var line = "  " + location(of: finding)
                if let column = finding.column { line += " [\(column)]" }
                line += " " + finding.message(language).replacingNewlines
                let code = "(\(finding.code.rawValue))"
                line += " " + (colors ? "\(color)\(code)\u{1B}[0m" : code)
                text += line + "\n"
            }
        }
        if result.findings.isEmpty { text += language.pick("未发现问题。", "No findings.") + "\n" }
        return text + rollupLine(result.summary, language: language) + "\n"
    }

    /// The closing line: `4 个方面 10 个问题 31 项；措施 47 条：已完成 47，正在推进 0，未启动 0；未完成 0 条，其中逾期 0`.
    /// The status counts add up to the measures (无法识别 is shown when there are any); overdue is a part of the
    /// unfinished ones. Levels the tables do not have (no aspects, no problems) are left out.
    public static func rollupLine(_ summary: Summary, language: Language = .chinese) -> String {
        if language == .chinese {
            var levels: [String] = []
            if summary.aspects > 0 { levels.append("\(summary.aspects) 个方面") }
            if summary.problems > 0 { levels.append("\(summary.problems) 个问题") }
            levels.append("\(summary.issues) 项")
            var text = levels.joined(separator: " ") + "；措施 \(summary.measures) 条："
            text += "已完成 \(summary.allDone)，正在推进 \(summary.inProgress)，未启动 \(summary.notStarted)"
            if summary.unrecognized > 0 { text += "，状态无法识别 \(summary.unrecognized)" }
            return text + "；未完成 \(summary.unfinished) 条，其中逾期 \(summary.overdue)"
        }
        var levels: [String] = []
        if summary.aspects > 0 { levels.append("\(summary.aspects) aspects") }
        if summary.problems > 0 { levels.append("\(summary.problems) problems") }
        levels.append("\(summary.issues) issues")
        var text = levels.joined(separator: ", ") + "; "
        text += "\(summary.measures) measures: \(summary.allDone) done, \(summary.inProgress) in progress, "
        text += "\(summary.notStarted) not started"
        if summary.unrecognized > 0 { text += ", \(summary.unrecognized) of unrecognized status" }
        return text + "; \(summary.unfinished) unfinished, \(summary.overdue) of them overdue"
    }

    /// `file:line`, `file[sheet]:line`, or the file alone for file-level findings.
    static func location(of finding: Finding) -> String {
        var text = finding.file
        if let sheet = finding.sheet { text += "[\(sheet)]" }
        if let line = finding.line { text += ":\(line)" }
        return text
    }
}

extension String {
    /// The text with line breaks turned into spaces, so that one finding stays on one line.
    var replacingNewlines: String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
