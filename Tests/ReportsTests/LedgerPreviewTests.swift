import Foundation
import Rectification
import Reports
import Testing

/// Writes the sample ledger to `$TRACKSHEET_LEDGER_PREVIEW` for `scripts/preview.sh` (skipped when unset), in English
/// when `$TRACKSHEET_LEDGER_LANGUAGE` is `en`.
@Suite("Ledger preview")
struct LedgerPreviewTests {
    static let path = ProcessInfo.processInfo.environment["TRACKSHEET_LEDGER_PREVIEW"]

    @Test("writes the sample ledger for the preview", .enabled(if: path != nil))
    func writePreview() throws {
        let path = try #require(LedgerPreviewTests.path)
        let language = ProcessInfo.processInfo.environment["TRACKSHEET_LEDGER_LANGUAGE"].flatMap(Language.init) ?? .chinese
        try LedgerWorkbook.write(try ledgerSample(), to: path, options: ledgerOptions(language: language))
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
