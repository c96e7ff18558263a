import TabularCore

/// A measure's progress (完成情况) as read from its wording; overdue is computed, never typed.
///
/// `Status(parsing:column:)` decides it by what the words mean, not by matching whole cells; see `Status` for the
/// rules and their order.
public enum Progress: String, Sendable, Hashable, CaseIterable {
    /// Not started: a negation with no sign of work begun (未启动, 未开始, 尚未启动, 未整改, 未完成, 待办理), ×, 否 in a
    /// 是否完成 column, an empty cell, 0%.
    case notStarted = "not-started"
    /// Under way: work begun but not finished (正在整改, 整改中, 推进中, 推进缓慢, 部分完成, 基本完成, 阶段性, 持续整改,
    /// 达到序时进度, 预计…完成), a negation next to work begun (尚未完成 while 正在推进), an extension (申请延期, 已延期),
    /// keeping-up words with nothing done (仍须持续定期追踪), 1–99%.
    case inProgress = "in-progress"
    /// Done: 已完成, 已经完成, 已整改完成, 该问题已完成整改, 已办结, 已结案, 整改到位, 完成, ✓, √, 是 in a 是否完成
    /// column, 100%; in prose also an action reported as taken (已于5月30日通车, 出台了…制度, 清理往来款项15笔).
    case done = "done"
    /// Done and kept up: a done reading with 长期坚持, 常态化, 持续推进, 仍须持续 (or another 持续/长效 word) anywhere in
    /// the cell: 已完成并长期坚持, 已完成，长期坚持, 已经完成,长期坚持.
    case doneOngoing = "done-ongoing"
    /// Wording that says none of the above (a plan, a description with no result, a table of numbers); counted as a
    /// bucket of its own and reported as `unknown-status`.
    case unrecognized = "unrecognized"

    /// Whether the measure counts as rectified (done, or done and ongoing).
    public var isDone: Bool { self == .done || self == .doneOngoing }
}

/// A measure's status cell: its text as written, the progress it means, a percentage if one was given, and whether
/// it asks for an extension.
///
/// How a cell is read, after NFKC (full-width to half-width), lowercasing, folding of the traditional characters
/// status words use (進→进, 結→结, 長→长, 續→续 …) and 已经 → 已:
/// 1. **Whole-cell forms.** Empty → not started (a status column left blank in a plan means nothing reported yet;
///    see the README). A bare percentage: 0% not started, 1–99% in progress, 100% done, anything else
///    unrecognized. ✓ √ ✔ ☑ → done, × ✗ ✘ ☒ → not started. In a `.yesNo` column (是否完成) the first word
///    decides: 是 / Y / yes / √ → done (done-and-ongoing with an ongoing word after it: 是，长期坚持), 否 / N / no / ×
///    → not started, or in progress when the rest says work has begun (否，正在推进; 否，申请延期 is an extension).
/// 2. **Markers.** Otherwise the cell is cut into sentences at `。 ! ? ;` and line breaks, and each sentence is
///    scanned for markers, longest first:
///    - *negation*: 未/没有/无 + (up to 4 characters) + a progress verb (完成, 整改, 启动, 开始, 开展, 落实, 实施, 到位,
///      办结, 解决, 进展 …), 尚未 / 暂未 / 仍未 with or without a verb, 待 + verb (待办理), 不到位; 未全部 / 未完全 count
///      as *partial*, 未销号 says nothing about progress;
///    - *partial*: 正在, 仍在, …中 (整改中, 推进中, 进行中), 推进, 缓慢, 滞后, 部分…, 基本…, 初步, 阶段性, 持续整改,
///      序时进度, 启动, 开始, 着手, and a completion planned for later (预计/力争/确保/拟 … 完成, 6月底前完成);
///    - *done*: 完成 (not 完成情况/完成率 or 完成 + a count), 办结, 结案, 到位, 销号, 竣工, and an action reported as
///      taken: 已 + anything (已完成, 已于…通车, 已清理…), or 了 after a verb with an object after it (出台了…制度),
///      or a result counted at the end of a clause (清理往来款项15笔, 追回资金146万元), unless the count states what
///      exists or was found (有3项, 共15笔, 涉及资金15万元, 发现问题6个) or the clause is a plan;
///    - *extension*: 延期, 顺延, 延长…期限/时限;
///    - *ongoing*: 长期坚持, 常态化, 持续 (持续推进, 仍须持续), 长效, 长期;
///    - a percentage counts only in a clause that says what it measures (完成, 进度, 进展): 已完成年度目标的55%.
/// 3. **Conflicts.** The *last* sentence with a negation, partial, done or extension marker decides (a progress
///    paragraph is written in time order; what it says last is the latest state). Within that sentence the least
///    finished reading wins: extension (→ in progress, `isExtension`), then negation, then partial, then done.
///    A negation reads as not started only when nothing in the whole cell says work has begun (a partial, done,
///    extension or ongoing marker); otherwise in progress (尚未完成 … 正在推进).
/// 4. **Ongoing.** Ongoing markers are not a status on their own: anywhere in the cell they make a done reading
///    done-and-ongoing; in a cell with no other marker they read as in progress (仍须持续定期追踪).
/// 5. A cell with no marker at all is `.unrecognized`.
public struct Status: Sendable, Hashable {
    /// What a status column asks, which decides how a bare 是 or 否 reads.
    public enum ColumnKind: Sendable, Hashable {
        /// A progress column (完成情况, 整改进展, 整改落实情况): text, prose, percentages; 是/否 alone are not understood.
        case progress
        /// A yes/no column (是否完成): 是 / 否, √ / ×, Y / N mean done / not started; other text is read as progress.
        case yesNo
    }

    /// The parts of a status, held in a `SharedValue` as `Deadline`'s are: a table repeats a few status words, each
    /// read once, so each measure holds a reference instead of 40 bytes of parts.
    struct Parts: Sendable, Hashable {
        var text: String
        var progress: Progress
        var percent: Double?
        var isExtension: Bool
    }

    private var parts: SharedValue<Parts>

    /// The cell's text as written, kept whole for display (a prose paragraph included).
    public var text: String {
        get { parts.value.text }
        set { parts.value.text = newValue }
    }
    /// The progress the text means.
    public var progress: Progress {
        get { parts.value.progress }
        set { parts.value.progress = newValue }
    }
    /// The percentage, when the cell held one (`60%`, a number cell 0.6 or 60, or 55% in a sentence about
    /// completion).
    public var percent: Double? {
        get { parts.value.percent }
        set { parts.value.percent = newValue }
    }
    /// Whether the deciding sentence asks for or records an extension (申请延期, 已延期); the progress is then
    /// in progress and reconciliation reports `extension-requested`.
    public var isExtension: Bool {
        get { parts.value.isExtension }
        set { parts.value.isExtension = newValue }
    }

    /// Creates a status from its parts.
    public init(text: String, progress: Progress, percent: Double? = nil, isExtension: Bool = false) {
        parts = SharedValue(Parts(text: text, progress: progress, percent: percent, isExtension: isExtension))
    }

    /// Reads a status cell.
    ///
    /// Number cells are percentages: 0…1 as a fraction (Excel's percent format), above 1 as percent; 100 and more
    /// is done, 0 or less not started (so in a yes/no column 1 and 0 read as done and not started). A boolean cell
    /// (a checkbox) is done when true, not started when false. Text is read as `init(parsing:column:)` describes.
    ///
    /// - Parameters:
    ///   - value: the cell.
    ///   - column: what the column asks; `.yesNo` for a 是否完成 column.
    public init(parsing value: CellValue, column: ColumnKind = .progress) {
        switch value {
        case .number(let number):
            let percent = number <= 1 ? number * 100 : number
            let progress: Progress = percent >= 100 ? .done : percent <= 0 ? .notStarted : .inProgress
            self.init(text: value.text, progress: progress, percent: percent)
        case .bool(let flag):
            self.init(text: value.text, progress: flag ? .done : .notStarted)
        default:
            self.init(parsing: value.text, column: column)
        }
    }

    /// Reads a status text by its meaning (see the type's documentation for the rules and their order); wording
    /// with no status marker gives `.unrecognized`. `text` keeps the input as written.
    ///
    /// - Parameters:
    ///   - text: the cell's text, from one word to a paragraph.
    ///   - column: what the column asks; `.yesNo` for a 是否完成 column.
    public init(parsing text: String, column: ColumnKind = .progress) {
        let reading = StatusReader.read(text, column: column)
        self.init(text: text, progress: reading.progress, percent: reading.percent, isExtension: reading.isExtension)
    }
}

/// Whether a measure has been signed off (销号), kept apart from its progress.
public enum Closure: String, Sendable, Hashable, CaseIterable {
    /// 未销号 (or 否).
    case open = "open"
    /// 申请销号.
    case requested = "requested"
    /// 已销号 (or 是).
    case closed = "closed"

    /// Reads a 销号状态 / 是否销号 cell; nil for an empty cell or unknown wording (the caller reports the latter).
    public init?(parsing text: String) {
        switch TextNormalization.textKey(text).lowercased() {
        case "未销号", "否", "no", "open": self = .open
        case "申请销号", "已申请销号", "销号申请中", "requested": self = .requested
        case "已销号", "是", "销号", "yes", "closed": self = .closed
        default: return nil
        }
    }
}
