import Foundation
import Reports
import Testing

/// Writes the sample ledger to `$TRACKSHEET_LEDGER_PREVIEW` for `scripts/preview.sh` (skipped when unset).
@Suite("Ledger preview")
struct LedgerPreviewTests {
    static let path = ProcessInfo.processInfo.environment["TRACKSHEET_LEDGER_PREVIEW"]

    @Test("writes the sample ledger for the preview", .enabled(if: path != nil))
    func writePreview() throws {
        let path = try #require(LedgerPreviewTests.path)
        try LedgerWorkbook.write(try ledgerSample(), to: path, options: ledgerOptions())
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
