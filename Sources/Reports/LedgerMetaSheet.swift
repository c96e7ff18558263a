import Rectification
import TabularCore
import XLSXWriter

/// The hidden sheet `_tracksheet`: what reading the ledger back needs and the sheet itself does not show — the
/// format, the as-of date, the kind, the master's identity, the part a split workbook is, and the deadlines as the
/// source table wrote them where the ledger shows a date.
///
/// Two columns of text (name, value), then the original deadlines. Version 1 (tracksheet before round 7 of issue
/// #15) wrote one `deadline` row per such measure (key, original text: three cells, about 170 bytes of XML a measure);
/// version 2 packs them into `deadlines` rows whose second cell lists up to `packedBytes` bytes of entries, each
/// `key<TAB>text` and ended by a line feed, with `\`, tab, line feed and carriage return inside a key or a text written
/// as `\\`, `\t`, `\n` and `\r` (about 25 bytes a measure). An entry too long to share a cell is still written as a
/// `deadline` row, and both forms are read. Everything in the sheet is optional on reading: Excel, WPS and
/// LibreOffice keep a hidden sheet, but a user may delete it.
struct LedgerMetaSheet {
    /// The sheet's name.
    static let name = "_tracksheet"
    /// The first row's value that marks the sheet as ours.
    static let format = "tracksheet-ledger"
    /// The format version this writer writes.
    static let version = 2
    /// The most UTF-8 bytes of entries one `deadlines` cell holds: a character takes at least one byte, so a cell
    /// stays well under Excel's 32,767 characters (the XML's own escapes are undone by every reader).
    static let packedBytes = 16_000

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
        var packed: [UInt8] = []
        packed.reserveCapacity(LedgerMetaSheet.packedBytes)
        var entry: [UInt8] = []
        func flush(_ sink: inout LedgerRowSink) throws {
            guard !packed.isEmpty else { return }
            try sink.rows.write("deadlines", row: index, column: 0, style: nil)
            try sink.rows.write(String(decoding: packed, as: UTF8.self), row: index, column: 1, style: nil)
            index += 1
            packed.removeAll(keepingCapacity: true)
            try sink.endRow()
        }
        for (row, deadline) in zip(layout.rows, layout.rowDeadlines) {
            guard let measure = row.measure, let deadline else { continue }
            if case .text(let text) = deadline, text == measure.deadline.text {
                continue
            }
            entry.removeAll(keepingCapacity: true)
            LedgerMetaSheet.appendEscaped(measure.key.rawValue, to: &entry)
            entry.append(LedgerMetaSheet.tab)
            LedgerMetaSheet.appendEscaped(measure.deadline.text, to: &entry)
            entry.append(LedgerMetaSheet.lineFeed)
            if packed.count + entry.count > LedgerMetaSheet.packedBytes { try flush(&sink) }
            if entry.count > LedgerMetaSheet.packedBytes {
                try sink.rows.write("deadline", row: index, column: 0, style: nil)
                try sink.rows.write(measure.key.rawValue, row: index, column: 1, style: nil)
                try sink.rows.write(measure.deadline.text, row: index, column: 2, style: nil)
                index += 1
                try sink.endRow()
            } else {
                packed.append(contentsOf: entry)
            }
        }
        try flush(&sink)
    }

    private static let tab = UInt8(ascii: "\t")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let backslash = UInt8(ascii: "\\")

    /// Appends `text`'s UTF-8 bytes with `\`, tab, line feed and carriage return written as two-byte escapes.
    static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case backslash: bytes.append(backslash); bytes.append(backslash)
                case tab: bytes.append(backslash); bytes.append(UInt8(ascii: "t"))
                case lineFeed: bytes.append(backslash); bytes.append(UInt8(ascii: "n"))
                case carriageReturn: bytes.append(backslash); bytes.append(UInt8(ascii: "r"))
                default: bytes.append(byte)
                }
            }
        }
    }

    /// Reads the entries of one `deadlines` cell into `deadlines`: each line `key<TAB>text` with its escapes undone. A
    /// line without a tab is not an entry and is skipped (a reader that ends lines with CR LF is tolerated).
    ///
    /// A line without a backslash (nearly every one) is cut at its first tab and its line feed, its texts made from
    /// the cell's bytes in place; a line with one is read byte by byte (`readEscapedLine`).
    static func readPacked(_ cell: String, into deadlines: inout [Measure.Key: String]) {
        var cell = cell
        cell.withUTF8 { utf8 in
            let count = utf8.count
            var start = 0
            while start < count {
                // The line's first tab and its end, unless an escape comes first.
                var index = start
                var tabAt = -1
                var escaped = false
                while index < count {
                    let byte = utf8[index]
                    if byte == lineFeed { break }
                    if byte == backslash {
                        escaped = true
                        break
                    }
                    if byte == tab && tabAt < 0 { tabAt = index }
                    index += 1
                }
                if escaped {
                    start = readEscapedLine(utf8, from: start, into: &deadlines)
                    continue
                }
                // A last line without its line feed is not an entry.
                guard index < count else { return }
                if tabAt >= 0 {
                    var end = index
                    // A carriage return before the line feed ends the line with it (CR LF).
                    if end > tabAt + 1, utf8[end - 1] == carriageReturn { end -= 1 }
                    let key = String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<tabAt]), as: UTF8.self)
                    deadlines[Measure.Key(key)] = String(
                        decoding: UnsafeBufferPointer(rebasing: utf8[(tabAt + 1)..<end]), as: UTF8.self)
                }
                start = index + 1
            }
        }
    }

    /// Reads one line of a `deadlines` cell from `start` byte by byte, its escapes undone, into `deadlines` (when it
    /// has a tab); returns where the next line starts (after the first line feed not escaped), or the cell's end.
    private static func readEscapedLine(
        _ utf8: UnsafeBufferPointer<UInt8>, from start: Int, into deadlines: inout [Measure.Key: String]
    ) -> Int {
        var key: String?
        var field: [UInt8] = []
        var escaped = false
        var endsInRawReturn = false
        var index = start
        while index < utf8.count {
            let byte = utf8[index]
            index += 1
            let rawReturn = endsInRawReturn
            endsInRawReturn = false
            if escaped {
                escaped = false
                switch byte {
                case UInt8(ascii: "t"): field.append(tab)
                case UInt8(ascii: "n"): field.append(lineFeed)
                case UInt8(ascii: "r"): field.append(carriageReturn)
                default: field.append(byte)
                }
                continue
            }
            switch byte {
            case backslash:
                escaped = true
            case tab where key == nil:
                key = String(decoding: field, as: UTF8.self)
                field.removeAll(keepingCapacity: true)
            case lineFeed:
                if rawReturn { field.removeLast() }
                if let key { deadlines[Measure.Key(key)] = String(decoding: field, as: UTF8.self) }
                return index
            default:
                field.append(byte)
                endsInRawReturn = byte == carriageReturn
            }
        }
        return index
    }

    /// The metadata and original deadlines a meta sheet records, or nil when the table is not one.
    static func read(_ table: Table) -> (metadata: LedgerSnapshot.Metadata, deadlines: [Measure.Key: String], language: Language?)? {
        var values: [String: String] = [:]
        var deadlines: [Measure.Key: String] = [:]
        // The dictionary is made large enough for every entry once (a version-1 sheet has a row a deadline, a
        // version-2 one a line of a `deadlines` cell each), not grown again and again while a province's are read.
        var entries = 0
        for row in table.rows {
            let cells = row.cells
            if cells.count >= 2, cells[0].text == "deadlines" {
                var text = cells[1].text
                text.withUTF8 { utf8 in for byte in utf8 where byte == lineFeed { entries += 1 } }
            } else {
                entries += 1
            }
        }
        deadlines.reserveCapacity(entries)
        for row in table.rows {
            // The cells' texts are read where they are used, not mapped into an array for each row.
            let cells = row.cells
            guard let name = cells.first?.text else { continue }
            if name == "deadline", cells.count >= 3 {
                deadlines[Measure.Key(cells[1].text)] = cells[2].text
            } else if name == "deadlines", cells.count >= 2 {
                readPacked(cells[1].text, into: &deadlines)
            } else if cells.count >= 2, values[name] == nil {
                values[name] = cells[1].text
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
