import ArgumentParser
import Dispatch
import Foundation
import OutputSupport
import Rectification
import Reports
import Synchronization
import TabularCore
import TabularFiles

/// `tracksheet merge`: the units' returned workbooks merged into the master ledger by stable key.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",  // named, not derived from the type at every start (String(describing:) costs ms)
        abstract: "Merge the workbooks units send back into the master ledger (整改台账), by each measure's key.",
        discussion: """
            MASTER is a ledger written by tracksheet (report or an earlier merge); each RETURN is a workbook handed \
            out with report --split-by unit (or leader), or a copy of the whole ledger, filled in and saved in Excel, \
            WPS or LibreOffice. Rows are related by the hidden 编号 key column, never by position.

            A unit may change the progress of its own measures: 状态 (the drop-down, which wins over the 整改进度 \
            text), 整改进度, 完成日期, 佐证材料, 备注 and 销号状态. Nothing else is applied; each of these is a \
            finding on stderr: an edit of another unit's measure (foreign-edit), two returns disagreeing on one field \
            (conflicting-returns, neither applied), a changed measure, leader, unit, person or deadline \
            (change-request), a row added (measure-added) or missing (measure-deleted), a key the master lacks \
            (unknown-key), a return split from another master or as-of date (stale-return), a workbook without keys \
            (ledger-keys-missing).

            The new master is written to -o (atomically; the inputs are never modified) with a 变更记录 sheet listing \
            each change: key, unit, field, old value, new value and the return. The same list goes to standard \
            output as text or JSON. --dry-run prints it and writes nothing.

            Examples:
              tracksheet report issues.csv tasks.csv --as-of 2025-06-30 -o 台账.xlsx --split-by unit
              tracksheet merge 台账.xlsx 台账-by-unit/*.xlsx -o 台账-0707.xlsx
              tracksheet merge 台账.xlsx 办公室.xlsx --dry-run --format json

            Exit status: 0 merged, 1 merged but a conflict or an error finding remains, 2 usage, 3 an input \
            cannot be read or the master is not a tracksheet ledger, 5 the workbook cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("The master ledger, then the returned workbooks.", valueName: "MASTER RETURN"))
    var files: [String]

    @Option(name: .shortAndLong, help: "The new master workbook to write (.xlsx); not one of the inputs.")
    var output: String?

    @Flag(help: "Print what would change and write nothing.")
    var dryRun = false

    @Option(help: "Output format of the change list: text or json.")
    var format: MergeFormat = .text

    @Option(help: ArgumentHelp("The date the new master judges progress on (default: the master's own as-of date).", valueName: "DATE"))
    var asOf: String?

    @Option(help: "The unit that keeps the ledger (填报单位) in the new master.")
    var unit: String?

    @Option(help: "The language of messages and of the new master: zh or en (default: from the locale).")
    var lang: LanguageOption = .fromEnvironment

    enum MergeFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        guard files.count >= 2 else { throw ValidationError("give the master ledger and at least one returned workbook") }
        if !dryRun {
            guard let output else { throw ValidationError("-o is needed (or --dry-run)") }
            guard output.lowercased().hasSuffix(".xlsx") else { throw ValidationError("-o needs a name ending in .xlsx") }
        }
    }

    func run() throws {
        Diagnostics.language = lang.language
        if let output { try OutputPath.checkNotAnInput(output, inputs: files) }
        let language = lang.language
        let masterPath = files[0]
        let returnPaths = Array(files.dropFirst())
        var results = try reconcileSideBySide(masterPath: masterPath, returnPaths: returnPaths, language: language)
        let returns = zip(returnPaths, results.dropFirst()).map { path, result in
            ReturnedLedger(name: (path as NSString).lastPathComponent, result: result)
        }
        // The master is handed over to the merge, which edits its measures in place (nothing else may hold them).
        let master = results.removeFirst()
        let merge = (consume master).merging(returns)
        // The reconciliations and the merge are left to the end of the process, which comes right after the output:
        // freeing them (a province's are millions of strings and arrays) would only delay it.
        defer { ProcessLifetime.keep((results, returns, merge)) }
        for finding in merge.findings {
            let line = "\(finding.location): \(finding.message(language)) [\(finding.code.rawValue)]"
            if finding.severity == .error { Diagnostics.error(line) } else { Diagnostics.warning(line) }
        }
        if format == .json {
            try OutputText.write(MergeReport.json(merge, language: language), to: nil)
        } else {
            // The text's bytes, written once (each ends with a newline, as `OutputText` wants).
            let bytes = MergeReport.textBytes(merge, language: language)
            try OutputText.write(to: nil) { output in bytes.withUnsafeBytes { output($0) } }
        }
        if !dryRun, let output {
            let options = LedgerOptions(unit: unit, language: language, creationTime: SourceDateEpoch.value)
            try LedgerWorkbook.write(merge, to: output, options: options)
        }
        if merge.hasErrors { throw CommandFailure.findings }
    }

    /// The master's and each return's reconciliation, the master's first. The returns need only what the master's
    /// meta sheet records (its date and kind), so the master's job reads that sheet first and then reads and
    /// reconciles the master's ledger sheet, while each return's job reads its workbook and waits for the master's
    /// record only to reconcile it; failures are reported as reading the master and then the returns one after
    /// another would have (the master's first, then the returns' in the order given). When the meta sheet cannot be
    /// read (not a workbook, unreadable, a bad --as-of), everything is done again in that order instead, so that the
    /// same error is reported.
    func reconcileSideBySide(masterPath: String, returnPaths: [String], language: Language) throws -> [Reconciliation] {
        let today = Today.date
        guard TableFile.looksLikeWorkbook(masterPath) else {
            return try reconcileInOrder(masterPath: masterPath, returnPaths: returnPaths, language: language, today: today)
        }
        let date: LocalDateTime?
        do {
            date = try asOf.map { try DateArgument.parse($0, option: "--as-of") }
        } catch {
            return try reconcileInOrder(masterPath: masterPath, returnPaths: returnPaths, language: language, today: today)
        }
        // The master's meta record (or why it could not be read), set once by the master's job before `recordRead`
        // is left; the meta sheet's table goes as soon as its record is read.
        let record = Mutex<Result<LedgerWorkbook.MetaRecord?, any Error>?>(nil)
        let recordRead = DispatchGroup()
        recordRead.enter()
        // The master is opened once: its ledger sheet is read from the workbook its meta sheet was read from, so
        // that the workbook's index and shared strings are read once.
        let masterJob: @Sendable () throws -> Reconciliation = { [self] in
            let book = Result { try TableFile.openWorkbook(masterPath) }
            let read = book.flatMap { book in Result { LedgerWorkbook.metaRecord(try Merge.metaSheet(of: book)) } }
            record.withLock { $0 = read }
            recordRead.leave()
            let (table, configuration) = try masterConfiguration(
                masterPath: masterPath, meta: .read(try read.get(), try book.get()), language: language, today: today)
            return try Reconciliation(issues: nil, tasks: table, configuration: configuration)
        }
        // The master's job runs on a thread of its own, so a return's job waiting for its record cannot starve it.
        let returnJobs: [@Sendable () throws -> Reconciliation] = returnPaths.map { path in
            {
                let opened = try TableFile.open(path)
                let snapshot = try LedgerInput.snapshot(opened)
                // The table alone, so that its merged areas are filled in place (see `masterConfiguration`).
                var table = (consume opened).table
                recordRead.wait()
                guard case .success(let masterRecord)? = record.withLock({ $0 }) else { throw MetaSheetUnread() }
                var configuration = Merge.configuration(recorded: masterRecord?.metadata, asOf: date, today: today)
                guard let snapshot else { return Merge.emptyReturn(configuration) }
                configuration.readingLedger(snapshot)
                table.fillMergedAreasForReconciliation()
                return try Reconciliation(issues: nil, tasks: table, configuration: configuration)
            }
        }
        let outcomes = SideBySide.run(first: masterJob, alongside: returnJobs)
        guard case .success? = record.withLock({ $0 }) else {
            return try reconcileInOrder(masterPath: masterPath, returnPaths: returnPaths, language: language, today: today)
        }
        return try SideBySide.firstValues(outcomes)
    }

    /// A return's job ends with this when the master's meta sheet could not be read (its outcome is not used: the
    /// master and the returns are read again one after another).
    struct MetaSheetUnread: Error {}

    /// A return that is not a ledger: an empty plan, which `merging` reports as `ledger-keys-missing`.
    static func emptyReturn(_ configuration: Reconciliation.Configuration) -> Reconciliation {
        Reconciliation(configuration: configuration, plan: RectificationPlan(
            aspects: [], problems: [], issues: [], measures: [], taskColumns: []), findings: [])
    }

    /// The meta sheet of an open workbook (nil when it has none).
    static func metaSheet(of book: any WorkbookReader) throws -> Table? {
        guard let sheet = book.sheets.first(where: { $0.name == LedgerWorkbook.metaSheetName }) else { return nil }
        return try book.readTable(sheet: sheet, fillMerged: false)
    }

    /// What `reconcileSideBySide` does when the master's meta sheet cannot be read first: the master read, then its
    /// reconciliation beside the returns' readings and reconciliations.
    func reconcileInOrder(masterPath: String, returnPaths: [String], language: Language, today: LocalDateTime) throws
        -> [Reconciliation]
    {
        let (masterTable, masterConfiguration) = try masterConfiguration(
            masterPath: masterPath, meta: .unread, language: language, today: today)
        let returnConfiguration = Merge.configuration(
            recorded: masterConfiguration.ledger?.metadata, asOf: masterConfiguration.asOf, today: today)
        let jobs: [@Sendable () throws -> Reconciliation] = [
            { try Reconciliation(issues: nil, tasks: masterTable, configuration: masterConfiguration) }
        ] + returnJobs(returnPaths, returnConfiguration)
        return try SideBySide.firstValues(SideBySide.run(jobs))
    }

    /// What is known of the master's meta sheet when its ledger sheet is read.
    enum MasterMeta {
        /// Not read yet: it is read from the opened master.
        case unread
        /// Read already from the master's workbook, open still: its record, nil when the master has no meta sheet
        /// (or one that is not tracksheet's).
        case read(LedgerWorkbook.MetaRecord?, any WorkbookReader)
    }

    /// The configuration the master and every return are reconciled with: `--as-of` (else the date the master's meta
    /// sheet records, else today), and the master's kind and feedback and plan dates as recorded.
    static func configuration(recorded: LedgerSnapshot.Metadata?, asOf: LocalDateTime?, today: LocalDateTime)
        -> Reconciliation.Configuration
    {
        var configuration = Reconciliation.Configuration(asOf: asOf ?? recorded?.asOf ?? today, kind: recorded?.kind)
        configuration.feedbackDate = recorded?.feedbackDate
        configuration.planDate = recorded?.planDate
        return configuration
    }

    /// The master's ledger sheet and the configuration it is reconciled with.
    ///
    /// - Throws: the reader's errors; exit 3 when it is not a ledger with keys; a bad --as-of.
    func masterConfiguration(masterPath: String, meta: MasterMeta, language: Language, today: LocalDateTime) throws
        -> (Table, Reconciliation.Configuration)
    {
        var table: Table
        let snapshot: LedgerSnapshot?
        switch meta {
        case .read(let record, let book):
            // What `TableFile.open` reads of a workbook: its first visible sheet, merged areas not filled.
            table = try book.readTable(sheet: TableFile.sheet(nil, in: book), fillMerged: false)
            snapshot = LedgerWorkbook.snapshot(ledger: table, record: record)
        case .unread:
            let masterFile = try TableFile.open(masterPath)
            snapshot = try LedgerInput.snapshot(masterFile)
            table = (consume masterFile).table
        }
        guard let snapshot, snapshot.hasKeys else {
            throw CommandFailure(code: 3, message: language.pick(
                "\(masterPath) 不是 tracksheet 生成的台账（没有隐藏的“编号”列），无法按编号合并",
                "\(masterPath) is not a ledger written by tracksheet (it has no hidden 编号 key column), so nothing can be merged by key"))
        }
        var configuration = Merge.configuration(
            recorded: snapshot.metadata, asOf: try asOf.map { try DateArgument.parse($0, option: "--as-of") }, today: today)
        configuration.readingLedger(snapshot)
        // Filled here, where nothing else holds the table's rows, the merged areas are written into them in place;
        // filled by the reconciliation, every row of an area was copied while the table was still held, so that a
        // province's ledger (and each return) was in memory twice at the peak.
        table.fillMergedAreasForReconciliation()
        return (table, configuration)
    }

    /// Each return's reading and reconciliation as a job (a workbook that is not a ledger reads as an empty plan,
    /// which `merging` reports as `ledger-keys-missing`).
    func returnJobs(_ paths: [String], _ configuration: Reconciliation.Configuration)
        -> [@Sendable () throws -> Reconciliation]
    {
        paths.map { path in
            {
                try LedgerInput.read(path, configuration: configuration) ?? Merge.emptyReturn(configuration)
            }
        }
    }
}
