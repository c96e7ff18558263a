import Foundation
import Rectification
@testable import Reports
import TabularCore
import TabularCSV
import TabularFiles
import TestSupport
import Testing

/// The hidden `_tracksheet` sheet: the ledgers earlier versions wrote (one `deadline` row per measure) still read as
/// they did, and this version's packed `deadlines` cells record the same.
@Suite("Ledger meta sheet (_tracksheet)")
struct LedgerMetaSheetTests {
    /// The fixture folder: issues.csv and tasks.csv (the sample with deadlines that need their text kept: tabs,
    /// backslashes, CR LF, leading spaces, keys with a tab and a backslash) and ledger.xlsx, which tracksheet b170aef
    /// wrote from them (`SOURCE_DATE_EPOCH=1764460800 tracksheet report issues.csv tasks.csv --as-of 2025-06-30
    /// --plan-date 2025-03-11 -o ledger.xlsx`; see README.md there).
    static let folder = "Tests/Fixtures/ledger-v1"

    /// The deadline rows of a meta sheet as openpyxl reads them, `_x000D_` (OOXML's escape of a carriage return,
    /// which openpyxl leaves as it is) turned back into the character.
    static func deadlinesByOpenpyxl(_ path: String) throws -> [String: String] {
        try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])["_tracksheet"]
            print(json.dumps({r[1]: r[2].replace("_x000D_", "\\r") for r in ws.iter_rows(values_only=True) if r[0] == "deadline"},
                             ensure_ascii=False))
            """, [path]) as? [String: String] ?? [:]
    }

    /// The record `merge` and `diff` read from the ledger at `path`.
    static func record(_ path: String) throws -> LedgerWorkbook.MetaRecord {
        let opened = try TableFile.open(path)
        return try #require(LedgerWorkbook.metaRecord(try opened.sheet(named: LedgerWorkbook.metaSheetName)))
    }

    static func stringKeys(_ deadlines: [Measure.Key: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: deadlines.map { ($0.key.rawValue, $0.value) })
    }

    @Test("a ledger written by tracksheet b170aef (version 1, a row per deadline) reads as openpyxl reads it")
    func versionOneLedgerReads() throws {
        let path = packagePath("\(Self.folder)/ledger.xlsx")
        let record = try Self.record(path)
        let deadlines = Self.stringKeys(record.deadlines)
        let expected = try Self.deadlinesByOpenpyxl(path)
        #expect(expected.count == 34)
        #expect(deadlines == expected)
        // The awkward ones, as tasks.csv has them.
        #expect(deadlines["A\t6"] == "年底前")
        #expect(deadlines["B\\7"] == "第二季度")
        #expect(deadlines["5"] == "2025/9/30\t")
        #expect(deadlines["9"] == "  2025年9月30日")
        #expect(deadlines["14"] == "6月30日前\r\n完成")
        #expect(record.metadata.formatVersion == 1)
        #expect(record.metadata.asOf == day(2025, 6, 30))
        #expect(record.metadata.planDate == day(2025, 3, 11))
        #expect(record.metadata.master == "0e63d0e52ddb1059")
        #expect(record.language == .chinese)
    }

    @Test("this version's ledger of the same tables records the same deadlines and metadata, in packed cells")
    func versionTwoRecordsTheSame() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("ledger.xlsx")
        let issues = try CSVReader.readTable(path: packagePath("\(Self.folder)/issues.csv"))
        let tasks = try CSVReader.readTable(path: packagePath("\(Self.folder)/tasks.csv"))
        let configuration = Reconciliation.Configuration(asOf: day(2025, 6, 30), planDate: day(2025, 3, 11))
        let result = try Reconciliation(issues: issues, tasks: tasks, configuration: configuration)
        try LedgerWorkbook.write(result, to: path, options: LedgerOptions())

        let old = try Self.record(packagePath("\(Self.folder)/ledger.xlsx"))
        let new = try Self.record(path)
        #expect(Self.stringKeys(new.deadlines) == Self.stringKeys(old.deadlines))
        #expect(new.metadata.formatVersion == 2)
        #expect(new.metadata.asOf == old.metadata.asOf)
        #expect(new.metadata.planDate == old.metadata.planDate)
        #expect(new.metadata.master == old.metadata.master)
        #expect(new.language == old.language)

        // What the cells hold, as openpyxl reads them: no `deadline` row, one `deadlines` cell listing every entry
        // as key, tab, text, line feed, with the four escapes.
        let rows = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])["_tracksheet"]
            print(json.dumps([list(r) for r in ws.iter_rows(values_only=True) if r[0] in ("deadline", "deadlines")],
                             ensure_ascii=False))
            """, [path]) as? [[Any]] ?? []
        #expect(rows.count == 1)
        let cell = try #require(rows.first?[1] as? String)
        #expect(cell.hasPrefix("1\t2025年5月底前\n2\t3月31日前\n3\t2025.6.30\n5\t2025/9/30\\t\nA\\t6\t年底前\nB\\\\7\t第二季度\n"))
        #expect(cell.contains("\n14\t6月30日前\\r\\n完成\n"))
        #expect(cell.contains("\n9\t  2025年9月30日\n"))
        #expect(cell.split(separator: "\n").count == 34)
    }

    @Test("an entry too long to share a cell is written as a row of its own, and read back")
    func longEntryHasItsOwnRow() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("ledger.xlsx")
        let longKey = String(repeating: "K", count: LedgerMetaSheet.packedBytes)
        let result = try ledgerSample(extraRows: syntheticTaskRows + [
            [longKey, "(一)聚焦党中央决策部署在基层落实情况方面", "1.学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神不深入", "(1)",
             "学习不全面", "测试：很长的编号。", "王某某", "办公室", "杨某某", "2025年9月底前", "正在推进"],
        ])
        try LedgerWorkbook.write(result, to: path, options: ledgerOptions())
        let record = try Self.record(path)
        #expect(record.deadlines[Measure.Key(longKey)] == "2025年9月底前")
        let rows = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])["_tracksheet"]
            print(json.dumps([[r[0], len(r[1]), r[2]] for r in ws.iter_rows(values_only=True) if r[0] in ("deadline", "deadlines")],
                             ensure_ascii=False))
            """, [path]) as? [[Any]] ?? []
        #expect(rows.count == 3, "the entries before, the long one, the ones after: \(rows)")
        #expect(rows.map { $0[0] as? String } == ["deadlines", "deadline", "deadlines"])
        #expect(rows[1][1] as? Int == LedgerMetaSheet.packedBytes)
        #expect(rows[1][2] as? String == "2025年9月底前")
    }

    @Test("a packed cell's entries and escapes", arguments: [
        ("1\tx\n", ["1": "x"]),
        ("1\tx\n2\ty\n", ["1": "x", "2": "y"]),
        ("a\\tb\tc\\\\d\n", ["a\tb": "c\\d"]),
        ("k\tline\\nnext\\r\n", ["k": "line\nnext\r"]),
        ("k\tv\r\n", ["k": "v"]),
        ("k\tv\\r\r\n", ["k": "v\r"]),
        ("k\tv\tw\n", ["k": "v\tw"]),
        ("k\t\n", ["k": ""]),
        ("no tab\nk\tv\n", ["k": "v"]),
        ("k\tv", [:]),
        ("", [:]),
        // Lines read in place and lines read byte by byte, mixed, in both orders.
        ("a\\tb\tc\nk\tv\n", ["a\tb": "c", "k": "v"]),
        ("k\tv\na\\tb\tc\nm\tw\n", ["k": "v", "a\tb": "c", "m": "w"]),
        // A backslash before a raw line feed keeps the line going: the line feed is the text's.
        ("k\tv\\\nw\nm\tx\n", ["k": "v\nw", "m": "x"]),
        ("k\tv\rw\n", ["k": "v\rw"]),
        ("k\r\tv\n", ["k\r": "v"]),
        ("k\t\r\n", ["k": ""]),
        ("k\t1\nk\t2\n", ["k": "2"]),
        ("no tab\r\nk\tv\r\n", ["k": "v"]),
        ("措施1\t2025年6月底前\n", ["措施1": "2025年6月底前"]),
        ("k\tv\na\\tb", ["k": "v"]),
    ] as [(String, [String: String])])
    func packedCell(cell: String, expected: [String: String]) {
        var deadlines: [Measure.Key: String] = [:]
        LedgerMetaSheet.readPacked(cell, into: &deadlines)
        #expect(Self.stringKeys(deadlines) == expected)
    }

    @Test("escaping and reading back are inverse for the awkward characters", arguments: [
        "plain", "tab\there", "line\nfeed", "carriage\rreturn", "back\\slash", "\\t literally", "\\\\\t\n\r", "末尾\\",
    ])
    func escapeRoundTrip(text: String) {
        var bytes: [UInt8] = []
        LedgerMetaSheet.appendEscaped(text, to: &bytes)
        #expect(!bytes.contains(UInt8(ascii: "\t")) && !bytes.contains(UInt8(ascii: "\n")) && !bytes.contains(UInt8(ascii: "\r")))
        var deadlines: [Measure.Key: String] = [:]
        LedgerMetaSheet.readPacked("key\t" + String(decoding: bytes, as: UTF8.self) + "\n", into: &deadlines)
        #expect(deadlines[Measure.Key("key")] == text)
    }
}
