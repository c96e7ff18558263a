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
        let summary = try CSVToWorkbook(options: options) { warnings.append($0) }
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
