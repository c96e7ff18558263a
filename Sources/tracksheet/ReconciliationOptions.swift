import ArgumentParser
import Foundation
import Rectification
import TabularCSV
import TabularCore
import TabularFiles

/// The inputs and options that `check`, `report` and `summary` share: the tables, the as-of date and the rules.
struct ReconciliationOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The issue definitions (问题清单) and the task table (任务分解表), CSV or XLSX; with one file, the issue outline is taken from the task table's own 方面/问题/具体问题 columns.", valueName: "ISSUES TASKS"))
    var tables: [String]

    @Option(help: ArgumentHelp("A roster (姓名, 单位, 职务) to check responsible people and leaders against.", valueName: "FILE"))
    var roster: String?

    @Option(help: ArgumentHelp("The date progress is judged on (default: today). Pass it in CI for reproducible results.", valueName: "DATE"))
    var asOf: String?

    @Option(help: "The year for deadlines written without one, such as 3月31日 (default: the as-of year).")
    var year: Int?

    @Option(help: ArgumentHelp("The inspection feedback date, from which 反馈后1个月内 counts.", valueName: "DATE"))
    var feedbackDate: String?

    @Option(help: ArgumentHelp("The plan's date, when 立行立改 measures are due (default: the feedback date).", valueName: "DATE"))
    var planDate: String?

    @Option(help: "Warn about measures due within this many days.")
    var dueSoon: Int?

    @Option(help: "The language of messages and outputs: zh or en.")
    var lang: LanguageOption = .zh

    @Option(name: .customLong("map"), help: ArgumentHelp("Map another header to a field, e.g. 负责同志=owner. Repeatable.", valueName: "HEADER=FIELD"))
    var mappings: [String] = []

    @Option(name: .customLong("expect"), help: ArgumentHelp("A count the unit claims, checked against the tables: measures=44, issues=31, problems=10, aspects=4. Repeatable.", valueName: "WHAT=N"))
    var expectations: [String] = []

    @Option(help: ArgumentHelp("The sheet of a workbook input to read (name or 1-based index; default the first visible).", valueName: "SHEET"))
    var sheet: String?

    @Option(help: "The encoding of CSV inputs (default: detect).")
    var encoding: String?

    func validate() throws {
        guard (1...2).contains(tables.count) else {
            throw ValidationError("give the task table, or the issue definitions and the task table (got \(tables.count) files)")
        }
        if let dueSoon, dueSoon < 0 { throw ValidationError("--due-soon takes a number of days, 0 or more") }
    }

    /// Reads the tables and reconciles them; `defaultDueSoon` is the command's own default for `--due-soon`.
    func reconcile(defaultDueSoon: Int) throws -> Reconciliation {
        var csv = CSVReader.Configuration()
        csv.encoding = encoding
        let issues = tables.count == 2 ? try TableFile.read(tables[0], sheet: sheet, csv: csv) : nil
        let tasks = try TableFile.read(tables[tables.count - 1], sheet: sheet, csv: csv)
        let rosterTable = try roster.map { try TableFile.read($0, csv: csv) }
        var configuration = Reconciliation.Configuration(
            asOf: try asOf.map(Reconciliation.Configuration.date(parsing:)) ?? Today.date,
            year: year,
            feedbackDate: try feedbackDate.map(Reconciliation.Configuration.date(parsing:)),
            planDate: try planDate.map(Reconciliation.Configuration.date(parsing:)),
            dueSoonDays: dueSoon ?? defaultDueSoon,
            language: lang.language)
        for mapping in mappings { try configuration.addHeaderMapping(mapping) }
        configuration.expectations = try expectations.map(CountExpectation.init(parsing:))
        return try Reconciliation(issues: issues, tasks: tasks, roster: rosterTable, configuration: configuration)
    }
}

/// `--lang` values.
enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case zh, en

    var language: Language { self == .zh ? .chinese : .english }
}

/// Today's date on the local calendar (the only place the tool reads the clock for dates).
enum Today {
    static var date: LocalDateTime {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return LocalDateTime(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

/// Whether to color terminal output: only on a terminal, and never with `NO_COLOR` set.
enum TerminalColors {
    static var enabled: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
