import Foundation
import TestSupport
import Testing

/// `merge` reads the master's meta sheet first and the master's ledger sheet beside the returns; what it reports
/// is what reading the master and then each return one after another reports: the master's failure first, then the
/// returns' in the order given, and a master without its meta sheet merged as one with it.
@Suite("merge: the master read beside the returns, failures reported in order")
struct MergeOrderTests {
    let tasks = packagePath("Samples/rectification/tasks.csv")

    struct Failure: Sendable, CustomStringConvertible {
        var name: String
        /// The arguments after `merge`; `@` stands for the folder with the ledger (台账.xlsx) and its parts.
        var arguments: [String]
        var status: Int32
        /// The one line on stderr starts with this (after `@` is replaced).
        var stderrPrefix: String
        var description: String { name }
    }

    static let failures: [Failure] = [
        Failure(name: "missing master, missing return: the master's error", arguments: ["@/none.xlsx", "@/gone.xlsx"],
                status: 3, stderrPrefix: "tracksheet: error: @/none.xlsx: "),
        Failure(name: "missing master and a bad --as-of: the master's error, as before",
                arguments: ["@/none.xlsx", "@/gone.xlsx", "--as-of", "notadate"],
                status: 3, stderrPrefix: "tracksheet: error: @/none.xlsx: "),
        Failure(name: "a CSV master is no ledger, whatever the returns are", arguments: ["@/tasks.csv", "@/gone.xlsx"],
                status: 3, stderrPrefix: "tracksheet: error: @/tasks.csv is not a ledger written by tracksheet"),
        Failure(name: "a master without keys is no ledger", arguments: ["@/no-keys.xlsx", "@/gone.xlsx"],
                status: 3, stderrPrefix: "tracksheet: error: @/no-keys.xlsx is not a ledger written by tracksheet"),
        Failure(name: "a good master and a bad --as-of: the date's error", arguments: ["@/台账.xlsx", "@/gone.xlsx", "--as-of", "notadate"],
                status: 2, stderrPrefix: "tracksheet: error: --as-of “notadate” is not a date"),
        Failure(name: "a good master: the first unreadable return's error", arguments: ["@/台账.xlsx", "@/parts/办公室.xlsx", "@/gone.xlsx", "@/none.xlsx"],
                status: 3, stderrPrefix: "tracksheet: error: @/gone.xlsx: "),
    ]

    @Test("failures in order", arguments: failures)
    func failure(_ row: Failure) throws {
        let folder = try TemporaryDirectory()
        _ = try handOutSampleLedger(into: folder)
        try FileManager.default.copyItem(atPath: tasks, toPath: folder.file("tasks.csv"))
        _ = try runPython("""
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
            ws.delete_cols([c.column for c in ws[3] if c.value == "编号"][0]); wb.save(sys.argv[2])
            """, [folder.file("台账.xlsx"), folder.file("no-keys.xlsx")])
        let base = folder.path
        let arguments = ["merge"] + row.arguments.map { $0.replacingOccurrences(of: "@", with: base) } + ["--dry-run", "--lang", "en"]
        let result = try runTracksheet(arguments)
        #expect(result.status == row.status, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let prefix = row.stderrPrefix.replacingOccurrences(of: "@", with: base)
        #expect(result.stderr.hasPrefix(prefix), "\(result.stderr)")
        let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("tracksheet: error:") }
        #expect(errorLines.count == 1, "\(result.stderr)")
    }

    /// The master's meta sheet lost: its date given with --as-of, a unit's return (split from it before) is merged
    /// by key as with the meta sheet: measure 3 set to 正在推进 with a typed progress text (by hand) is the change.
    @Test("a master without its meta sheet merges as one with it")
    func masterWithoutMetaSheet() throws {
        let folder = try TemporaryDirectory()
        let ledger = try handOutSampleLedger(into: folder)
        let noMeta = folder.file("no-meta.xlsx")
        let office = folder.file("parts/办公室.xlsx")
        _ = try runPython("""
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1]); del wb["_tracksheet"]; wb.save(sys.argv[2])
            wb = openpyxl.load_workbook(sys.argv[3]); ws = wb.worksheets[0]
            row = [r for r in range(4, ws.max_row + 1) if str(ws.cell(r, 16).value) == "3"][0]
            ws.cell(row, 11).value = "正在推进"; ws.cell(row, 10).value = "正在推进，制度初稿已完成"; wb.save(sys.argv[3])
            """, [ledger, noMeta, office])
        for master in [ledger, noMeta] {
            let result = try runTracksheet(["merge", master, office, "--as-of", "2025-06-30", "--dry-run", "--format", "json"])
            if master == ledger {
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stderr.isEmpty)
            } else {
                // Without the meta sheet the master's own findings are checked anew (its numbering: exit 1); its
                // 立行立改 deadlines have no plan date, but the return's words are the same, so they are no change
                // request; nothing is stale.
                #expect(result.status == 1, "\(result.stderr)")
                #expect(!result.stderr.contains("[stale-return]") && !result.stderr.contains("[unknown-key]"))
                #expect(!result.stderr.contains("[change-request]"), "\(result.stderr)")
            }
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
            let listed = (json["changes"] as? [[String: Any]] ?? []).map { "\($0["key"]!) \($0["field"]!) \($0["new"]!)" }
            #expect(listed == ["3 status in-progress", "3 progress-text 正在推进，制度初稿已完成"], "\(master)")
        }
    }
}
