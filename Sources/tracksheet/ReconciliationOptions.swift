import ArgumentParser
import Foundation
import Rectification
import Reports
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

    @OptionGroup var rules: RuleOptions

    @Option(help: "The language of messages and outputs: zh or en (default: from LC_ALL, LC_MESSAGES or LANG: en for an English locale, else zh).")
    var lang: LanguageOption = .fromEnvironment

    @Option(help: ArgumentHelp("The kind of review: 巡察, 巡视, 审计, 督察, 督办 or 专项检查 (default: from the tables' titles or file names). It words the summary and the ledger's title.", valueName: "KIND"))
    var kind: String?

    @Option(name: .customLong("require"), help: ArgumentHelp("Task-table columns whose absence is an error, comma-separated: leader, person (default: measure, unit and deadline are required; a missing leader or person column is one warning).", valueName: "FIELDS"))
    var requiredColumns: [String] = []

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
    }

    /// The domain's configuration from the options: dates, header mappings and claimed counts parsed here.
    func configuration() throws -> Reconciliation.Configuration {
        var configuration = try rules.configuration(
            asOf: try asOf.map { try DateArgument.parse($0, option: "--as-of") } ?? Today.date)
        for name in requiredColumns.flatMap({ $0.split(separator: ",") }) {
            guard let field = Field(named: String(name)) else {
                throw ValidationError("--require “\(name)” is not a column; use leader, person, unit, deadline or measure")
            }
            configuration.requiredColumns.insert(field)
        }
        configuration.expectations = try expectations.map(ExpectationArgument.parse)
        configuration.kind = try kind.map { name in
            guard let kind = RectificationKind(named: name) else {
                throw ValidationError("--kind “\(name)” is not one of 巡察, 巡视, 审计, 督察, 督办, 专项检查")
            }
            return kind
        }
        return configuration
    }

    /// Reads the tables and reconciles them; a single ledger workbook written by tracksheet is read back as one.
    func reconcile() throws -> Reconciliation {
        var configuration = try configuration()
        var csv = CSVReader.Configuration()
        csv.encoding = encoding
        let issues = tables.count == 2 ? try TableFile.read(tables[0], sheet: sheet, csv: csv) : nil
        let opened = try TableFile.open(tables[tables.count - 1], sheet: sheet, csv: csv)
        let tasks = opened.table
        if issues == nil, rules.mappings.isEmpty, let snapshot = try LedgerInput.snapshot(opened) {
            configuration.readingLedger(snapshot)
        }
        let rosterTable = try roster.map { try TableFile.read($0, csv: csv) }
        do {
            return try Reconciliation(issues: issues, tasks: tasks, roster: rosterTable, configuration: configuration)
        } catch let error as RectificationError where error.code == .tablesSwapped {
            let issuesFile = tables[0]
            let tasksFile = tables[tables.count - 1]
            throw CommandFailure(code: 2, message: lang.language.pick(
                "\(issuesFile) 看起来是任务分解表（有整改措施和责任列），而 \(tasksFile) 不是；请先给问题清单，再给任务分解表",
                "\(issuesFile) looks like the task table (it has measures and owners) and \(tasksFile) does not; give the issue definitions first and the task table second"))
        }
    }
}

/// `--map HEADER=FIELD`: a header as printed and the field it means (a field's name or a header word that means it).
enum HeaderMappingArgument {
    /// Every `--map` of a command; a column mapped twice is a usage error.
    static func parseAll(_ arguments: [String]) throws -> [String: Field] {
        var headerMapping: [String: Field] = [:]
        var mappedKeys: Set<String> = []
        for argument in arguments {
            let (header, field) = try parse(argument)
            guard mappedKeys.insert(TextNormalization.headerKey(header)).inserted else {
                throw ValidationError("--map names the column “\(header)” twice")
            }
            headerMapping[header] = field
        }
        return headerMapping
    }

    static func parse(_ argument: String) throws -> (String, Field) {
        guard let equals = argument.lastIndex(of: "=") else {
            throw ValidationError("--map “\(argument)” is not HEADER=field")
        }
        let header = String(argument[..<equals])
        let name = String(argument[argument.index(after: equals)...])
        guard !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--map “\(argument)” names no header")
        }
        guard let field = Field(named: name) else {
            let names = Field.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--map “\(argument)”: unknown field “\(name)”; use one of \(names)")
        }
        return (header, field)
    }
}

/// `--expect WHAT=N`: a count the unit claims (`measures=44`, also 措施=44, 问题=10, 方面=4, 具体问题=31).
enum ExpectationArgument {
    static let subjects: [String: CountExpectation.Subject] = [
        "aspects": .aspects, "aspect": .aspects, "方面": .aspects,
        "problems": .problems, "problem": .problems, "问题": .problems,
        "issues": .issues, "issue": .issues, "具体问题": .issues,
        "measures": .measures, "measure": .measures, "措施": .measures,
    ]

    static func parse(_ text: String) throws -> CountExpectation {
        let parts = text.precomposedStringWithCompatibilityMapping.split(separator: "=", maxSplits: 1).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, let subject = subjects[parts[0].lowercased()], let count = Int(parts[1]), count >= 0 else {
            throw ValidationError(
                "--expect “\(text)” is not WHAT=N with WHAT one of aspects, problems, issues, measures")
        }
        return CountExpectation(subject, count)
    }
}

/// `--phase PHASE=DATE`: the end of a plan phase (短期, 中期, 长期, or short, medium, long) as a full date.
enum PhaseArgument {
    static func parse(_ argument: String) throws -> (Deadline.Phase, LocalDateTime) {
        guard let equals = argument.firstIndex(where: { $0 == "=" || $0 == "＝" }) else {
            throw ValidationError("--phase “\(argument)” is not PHASE=DATE, e.g. 短期=2025-06-30")
        }
        let name = String(argument[..<equals])
        guard let phase = Deadline.Phase(named: name) else {
            throw ValidationError("--phase “\(argument)”: unknown phase “\(name)”; use 短期, 中期 or 长期")
        }
        return (phase, try DateArgument.parse(String(argument[argument.index(after: equals)...]), option: "--phase"))
    }
}

/// A date option (`--as-of`, `--feedback-date`, `--plan-date`, `--report-date`, the date of `--phase`): a full date with its year, as
/// `2025-12-04`, `2025/12/4`, `2025.12.4`, `20251204` or `2025年12月4日` (full-width digits too).
enum DateArgument {
    static func parse(_ text: String, option: String) throws -> LocalDateTime {
        let normalized = text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        let digits = normalized.unicodeScalars.compactMap { $0.properties.numericType == .decimal ? Int(String($0)) : nil }
        if normalized.count == 8, digits.count == 8,
           let day = LocalDateTime(year: digits[0..<4].reduce(0) { $0 * 10 + $1 }, month: digits[4] * 10 + digits[5],
                                   day: digits[6] * 10 + digits[7]) {
            return day
        }
        if case .date(let date, hasTime: false) = TypeInference().infer(normalized, as: .date) { return date }
        throw ValidationError("\(option) “\(text)” is not a date; write it as 2025-12-04 or 2025年12月4日")
    }
}

/// `--lang` values.
enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case zh, en

    var language: Language { self == .zh ? .chinese : .english }

    /// The language of the locale: English for an `en` locale in LC_ALL, LC_MESSAGES or LANG (the first one set),
    /// Chinese otherwise (a `zh` locale, C, POSIX, or none).
    static var fromEnvironment: LanguageOption {
        let environment = ProcessInfo.processInfo.environment
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return locale.lowercased().hasPrefix("en") ? .en : .zh
    }
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

/// A ledger workbook written by tracksheet, read back: the ledger sheet and its hidden meta sheet.
enum LedgerInput {
    /// The snapshot of an opened workbook's ledger sheet (its meta sheet read from the same open workbook), nil
    /// when the file is not a ledger tracksheet wrote.
    static func snapshot(_ opened: TableFile.Opened) throws -> LedgerSnapshot? {
        guard opened.workbook != nil else { return nil }
        return LedgerWorkbook.snapshot(ledger: opened.table, meta: try opened.sheet(named: LedgerWorkbook.metaSheetName))
    }

    /// Reads a ledger workbook (its first visible sheet) and reconciles it as a ledger; nil when it is not one.
    static func read(_ path: String, configuration: Reconciliation.Configuration) throws -> Reconciliation? {
        let opened = try TableFile.open(path)
        let table = opened.table
        guard let snapshot = try snapshot(opened) else { return nil }
        var configuration = configuration
        configuration.readingLedger(snapshot)
        return try Reconciliation(issues: nil, tasks: table, configuration: configuration)
    }
}

extension Reconciliation.Configuration {
    /// Reads a ledger tracksheet wrote: its snapshot, and the kind, feedback and plan dates it was made with where the
    /// command line gives none, so that a ledger reads back as its source tables did.
    mutating func readingLedger(_ snapshot: LedgerSnapshot) {
        ledger = snapshot
        kind = kind ?? snapshot.metadata?.kind
        feedbackDate = feedbackDate ?? snapshot.metadata?.feedbackDate
        planDate = planDate ?? snapshot.metadata?.planDate
    }
}
