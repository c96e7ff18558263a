import Foundation
import TabularCore

/// A measure's deadline (完成时限): the original text, and what it means once parsed.
///
/// A deadline can be a date, long-term (长期坚持), immediate (立行立改) or a compound of these such as
/// 立行立改并长期坚持 or 3月底前完成并长期坚持. The original text is always kept.
public struct Deadline: Sendable, Hashable {
    /// Why a deadline could not be given a meaning.
    public enum Fault: Sendable, Hashable {
        /// The cell is empty.
        case missing
        /// The wording is not one the parser knows.
        case unparseable
        /// The wording is known but names no real date, e.g. `2025年2月30日` or `第五季度`.
        case impossible
        /// A relative deadline (`反馈后1个月内`) while no feedback date was given.
        case needsFeedbackDate
    }

    /// The cell's text as written (an ISO date for a date cell).
    public var text: String
    /// The last day on which the measure is on time, when the deadline names one.
    public var due: LocalDateTime?
    /// Whether the measure is long-term or recurring (长期坚持, 持续推进, 常态化, 每月, 每季度 …).
    public var isLongTerm: Bool
    /// Whether the measure is to be rectified at once (立行立改); its due date is the plan's date.
    public var isImmediate: Bool
    /// Whether the due date was counted from the feedback date (反馈后1个月内).
    public var isRelative: Bool
    /// Why the deadline has no meaning, or nil when it parsed.
    public var fault: Fault?

    /// Creates a deadline from its parts.
    public init(
        text: String, due: LocalDateTime? = nil, isLongTerm: Bool = false, isImmediate: Bool = false,
        isRelative: Bool = false, fault: Fault? = nil
    ) {
        self.text = text
        self.due = due
        self.isLongTerm = isLongTerm
        self.isImmediate = isImmediate
        self.isRelative = isRelative
        self.fault = fault
    }
}

/// Turns 完成时限 cells into `Deadline` values; pure, given the dates it needs.
///
/// Accepted forms (after NFKC; Chinese numerals are read as numbers; a trailing 前/以前/之前/内/以内/止/完成 is ignored):
/// `2025-03-31`, `2025/3/31`, `2025.3.31`, `20250331`, `2025年3月31日`; `3月31日` (year from `year`);
/// `2025年3月底`, `3月底`, `3月` (last day of the month); `上半年`, `年中` (30 June); `年底`, `年内`, `年末`,
/// `下半年` (31 December); `第一季度`, `一季度末`, `2季度` (the quarter's last day); `反馈后1个月内`, `3个月内`,
/// `15天内`, `2周内` (from `feedbackDate`); long-term words 长期坚持, 持续推进, 常态化, 长期, 持续, 定期, 每月,
/// 每季度, 每周, 每年; immediate words 立行立改, 立即整改, 即知即改; and compounds joined by 并/且/和/、/，.
public struct DeadlineParser: Sendable {
    /// The year for dates written without one (`3月31日`, `年底前`).
    public var year: Int
    /// The inspection feedback date, from which relative deadlines count; nil makes them a fault.
    public var feedbackDate: LocalDateTime?
    /// The date an immediate (立行立改) measure is due.
    public var immediateDate: LocalDateTime

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - year: the year for dates written without one.
    ///   - feedbackDate: the feedback date for relative deadlines, if known.
    ///   - immediateDate: when 立行立改 measures are due (the plan's date, else the feedback date, else as-of).
    public init(year: Int, feedbackDate: LocalDateTime?, immediateDate: LocalDateTime) {
        self.year = year
        self.feedbackDate = feedbackDate
        self.immediateDate = immediateDate
    }

    /// Parses a cell: a date cell is a date; anything else is read as text.
    public func parse(_ value: CellValue) -> Deadline {
        if case .date(let date) = value {
            return Deadline(text: value.text, due: date.dateOnly)
        }
        return parse(text: value.text)
    }

    /// Parses a deadline text; the result always keeps the text, and says why when it has no meaning.
    public func parse(text: String) -> Deadline {
        var deadline = Deadline(text: text)
        var rest = TextNormalization.textKey(text)
        guard !rest.isEmpty else {
            deadline.fault = .missing
            return deadline
        }
        for word in DeadlineParser.longTermWords where rest.contains(word) {
            deadline.isLongTerm = true
            rest = rest.replacingOccurrences(of: word, with: "|")
        }
        for word in DeadlineParser.immediateWords where rest.contains(word) {
            deadline.isImmediate = true
            rest = rest.replacingOccurrences(of: word, with: "|")
        }
        // What is left between the keywords and connectors is at most one date expression.
        let pieces = rest
            .split(whereSeparator: { "|并且和及、,;。".contains($0) })
            .map { DeadlineParser.trimAffixes(String($0)) }
            .filter { !$0.isEmpty }
        if pieces.isEmpty {
            if deadline.isImmediate { deadline.due = immediateDate }
            if !deadline.isImmediate && !deadline.isLongTerm { deadline.fault = .unparseable }
            return deadline
        }
        guard pieces.count == 1 else {
            deadline.fault = .unparseable
            return deadline
        }
        switch date(from: TextNormalization.arabicNumerals(pieces[0])) {
        case .date(let due, let relative):
            deadline.due = due
            deadline.isRelative = relative
        case .fault(let fault):
            // A recurring measure's day of the period (每月10日前) is not a due date.
            let recurring = DeadlineParser.recurringWords.contains { TextNormalization.textKey(text).contains($0) }
            if !recurring { deadline.fault = fault }
        }
        return deadline
    }

    private enum Outcome {
        case date(LocalDateTime, relative: Bool)
        case fault(Deadline.Fault)
    }

    /// Reads one date expression, already stripped of keywords and affixes, with Arabic numerals.
    private func date(from text: String) -> Outcome {
        let (shape, numbers, digitCounts) = DeadlineParser.shape(of: text)
        func make(_ year: Int, _ month: Int, _ day: Int) -> Outcome {
            guard let date = LocalDateTime(year: year, month: month, day: day) else { return .fault(.impossible) }
            return .date(date, relative: false)
        }
        func monthEnd(_ year: Int, _ month: Int) -> Outcome {
            guard (1...12).contains(month), (1...9999).contains(year) else { return .fault(.impossible) }
            return make(year, month, LocalDateTime.daysInMonth(year: year, month: month))
        }
        func quarterEnd(_ year: Int, _ quarter: Int) -> Outcome {
            guard (1...4).contains(quarter) else { return .fault(.impossible) }
            return monthEnd(year, quarter * 3)
        }
        let hasFullYear = digitCounts.first == 4
        switch shape {
        case "#-#-#", "#/#/#", "#.#.#", "#年#月#日", "#年#月#号", "#年#月#":
            guard hasFullYear else { return .fault(.unparseable) }
            return make(numbers[0], numbers[1], numbers[2])
        case "#" where digitCounts[0] == 8:
            return make(numbers[0] / 10_000, numbers[0] / 100 % 100, numbers[0] % 100)
        case "#月#日", "#月#号":
            return make(year, numbers[0], numbers[1])
        case "#年#月底", "#年#月末", "#年#月", "#年#月份", "#年#月份底", "#-#", "#/#":
            guard hasFullYear else { return .fault(.unparseable) }
            return monthEnd(numbers[0], numbers[1])
        case "#月底", "#月末", "#月", "#月份", "#月份底", "#月中下旬", "#月下旬":
            return monthEnd(year, numbers[0])
        case "#月中旬", "#月中":
            return make(year, numbers[0], 20)
        case "上半年", "年中", "上半年底", "上半年末", "本年中", "今年上半年", "今年年中":
            return make(year, 6, 30)
        case "#年上半年", "#年年中", "#年上半年底", "#年上半年末":
            guard hasFullYear else { return .fault(.unparseable) }
            return make(numbers[0], 6, 30)
        case "年底", "年内", "年末", "年", "下半年", "全年", "今年", "今年底", "今年内", "今年年底", "本年度", "年度",
             "本年":
            return make(year, 12, 31)
        case "#年底", "#年内", "#年末", "#年", "#年下半年", "#年全年", "#年年底", "#年度":
            guard hasFullYear else { return .fault(.unparseable) }
            return make(numbers[0], 12, 31)
        case "第#季度", "#季度", "第#季度末", "#季度末", "第#季度底", "#季度底":
            return quarterEnd(year, numbers[0])
        case "#年第#季度", "#年#季度", "#年第#季度末", "#年#季度末", "#年第#季度底", "#年#季度底":
            guard hasFullYear else { return .fault(.unparseable) }
            return quarterEnd(numbers[0], numbers[1])
        case "反馈后#个月", "#个月", "巡察反馈后#个月", "反馈之日起#个月", "自反馈之日起#个月", "反馈意见后#个月":
            return relative(months: numbers[0])
        case "反馈后#天", "#天", "巡察反馈后#天", "反馈之日起#天", "自反馈之日起#天", "反馈后#日", "反馈意见后#天":
            return relative(days: numbers[0])
        case "反馈后#周", "#周", "巡察反馈后#周", "反馈之日起#周", "自反馈之日起#周", "#个星期":
            return relative(days: numbers[0] * 7)
        default:
            return .fault(.unparseable)
        }
    }

    private func relative(months: Int = 0, days: Int = 0) -> Outcome {
        guard let start = feedbackDate?.dateOnly else { return .fault(.needsFeedbackDate) }
        var year = start.year
        var month = start.month + months
        year += (month - 1) / 12
        month = (month - 1) % 12 + 1
        let day = min(start.day, LocalDateTime.daysInMonth(year: year, month: month))
        guard let shifted = LocalDateTime(year: year, month: month, day: day)?.adding(days: days) else {
            return .fault(.impossible)
        }
        return .date(shifted, relative: true)
    }

    /// The expression's shape with every number as `#`: `2025年3月31日` → (`#年#月#日`, [2025, 3, 31], [4, 1, 2]).
    private static func shape(of text: String) -> (String, [Int], [Int]) {
        var shape = ""
        var numbers: [Int] = []
        var digitCounts: [Int] = []
        var digits = ""
        func flush() {
            guard !digits.isEmpty else { return }
            numbers.append(digits.count <= 9 ? Int(digits) ?? 0 : 0)
            digitCounts.append(digits.count)
            shape += "#"
            digits = ""
        }
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                flush()
                // A literal # must not pass for a number's placeholder (found by fuzzing: "#个星期").
                shape.append(character == "#" ? "\u{FFFD}" : character)
            }
        }
        flush()
        return (shape, numbers, digitCounts)
    }

    /// Strips leading 于/在/截至/截止 and trailing 前/以前/之前/内/以内/之内/止/为止/完成/结束.
    private static func trimAffixes(_ text: String) -> String {
        var text = text
        var changed = true
        while changed {
            changed = false
            for prefix in ["截止到", "截至", "截止", "预计", "力争", "于", "在", "到"] where text.hasPrefix(prefix) {
                text.removeFirst(prefix.count)
                changed = true
            }
            for suffix in ["完成整改", "整改到位", "整改完毕", "以前", "之前", "以内", "之内", "为止", "完成", "结束", "前", "内", "止"]
            where text.hasSuffix(suffix) && text.count > suffix.count {
                text.removeLast(suffix.count)
                changed = true
            }
        }
        return text
    }

    /// Words that make a deadline long-term or recurring, longest first.
    static let longTermWords = [
        "长期坚持", "持续推进", "持续整改", "常态化", "长效", "常抓不懈", "久久为功", "每半年", "每季度", "每月", "每周",
        "每年", "定期", "长期", "持续",
    ]
    /// Words of a recurring measure, which is long-term and has no single due date.
    static let recurringWords = ["每半年", "每季度", "每月", "每周", "每年", "定期"]
    /// Words that make a deadline immediate.
    static let immediateWords = ["立行立改", "立即整改", "即知即改", "马上就改", "立即"]
}

