@testable import Conversion
import Foundation
import TabularCore
import TestSupport
import Testing

@Suite("Conversion internals")
struct ConversionTests {
    @Test("number formats keep the input's look", arguments: [
        (NumberStyle(kind: .integer), nil as String?),
        (NumberStyle(kind: .integer, groupsThousands: true), "#,##0"),
        (NumberStyle(kind: .decimal, fractionDigits: 2), "0.00"),
        (NumberStyle(kind: .decimal, groupsThousands: true, fractionDigits: 1), "#,##0.0"),
        (NumberStyle(kind: .percent), "0%"),
        (NumberStyle(kind: .percent, fractionDigits: 1), "0.0%"),
        (NumberStyle(kind: .scientific, fractionDigits: 2), "0.00E+00"),
    ])
    func numberFormats(style: NumberStyle, format: String?) {
        #expect(CellTyper.numberFormat(style) == format)
    }

    @Test("past the row limit the table continues on 'name (2)' with the header repeated")
    func continuationSheets() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("rows.csv", text: "n\n" + (1...5).map(String.init).joined(separator: "\n") + "\n")
        var options = CSVToWorkbook.Options()
        options.rowsPerSheet = 3
        let warnings = WarningLog()
        let summary = try CSVToWorkbook(options: options) { warnings.append($0.description) }
            .convert(inputs: [input], output: folder.file("rows.xlsx"))
        #expect(summary.sheets.first?.sheetNames == ["rows", "rows (2)", "rows (3)"])
        #expect(summary.sheets.first?.rows == 5)
        #expect(warnings.lines.count == 2)
        let values = try #require(try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({ws.title: [r[0].value for r in ws.iter_rows()] for ws in wb.worksheets}))
            """, [folder.file("rows.xlsx")]) as? [String: [Any]])
        #expect(values["rows"]?.map { "\($0)" } == ["n", "1", "2"])
        #expect(values["rows (2)"]?.map { "\($0)" } == ["n", "3", "4"])
        #expect(values["rows (3)"]?.map { "\($0)" } == ["n", "5"])
    }

    @Test("title rows stay on the first sheet; a continuation sheet starts with the header, frozen and filtered there")
    func titlesAndContinuation() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("rows.csv", text: "名单\n\nn,m\n" + (1...3).map { "\($0),x" }.joined(separator: "\n") + "\n")
        var options = CSVToWorkbook.Options()
        options.rowsPerSheet = 4
        let warnings = WarningLog()
        let summary = try CSVToWorkbook(options: options) { warnings.append($0.description) }
            .convert(inputs: [input], output: folder.file("rows.xlsx"))
        #expect(summary.sheets.first?.sheetNames == ["rows", "rows (2)"])
        #expect(summary.sheets.first?.rows == 3)
        #expect(warnings.lines.count == 2)  // the titles, and the continuation
        #expect(warnings.lines.first == "\(input): rows 1–2 read as a title above the header in row 3; pass --header-row N to choose")
        let values = try #require(try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({ws.title: {'a': ['' if r[0].value is None else str(r[0].value) for r in ws.iter_rows()],
                                         'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref} for ws in wb.worksheets}))
            """, [folder.file("rows.xlsx")]) as? [String: [String: Any]])
        #expect(values["rows"]?["a"] as? [String] == ["名单", "", "n", "1"])
        #expect(values["rows"]?["freeze"] as? String == "A4")
        #expect(values["rows"]?["filter"] as? String == "A3:B4")
        #expect(values["rows (2)"]?["a"] as? [String] == ["n", "2", "3"])
        #expect(values["rows (2)"]?["freeze"] as? String == "A2")
        #expect(values["rows (2)"]?["filter"] as? String == "A1:B3")
    }

    @Test("text over Excel's limit is cut at a character boundary")
    func truncation() {
        let text = String(repeating: "😀", count: 20_000)
        let cut = CellTyper.truncated(text)
        #expect(cut.utf16.count == 32_766)
        #expect(cut.unicodeScalars.allSatisfy { $0 == "😀" })
    }
}

/// Collects warnings from a converter, thread-safely.
final class WarningLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
