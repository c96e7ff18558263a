import OutputSupport
public import Rectification

/// A merge's change list as text or JSON, the same list the merged master's 变更记录 sheet holds.
public enum MergeReport {
    /// One line per change, `序号 3 [编号 3] 办公室 状态：正在推进 → 已完成（办公室.xlsx）`, then a count line; ends with a
    /// newline.
    public static func text(_ merge: LedgerMerge, language: Language = .chinese) -> String {
        String(decoding: textBytes(merge, language: language), as: UTF8.self)
    }

    /// `text(_:language:)`'s UTF-8 bytes, built in one buffer (a province's change list is a hundred thousand lines
    /// of a dozen pieces each: interpolating each line's string cost more than the merge that found the changes).
    public static func textBytes(_ merge: LedgerMerge, language: Language = .chinese) -> [UInt8] {
        let labels = LedgerLabels(language)
        // The pieces between a line's values, in the language's punctuation.
        let afterField = Array(language.pick("：“", ": “").utf8)
        let arrow = Array("” → “".utf8)
        let beforeSources = Array(language.pick("”（", "” (").utf8)
        let afterSources = Array(language.pick("）\n", ")\n").utf8)
        let sourceSeparator = Array("、".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(merge.changes.count * 96 + 128)
        for change in merge.changes {
            bytes.append(contentsOf: String(change.number).utf8)
            bytes.append(UInt8(ascii: "\t"))
            bytes.append(UInt8(ascii: "["))
            bytes.append(contentsOf: change.key.rawValue.utf8)
            bytes.append(UInt8(ascii: "]"))
            bytes.append(UInt8(ascii: "\t"))
            bytes.append(contentsOf: change.unit.utf8)
            bytes.append(UInt8(ascii: "\t"))
            bytes.append(contentsOf: labels.changeField(change.field).utf8)
            bytes.append(contentsOf: afterField)
            bytes.append(contentsOf: labels.changeValue(change.field, change.old).utf8)
            bytes.append(contentsOf: arrow)
            bytes.append(contentsOf: labels.changeValue(change.field, change.new).utf8)
            bytes.append(contentsOf: beforeSources)
            for (position, source) in change.sources.enumerated() {
                if position > 0 { bytes.append(contentsOf: sourceSeparator) }
                bytes.append(contentsOf: source.utf8)
            }
            bytes.append(contentsOf: afterSources)
        }
        var errors = 0
        var warnings = 0
        for finding in merge.findings {
            if finding.severity == .error { errors += 1 } else if finding.severity == .warning { warnings += 1 }
        }
        bytes.append(contentsOf: language.pick(
            "变更 \(merge.changes.count) 项；未采纳的冲突或错误 \(errors) 条，警告 \(warnings) 条\n",
            "\(merge.changes.count) changes; \(errors) conflicts or errors not applied, \(warnings) warnings\n").utf8)
        return bytes
    }

    /// `{"changes": [{"number", "key", "unit", "field", "old", "new", "sources"}…], "findings": […]}` with the
    /// status's values as `Progress` raw values (`done`, `in-progress` …); ends with a newline.
    public static func json(_ merge: LedgerMerge, language: Language = .chinese) -> String {
        // Each change's object is written into one string, its keys as literals: the same bytes as
        // `ReportJSON.object` with `JSONText.quote`d members, without quoting the keys again for every change.
        let changes = merge.changes.map { change in
            var object = "  {\"number\":"
            object += String(change.number)
            object += ",\"key\":"
            appendQuoted(change.key.rawValue, to: &object)
            object += ",\"unit\":"
            appendQuoted(change.unit, to: &object)
            object += ",\"field\":"
            appendQuoted(change.field.rawValue, to: &object)
            object += ",\"old\":"
            appendQuoted(change.old, to: &object)
            object += ",\"new\":"
            appendQuoted(change.new, to: &object)
            object += ",\"sources\":["
            for (position, source) in change.sources.enumerated() {
                if position > 0 { object += ", " }
                appendQuoted(source, to: &object)
            }
            object += "]}"
            return object
        }
        let findings = merge.findings.map { "  " + FindingsJSON.object($0, language: language) }
        func list(_ items: [String]) -> String { items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n]" }
        return "{\"changes\": \(list(changes)),\n\"findings\": \(list(findings))}\n"
    }

    /// Appends `JSONText.quote(text)`: the text itself between quotes when no byte of it needs an escape (nearly
    /// every value: no control character, quote, backslash, U+2028 or U+2029), else what `JSONText.quote` gives.
    private static func appendQuoted(_ text: String, to output: inout String) {
        let plain = text.utf8.withContiguousStorageIfAvailable { !needsEscape($0) } ?? false
        if plain {
            output += "\""
            output += text
            output += "\""
        } else {
            output += JSONText.quote(text)
        }
    }

    /// Whether UTF-8 bytes hold a byte below 0x20, `"`, `\\`, or U+2028/U+2029 (E2 80 A8, E2 80 A9).
    private static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return true
            }
            index += 1
        }
        return false
    }
}
