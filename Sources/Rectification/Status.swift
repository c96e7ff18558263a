import TabularCore

/// A measure's progress (完成情况) as normalized from its wording; overdue is computed, never typed.
public enum Progress: String, Sendable, Hashable, CaseIterable {
    /// Not started: 未启动, 未开始, an empty cell, 0%.
    case notStarted = "not-started"
    /// Under way: 正在整改, 整改中, 推进中, 正在推进, 部分完成, 基本完成, 持续整改, 1–99%.
    case inProgress = "in-progress"
    /// Done: 已完成, 已整改, 已整改完成, 完成, 已销号, 100%.
    case done = "done"
    /// Done and kept up: 已完成并长期坚持, 已整改完成并长期坚持, 已完成整改并长期坚持.
    case doneOngoing = "done-ongoing"
    /// Wording the parser does not know; counted as not done and reported as `unknown-status`.
    case unrecognized = "unrecognized"

    /// Whether the measure counts as rectified (done, or done and ongoing).
    public var isDone: Bool { self == .done || self == .doneOngoing }
}

/// A measure's status cell: its text as written, the progress it means, and a percentage if one was given.
public struct Status: Sendable, Hashable {
    /// The cell's text as written.
    public var text: String
    /// The normalized progress.
    public var progress: Progress
    /// The percentage, when the cell held one (`60%`, or a number cell: 0.6 or 60).
    public var percent: Double?

    /// Creates a status from its parts.
    public init(text: String, progress: Progress, percent: Double? = nil) {
        self.text = text
        self.progress = progress
        self.percent = percent
    }

    /// Reads a status cell. Number cells are percentages: 0…1 as a fraction (Excel's percent format), above 1 as percent.
    public init(parsing value: CellValue) {
        if case .number(let number) = value {
            let percent = number <= 1 ? number * 100 : number
            self.init(text: value.text, progress: Status.progress(percent: percent), percent: percent)
            return
        }
        self.init(parsing: value.text)
    }

    /// Reads a status text; unknown wording gives `.unrecognized`.
    public init(parsing text: String) {
        var key = TextNormalization.textKey(text).lowercased()
        while let last = key.last, "。.!！".contains(last) { key.removeLast() }
        if key.hasSuffix("%"), let percent = Double(key.dropLast()), (0...100).contains(percent) {
            self.init(text: text, progress: Status.progress(percent: percent), percent: percent)
            return
        }
        self.init(text: text, progress: Status.progress(wording: key))
    }

    private static func progress(percent: Double) -> Progress {
        if percent >= 100 { return .done }
        if percent <= 0 { return .notStarted }
        return .inProgress
    }

    private static func progress(wording key: String) -> Progress {
        if key.isEmpty || notStartedWords.contains(key) { return .notStarted }
        if doneWords.contains(key) { return .done }
        for suffix in ongoingSuffixes where key.hasSuffix(suffix) {
            let head = String(key.dropLast(suffix.count))
            if doneWords.contains(head) { return .doneOngoing }
        }
        if inProgressWords.contains(key) { return .inProgress }
        return .unrecognized
    }

    /// Wordings meaning done.
    static let doneWords: Set<String> = [
        "已完成", "已整改", "已整改完成", "完成", "已销号", "已完成整改", "整改完成", "已整改到位", "整改到位", "已落实",
        "已办结", "办结", "已整改落实", "done", "completed", "complete",
    ]
    /// Suffixes that turn a done wording into done-and-ongoing.
    static let ongoingSuffixes = ["并长期坚持", "并持续推进", "并常态化推进", "并常态化", "长期坚持"]
    /// Wordings meaning under way.
    static let inProgressWords: Set<String> = [
        "正在整改", "整改中", "推进中", "正在推进", "部分完成", "基本完成", "持续整改", "持续推进", "进行中", "正在进行",
        "正在落实", "落实中", "inprogress", "ongoing",
    ]
    /// Wordings meaning not started.
    static let notStartedWords: Set<String> = ["未启动", "未开始", "尚未启动", "尚未开始", "notstarted", "todo"]
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
