import Rectification
import TabularCore
import XLSXWriter

/// The hidden sheet `_tracksheet`: what reading the ledger back needs and the sheet itself does not show — the
/// format, the as-of date, the kind, the master's identity, the part a split workbook is, and the deadlines as the
/// source table wrote them where the ledger shows a date.
///
/// Two columns of text (name, value), then one `deadline` row per such measure (key, original text). Everything
/// in it is also optional on reading: Excel, WPS and LibreOffice keep a hidden sheet, but a user may delete it.
struct LedgerMetaSheet {
    /// The sheet's name.
    static let name = "_tracksheet"
    /// The first row's value that marks the sheet as ours.
    static let format = "tracksheet-ledger"
    /// The format version this writer writes.
    static let version = 1

    let result: Reconciliation
    let layout: LedgerLayout
    let labels: LedgerLabels
    let part: LedgerPart?
    let master: String

    /// Builds the sheet's rows into `sink` (on the second writing thread); the workbook's thread hides the sheet.
    ///
    /// - Throws: `XLSXWriteError` for a cell Excel cannot hold, or what writing a batch into the sheet throws.
    func write(into sink: inout LedgerRowSink) throws {
        let rows: [[String]] = [
            ["format", LedgerMetaSheet.format],
            ["version", String(LedgerMetaSheet.version)],
            ["as-of", result.asOf.dateOnly.isoDate],
            ["kind", result.kind?.rawValue ?? ""],
            ["feedback-date", result.configuration.feedbackDate?.dateOnly.isoDate ?? ""],
            ["plan-date", result.configuration.planDate?.dateOnly.isoDate ?? ""],
            ["master", master],
            ["language", labels.language == .chinese ? "zh" : "en"],
        ] + (part.map { [["part", $0.key.rawValue], ["part-name", $0.name]] } ?? [])
        for (index, row) in rows.enumerated() {
            for (column, text) in row.enumerated() {
                try sink.rows.write(text, row: index, column: column, style: nil)
            }
        }
        var index = rows.count
        for (row, deadline) in zip(layout.rows, layout.rowDeadlines) {
            guard let measure = row.measure, let deadline else { continue }
            if case .text(let text) = deadline, text == measure.deadline.text {
                continue
            }
            try sink.rows.write("deadline", row: index, column: 0, style: nil)
            try sink.rows.write(measure.key.rawValue, row: index, column: 1, style: nil)
            try sink.rows.write(measure.deadline.text, row: index, column: 2, style: nil)
            index += 1
            try sink.endRow()
        }
    }

    /// The metadata and original deadlines a meta sheet records, or nil when the table is not one.
    static func read(_ table: Table) -> (metadata: LedgerSnapshot.Metadata, deadlines: [Measure.Key: String], language: Language?)? {
        var values: [String: String] = [:]
        var deadlines: [Measure.Key: String] = [:]
        for row in table.rows {
            let texts = row.cells.map(\.text)
            guard let name = texts.first else { continue }
            if name == "deadline", texts.count >= 3 {
                deadlines[Measure.Key(texts[1])] = texts[2]
            } else if texts.count >= 2, values[name] == nil {
                values[name] = texts[1]
            }
        }
        guard values["format"] == format else { return nil }
        var metadata = LedgerSnapshot.Metadata(formatVersion: values["version"].flatMap { Int($0) } ?? 1)
        if let text = values["as-of"], case .date(let date, _) = TypeInference().infer(text, as: .date) {
            metadata.asOf = date
        }
        metadata.kind = values["kind"].flatMap { RectificationKind(rawValue: $0) }
        for (name, path) in [("feedback-date", \LedgerSnapshot.Metadata.feedbackDate), ("plan-date", \.planDate)] {
            if let text = values[name], case .date(let date, _) = TypeInference().infer(text, as: .date) {
                metadata[keyPath: path] = date
            }
        }
        metadata.master = values["master"].flatMap { $0.isEmpty ? nil : $0 }
        if let grouping = values["part"].flatMap(Reconciliation.Grouping.init(rawValue:)), let name = values["part-name"] {
            metadata.part = LedgerSnapshot.Part(grouping: grouping, name: name)
        }
        let language: Language? = switch values["language"] {
        case "zh": .chinese
        case "en": .english
        default: nil
        }
        return (metadata, deadlines, language)
    }
}
