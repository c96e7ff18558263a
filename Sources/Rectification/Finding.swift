import TabularCore

/// One thing reconciliation found wrong or worth a look, tied to a file, line and column.
public struct Finding: Sendable, Hashable {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        /// The tables are wrong and must be fixed (`tracksheet check` exits 1).
        case error
        /// Worth a look: overdue, due soon, numbering, wording (`--strict` fails on these too).
        case warning
        /// What the tool did with the input, so that nothing is dropped in silence: columns it did not use, footer
        /// rows it left out. Never fails a run.
        case info

        /// Errors sort before warnings, warnings before notes.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .info: 2
            }
        }
    }

    /// A finding's stable code; new codes are added as static members so that no caller breaks.
    public struct Code: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The code's text, e.g. `unknown-issue-reference`.
        public var rawValue: String
        /// Creates a code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's text.
        public var description: String { rawValue }
        /// Codes sort by their text.
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }

        // Errors.
        /// A measure refers to an issue ID that no definition has.
        public static let unknownIssueReference = Code(rawValue: "unknown-issue-reference")
        /// A measure names no issue at all (no reference and no issue text).
        public static let missingIssueReference = Code(rawValue: "missing-issue-reference")
        /// An issue has no measure.
        public static let issueWithoutMeasures = Code(rawValue: "issue-without-measures")
        /// Two issue definitions have the same ID.
        public static let duplicateIssueID = Code(rawValue: "duplicate-issue-id")
        /// Two measures have the same ID.
        public static let duplicateMeasureID = Code(rawValue: "duplicate-measure-id")
        /// A measure row has no measure text.
        public static let missingMeasure = Code(rawValue: "missing-measure")
        /// A measure has no responsible leader (责任领导).
        public static let missingLeader = Code(rawValue: "missing-leader")
        /// A measure has no responsible unit (责任单位).
        public static let missingUnit = Code(rawValue: "missing-unit")
        /// A measure has no responsible person (责任人).
        public static let missingOwner = Code(rawValue: "missing-owner")
        /// A measure has no deadline.
        public static let missingDeadline = Code(rawValue: "missing-deadline")
        /// A deadline's wording is not understood.
        public static let unparseableDeadline = Code(rawValue: "unparseable-deadline")
        /// A deadline names no real date (2025年2月30日).
        public static let impossibleDeadline = Code(rawValue: "impossible-deadline")
        /// A relative deadline (反馈后1个月内) while no feedback date was given.
        public static let deadlineNeedsFeedbackDate = Code(rawValue: "deadline-needs-feedback-date")
        /// A plan phase (短期, 中期) as the deadline while no date was given for the phase (`--phase`).
        public static let deadlineNeedsPhaseDates = Code(rawValue: "deadline-needs-phase-dates")
        /// A table lacks a column that every measure needs (measure, leader, unit, person, deadline).
        public static let missingColumn = Code(rawValue: "missing-column")
        /// A claimed count (measures=44) differs from the count in the tables.
        public static let countMismatch = Code(rawValue: "count-mismatch")
        /// A ledger workbook has no keys column, so its rows cannot be related to the master's measures.
        public static let ledgerKeysMissing = Code(rawValue: "ledger-keys-missing")
        /// A return edits the progress of a measure that is not its unit's (or leader's); the edit is not applied.
        public static let foreignEdit = Code(rawValue: "foreign-edit")
        /// Two returns set one field of one measure to different values; neither is applied.
        public static let conflictingReturns = Code(rawValue: "conflicting-returns")
        /// A return names a measure key the master does not have.
        public static let unknownKey = Code(rawValue: "unknown-key")
        /// A return was split from another master, or from this one on another as-of date; none of it is applied.
        public static let staleReturn = Code(rawValue: "stale-return")
        // Warnings.
        /// The 状态 drop-down and the 整改进度 text of a ledger row read as different progress; the drop-down wins.
        public static let statusDisagreement = Code(rawValue: "status-disagreement")
        /// A ledger row has no key (a measure added by hand); it is keyed `+N` and related to no master measure.
        public static let ledgerRowWithoutKey = Code(rawValue: "ledger-row-without-key")
        /// A return changes what only the office changes (measure text, leader, unit, person, deadline): a change
        /// request, not applied.
        public static let changeRequest = Code(rawValue: "change-request")
        /// A return adds a measure row; not applied.
        public static let measureAdded = Code(rawValue: "measure-added")
        /// A return lacks one of its unit's measures; the master keeps it.
        public static let measureDeleted = Code(rawValue: "measure-deleted")
        /// A return's meta sheet is lost, so which master and unit it came from cannot be checked.
        public static let unverifiedReturn = Code(rawValue: "unverified-return")
        /// A measure is past its due date and not done.
        public static let overdue = Code(rawValue: "overdue")
        /// A measure is due within the configured days and not done.
        public static let dueSoon = Code(rawValue: "due-soon")
        /// An aspect or problem's number is not the one its position calls for.
        public static let numberingOutOfSequence = Code(rawValue: "numbering-out-of-sequence")
        /// An aspect or problem is printed without a number while its siblings have one.
        public static let missingNumber = Code(rawValue: "missing-number")
        /// The same measure text appears twice under one issue.
        public static let duplicateMeasure = Code(rawValue: "duplicate-measure")
        /// A status wording is not one the parser knows.
        public static let unknownStatus = Code(rawValue: "unknown-status")
        /// A status asks for or records an extension (申请延期, 已延期).
        public static let extensionRequested = Code(rawValue: "extension-requested")
        /// A closure (销号) wording is not one the parser knows.
        public static let unknownClosure = Code(rawValue: "unknown-closure")
        /// A measure is signed off (已销号) while its status is not done.
        public static let closedButNotDone = Code(rawValue: "closed-but-not-done")
        /// A responsible person or leader is not on the roster.
        public static let personNotOnRoster = Code(rawValue: "person-not-on-roster")
        /// A responsible person is on the roster under another unit than the measure's.
        public static let personInOtherUnit = Code(rawValue: "person-in-other-unit")
        /// A responsible leader's roster role is not a leading one.
        public static let leaderNotLeader = Code(rawValue: "leader-not-leader")
        // Notes.
        /// Columns whose header no field took (kept as pass-through columns in the ledger).
        public static let unrecognizedColumn = Code(rawValue: "unrecognized-column")
        /// Rows under the table read as its footer (signatures, contacts, notes) and left out of the measures.
        public static let footerRows = Code(rawValue: "footer-rows")
        /// A table with one level of items, read as issues that are their own measures.
        public static let singleLevelItems = Code(rawValue: "single-level-items")
        /// A column that groups the rows (县(区), 整改方式) read as the aspect, the table having none.
        public static let groupingColumn = Code(rawValue: "grouping-column")
    }

    /// What was found, with its typed arguments; the code and default severity follow from it.
    public var detail: Detail
    /// Error or warning.
    public var severity: Severity
    /// The file's path as the caller named it.
    public var file: String
    /// The worksheet, for workbook inputs.
    public var sheet: String?
    /// The 1-based line (as a text editor counts) or workbook row, nil for file-level findings.
    public var line: Int?
    /// The column's header as printed, nil when the finding is not about one column.
    public var column: String?
    /// The record the finding is about, by stable key; nil for file-level findings.
    public var subject: Subject?

    /// The stable code.
    public var code: Code { detail.code }

    /// The finding's place as a `SourceLocation` (file, sheet, line; the column is a header, so not included).
    public var location: SourceLocation { SourceLocation(file: file, sheet: sheet, line: line) }

    /// Creates a finding with the detail's default severity unless one is given.
    public init(
        _ detail: Detail, severity: Severity? = nil, file: String, sheet: String? = nil, line: Int? = nil,
        column: String? = nil, subject: Subject? = nil
    ) {
        self.detail = detail
        self.severity = severity ?? detail.defaultSeverity
        self.file = file
        self.sheet = sheet
        self.line = line
        self.column = column
        self.subject = subject
    }
}

extension Finding {
    /// The record a finding is about.
    public enum Subject: Sendable, Hashable {
        /// An aspect (numbering findings).
        case aspect(Aspect.Key)
        /// A problem (numbering findings).
        case problem(Problem.Key)
        /// An issue (an issue without measures, a duplicate ID).
        case issue(Issue.Key)
        /// A measure (everything found on a task-table row).
        case measure(Measure.Key)
    }

    /// The level of the outline a numbering finding is about.
    public enum Level: String, Sendable, Hashable {
        /// An aspect (方面).
        case aspect
        /// A problem (问题).
        case problem
    }

    /// A column no field took: its header, and the field it would have read as had another column not taken it.
    public struct IgnoredColumn: Sendable, Hashable {
        /// The header as printed.
        public var header: String
        /// The field the header reads as, which an earlier or better-named column already has; nil for a header
        /// whose words mean no field.
        public var alsoReads: Field?

        /// Creates an ignored column.
        public init(header: String, alsoReads: Field?) {
            self.header = header
            self.alsoReads = alsoReads
        }
    }

    /// Whose name a roster finding is about.
    public enum Role: String, Sendable, Hashable {
        /// A responsible leader (责任领导).
        case leader
        /// A responsible person (责任人).
        case person
    }

    /// One return's value in a conflict between returns.
    public struct ConflictingValue: Sendable, Hashable {
        /// The return's name (its file name).
        public var source: String
        /// The value it sets.
        public var value: String

        /// Creates a value.
        public init(source: String, value: String) {
            self.source = source
            self.value = value
        }
    }

    /// What makes a return stale.
    public enum StaleReturn: String, Sendable, Hashable {
        /// It was split from a master with other measures (the identities differ).
        case identity
        /// It was split on another as-of date.
        case asOf = "as-of"
    }

    /// What a finding found, one case per code, with the values its message needs; Reports turns it into text.
    public enum Detail: Sendable, Hashable {
        /// A measure refers to an issue (by ID or text) that no definition has.
        case unknownIssueReference(reference: String)
        /// A measure names no issue.
        case missingIssueReference
        /// An issue has no measure.
        case issueWithoutMeasures(issueID: String)
        /// Two issue definitions have the same ID; the first is on `firstLine`.
        case duplicateIssueID(id: String, firstLine: Int)
        /// Two measures have the same ID; the first is on `firstLine`.
        case duplicateMeasureID(id: String, firstLine: Int)
        /// A measure row has no measure text.
        case missingMeasure
        /// A measure has no responsible leader.
        case missingLeader
        /// A measure has no responsible unit.
        case missingUnit
        /// A measure has no responsible person.
        case missingOwner
        /// A measure has no deadline.
        case missingDeadline
        /// A deadline's wording is not understood.
        case unparseableDeadline(text: String)
        /// A deadline names no real date.
        case impossibleDeadline(text: String)
        /// A relative deadline while no feedback date was given.
        case deadlineNeedsFeedbackDate(text: String)
        /// A plan phase (短期) as the deadline while no date was given for the phase.
        case deadlineNeedsPhaseDates(text: String)
        /// The task table lacks a column every measure needs (`.issue` for the issue reference).
        case missingColumn(field: Field)
        /// A claimed count differs from the count in the tables.
        case countMismatch(subject: CountExpectation.Subject, claimed: Int, actual: Int)
        /// A measure is past its due date and not done.
        case overdue(daysLate: Int, due: LocalDateTime, status: String)
        /// A measure is due within the configured days and not done.
        case dueSoon(daysLeft: Int, due: LocalDateTime)
        /// An aspect or problem is numbered otherwise than its position calls for.
        case numberingOutOfSequence(level: Level, title: String, number: Int, expected: Int)
        /// An aspect or problem has no number while its siblings have one.
        case missingNumber(level: Level, title: String, expected: Int)
        /// The same measure text appears twice under one issue; the first is on `firstLine`.
        case duplicateMeasure(firstLine: Int)
        /// A status wording is not understood.
        case unknownStatus(text: String)
        /// A status asks for or records an extension; the measure counts as in progress.
        case extensionRequested(status: String)
        /// A closure wording is not understood.
        case unknownClosure(text: String)
        /// A measure is signed off while its status is not done.
        case closedButNotDone(status: String)
        /// A responsible person or leader is not on the roster.
        case personNotOnRoster(name: String, role: Role)
        /// A responsible person is on the roster under other units than the measure's.
        case personInOtherUnit(name: String, units: [String])
        /// A responsible leader's roster role is not a leading one.
        case leaderNotLeader(name: String)
        /// Columns whose header no field took.
        case unrecognizedColumns(columns: [IgnoredColumn])
        /// Rows under the table taken for its footer: how many, and the first one's text.
        case footerRows(count: Int, first: String)
        /// A table of items without a measure column: each item (in the column `header`) is read as its own measure.
        case itemsAreMeasures(header: String)
        /// A table of measures without an issue column: each measure (in the column `header`) is its own issue.
        case measuresAreIssues(header: String)
        /// A column that groups the rows (`header`, in `groups` groups) read as the aspect of a table that has none.
        case groupingColumn(header: String, groups: Int)
        /// The 状态 drop-down's choice and the 整改进度 text read as different progress; the choice wins.
        case statusDisagreement(choice: Progress, text: String, textReads: Progress)
        /// A ledger workbook without its keys column; keys are derived again, so the rows relate to no master.
        case ledgerKeysMissing
        /// A ledger row without a key, keyed `key` (`+1`, `+2`…).
        case ledgerRowWithoutKey(key: String)
        /// A return edits the progress of a measure that belongs to other units (or leaders) than its own.
        case foreignEdit(part: String, owners: [String])
        /// Returns set one field to different values: each return's name and value.
        case conflictingReturns(field: MergeChange.Field, values: [ConflictingValue])
        /// A return names a key the master does not have.
        case unknownKey(key: String)
        /// A return from another master (`identity`) or as-of date (`asOf`): what the master has and what it has.
        case staleReturn(what: StaleReturn, master: String, found: String)
        /// A return changes a field only the office changes.
        case changeRequest(field: Field, old: String, new: String)
        /// A return adds a measure.
        case measureAdded(text: String)
        /// A return lacks one of its unit's measures.
        case measureDeleted(text: String)
        /// A return without its meta sheet.
        case unverifiedReturn

        /// The stable code of this kind of finding.
        public var code: Code {
            switch self {
            case .unknownIssueReference: .unknownIssueReference
            case .missingIssueReference: .missingIssueReference
            case .issueWithoutMeasures: .issueWithoutMeasures
            case .duplicateIssueID: .duplicateIssueID
            case .duplicateMeasureID: .duplicateMeasureID
            case .missingMeasure: .missingMeasure
            case .missingLeader: .missingLeader
            case .missingUnit: .missingUnit
            case .missingOwner: .missingOwner
            case .missingDeadline: .missingDeadline
            case .unparseableDeadline: .unparseableDeadline
            case .impossibleDeadline: .impossibleDeadline
            case .deadlineNeedsFeedbackDate: .deadlineNeedsFeedbackDate
            case .deadlineNeedsPhaseDates: .deadlineNeedsPhaseDates
            case .missingColumn: .missingColumn
            case .countMismatch: .countMismatch
            case .overdue: .overdue
            case .dueSoon: .dueSoon
            case .numberingOutOfSequence: .numberingOutOfSequence
            case .missingNumber: .missingNumber
            case .duplicateMeasure: .duplicateMeasure
            case .unknownStatus: .unknownStatus
            case .extensionRequested: .extensionRequested
            case .unknownClosure: .unknownClosure
            case .closedButNotDone: .closedButNotDone
            case .personNotOnRoster: .personNotOnRoster
            case .personInOtherUnit: .personInOtherUnit
            case .leaderNotLeader: .leaderNotLeader
            case .unrecognizedColumns: .unrecognizedColumn
            case .footerRows: .footerRows
            case .itemsAreMeasures, .measuresAreIssues: .singleLevelItems
            case .groupingColumn: .groupingColumn
            case .statusDisagreement: .statusDisagreement
            case .ledgerKeysMissing: .ledgerKeysMissing
            case .ledgerRowWithoutKey: .ledgerRowWithoutKey
            case .foreignEdit: .foreignEdit
            case .conflictingReturns: .conflictingReturns
            case .unknownKey: .unknownKey
            case .staleReturn: .staleReturn
            case .changeRequest: .changeRequest
            case .measureAdded: .measureAdded
            case .measureDeleted: .measureDeleted
            case .unverifiedReturn: .unverifiedReturn
            }
        }

        /// Errors make the tables wrong; warnings are worth a look; notes say what was done with the input.
        public var defaultSeverity: Severity {
            switch self {
            case .unrecognizedColumns, .footerRows, .itemsAreMeasures, .measuresAreIssues, .groupingColumn:
                .info
            case .overdue, .dueSoon, .numberingOutOfSequence, .missingNumber, .duplicateMeasure, .unknownStatus,
                 .extensionRequested, .unknownClosure, .closedButNotDone, .personNotOnRoster, .personInOtherUnit, .leaderNotLeader,
                 .statusDisagreement, .ledgerRowWithoutKey, .changeRequest, .measureAdded, .measureDeleted, .unverifiedReturn:
                .warning
            default:
                .error
            }
        }
    }
}
