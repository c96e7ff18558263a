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


extension Optional where Wrapped == RectificationKind {
    /// How the summary names where the problems came from: 巡察反馈的, 审计指出的, 督办的 … (nothing when the kind
    /// is not known), or the English `raised by the inspection`, `found by the audit`, ….
    func feedbackPhrase(_ language: Language) -> String {
        switch self {
        case .xuncha?: language.pick("巡察反馈的", "raised by the inspection")
        case .xunshi?: language.pick("巡视反馈的", "raised by the inspection tour")
        case .audit?: language.pick("审计指出的", "found by the audit")
        case .ducha?: language.pick("督察反馈的", "raised by the supervision inspection")
        case .duban?: language.pick("督办的", "on the supervision list")
        case .specialCheck?: language.pick("专项检查发现的", "found by the special inspection")
        case nil: ""
        }
    }

    /// The ledger's name after the unit: 巡察反馈问题整改台账, 审计发现问题整改台账, 督办事项整改台账 …, or
    /// 问题整改台账 when the kind is not known.
    func ledgerName(_ language: Language) -> String {
        switch self {
        case .xuncha?: language.pick("巡察反馈问题整改台账", "inspection rectification ledger")
        case .xunshi?: language.pick("巡视反馈问题整改台账", "inspection tour rectification ledger")
        case .audit?: language.pick("审计发现问题整改台账", "audit rectification ledger")
        case .ducha?: language.pick("督察反馈问题整改台账", "supervision inspection rectification ledger")
        case .duban?: language.pick("督办事项整改台账", "supervision list ledger")
        case .specialCheck?: language.pick("专项检查发现问题整改台账", "special inspection rectification ledger")
        case nil: language.pick("问题整改台账", "rectification ledger")
        }
    }
}
