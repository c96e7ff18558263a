public import Rectification
public import TabularCore

extension LedgerWorkbook {
    /// How to read back a ledger this module wrote: the roles of its columns, the status drop-down's choices, and
    /// (from the hidden `_tracksheet` sheet, when it survived) where it came from and the original deadline texts.
    ///
    /// A table is taken for a ledger when its meta sheet says so, or, without one, when a row near the top has the
    /// ledger's own headers in one language (序号, 整改措施, 整改进度, 状态 and the 编号 key column, or their English
    /// words). A ledger whose key column was deleted is still recognized by the others; `Reconciliation` then
    /// reports `ledger-keys-missing` instead of relating its rows to a master by new numbers.
    ///
    /// - Parameters:
    ///   - ledger: the ledger sheet (整改台账), as read.
    ///   - meta: the `_tracksheet` sheet, nil when the workbook has none.
    /// - Returns: the snapshot for `Reconciliation.Configuration.ledger`, or nil when the table is not a ledger.
    public static func snapshot(ledger: Table, meta: Table?) -> LedgerSnapshot? {
        snapshot(ledger: ledger, record: metaRecord(meta))
    }

    /// What a ledger's meta sheet records, read from it once: where the ledger came from, the original deadline
    /// texts and its language. Keeping it instead of the sheet lets a caller drop the sheet's table early.
    public struct MetaRecord: Sendable {
        /// Where the ledger came from (what `LedgerSnapshot.metadata` holds).
        public let metadata: LedgerSnapshot.Metadata
        let deadlines: [Measure.Key: String]
        let language: Language?
    }

    /// The record of a meta sheet; nil without a meta sheet or for one that is not tracksheet's.
    public static func metaRecord(_ meta: Table?) -> MetaRecord? {
        meta.flatMap(LedgerMetaSheet.read).map { MetaRecord(metadata: $0.metadata, deadlines: $0.deadlines, language: $0.language) }
    }

    /// `snapshot(ledger:meta:)` with the meta sheet's record read already (nil: the workbook has no meta sheet, or
    /// one that is not tracksheet's).
    public static func snapshot(ledger: Table, record recorded: MetaRecord?) -> LedgerSnapshot? {
        let headerRows = ledger.rows.prefix(8).map { row in Set(row.cells.map { TextNormalization.headerKey($0.text) }) }
        let languages: [Language] = recorded?.language.map { [$0] } ?? [.chinese, .english]
        for language in languages {
            let labels = LedgerLabels(language)
            let roles = LedgerWorkbook.roles(labels)
            let required = [labels.number, labels.measure, labels.progressText, labels.status].map(TextNormalization.headerKey)
            guard let header = headerRows.first(where: { row in required.allSatisfy(row.contains) }) else { continue }
            let columns = roles.filter { header.contains(TextNormalization.headerKey($0.key)) }
            var choices: [String: Progress] = [:]
            for other in [Language.chinese, .english] {
                for progress in Progress.allCases where progress != .unrecognized {
                    choices[LedgerLabels(other).status(progress)] = progress
                }
            }
            return LedgerSnapshot(
                columns: columns, statusChoices: choices, metadata: recorded?.metadata,
                originalDeadlines: recorded?.deadlines ?? [:])
        }
        return nil
    }

    /// The name of the hidden sheet a ledger records itself in.
    public static var metaSheetName: String { LedgerMetaSheet.name }

    /// Every column the ledger may have, by header, with its role.
    static func roles(_ labels: LedgerLabels) -> [String: LedgerSnapshot.Role] {
        var roles: [String: LedgerSnapshot.Role] = [labels.number: .number, labels.status: .statusChoice, labels.key: .key]
        for field in [Field.aspect, .problem, .issueText, .measure, .leader, .unit, .owner, .deadline, .status, .note,
                      .dateDone, .evidence, .closure, .supportingUnits, .target] {
            if let header = labels.fieldHeader(field) { roles[header] = .field(field) }
        }
        return roles
    }
}
