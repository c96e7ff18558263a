public import Rectification
import TabularCore

/// The language of messages, summaries and workbooks.
public enum Language: String, Sendable, Hashable, CaseIterable {
    /// Simplified Chinese, the default.
    case chinese = "zh"
    /// English.
    case english = "en"

    /// Picks the text for this language.
    public func pick(_ chinese: String, _ english: String) -> String {
        self == .chinese ? chinese : english
    }
}

extension Progress {
    /// The label reports use: 已完成, 已完成并长期坚持, 正在推进, 未启动, 无法识别 (or the English words).
    public func label(_ language: Language = .chinese) -> String {
        switch self {
        case .notStarted: language.pick("未启动", "not started")
        case .inProgress: language.pick("正在推进", "in progress")
        case .done: language.pick("已完成", "done")
        case .doneOngoing: language.pick("已完成并长期坚持", "done, kept up")
        case .unrecognized: language.pick("无法识别", "not understood")
        }
    }
}

extension Deadline {
    /// A short label for ledgers and reports: `2025-03-31`, `长期坚持`, `立行立改（2025-03-11）`,
    /// `2025-03-11 起长期坚持` for a compound, `无法识别` for a fault (English: `long-term`, `immediate (…)`, …).
    public func label(_ language: Language = .chinese) -> String {
        if fault != nil { return language.pick("无法识别", "not understood") }
        let date = due?.isoDate
        switch (isLongTerm, isImmediate, date) {
        case (true, _, let date?): return language.pick("\(date) 起长期坚持", "by \(date), then long-term")
        case (true, _, nil): return language.pick("长期坚持", "long-term")
        case (false, true, let date?): return language.pick("立行立改（\(date)）", "immediate (\(date))")
        case (false, _, let date?): return date
        default: return language.pick("无法识别", "not understood")
        }
    }
}

