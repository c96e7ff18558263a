import Foundation
import TabularCore

/// A measure's deadline (完成时限): the original text, and what it means once parsed.
///
/// A deadline can be a date, long-term (长期坚持), immediate (立行立改), a plan phase (短期) or a compound of these such
/// as 立行立改并长期坚持 or 3月底前完成并长期坚持. The original text is always kept.
public struct Deadline: Sendable, Hashable {
    /// Why a deadline could not be given a meaning.
    public enum Fault: Sendable, Hashable {
        /// The cell is empty, or holds a placeholder (`【待补】`, `待定`, `—`, `/`, `无`).
        case missing
        /// The wording is not one the parser knows.
        case unparseable
        /// The wording is known but names no real date, e.g. `2025年2月30日` or `第五季度`.
        case impossible
        /// A deadline counted from the feedback date (`反馈后1个月内`, `5个工作日内`) while no feedback date was given,
        /// or an immediate one (`立行立改`) while neither the plan's date nor the feedback date was given.
        case needsFeedbackDate
        /// A plan phase (`短期`, `中期`) whose end date was not given.
        case needsPhaseDates
    }

    /// A phase of a plan that names its deadlines 短期, 中期 and 长期 instead of dates.
    public enum Phase: String, Sendable, Hashable, CaseIterable {
        /// 短期: the short-term phase.
        case short = "短期"
        /// 中期: the medium-term phase.
        case medium = "中期"
        /// 长期: the long-term phase (长期 alone is long-term unless this phase has a date).
        case long = "长期"

        /// Parses a phase's name: 短期, 中期, 长期 (traditional 長期 too) or `short`, `medium`, `long`.
        public init?(named name: String) {
            let key = DeadlineParser.folded(TextNormalization.textKey(name)).lowercased()
            switch key {
            case "短期", "short": self = .short
            case "中期", "medium": self = .medium
            case "长期", "long": self = .long
            default: return nil
            }
        }
    }

    /// The parts of a deadline, held in a `SharedValue`: a province's measures repeat a few dozen readings (the
    /// engine reads each distinct text once), so each measure holds a reference instead of 40 bytes of parts.
    struct Parts: Sendable, Hashable {
        var text: String
        var due: LocalDateTime?
        var isLongTerm = false, isImmediate = false, isRelative = false
        var phase: Phase?
        var fault: Fault?
    }

    private var parts: SharedValue<Parts>

    /// The cell's text as written (an ISO date for a date cell).
    public var text: String {
        get { parts.value.text }
        set { parts.value.text = newValue }
    }
    /// The last day on which the measure is on time, when the deadline names one.
    public var due: LocalDateTime? {
        get { parts.value.due }
        set { parts.value.due = newValue }
    }
    /// Whether the measure is long-term, recurring or open-ended (长期坚持, 持续推进, 常态化, 每月, 2025年起 …).
    public var isLongTerm: Bool {
        get { parts.value.isLongTerm }
        set { parts.value.isLongTerm = newValue }
    }
    /// Whether the measure is to be rectified at once (立行立改); its due date is the plan's date.
    public var isImmediate: Bool {
        get { parts.value.isImmediate }
        set { parts.value.isImmediate = newValue }
    }
    /// Whether the due date was counted from the feedback date (反馈后1个月内).
    public var isRelative: Bool {
        get { parts.value.isRelative }
        set { parts.value.isRelative = newValue }
    }
    /// The plan phase the deadline names (短期), when it names one.
    public var phase: Phase? {
        get { parts.value.phase }
        set { parts.value.phase = newValue }
    }
    /// Why the deadline has no meaning, or nil when it parsed.
    public var fault: Fault? {
        get { parts.value.fault }
        set { parts.value.fault = newValue }
    }

    /// Creates a deadline from its parts.
    public init(
        text: String, due: LocalDateTime? = nil, isLongTerm: Bool = false, isImmediate: Bool = false,
        isRelative: Bool = false, phase: Phase? = nil, fault: Fault? = nil
    ) {
        parts = SharedValue(Parts(
            text: text, due: due, isLongTerm: isLongTerm, isImmediate: isImmediate, isRelative: isRelative, phase: phase,
            fault: fault))
    }
}

/// Turns 完成时限 cells into `Deadline` values; pure, given the dates it needs.
///
/// The text is first NFKC-normalized, stripped of whitespace and folded from traditional to simplified characters
/// for the characters deadlines use (內→内, 週→周, 個→个, 長→长, 後→后, 國→国 …); Chinese numerals are read as
/// numbers. A leading 于/在/到/至/截至/自/从 and a trailing 完成/结束/止 are ignored; a trailing 前/以前/之前, 内/以内/之内
/// or 起/以后/及以后/开始 is kept as a marker that the rules below read. Accepted forms:
///
/// - **Dates**: `2025-03-31`, `2025/3/31`, `2025.3.31`, `20250331`, `2025年3月31日`; `3月31日` (year from `year`);
///   `2025年3月底`, `3月底`, `3月`, `3月前` (the month's last day); `上半年`, `年中` (30 June); `年底`, `年内`, `下半年`,
///   `2025年下半年`, `2027年底前` (31 December); `第一季度`, `一季度末` (the quarter's last day).
/// - **Before a year**: `2027年前`, `2027年以前` are due 2026-12-31, the day before the year starts (a month with 前
///   keeps its last day: `3月前` is 31 March, as offices use it for 3月底前).
/// - **Ranges** `A至B`, `A到B`, `A—B`, `A~B`, and `A-B` when the text has 年 or 月: due at the end B, which takes A's
///   year and A takes B's unit when they leave them out (`3月至6月`, `2025年7月至12月`, `2025年3-6月`); an end before
///   its start without a year of its own is in the next year (`11月至2月`).
/// - **Durations from `feedbackDate`**, with an optional prefix that names the feedback and ends in 后 or 起 (反馈后,
///   巡察反馈后, 自反馈之日起): `N天`, `N日内`, `N周`, `N个星期`, `N个月`, `N月内`, `N年`, `半年`, `N个工作日`, and a count
///   range `1-2年`, `1至2年` (the end: 2 years). `N日` and `N月` count only with 内 or a prefix: `N月内` is N months,
///   since offices write a month of the year as `N月底前`, `N月份内` or `2025年N月内`. A year count has at most two
///   digits. Working days skip Saturdays, Sundays and `nonWorkingDays`; public holidays and weekend make-up working
///   days (调休) are not known unless given. Without a feedback date these are `needsFeedbackDate`.
/// - **Open starts**: `2025年起`, `2025年及以后`, `2019年6月起` are long-term with no due date.
/// - **Phases**: `短期`, `中期` are due on their date in `phaseDates`, else `needsPhaseDates`; `长期` alone is long-term
///   unless `phaseDates` has a date for it.
/// - **Long-term words** 长期坚持, 持续推进, 常态化, 长期, 持续, 定期, 每月, 每季度, 每周, 每年; **immediate words**
///   立行立改, 立即整改, 即知即改, due on `immediateDate` (else `needsFeedbackDate`); compounds joined by 并/且/和/、/，.
/// - **Republic of China dates**: the year plus 1911 when the text says 民国 (`民國105年10月6日`), or when a
///   slash-separated date's year has two or three digits (`105/10/06`); both are 2016-10-06.
/// - **Placeholders** are `missing`, not unparseable: a cell of punctuation only (`—`, `-`, `/`, `【】`), or with no
///   digit and no date word that is a word for “to be filled” or “none” (`【待补】`, `待定`, `待补`, `无`, `暂无`, `空`,
///   `N/A`, `TBD`).
public struct DeadlineParser: Sendable {
    /// The year for dates written without one (`3月31日`, `年底前`).
    public var year: Int
    /// The inspection feedback date, from which relative deadlines count; nil makes them a fault.
    public var feedbackDate: LocalDateTime?
    /// The date an immediate (立行立改) measure is due; nil makes such a deadline a `needsFeedbackDate` fault.
    public var immediateDate: LocalDateTime?
    /// The end date of each plan phase (短期, 中期, 长期) that the plan gives; a phase without one is a fault.
    public var phaseDates: [Deadline.Phase: LocalDateTime]
    /// Days besides Saturdays and Sundays on which no work is counted for `N个工作日内` (public holidays).
    public var nonWorkingDays: Set<LocalDateTime>

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - year: the year for dates written without one.
    ///   - feedbackDate: the feedback date for relative deadlines, if known.
    ///   - immediateDate: when 立行立改 measures are due (the plan's date, else the feedback date), if known.
    ///   - phaseDates: the end of each plan phase (短期, 中期, 长期) the plan gives; default none.
    ///   - nonWorkingDays: public holidays to skip when counting working days; default none (weekends only).
    public init(
        year: Int, feedbackDate: LocalDateTime?, immediateDate: LocalDateTime?,
        phaseDates: [Deadline.Phase: LocalDateTime] = [:], nonWorkingDays: Set<LocalDateTime> = []
    ) {
        self.year = year
        self.feedbackDate = feedbackDate
        self.immediateDate = immediateDate
        self.phaseDates = phaseDates
        self.nonWorkingDays = nonWorkingDays
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
        let key = DeadlineParser.folded(TextNormalization.textKey(text))
        guard !key.isEmpty, !DeadlineParser.isPlaceholder(key) else {
            deadline.fault = .missing
            return deadline
        }
        // 长期 alone is the plan's long phase when that phase has a date, else long-term (below).
        if let end = phaseDates[.long], DeadlineParser.trimAffixes(key).text == Deadline.Phase.long.rawValue {
            deadline.due = end.dateOnly
            deadline.phase = .long
            return deadline
        }
        // 及 joins compounds, but 2025年及以后 is one open start.
        var rest = key.replacingOccurrences(of: "及以后", with: "以后").replacingOccurrences(of: "及之后", with: "之后")
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
            .filter { !$0.text.isEmpty }
        if pieces.isEmpty {
            if deadline.isImmediate {
                if let immediateDate { deadline.due = immediateDate.dateOnly } else { deadline.fault = .needsFeedbackDate }
            } else if !deadline.isLongTerm {
                deadline.fault = .unparseable
            }
            return deadline
        }
        guard pieces.count == 1 else {
            deadline.fault = .unparseable
            return deadline
        }
        switch expression(pieces[0]) {
        case .date(let due, let relative):
            deadline.due = due
            deadline.isRelative = relative
        case .phase(let phase, let due):
            deadline.phase = phase
            deadline.due = due
            if due == nil { deadline.fault = .needsPhaseDates }
        case .openStart:
            deadline.isLongTerm = true
        case .fault(let fault):
            // A recurring measure's day of the period (每月10日前) is not a due date.
            let recurring = DeadlineParser.recurringWords.contains { key.contains($0) }
            if !recurring { deadline.fault = fault }
        }
        return deadline
    }

    private enum Outcome {
        case date(LocalDateTime, relative: Bool)
        case phase(Deadline.Phase, LocalDateTime?)
        case openStart
        case fault(Deadline.Fault)
    }

    /// One date expression with the marker its suffix left (`2027年` + before for `2027年前`).
    struct Piece: Equatable {
        enum Marker { case none, before, within, onward }
        var text: String
        var marker: Marker = .none
    }

    /// Reads one expression, already stripped of keywords and affixes.
    private func expression(_ piece: Piece) -> Outcome {
        var text = TextNormalization.arabicNumerals(piece.text)
        if let phase = Deadline.Phase(rawValue: text) {
            return .phase(phase, phaseDates[phase]?.dateOnly)
        }
        if let gregorian = DeadlineParser.fromRepublicOfChina(text) { text = gregorian }
        if let outcome = duration(text, marker: piece.marker) { return outcome }
        let outcome = DeadlineParser.rangeEnds(of: text).map { range(from: $0.start, to: $0.end, marker: piece.marker) }
            ?? calendar(text, marker: piece.marker == .onward ? .none : piece.marker)
        if piece.marker == .onward {
            // A start with no end (2025年起) is long-term; its date is no deadline.
            if case .date(_, relative: false) = outcome { return .openStart }
            if case .fault = outcome { return outcome }
            return .fault(.unparseable)
        }
        return outcome
    }

    /// A fault as it is; any other outcome where only a plain date will do is unparseable.
    private static func unparseable(unlessFault outcome: Outcome) -> Outcome {
        if case .fault = outcome { return outcome }
        return .fault(.unparseable)
    }

    /// A count of days, weeks, months or years from the feedback date (`3个月`, `5个工作日内`, `反馈后1-2年`), nil
    /// when the text is not one.
    private func duration(_ text: String, marker: Piece.Marker) -> Outcome? {
        let characters = Array(text)
        guard let countStart = characters.firstIndex(where: { $0.isASCII && $0.isNumber || $0 == "半" }) else { return nil }
        let prefix = String(characters[..<countStart])
        // Only the feedback date starts a count: 反馈后, 巡察反馈后, 自反馈之日起, 反馈意见后.
        guard prefix.isEmpty || (prefix.contains("反馈") && (prefix.hasSuffix("后") || prefix.hasSuffix("起"))) else {
            return nil
        }
        var index = countStart
        func digits() -> (value: Int, count: Int)? {
            let start = index
            while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
            guard index > start, index - start <= 9 else { return nil }
            return (Int(String(characters[start..<index]))!, index - start)
        }
        var count = 0
        var countDigits = 1
        var descending = false
        let half = characters[index] == "半"
        if half {
            index += 1
        } else {
            guard let first = digits() else { return nil }
            (count, countDigits) = first
            if index < characters.count, "-~〜至到—―–".contains(characters[index]) {
                index += 1
                // A range of counts (1-2年, 3至5个工作日) ends at its larger count.
                guard let end = digits() else { return nil }
                descending = end.value < first.value
                (count, countDigits) = (end.value, max(first.count, end.count))
            }
        }
        let unit = String(characters[index...])
        let counted = marker == .within || !prefix.isEmpty
        let outcome: Outcome
        switch unit {
        case "年" where half:
            outcome = relative(months: 6)
        case _ where half:
            return nil
        case "天", "个自然日", "自然日":
            outcome = relative(days: count)
        case "日" where counted:
            outcome = relative(days: count)
        case "个工作日", "工作日":
            outcome = relative(workingDays: count)
        case "周", "个周", "星期", "个星期":
            outcome = relative(days: count * 7)
        case "个月":
            outcome = relative(months: count)
        case "月" where counted:
            outcome = relative(months: count)
        case "年" where countDigits <= 2:
            outcome = relative(months: count * 12)
        default:
            return nil
        }
        // A count is no start of an open-ended measure (3个月起), and a range of counts goes up (not 2-1年).
        return marker == .onward || descending ? .fault(.unparseable) : outcome
    }

    /// The end of a range, given its start for the year and the unit the end leaves out or shares.
    private func range(from start: String, to end: String, marker: Piece.Marker) -> Outcome {
        var start = start
        for suffix in ["开始", "起"] where start.hasSuffix(suffix) && start.count > suffix.count {
            start.removeLast(suffix.count)
        }
        // 2025年3-6月: the start takes the end's unit; 2025年7月至12月: the end takes the start's year.
        if start.last?.isASCII == true, start.last?.isNumber == true,
           let unit = end.drop(while: { $0.isASCII && $0.isNumber }).first, !(unit.isASCII && unit.isNumber) {
            start.append(unit)
        }
        let (startShape, startNumbers, startDigits) = DeadlineParser.shape(of: start)
        let endHasYear = end.contains("年")
        var endText = end
        if !endHasYear, startShape.hasPrefix("#年"), startDigits.first == 4 { endText = "\(startNumbers[0])年" + end }
        let startOutcome = calendar(start, marker: .none)
        guard case .date(let first, _) = startOutcome else { return Self.unparseable(unlessFault: startOutcome) }
        let endOutcome = calendar(endText, marker: marker)
        guard case .date(var last, _) = endOutcome else { return Self.unparseable(unlessFault: endOutcome) }
        if last < first, !endHasYear {
            // 11月至2月: the end is in the next year.
            guard case .date(let next, _) = calendar("\(first.year + 1)年" + end, marker: marker) else {
                return .fault(.impossible)
            }
            last = next
        }
        guard first <= last else { return .fault(.unparseable) }
        return .date(last, relative: false)
    }

    /// Reads a calendar date (not a duration, not a range) with Arabic numerals.
    private func calendar(_ text: String, marker: Piece.Marker) -> Outcome {
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
        case "#年" where marker == .before:
            // 2027年前: before the year starts.
            guard hasFullYear else { return .fault(.unparseable) }
            return make(numbers[0] - 1, 12, 31)
        case "#年底", "#年内", "#年末", "#年", "#年下半年", "#年全年", "#年年底", "#年度":
            guard hasFullYear else { return .fault(.unparseable) }
            return make(numbers[0], 12, 31)
        case "第#季度", "#季度", "第#季度末", "#季度末", "第#季度底", "#季度底":
            return quarterEnd(year, numbers[0])
        case "#年第#季度", "#年#季度", "#年第#季度末", "#年#季度末", "#年第#季度底", "#年#季度底":
            guard hasFullYear else { return .fault(.unparseable) }
            return quarterEnd(numbers[0], numbers[1])
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
        guard (1...9999).contains(year) else { return .fault(.impossible) }
        let day = min(start.day, LocalDateTime.daysInMonth(year: year, month: month))
        guard let shifted = LocalDateTime(year: year, month: month, day: day)?.adding(days: days) else {
            return .fault(.impossible)
        }
        return .date(shifted, relative: true)
    }

    /// The `count`-th working day after the feedback date: Saturdays, Sundays and `nonWorkingDays` are skipped.
    private func relative(workingDays count: Int) -> Outcome {
        guard let start = feedbackDate?.dateOnly else { return .fault(.needsFeedbackDate) }
        guard count > 0 else { return .date(start, relative: true) }
        // 1970-01-01 was a Thursday: weekday 0 is Monday … 5 Saturday, 6 Sunday.
        func isWeekend(_ day: Int) -> Bool { ((day + 3) % 7 + 7) % 7 >= 5 }
        let holidays = Set(nonWorkingDays.map(\.daysSinceUnixEpoch)).filter { !isWeekend($0) }
        var day = start.daysSinceUnixEpoch
        // Any seven days in a row hold five weekdays: jump whole weeks, leaving 1…5 working days to step.
        let weeks = (count - 1) / 5
        var remaining = count - weeks * 5
        let jumped = day + weeks * 7
        remaining += holidays.count(where: { $0 > day && $0 <= jumped })
        day = jumped
        while remaining > 0 {
            day += 1
            if !isWeekend(day) && !holidays.contains(day) { remaining -= 1 }
        }
        guard let due = LocalDateTime.fromDaysSinceUnixEpoch(day), due.year <= 9999 else { return .fault(.impossible) }
        return .date(due, relative: true)
    }

    /// The start and end of a range `A至B`, `A到B`, `A—B`, `A~B`, or `A-B` in a text with 年 or 月; nil if none.
    private static func rangeEnds(of text: String) -> (start: String, end: String)? {
        var markers: Set<Character> = ["至", "到", "~", "〜", "—", "―", "–"]
        if text.contains("年") || text.contains("月") { markers.insert("-") }
        guard let index = text.firstIndex(where: { markers.contains($0) }) else { return nil }
        let start = String(text[..<index])
        let end = String(text[index...].drop(while: { markers.contains($0) }))
        guard !start.isEmpty, !end.isEmpty, !end.contains(where: { markers.contains($0) }) else {
            return ("", "")  // an empty or third part: not a range a clerk can read
        }
        return (start, end)
    }

    /// The Gregorian form of a Republic of China date: 民国105年10月6日 → 2016年10月6日, 105/10/06 → 2016/10/06.
    ///
    /// The year is the ROC year plus 1911 when the text starts with 民国 or 中华民国, or when it is a three-part date with slashes
    /// whose year has two or three digits; otherwise nil.
    static func fromRepublicOfChina(_ text: String) -> String? {
        var rest = Substring(text)
        if rest.hasPrefix("中华民国") { rest = rest.dropFirst(2) }
        let marked = rest.hasPrefix("民国")
        if marked { rest = rest.dropFirst(2) }
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        guard let year = Int(digits), (1...3).contains(digits.count) else { return nil }
        let after = rest.dropFirst(digits.count)
        if !marked {
            let (shape, _, _) = shape(of: text)
            guard shape == "#/#/#", digits.count >= 2 else { return nil }
        }
        return "\(year + 1911)" + after
    }

    /// The expression's shape with every number as `#`: `2025年3月31日` → (`#年#月#日`, [2025, 3, 31], [4, 1, 2]).
    static func shape(of text: String) -> (String, [Int], [Int]) {
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

    /// Strips leading 于/在/到/至/截至/自/从 and trailing 完成/结束/止/为止, keeping 前, 内 and 起 as the piece's marker.
    static func trimAffixes(_ text: String) -> Piece {
        var piece = Piece(text: text)
        var changed = true
        while changed {
            changed = false
            for prefix in ["截止到", "截至", "截止", "预计", "力争", "于", "在", "到", "至", "自", "从"]
            where piece.text.hasPrefix(prefix) {
                piece.text.removeFirst(prefix.count)
                changed = true
            }
            for (suffix, marker) in suffixes where piece.text.hasSuffix(suffix) && piece.text.count > suffix.count {
                piece.text.removeLast(suffix.count)
                if piece.marker == .none { piece.marker = marker }
                changed = true
            }
        }
        return piece
    }

    /// Trailing words, longest first, and the marker each leaves.
    private static let suffixes: [(String, Piece.Marker)] = [
        ("完成整改", .none), ("整改到位", .none), ("整改完毕", .none), ("以前", .before), ("之前", .before),
        ("以内", .within), ("之内", .within), ("以后", .onward), ("之后", .onward), ("开始", .onward), ("为止", .none),
        ("完成", .none), ("结束", .none), ("前", .before), ("内", .within), ("起", .onward), ("止", .none),
    ]

    /// Whether a cell only holds a placeholder: punctuation alone, or no digit and no date word, and a word for “to
    /// be filled” (待…, 未定) or for “none” (无, 暂无, 空, 略, N/A, TBD).
    static func isPlaceholder(_ key: String) -> Bool {
        let core = String(String.UnicodeScalarView(key.unicodeScalars.filter {
            !CharacterSet.punctuationCharacters.contains($0) && !CharacterSet.symbols.contains($0)
        })).lowercased()
        if core.isEmpty { return true }
        guard !core.contains(where: { $0.isNumber || TextNormalization.isChineseNumeral($0) }),
              !core.contains(where: { "年月日号天周季旬底末内期".contains($0) }),
              !longTermWords.contains(where: { core.contains($0) }), !immediateWords.contains(where: { core.contains($0) })
        else { return false }
        return core.hasPrefix("待") || core.hasPrefix("暂无") || core.hasPrefix("未定")
            || ["无", "空", "略", "不详", "na", "tbd", "tba", "none", "null", "nil"].contains(core)
    }

    /// Folds the traditional characters that deadlines use to simplified ones (內 → 内, 週 → 周, 個 → 个 …).
    static func folded(_ text: String) -> String {
        guard text.contains(where: { traditional[$0] != nil }) else { return text }
        return String(text.map { traditional[$0] ?? $0 })
    }

    /// Traditional characters of deadline words and their simplified forms; characters the two scripts share
    /// (年 月 日 至 及 以 前 期 底 季 度) need no entry.
    private static let traditional: [Character: Character] = [
        "內": "内", "週": "周", "個": "个", "長": "长", "後": "后", "兩": "两", "國": "国", "號": "号", "為": "为",
        "堅": "坚", "續": "续", "態": "态", "進": "进", "補": "补", "無": "无", "暫": "暂", "當": "当", "於": "于",
        "從": "从", "開": "开", "饋": "馈", "見": "见", "畢": "毕", "結": "结", "預": "预", "計": "计", "爭": "争",
        "馬": "马", "屆": "届", "滿": "满", "時": "时", "間": "间", "華": "华",
    ]

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

