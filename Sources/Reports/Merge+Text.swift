import OutputSupport
public import Rectification

/// A merge's change list as text or JSON, the same list the merged master's 变更记录 sheet holds.
public enum MergeReport {
    /// One line per change, `序号 3 [编号 3] 办公室 状态：正在推进 → 已完成（办公室.xlsx）`, then a count line; ends with a
    /// newline.
    public static func text(_ merge: LedgerMerge, language: Language = .chinese) -> String {
        let labels = LedgerLabels(language)
        var lines = merge.changes.map { change in
            let old = labels.changeValue(change.field, change.old)
            let new = labels.changeValue(change.field, change.new)
            let sources = change.sources.joined(separator: "、")
            return language.pick(
                "\(change.number)\t[\(change.key)]\t\(change.unit)\t\(labels.changeField(change.field))：“\(old)” → “\(new)”（\(sources)）",
                "\(change.number)\t[\(change.key)]\t\(change.unit)\t\(labels.changeField(change.field)): “\(old)” → “\(new)” (\(sources))")
        }
        let errors = merge.findings.filter { $0.severity == .error }.count
        let warnings = merge.findings.filter { $0.severity == .warning }.count
        lines.append(language.pick(
            "变更 \(merge.changes.count) 项；未采纳的冲突或错误 \(errors) 条，警告 \(warnings) 条",
            "\(merge.changes.count) changes; \(errors) conflicts or errors not applied, \(warnings) warnings"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"changes": [{"number", "key", "unit", "field", "old", "new", "sources"}…], "findings": […]}` with the
    /// status's values as `Progress` raw values (`done`, `in-progress` …); ends with a newline.
    public static func json(_ merge: LedgerMerge, language: Language = .chinese) -> String {
        let changes = merge.changes.map { change in
            "  " + ReportJSON.object([
                ("number", String(change.number)),
                ("key", JSONText.quote(change.key.rawValue)),
                ("unit", JSONText.quote(change.unit)),
                ("field", JSONText.quote(change.field.rawValue)),
                ("old", JSONText.quote(change.old)),
                ("new", JSONText.quote(change.new)),
                ("sources", "[" + change.sources.map(JSONText.quote).joined(separator: ", ") + "]"),
            ])
        }
        let findings = merge.findings.map { "  " + FindingsJSON.object($0, language: language) }
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n]" }
        return "{\"changes\": \(list(changes)),\n\"findings\": \(list(findings))}\n"
    }
}
