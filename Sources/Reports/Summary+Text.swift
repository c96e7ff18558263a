import OutputSupport
public import Rectification
import TabularCore

/// The progress paragraph for `tracksheet summary`, in the words of a published 整改进展 report, with per-unit lines.
///
/// ```
/// 截至2025年12月4日，巡察反馈的四方面10个问题，已整改落实10个；具体问题31项，已整改到位31项。在整改中，制定措施47个，
/// 已完成47个（其中长期坚持47个），正在推进0个，未启动0个；未完成的措施中逾期0个。
/// 办公室：措施20个，已完成20个（其中长期坚持20个），正在推进0个，未启动0个；未完成的措施中逾期0个。
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
    ///   - language: Chinese (default) or English.
    public static func render(_ result: Reconciliation, format: Format = .text, language: Language = .chinese) -> String {
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

    /// The paragraph alone, e.g. `截至2025年12月4日，巡察反馈的四方面10个问题，已整改落实10个；…`. Every number is
    /// the rollup's; the status counts add up to the measures, and overdue is given as a part of the unfinished ones.
    /// A level the tables do not have is left out of the sentence.
    public static func paragraph(_ result: Reconciliation, language: Language = .chinese) -> String {
        let s = result.summary
        let date = result.asOf
        if language == .chinese {
            var text = "截至\(date.year)年\(date.month)月\(date.day)日，" + result.kind.feedbackPhrase(language)
            let aspects = s.aspects > 0 ? aspectCount(s.aspects) : ""
            if s.problems > 0 {
                text += "\(aspects)\(s.problems)个问题，已整改落实\(s.rectifiedProblems)个；具体问题\(s.issues)项，"
            } else {
                text += aspects.isEmpty ? "问题\(s.issues)项，" : "\(aspects)具体问题\(s.issues)项，"
            }
            text += "已整改到位\(s.rectifiedIssues)项。"
            text += "在整改中，制定措施\(s.measures)个，" + statusCounts(s.tally, language: language) + "。"
            return text
        }
        var text = "As of \(date.isoDate), "
        if s.problems > 0 {
            text += "\(s.rectifiedProblems) of the \(s.problems) problems"
            if s.aspects > 0 { text += " in \(s.aspects) aspect\(s.aspects == 1 ? "" : "s")" }
            let phrase = result.kind.feedbackPhrase(language)
            text += (phrase.isEmpty ? "" : " " + phrase) + " have been rectified, and \(s.rectifiedIssues) of \(s.issues) issues. "
        } else {
            let phrase = result.kind.feedbackPhrase(language)
            text += "\(s.rectifiedIssues) of the \(s.issues) issues" + (phrase.isEmpty ? "" : " " + phrase) + " have been rectified. "
        }
        text += "\(s.measures) measures were set: " + statusCounts(s.tally, language: language) + "."
        return text
    }

    /// One unit's line: `办公室：措施20个，已完成20个，正在推进0个，未启动0个；未完成的措施中逾期0个。`
    public static func unitLine(_ unit: NamedTally, language: Language = .chinese) -> String {
        let t = unit.tally
        if language == .chinese {
            return "\(unit.name)：措施\(t.measures)个，" + statusCounts(t, language: language) + "。"
        }
        return "\(unit.name): \(t.measures) measures, " + statusCounts(t, language: language) + "."
    }

    /// `已完成47个（其中长期坚持47个），正在推进0个，未启动0个；未完成的措施中逾期0个`: every status bucket (无法识别 when
    /// there are any), then overdue and due soon as parts of the unfinished.
    static func statusCounts(_ t: Tally, language: Language) -> String {
        if language == .chinese {
            var text = "已完成\(t.allDone)个"
            if t.doneOngoing > 0 { text += "（其中长期坚持\(t.doneOngoing)个）" }
            text += "，正在推进\(t.inProgress)个，未启动\(t.notStarted)个"
            if t.unrecognized > 0 { text += "，状态无法识别\(t.unrecognized)个" }
            text += "；未完成的措施中逾期\(t.overdue)个"
            if t.dueSoon > 0 { text += "，临近时限\(t.dueSoon)个" }
            return text
        }
        var text = "\(t.allDone) done"
        if t.doneOngoing > 0 { text += " (\(t.doneOngoing) of them kept up long-term)" }
        text += ", \(t.inProgress) in progress, \(t.notStarted) not started"
        if t.unrecognized > 0 { text += ", \(t.unrecognized) of unrecognized status" }
        text += "; of the \(t.unfinished) unfinished, \(t.overdue) overdue"
        if t.dueSoon > 0 { text += " and \(t.dueSoon) due soon" }
        return text
    }

    /// `四方面` as the reports write it for two to ten aspects, `1个方面` and `12个方面` otherwise (一方面 reads as
    /// "on the one hand").
    static func aspectCount(_ count: Int) -> String {
        let numerals = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"]
        return (2...10).contains(count) ? "\(numerals[count])方面" : "\(count)个方面"
    }

    static func markdown(_ result: Reconciliation, language: Language) -> String {
        var text = language.pick("## \(result.kind?.rawValue ?? "")整改进展（截至 \(result.asOf.isoDate)）", "## Rectification progress (as of \(result.asOf.isoDate))")
        text += "\n\n" + paragraph(result, language: language) + "\n"
        let columns = language == .chinese
            ? ["措施", "已完成", "正在推进", "未启动", "无法识别", "逾期", "临近时限"]
            : ["Measures", "Done", "In progress", "Not started", "Unrecognized", "Overdue", "Due soon"]
        for (heading, tallies) in [(language.pick("责任单位", "Unit"), result.rollups.units),
                                   (language.pick("责任领导", "Leader"), result.rollups.leaders)] where !tallies.isEmpty {
            text += "\n| \(heading) | " + columns.joined(separator: " | ") + " |\n"
            text += "| --- |" + String(repeating: " ---: |", count: columns.count) + "\n"
            for named in tallies {
                let t = named.tally
                let cells = [t.measures, t.allDone, t.inProgress, t.notStarted, t.unrecognized, t.overdue, t.dueSoon].map(String.init)
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
