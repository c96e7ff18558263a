import Foundation
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
        /// The plan's date, when immediate (立行立改) measures are due; default nil: the feedback date, else as-of
        /// (so that an unfinished 立行立改 measure is due today, reported as due soon rather than overdue).
        public var planDate: LocalDateTime?
        /// A measure not done and due within this many days (today included) is `due-soon`; default 7.
        public var dueSoonDays: Int
        /// The language of findings' messages; default Chinese.
        public var language: Language
        /// User mappings from a header (compared after NFKC, trimming, lowercasing) to a field; default none.
        public var headerMapping: [String: Field]
        /// Claimed counts to check, e.g. `measures=44`; default none.
        public var expectations: [CountExpectation]

        /// Creates a configuration with the defaults above.
        public init(
            asOf: LocalDateTime, year: Int? = nil, feedbackDate: LocalDateTime? = nil, planDate: LocalDateTime? = nil,
            dueSoonDays: Int = 7, language: Language = .chinese, headerMapping: [String: Field] = [:],
            expectations: [CountExpectation] = []
        ) {
            self.asOf = asOf
            self.year = year
            self.feedbackDate = feedbackDate
            self.planDate = planDate
            self.dueSoonDays = dueSoonDays
            self.language = language
            self.headerMapping = headerMapping
            self.expectations = expectations
        }

        /// Adds a `HEADER=field` mapping as the command line gives it, e.g. `负责同志=owner` or `负责同志=责任人`.
        ///
        /// - Throws: `RectificationError` `bad-header-mapping` when there is no `=`, the header is empty, or the
        ///   field is neither a `Field` raw value nor a recognized header word.
        public mutating func addHeaderMapping(_ argument: String) throws {
            guard let equals = argument.lastIndex(of: "=") else {
                throw RectificationError(
                    .badHeaderMapping, message: "header mapping “\(argument)” is not HEADER=field", value: argument)
            }
            let header = String(argument[..<equals])
            let name = String(argument[argument.index(after: equals)...])
            guard !TextNormalization.headerKey(header).isEmpty else {
                throw RectificationError(
                    .badHeaderMapping, message: "header mapping “\(argument)” names no header", value: argument)
            }
            guard let field = Field(named: name) else {
                let names = Field.allCases.map(\.rawValue).joined(separator: ", ")
                throw RectificationError(
                    .badHeaderMapping, message: "header mapping “\(argument)”: unknown field “\(name)”; use one of \(names)",
                    value: name)
            }
            headerMapping[TextNormalization.headerKey(header)] = field
        }

        /// Parses a date option (`--as-of`, `--feedback-date`, `--plan-date`): a full date with its year, in any form a
        /// deadline may take — `2025-12-04`, `2025/12/4`, `2025.12.4`, `20251204`, `2025年12月4日`.
        ///
        /// - Throws: `RectificationError` `bad-date` when the text is not a real date with a year.
        public static func date(parsing text: String) throws -> LocalDateTime {
            let parser = DeadlineParser(year: 1, feedbackDate: nil, immediateDate: LocalDateTime(year: 1, month: 1, day: 1)!)
            let deadline = parser.parse(text: text)
            let key = TextNormalization.textKey(text)
            let hasYear = key.prefix(4).allSatisfy { $0.isASCII && $0.isNumber } && key.count >= 8
            guard hasYear, let due = deadline.due, deadline.fault == nil, !deadline.isLongTerm, !deadline.isImmediate,
                  !deadline.isRelative, !key.hasSuffix("底"), !key.hasSuffix("末"), key.last?.isNumber == true || key.hasSuffix("日")
            else {
                throw RectificationError(
                    .badDate, message: "“\(text)” is not a date; write it as 2025-12-04 or 2025年12月4日", value: text)
            }
            return due
        }

        /// The year used for dates written without one.
        var effectiveYear: Int { year ?? asOf.year }

        /// The date immediate measures are due: the plan's date, else the feedback date, else as-of.
        var immediateDate: LocalDateTime { (planDate ?? feedbackDate ?? asOf).dateOnly }

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

    /// Parses `measures=44` (also 措施=44, 问题=10, 方面=4, 具体问题=31).
    ///
    /// - Throws: `RectificationError` `bad-expectation` when the text is not SUBJECT=COUNT.
    public init(parsing text: String) throws {
        let parts = TextNormalization.normalized(text).split(separator: "=", maxSplits: 1).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let aliases: [String: Subject] = [
            "aspects": .aspects, "aspect": .aspects, "方面": .aspects,
            "problems": .problems, "problem": .problems, "问题": .problems,
            "issues": .issues, "issue": .issues, "具体问题": .issues,
            "measures": .measures, "measure": .measures, "措施": .measures,
        ]
        guard parts.count == 2, let subject = aliases[parts[0].lowercased()], let count = Int(parts[1]), count >= 0 else {
            throw RectificationError(
                .badExpectation,
                message: "expectation “\(text)” is not SUBJECT=COUNT with SUBJECT one of aspects, problems, issues, measures",
                value: text)
        }
        self.init(subject, count)
    }
}
