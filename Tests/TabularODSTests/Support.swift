import Foundation
import TabularCore
import TestSupport
import ZIPFoundation

/// The absolute path of a committed fixture (made by Tests/Fixtures/ods/make_fixtures.py).
func fixture(_ name: String) -> String {
    packagePath("Tests/Fixtures/ods/\(name)")
}

/// Writes an .ods package holding `mimetype` and a `content.xml` whose body is `tables` (the `office:spreadsheet`
/// children), with `styles` as automatic styles; returns its path inside `directory`.
func writeODS(_ tables: String, styles: String = "", mimetype: String = "application/vnd.oasis.opendocument.spreadsheet",
              in directory: TemporaryDirectory, name: String = "book.ods") throws -> String {
    let content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.3">\
        <office:automatic-styles>\(styles)</office:automatic-styles>\
        <office:body><office:spreadsheet>\(tables)</office:spreadsheet></office:body></office:document-content>
        """
    return try writePackage(["mimetype": Array(mimetype.utf8), "content.xml": Array(content.utf8)], in: directory, name: name)
}

/// Writes a ZIP package of `entries` (the `mimetype` first and stored, as ODF requires; the rest deflated).
func writePackage(_ entries: [String: [UInt8]], in directory: TemporaryDirectory, name: String) throws -> String {
    let path = directory.file(name)
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    let names = entries.keys.sorted { ($0 == "mimetype" ? 0 : 1, $0) < ($1 == "mimetype" ? 0 : 1, $1) }
    for name in names {
        let data = Data(entries[name]!)
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: name == "mimetype" ? .none : .deflate) { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }
    }
    return path
}

/// A cell in the canonical form the tests compare: "" (empty), "n:1.5", "s:text", "b:true",
/// "d:YYYY-MM-DDTHH:MM:SS(.fff)", "t:seconds" (time of day), "e:seconds" (elapsed), "err:#N/A".
func canonical(_ value: CellValue) -> String {
    switch value {
    case .empty: return ""
    case .text(let text): return text.isEmpty ? "" : "s:" + text
    case .number(let number): return "n:\(number)"
    case .bool(let flag): return "b:\(flag)"
    case .date(let date):
        let milliseconds = Int((date.second * 1000).rounded())
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day, date.hour,
                          date.minute, milliseconds / 1000)
        return "d:" + (milliseconds % 1000 == 0 ? base : base + String(format: ".%03d", milliseconds % 1000))
    case .time(let seconds, let elapsed): return (elapsed ? "e:" : "t:") + "\(seconds)"
    case .error(let text): return "err:" + text
    }
}

/// A cell of the expected-values JSON (null, or [type, value] as make_fixtures.py writes) in canonical form.
func canonical(json: Any) -> String {
    guard let pair = json as? [Any], pair.count == 2, let type = pair[0] as? String else { return "" }
    switch type {
    case "b": return "b:\((pair[1] as? Bool) ?? false)"
    case "n", "t", "e": return "\(type):\((pair[1] as? NSNumber)?.doubleValue ?? .nan)"
    default: return "\(type):\(pair[1])"
    }
}

/// The expected rows of each sheet of a fixture, canonical, from its `.expected.json`.
func expectedRows(_ name: String) throws -> [String: [[String]]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: fixture(name)))
    let sheets = try JSONSerialization.jsonObject(with: data) as? [String: [[Any]]] ?? [:]
    return sheets.mapValues { rows in rows.map { row in row.map { canonical(json: $0) } } }
}
