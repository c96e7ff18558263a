import OutputSupport
public import Rectification
import TabularCore

/// What moved between two snapshots, for `tracksheet diff`: the paragraph an office sends up, one line per change,
/// and the totals.
///
/// ```
/// 截至2025年7月31日（上次2025年6月30日），本期新完成措施3项（办公室2项、科普股1项），新增逾期1项（科普股1项）；
/// 其他状态变化1项，完成时限调整1项，责任人调整1项；新增措施1项，删除措施1项。
/// 措施1（办公室）新完成：正在推进 → 已完成并长期坚持
/// …
/// 合计：新完成3项，新增逾期1项，临近时限0项，其他状态变化1项，…，新增措施1项，删除措施1项。
/// 措施47→47个：已完成44→46个（其中长期坚持44→46个），正在推进3→1个，…；逾期0→1个，临近时限0→0个。
/// ```
///
/// The paragraph names only the movements there are (an office leaves out “0项”); the totals line states every
/// count. Every number is the diff's or the rollups'; nothing is re-counted here.
public enum DiffText {
    /// The output forms of a diff.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// The paragraph, one line per change, the totals line and the rollups before and after.
        case text
        /// A heading, the paragraph, a table of changes and a table per unit.
        case markdown
        /// One object: dates, paragraph, totals, tallies before and after, per unit, and the changes.
        case json
    }

    /// Renders a diff; ends with a newline.
    ///
    /// - Parameters:
    ///   - diff: the comparison.
    ///   - format: text (default), markdown or json.
    ///   - language: Chinese (default) or English.
    public static func render(_ diff: MeasureDiff, format: Format = .text, language: Language = .chinese) -> String {
        switch format {
        case .text:
            let lines = [paragraph(diff, language: language)]
                + diff.changes.map { line($0, language: language) }
                + [totalsLine(diff.totals, language: language), rollupLine(diff.before, diff.after, language: language)]
            return lines.joined(separator: "\n") + "\n"
        case .markdown:
            return markdown(diff, language: language)
        case .json:
            return json(diff, language: language)
        }
    }

    /// The paragraph alone: the dates, then the movements there are in three groups (progress; changes to the
    /// measures; measures added and removed), with the units of the newly done, newly overdue and due-soon ones.
    public static func paragraph(_ diff: MeasureDiff, language: Language = .chinese) -> String {
        let t = diff.totals
        let chinese = language == .chinese
        func item(_ kind: MeasureDiff.Kind, units: Bool = false) -> String? {
            let count = t[kind]
            guard count > 0 else { return nil }
            let breakdown = units ? unitBreakdown(diff, kind, language: language) : ""
            if chinese {
                let label = kind == .statusChanged && t[.newlyDone] > 0 ? "其他状态变化" : paragraphLabel(kind)
                return "\(label)\(count)项" + breakdown
            }
            let label = kind == .statusChanged && t[.newlyDone] > 0 ? "other status change" : englishLabel(kind, count)
            return "\(count) \(label)" + breakdown
        }
        let groups = [
            [item(.newlyDone, units: true), item(.newlyOverdue, units: true), item(.newlyDueSoon, units: true)],
            [item(.statusChanged), item(.deadlineChanged), item(.leaderChanged), item(.unitChanged),
             item(.personChanged), item(.textChanged)],
            [item(.added), item(.removed)],
        ].map { $0.compactMap { $0 } }.filter { !$0.isEmpty }
        if chinese {
            var text = "截至\(chineseDate(diff.newAsOf))"
            text += diff.oldAsOf == diff.newAsOf ? "，与上一版相比，" : "（上次\(chineseDate(diff.oldAsOf))），"
            if groups.isEmpty { return text + "本期无变化。" }
            return text + "本期" + groups.map { $0.joined(separator: "，") }.joined(separator: "；") + "。"
        }
        var text = "As of \(diff.newAsOf.isoDate)"
        text += diff.oldAsOf == diff.newAsOf ? ", against the previous version: " : " (last \(diff.oldAsOf.isoDate)): "
        if groups.isEmpty { return text + "no change." }
        return text + groups.map { $0.joined(separator: ", ") }.joined(separator: "; ") + "."
    }

    /// One change: `措施3-1（办公室）新完成：正在推进 → 已完成`.
    public static func line(_ change: MeasureDiff.Change, language: Language = .chinese) -> String {
        let units = change.units.isEmpty ? language.pick("未明确单位", "no unit") : change.units.joined(separator: "、")
        let (from, to) = values(change.movement, language: language)
        let what: String
        switch change.movement {
        case .added(let measure), .removed(let measure):
            what = "“\(short(measure.text))”"
        default:
            what = "\(from ?? "") → \(to ?? "")"
        }
        if language == .chinese {
            return "措施\(change.key)（\(units)）\(lineLabel(change.kind))：\(what)"
        }
        return "Measure \(change.key) (\(units)) \(lineLabelEnglish(change.kind)): \(what)"
    }

    /// Every count, zeros included: `合计：新完成3项，新增逾期1项，…，删除措施1项。`
    public static func totalsLine(_ counts: MeasureDiff.Counts, language: Language = .chinese) -> String {
        if language == .chinese {
            return "合计：" + MeasureDiff.Kind.allCases.map { "\(totalsLabel($0))\(counts[$0])项" }.joined(separator: "，") + "。"
        }
        return "Totals: " + MeasureDiff.Kind.allCases.map { "\(lineLabelEnglish($0)) \(counts[$0])" }.joined(separator: ", ") + "."
    }

    /// The whole plan's tallies before and after, every bucket: `措施47→47个：已完成44→46个（其中长期坚持…）…`.
    public static func rollupLine(_ before: Tally, _ after: Tally, language: Language = .chinese) -> String {
        func pair(_ path: KeyPath<Tally, Int>) -> String { "\(before[keyPath: path])→\(after[keyPath: path])" }
        if language == .chinese {
            return "措施\(pair(\.measures))个：已完成\(pair(\.allDone))个（其中长期坚持\(pair(\.doneOngoing))个），"
                + "正在推进\(pair(\.inProgress))个，未启动\(pair(\.notStarted))个，状态无法识别\(pair(\.unrecognized))个；"
                + "逾期\(pair(\.overdue))个，临近时限\(pair(\.dueSoon))个。"
        }
        return "Measures \(pair(\.measures)): done \(pair(\.allDone)) (kept up long-term \(pair(\.doneOngoing))), "
            + "in progress \(pair(\.inProgress)), not started \(pair(\.notStarted)), unrecognized \(pair(\.unrecognized)); "
            + "overdue \(pair(\.overdue)), due soon \(pair(\.dueSoon))."
    }

    // MARK: - Labels

    static func paragraphLabel(_ kind: MeasureDiff.Kind) -> String {
        switch kind {
        case .newlyDone: "新完成措施"
        case .newlyOverdue: "新增逾期"
        case .newlyDueSoon: "临近时限"
        case .statusChanged: "状态变化"
        case .deadlineChanged: "完成时限调整"
        case .leaderChanged: "责任领导调整"
        case .unitChanged: "责任单位调整"
        case .personChanged: "责任人调整"
        case .textChanged: "措施内容调整"
        case .added: "新增措施"
        case .removed: "删除措施"
        }
    }

    static func totalsLabel(_ kind: MeasureDiff.Kind) -> String {
        switch kind {
        case .newlyDone: "新完成"
        case .statusChanged: "其他状态变化"
        default: paragraphLabel(kind)
        }
    }

    static func lineLabel(_ kind: MeasureDiff.Kind) -> String {
        switch kind {
        case .newlyDone: "新完成"
        case .newlyOverdue: "新增逾期"
        case .newlyDueSoon: "临近时限"
        default: paragraphLabel(kind)
        }
    }

    static func englishLabel(_ kind: MeasureDiff.Kind, _ count: Int) -> String {
        let s = count == 1 ? "" : "s"
        return switch kind {
        case .newlyDone: "measure\(s) newly done"
        case .newlyOverdue: "newly overdue"
        case .newlyDueSoon: "newly due soon"
        case .statusChanged: "status change\(s)"
        case .deadlineChanged: "deadline change\(s)"
        case .leaderChanged: "leader change\(s)"
        case .unitChanged: "unit change\(s)"
        case .personChanged: "person change\(s)"
        case .textChanged: "measure text change\(s)"
        case .added: "measure\(s) added"
        case .removed: "removed"
        }
    }

    static func lineLabelEnglish(_ kind: MeasureDiff.Kind) -> String {
        switch kind {
        case .newlyDone: "newly done"
        case .newlyOverdue: "newly overdue"
        case .newlyDueSoon: "newly due soon"
        case .statusChanged: "status changed"
        case .deadlineChanged: "deadline changed"
        case .leaderChanged: "leader changed"
        case .unitChanged: "unit changed"
        case .personChanged: "person changed"
        case .textChanged: "text changed"
        case .added: "added"
        case .removed: "removed"
        }
    }

    /// `（办公室2项、科普股1项）` for a kind's changes per unit, in the units' order; measures naming no unit last.
    static func unitBreakdown(_ diff: MeasureDiff, _ kind: MeasureDiff.Kind, language: Language) -> String {
        var parts = diff.units.filter { $0.counts[kind] > 0 }.map { (name: $0.name, count: $0.counts[kind]) }
        if diff.withoutUnit[kind] > 0 { parts.append((language.pick("未明确单位", "no unit"), diff.withoutUnit[kind])) }
        guard !parts.isEmpty else { return "" }
        if language == .chinese { return "（" + parts.map { "\($0.name)\($0.count)项" }.joined(separator: "、") + "）" }
        return " (" + parts.map { "\($0.name) \($0.count)" }.joined(separator: ", ") + ")"
    }

    // MARK: - Values

    /// A movement's before and after as shown (nil for the side an added or removed measure lacks).
    static func values(_ movement: MeasureDiff.Movement, language: Language) -> (String?, String?) {
        switch movement {
        case .newlyDone(let from, let to), .statusChanged(let from, let to):
            return (from.progress.label(language), to.progress.label(language))
        case .newlyOverdue(let from, let to, let due), .newlyDueSoon(let from, let to, let due):
            var now = timing(to, language: language)
            if let due { now += language.pick("（时限\(due.isoDate)）", " (due \(due.isoDate))") }
            return (timing(from, language: language), now)
        case .deadlineChanged(let from, let to):
            return (deadline(from, language: language), deadline(to, language: language))
        case .leaderChanged(let from, let to), .unitChanged(let from, let to), .personChanged(let from, let to):
            return (names(from, language: language), names(to, language: language))
        case .textChanged(let from, let to):
            return ("“\(short(from))”", "“\(short(to))”")
        case .added(let measure):
            return (nil, short(measure.text))
        case .removed(let measure):
            return (short(measure.text), nil)
        }
    }

    /// A timing as words: 逾期5天, 3天内到期, 今天到期, 未到期（还剩34天）, 已完成, 无明确时限.
    static func timing(_ timing: Timing, language: Language) -> String {
        switch timing {
        case .done: language.pick("已完成", "done")
        case .overdue(let days): language.pick("逾期\(days)天", "overdue by \(days) day\(days == 1 ? "" : "s")")
        case .dueSoon(0): language.pick("今天到期", "due today")
        case .dueSoon(let days): language.pick("\(days)天内到期", "due in \(days) day\(days == 1 ? "" : "s")")
        case .onTime(let days): language.pick("未到期（还剩\(days)天）", "on time (\(days) days left)")
        case .untimed: language.pick("无明确时限", "no date")
        }
    }

    /// A timing's JSON code: `done`, `overdue`, `due-soon`, `on-time`, `untimed`.
    static func timingCode(_ timing: Timing) -> String {
        switch timing {
        case .done: "done"
        case .overdue: "overdue"
        case .dueSoon: "due-soon"
        case .onTime: "on-time"
        case .untimed: "untimed"
        }
    }

    /// The deadline's text, with what it means when that is not the text itself: `年底前（2025-12-31）`.
    static func deadline(_ deadline: Deadline, language: Language) -> String {
        let text = flat(deadline.text)
        if text.isEmpty { return language.pick("（空）", "(empty)") }
        let label = deadline.label(language)
        return label == text ? text : language.pick("\(text)（\(label)）", "\(text) (\(label))")
    }

    static func names(_ names: [String], language: Language) -> String {
        names.isEmpty ? language.pick("（空）", "(none)") : names.joined(separator: "、")
    }

    static func flat(_ text: String) -> String { text.replacingNewlines }

    /// A measure text for a change line: on one line, its first 40 characters and `…` when longer (JSON's `from`
    /// and `to` keep it whole).
    static func short(_ text: String) -> String {
        let line = flat(text)
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }

    static func chineseDate(_ date: LocalDateTime) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

    // MARK: - Markdown

    static func markdown(_ diff: MeasureDiff, language: Language) -> String {
        let cell = SummaryText.cell
        var text = language.pick("## 整改进展变化（\(diff.oldAsOf.isoDate) → \(diff.newAsOf.isoDate)）",
                                 "## What moved (\(diff.oldAsOf.isoDate) → \(diff.newAsOf.isoDate))")
        text += "\n\n" + paragraph(diff, language: language) + "\n"
        if !diff.changes.isEmpty {
            let heads = language == .chinese ? ["编号", "责任单位", "变化", "原", "现"] : ["Key", "Unit", "Change", "Before", "Now"]
            text += "\n| " + heads.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: heads.count) + "\n"
            for change in diff.changes {
                let (from, to) = values(change.movement, language: language)
                let label = language == .chinese ? lineLabel(change.kind) : lineLabelEnglish(change.kind)
                text += "| " + [change.key.rawValue, change.units.joined(separator: "、"), label, from ?? "", to ?? ""]
                    .map(cell).joined(separator: " | ") + " |\n"
            }
        }
        let kinds = MeasureDiff.Kind.allCases
        let heads = (language == .chinese ? ["责任单位"] : ["Unit"])
            + kinds.map { language == .chinese ? totalsLabel($0) : lineLabelEnglish($0) }
            + (language == .chinese ? ["措施", "已完成", "逾期"] : ["Measures", "Done", "Overdue"])
        text += "\n| " + heads.joined(separator: " | ") + " |\n| --- |" + String(repeating: " ---: |", count: heads.count - 1) + "\n"
        var rows = diff.units.map { (cell($0.name), $0.counts, Optional(($0.before, $0.after))) }
        if diff.withoutUnit.total > 0 { rows.append((language.pick("未明确单位", "no unit"), diff.withoutUnit, nil)) }
        rows.append((language.pick("**合计**", "**Total**"), diff.totals, (diff.before, diff.after)))
        for (name, counts, tallies) in rows {
            var cells = [name] + kinds.map { String(counts[$0]) }
            if let (before, after) = tallies {
                cells += ["\(before.measures)→\(after.measures)", "\(before.allDone)→\(after.allDone)",
                          "\(before.overdue)→\(after.overdue)"]
            } else {
                cells += ["", "", ""]
            }
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        text += "\n" + totalsLine(diff.totals, language: language) + "\n\n" + rollupLine(diff.before, diff.after, language: language) + "\n"
        return text
    }

    // MARK: - JSON

    /// The JSON document, keys in this order:
    /// `{"oldAsOf","asOf","text","totals":{kind:n…},"before":{tally},"after":{tally},"units":[{"name","changes":{…},
    /// "before","after"}],"withoutUnit":{…},"changes":[{"key","number","units":[…],"kind","from","to","message"}]}`.
    /// `from` and `to` are strings or null: progress codes (`in-progress` → `done`) for status kinds, timing codes
    /// (`on-time`, `due-soon`, `overdue`, `done`, `untimed`) for newly overdue and due soon, the deadline texts as
    /// written, names joined by `、`, the measure texts; an added measure has `from` null and its text as `to`, a
    /// removed one the reverse.
    static func json(_ diff: MeasureDiff, language: Language) -> String {
        func counts(_ counts: MeasureDiff.Counts) -> String {
            ReportJSON.object(MeasureDiff.Kind.allCases.map { ($0.rawValue, String(counts[$0])) })
        }
        var text = "{\"oldAsOf\": \(JSONText.quote(diff.oldAsOf.isoDate)), \"asOf\": \(JSONText.quote(diff.newAsOf.isoDate)),\n"
        text += " \"text\": \(JSONText.quote(paragraph(diff, language: language))),\n"
        text += " \"totals\": \(counts(diff.totals)),\n"
        text += " \"before\": \(ReportJSON.counts(diff.before)),\n \"after\": \(ReportJSON.counts(diff.after)),\n"
        text += " \"units\": [" + diff.units.map { unit in
            ReportJSON.object([("name", JSONText.quote(unit.name)), ("changes", counts(unit.counts)),
                               ("before", ReportJSON.counts(unit.before)), ("after", ReportJSON.counts(unit.after))])
        }.joined(separator: ",\n   ") + "],\n"
        text += " \"withoutUnit\": \(counts(diff.withoutUnit)),\n"
        text += " \"changes\": ["
        text += changesJSON(diff.changes, language: language)
        text += "]}\n"
        return text
    }

    /// The changes' objects joined by `,\n   `, each `{"key":…,"number":…,"units":[…],"kind":…,"from":…,"to":…,
    /// "message":…}`: the bytes `ReportJSON.object` gives with `JSONText.quote`d members, written into one buffer with
    /// the keys as literals (quoting every key and member into strings of their own cost 60,000 instructions a change).
    static func changesJSON(_ changes: [MeasureDiff.Change], language: Language) -> String {
        var out = JSONBuffer(capacity: 256 * changes.count)
        for (position, change) in changes.enumerated() {
            if position > 0 { out.append(",\n   ") }
            let (from, to) = jsonValues(change.movement)
            out.append("{\"key\":")
            out.quoted(change.key.rawValue)
            out.append(",\"number\":")
            out.append(change.number)
            out.append(",\"units\":[")
            for (index, unit) in change.units.enumerated() {
                if index > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.quoted(unit)
            }
            out.append("],\"kind\":")
            out.quoted(change.kind.rawValue)
            out.append(",\"from\":")
            if let from { out.quoted(from) } else { out.append("null") }
            out.append(",\"to\":")
            if let to { out.quoted(to) } else { out.append("null") }
            out.append(",\"message\":")
            out.quoted(line(change, language: language))
            out.append(byte: UInt8(ascii: "}"))
        }
        return out.string
    }

    static func jsonValues(_ movement: MeasureDiff.Movement) -> (String?, String?) {
        switch movement {
        case .newlyDone(let from, let to), .statusChanged(let from, let to):
            (from.progress.rawValue, to.progress.rawValue)
        case .newlyOverdue(let from, let to, _), .newlyDueSoon(let from, let to, _):
            (timingCode(from), timingCode(to))
        case .deadlineChanged(let from, let to):
            (from.text, to.text)
        case .leaderChanged(let from, let to), .unitChanged(let from, let to), .personChanged(let from, let to):
            (from.joined(separator: "、"), to.joined(separator: "、"))
        case .textChanged(let from, let to):
            (from, to)
        case .added(let measure):
            (nil, measure.text)
        case .removed(let measure):
            (measure.text, nil)
        }
    }
}
