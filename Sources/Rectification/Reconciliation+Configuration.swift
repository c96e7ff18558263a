import TabularCore

extension Reconciliation {
    /// The options of a reconciliation; every default is documented on its property.
    public struct Configuration: Sendable, Hashable {
        /// The date the progress is judged on (`--as-of`); the domain never reads the clock.
        public var asOf: LocalDateTime
        /// The year for deadlines written without one (`3月31日`, `年底前`); default nil: the as-of date's year.
        public var year: Int?
        /// The inspection feedback date, from which relative deadlines (`反馈后1个月内`) count; default nil, which
        /// makes every relative deadline a `deadline-needs-feedback-date` error.
        public var feedbackDate: LocalDateTime?
        /// The plan's date, when immediate (立行立改) measures are due; default nil: the feedback date, and without
        /// either every immediate deadline is a `deadline-needs-feedback-date` error (never “due on the as-of date”).
        public var planDate: LocalDateTime?
        /// The end date of each plan phase that deadlines name as 短期, 中期 or 长期 (`--phase 短期=2025-06-30`);
        /// default none, which makes 短期 and 中期 a `deadline-needs-phase-dates` error and leaves 长期 long-term.
        public var phaseDates: [Deadline.Phase: LocalDateTime]
        /// Days besides Saturdays and Sundays that `N个工作日内` does not count (public holidays); default none, as
        /// the domain knows no holiday calendar.
        public var nonWorkingDays: Set<LocalDateTime>
        /// A measure not done and due within this many days (today included) is `due-soon`; default
        /// `Configuration.defaultDueSoonDays` (7). The findings, the rollups and the ledger's colors all use this one
        /// number.
        public var dueSoonDays: Int
        /// User mappings from a header as printed (compared after NFKC, trimming, lowercasing) to a field; default none.
        public var headerMapping: [String: Field]
        /// Claimed counts to check, e.g. `measures=44`; default none.
        public var expectations: [CountExpectation]
        /// The kind of review (`--kind`); default nil: told from the tables' titles or file names.
        public var kind: RectificationKind?
        /// The task-table columns whose absence is an error; the others of measure, leader, unit, person and
        /// deadline are one warning when absent. Default `defaultRequiredColumns`: measure, unit and deadline (audit
        /// tables and 督办清单 name no leader or person by design; `--require leader,person` adds them).
        public var requiredColumns: Set<Field>
        /// Set when the task table is a ledger workbook written by tracksheet (read back through its snapshot: the
        /// columns by role, the keys column, the 状态 drop-down winning over the 整改进度 text, the original deadline
        /// texts); default nil: an ordinary task table, its headers recognized by meaning.
        public var ledger: LedgerSnapshot?

        /// The columns every office's task table needs: the measure, the unit and the deadline.
        public static let defaultRequiredColumns: Set<Field> = [.measure, .unit, .deadline]

        /// The days before its deadline from which an unfinished measure is due soon, for every command: 7.
        public static let defaultDueSoonDays = 7

        /// Creates a configuration with the defaults above.
        public init(
            asOf: LocalDateTime, year: Int? = nil, feedbackDate: LocalDateTime? = nil, planDate: LocalDateTime? = nil,
            phaseDates: [Deadline.Phase: LocalDateTime] = [:], nonWorkingDays: Set<LocalDateTime> = [],
            dueSoonDays: Int = Configuration.defaultDueSoonDays, headerMapping: [String: Field] = [:],
            expectations: [CountExpectation] = [], requiredColumns: Set<Field> = Configuration.defaultRequiredColumns,
            kind: RectificationKind? = nil, ledger: LedgerSnapshot? = nil
        ) {
            self.kind = kind
            self.ledger = ledger
            self.asOf = asOf
            self.year = year
            self.feedbackDate = feedbackDate
            self.planDate = planDate
            self.phaseDates = phaseDates
            self.nonWorkingDays = nonWorkingDays
            self.dueSoonDays = dueSoonDays
            self.headerMapping = headerMapping
            self.expectations = expectations
            self.requiredColumns = requiredColumns
        }

        /// The year used for dates written without one.
        var effectiveYear: Int { year ?? asOf.year }

        /// The date immediate measures are due: the plan's date, else the feedback date, else none (a finding).
        var immediateDate: LocalDateTime? { (planDate ?? feedbackDate)?.dateOnly }

        /// Header mappings keyed by header key.
        var overrides: [String: Field] {
            Dictionary(headerMapping.map { (TextNormalization.headerKey($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        }
    }
}

/// A claimed count to check against the tables, such as the report's “制定措施44个” (`measures=44`).
public struct CountExpectation: Sendable, Hashable {
    /// What is counted.
    public enum Subject: String, Sendable, Hashable, CaseIterable {
        /// Aspects (方面).
        case aspects
        /// Problems (问题).
        case problems
        /// Leaf issues (具体问题).
        case issues
        /// Measures (整改措施).
        case measures
    }

    /// What is counted.
    public var subject: Subject
    /// The claimed count.
    public var count: Int

    /// Creates an expectation.
    public init(_ subject: Subject, _ count: Int) {
        self.subject = subject
        self.count = count
    }

}
