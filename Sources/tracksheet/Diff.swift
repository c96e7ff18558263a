import ArgumentParser
import Dispatch
import Rectification
import Reports
import TabularCSV
import TabularCore
import TabularFiles
import Synchronization

/// `tracksheet diff`: what moved between two snapshots of a task table or ledger.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",  // named, not derived from the type at every start (String(describing:) costs ms)
        abstract: "Show what moved between two snapshots of a task table: newly done, newly overdue, other changes.",
        discussion: """
            OLD and NEW are two versions of the same task table (整改任务分解表) or ledger, CSV or XLSX in any \
            mix, each read as a task table. Measures are matched by their stable keys (the table's own measure \
            number when unique, else the issue's number and the measure's ordinal under it). When the issue outline \
            is not in the task table's own 方面/问题/具体问题 columns, give the issue definitions with --issues (both \
            snapshots) or --old-issues and --new-issues.

            Each snapshot is judged on its own date: OLD as of --old-as-of, NEW as of --as-of, so a measure that \
            was on time then and is past due now is newly overdue even when its row did not change. The other \
            options (--year, --feedback-date, --plan-date, --phase, --due-soon, --map) apply to both.

            Output: the paragraph an office sends up (newly done, newly overdue and due soon per unit; other status \
            changes, deadline, owner and measure-text changes; measures added and removed), one line per change, \
            a line with every count and the whole plan's counts before and after; or Markdown, or JSON. Findings of \
            the two tables are not repeated: run `tracksheet check` on each for them.

            Examples:
              tracksheet diff 6月任务表.csv 7月任务表.xlsx --old-as-of 2025-06-30 --as-of 2025-07-31
              tracksheet diff old.csv new.csv --issues issues.csv --format json

            Exit status: 0 the comparison was printed (whatever moved; added and removed measures are not errors), \
            1 a table has no recognizable header, 2 usage, 3 an input cannot be read, 5 the output cannot be \
            written.
            """
    )

    @Argument(help: ArgumentHelp("The earlier snapshot: a task table or ledger, CSV or XLSX.", valueName: "OLD"))
    var old: String

    @Argument(help: ArgumentHelp("The later snapshot: a task table or ledger, CSV or XLSX.", valueName: "NEW"))
    var new: String

    @Option(help: ArgumentHelp("The issue definitions (问题清单) for both snapshots (default: the outline in the task tables' own columns).", valueName: "FILE"))
    var issues: String?

    @Option(help: ArgumentHelp("The issue definitions for OLD only (default: --issues).", valueName: "FILE"))
    var oldIssues: String?

    @Option(help: ArgumentHelp("The issue definitions for NEW only (default: --issues).", valueName: "FILE"))
    var newIssues: String?

    @Option(help: ArgumentHelp("The date OLD's progress is judged on (default: the date an OLD ledger records, else NEW's date, so that only the tables' changes move).", valueName: "DATE"))
    var oldAsOf: String?

    @Option(help: ArgumentHelp("The date NEW's progress is judged on (default: the date a NEW ledger records, else today). Pass it in CI for reproducible results.", valueName: "DATE"))
    var asOf: String?

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("The sheet of a workbook input to read (name or 1-based index; default the first visible).", valueName: "SHEET"))
    var sheet: String?

    @Option(help: "The encoding of CSV inputs (default: detect).")
    var encoding: String?

    @Option(help: "The language of the output: zh or en (default: from LC_ALL, LC_MESSAGES or LANG: en for an English locale, else zh).")
    var lang: LanguageOption = .fromEnvironment

    @Option(help: "Output format: text, markdown or json.")
    var format: DiffText.Format = .text

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        Diagnostics.language = lang.language
        // Each side on its own date: the one given, else the date a ledger records; NEW else today, OLD else NEW's.
        let newDate = try asOf.map { try DateArgument.parse($0, option: "--as-of") }
        let oldDate = try oldAsOf.map { try DateArgument.parse($0, option: "--old-as-of") }
        // The two snapshots are read and reconciled side by side, each as soon as it is read (OLD waits for NEW's
        // date only when it has none of its own); a failure is reported as doing NEW and then OLD one after the
        // other would have: NEW's reading, NEW's configuration, NEW's reconciliation, then OLD's.
        let csv = { () -> CSVReader.Configuration in
            var csv = CSVReader.Configuration()
            csv.encoding = encoding
            return csv
        }()
        let (sheet, readsLedgers, language) = (sheet, rules.mappings.isEmpty, lang.language)
        let (new, newIssues, old, oldIssues) = (new, newIssues ?? issues, old, oldIssues ?? issues)
        // NEW's configuration (or why there is none), set once by NEW's job before `newConfigured` is left.
        let newConfiguration = Mutex<Result<Reconciliation.Configuration, any Error>?>(nil)
        let newConfigured = DispatchGroup()
        newConfigured.enter()
        let newJob: @Sendable () throws -> Side = { [self] in
            let configured = Result { () throws -> (Snapshot, Reconciliation.Configuration) in
                let snapshot = try Snapshot.read(tasks: new, issues: newIssues, sheet: sheet, csv: csv, asLedger: readsLedgers)
                return (snapshot, try configuration(snapshot, asOf: newDate, otherwise: Today.date))
            }
            newConfiguration.withLock { $0 = configured.map { $0.1 } }
            newConfigured.leave()
            let (snapshot, made) = try configured.get()
            return Side(snapshot: snapshot, reconciliation: try snapshot.reconcile(configuration: made, language: language))
        }
        // OLD's job runs beside NEW's, which has a thread of its own: waiting for NEW's date cannot starve it.
        let oldJob: @Sendable () throws -> Side = { [self] in
            let snapshot = try Snapshot.read(tasks: old, issues: oldIssues, sheet: sheet, csv: csv, asLedger: readsLedgers)
            let otherwise: LocalDateTime
            if let date = oldDate ?? snapshot.ledger?.metadata?.asOf {
                otherwise = date
            } else {
                newConfigured.wait()
                guard case .success(let newMade)? = newConfiguration.withLock({ $0 }) else { throw NewUnconfigured() }
                otherwise = newMade.asOf
            }
            let made = try configuration(snapshot, asOf: oldDate, otherwise: otherwise)
            return Side(snapshot: snapshot, reconciliation: try snapshot.reconcile(configuration: made, language: language))
        }
        let sides = SideBySide.run(first: newJob, alongside: [oldJob])
        // The snapshots and their reconciliations are left to the end of the process, which comes right after the
        // output: freeing them (a province's are millions of strings and arrays) would only delay it.
        defer { ProcessLifetime.keep(sides) }
        let (after, before) = (try sides[0].get().reconciliation, try sides[1].get().reconciliation)
        let diff = MeasureDiff(old: before, new: after)
        defer { ProcessLifetime.keep(diff) }
        try OutputText.write(DiffText.render(diff, format: format, language: lang.language), to: output)
    }

    /// One snapshot as read and reconciled.
    struct Side: Sendable {
        var snapshot: Snapshot
        var reconciliation: Reconciliation
    }

    /// OLD's job ends with this when NEW's configuration could not be made (NEW's error is the one reported).
    struct NewUnconfigured: Error {}

    /// The configuration one snapshot is reconciled with, on its own date: `asOf`, else the date a ledger snapshot
    /// records, else `otherwise`.
    func configuration(_ snapshot: Snapshot, asOf: LocalDateTime?, otherwise: LocalDateTime) throws
        -> Reconciliation.Configuration
    {
        var configuration = try rules.configuration(asOf: asOf ?? snapshot.ledger?.metadata?.asOf ?? otherwise)
        if let ledger = snapshot.ledger { configuration.readingLedger(ledger) }
        return configuration
    }

    /// One snapshot as read: its task table, its issue definitions if given, and, for a ledger tracksheet wrote
    /// (read as one: its keys, its 状态 drop-down, the dates it was made with), how to read it back.
    struct Snapshot: Sendable {
        var tasksPath: String
        var issuesPath: String?
        var tasks: Table
        var issues: Table?
        var ledger: LedgerSnapshot?

        /// Reads the tables; a ledger only when no issue definitions or header mappings are given (`asLedger`).
        static func read(
            tasks: String, issues: String?, sheet: String?, csv: CSVReader.Configuration, asLedger: Bool
        ) throws -> Snapshot {
            let issuesTable = try issues.map { try TableFile.read($0, sheet: sheet, csv: csv) }
            let opened = try TableFile.open(tasks, sheet: sheet, csv: csv)
            let ledger = issuesTable == nil && asLedger ? try LedgerInput.snapshot(opened) : nil
            // The table alone, so that its merged areas are filled in place: filled by the reconciliation, every row
            // of an area was copied while the snapshot held the table, and a province's ledger was held twice.
            var tasksTable = (consume opened).table
            tasksTable.fillMergedAreasForReconciliation()
            return Snapshot(tasksPath: tasks, issuesPath: issues, tasks: tasksTable, issues: issuesTable, ledger: ledger)
        }

        /// Reconciles the snapshot; issue definitions that look like the task table are a usage error (exit 2). The
        /// tallies by name the diff compares are counted here, on the side's own thread.
        func reconcile(configuration: Reconciliation.Configuration, language: Language) throws -> Reconciliation {
            do {
                let reconciliation = try Reconciliation(issues: issues, tasks: tasks, configuration: configuration)
                reconciliation.rollups.countNames()
                return reconciliation
            } catch let error as RectificationError where error.code == .tablesSwapped {
                throw CommandFailure(code: 2, message: language.pick(
                    "\(issuesPath ?? "") 看起来是任务分解表（有整改措施和责任列），而 \(tasksPath) 不是；--issues 给问题清单，OLD 和 NEW 给任务分解表",
                    "\(issuesPath ?? "") looks like the task table (it has measures and owners) and \(tasksPath) does not; give the issue definitions with --issues and the task tables as OLD and NEW"))
            }
        }
    }
}

extension DiffText.Format: ExpressibleByArgument {}
