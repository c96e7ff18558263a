import ArgumentParser
import Rectification
import TabularCore

/// The options that say how a table's words are read, the same for every command that reconciles tables (`check`,
/// `summary`, `report`, `diff`): the year of dates written without one, the feedback, plan and phase dates that
/// relative deadlines count from, the due-soon window and header mappings.
struct RuleOptions: ParsableArguments {
    @Option(help: "The year for deadlines written without one, such as 3月31日 (default: the as-of year of each table).")
    var year: Int?

    @Option(help: ArgumentHelp("The inspection feedback date, from which 反馈后1个月内 counts.", valueName: "DATE"))
    var feedbackDate: String?

    @Option(help: ArgumentHelp("The plan's date, when 立行立改 measures are due (default: the feedback date; without either they are findings).", valueName: "DATE"))
    var planDate: String?

    @Option(name: .customLong("phase"), help: ArgumentHelp("The end date of a plan phase that deadlines name instead of a date: 短期, 中期 or 长期, e.g. 短期=2025-06-30. Repeatable; without it 短期 and 中期 are findings and 长期 is long-term.", valueName: "PHASE=DATE"))
    var phases: [String] = []

    @Option(help: "An unfinished measure due within this many days is due soon: a warning, and amber in the ledger.")
    var dueSoon: Int = Reconciliation.Configuration.defaultDueSoonDays

    @Option(name: .customLong("map"), help: ArgumentHelp("Map another header to a field, e.g. 负责同志=owner. Repeatable.", valueName: "HEADER=FIELD"))
    var mappings: [String] = []

    func validate() throws {
        if dueSoon < 0 { throw ValidationError("--due-soon takes a number of days, 0 or more") }
    }

    /// A configuration judging progress on `asOf` with these rules; the dates, phases and mappings parsed here.
    func configuration(asOf: LocalDateTime) throws -> Reconciliation.Configuration {
        var phaseDates: [Deadline.Phase: LocalDateTime] = [:]
        for argument in phases {
            let (phase, date) = try PhaseArgument.parse(argument)
            guard phaseDates.updateValue(date, forKey: phase) == nil else {
                throw ValidationError("--phase \(phase.rawValue) is given twice")
            }
        }
        return Reconciliation.Configuration(
            asOf: asOf,
            year: year,
            feedbackDate: try feedbackDate.map { try DateArgument.parse($0, option: "--feedback-date") },
            planDate: try planDate.map { try DateArgument.parse($0, option: "--plan-date") },
            phaseDates: phaseDates,
            dueSoonDays: dueSoon,
            headerMapping: try HeaderMappingArgument.parseAll(mappings))
    }
}
