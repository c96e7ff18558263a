import OutputSupport
public import Rectification
import TabularCore

/// The progress paragraph for `tracksheet summary`, in the words of a published 整改进展 report, with per-unit lines.
///
/// ```
/// 截至2025年12月4日，巡察反馈的四方面10个问题，已整改落实10个；具体问题31项，已整改到位31项。在整改中，制定措施47个，
/// 已完成47个（其中长期坚持47个），正在推进0个，未启动0个，逾期0个。
/// 办公室：措施20个，已完成20个，正在推进0个，未启动0个，逾期0个。
/// ```
public enum SummaryText {
    /// The output forms of the summary.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// The paragraph and one line per responsible unit.
        case text
        /// A heading, the paragraph and tables per unit and per leader.
        case markdown
        /// The as-of date, the paragraph, the summary counts and tallies per unit, leader and person.
        case json
    }

    /// Renders the summary; ends with a newline.
    ///
    /// - Parameters:
    ///   - result: the reconciliation.
    ///   - format: text (default), markdown or json.
    ///   - language: Chinese or English; default nil: the reconciliation's own (Chinese unless configured).
    public static func render(_ result: Reconciliation, format: Format = .text, language: Language? = nil) -> String {
        let language = language ?? result.configuration.language
        switch format {
        case .text:
            return ([paragraph(result, language: language)]
                + result.rollups.units.map { unitLine($0, language: language) }).joined(separator: "\n") + "\n"
        case .markdown:
            return markdown(result, language: language)
        case .json:
            var text = "{\"asOf\": \(JSONText.quote(result.asOf.isoDate)), "
            text += "\"text\": \(JSONText.quote(paragraph(result, language: language))), "
            text += "\"summary\": \(ReportJSON.summary(result.summary)),\n"
            for (key, tallies) in [("units", result.rollups.units), ("leaders", result.rollups.leaders),
                                   ("people", result.rollups.people)] {
                text += " \"\(key)\": [" + tallies.map(ReportJSON.tally).joined(separator: ",\n   ") + "]"
                text += key == "people" ? "}\n" : ",\n"
            }
            return text
        }
    }

    /// The paragraph alone, e.g. `截至2025年12月4日，巡察反馈的四方面10个问题，已整改落实10个；…`.
    public static func paragraph(_ result: Reconciliation, language: Language = .chinese) -> String {
        let s = result.summary
        let date = result.asOf
        if language == .chinese {
            var text = "截至\(date.year)年\(date.month)月\(date.day)日，巡察反馈的\(aspectCount(s.aspects))\(s.problems)个问题，"
            text += "已整改落实\(s.rectifiedProblems)个；具体问题\(s.issues)项，已整改到位\(s.rectifiedIssues)项。"
            text += "在整改中，制定措施\(s.measures)个，已完成\(s.allDone)个"
            if s.doneOngoing > 0 { text += "（其中长期坚持\(s.doneOngoing)个）" }
            text += "，正在推进\(s.inProgress)个，未启动\(s.notStarted)个，逾期\(s.overdue)个"
            if s.dueSoon > 0 { text += "，临近时限\(s.dueSoon)个" }
            return text + "。"
        }
        var text = "As of \(date.isoDate), \(s.rectifiedProblems) of the \(s.problems) problems in \(s.aspects) aspects "
        text += "raised by the inspection have been rectified, and \(s.rectifiedIssues) of \(s.issues) issues. "
        text += "\(s.measures) measures were set: \(s.allDone) done"
        if s.doneOngoing > 0 { text += " (\(s.doneOngoing) of them kept up long-term)" }
        text += ", \(s.inProgress) in progress, \(s.notStarted) not started, \(s.overdue) overdue"
        if s.dueSoon > 0 { text += ", \(s.dueSoon) due soon" }
        return text + "."
    }

    /// One unit's line: `办公室：措施20个，已完成20个，正在推进0个，未启动0个，逾期0个。`
    public static func unitLine(_ unit: NamedTally, language: Language = .chinese) -> String {
        let t = unit.tally
        if language == .chinese {
            var text = "\(unit.name)：措施\(t.measures)个，已完成\(t.allDone)个，正在推进\(t.inProgress)个，"
            text += "未启动\(t.notStarted)个，逾期\(t.overdue)个"
            if t.dueSoon > 0 { text += "，临近时限\(t.dueSoon)个" }
            return text + "。"
        }
        var text = "\(unit.name): \(t.measures) measures, \(t.allDone) done, \(t.inProgress) in progress, "
        text += "\(t.notStarted) not started, \(t.overdue) overdue"
        if t.dueSoon > 0 { text += ", \(t.dueSoon) due soon" }
        return text + "."
    }

    /// `四方面` as the reports write it for one to ten aspects, `12个方面` beyond.
    static func aspectCount(_ count: Int) -> String {
        let numerals = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"]
        return count <= 10 ? "\(numerals[count])方面" : "\(count)个方面"
    }

    static func markdown(_ result: Reconciliation, language: Language) -> String {
        var text = language.pick("## 巡察整改进展（截至 \(result.asOf.isoDate)）", "## Rectification progress (as of \(result.asOf.isoDate))")
        text += "\n\n" + paragraph(result, language: language) + "\n"
        let columns = language == .chinese
            ? ["措施", "已完成", "正在推进", "未启动", "逾期", "临近时限"]
            : ["Measures", "Done", "In progress", "Not started", "Overdue", "Due soon"]
        for (heading, tallies) in [(language.pick("责任单位", "Unit"), result.rollups.units),
                                   (language.pick("责任领导", "Leader"), result.rollups.leaders)] where !tallies.isEmpty {
            text += "\n| \(heading) | " + columns.joined(separator: " | ") + " |\n"
            text += "| --- |" + String(repeating: " ---: |", count: columns.count) + "\n"
            for named in tallies {
                let t = named.tally
                let cells = [t.measures, t.allDone, t.inProgress, t.notStarted, t.overdue, t.dueSoon].map(String.init)
                text += "| \(cell(named.name)) | " + cells.joined(separator: " | ") + " |\n"
            }
        }
        return text
    }

    /// A markdown table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        text.replacingNewlines.replacing("|", with: "\\|")
    }
}
