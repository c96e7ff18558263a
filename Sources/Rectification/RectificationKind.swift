import Foundation

/// What kind of review raised the problems: it decides the words of the summary and the ledger's title.
public enum RectificationKind: String, Sendable, Hashable, CaseIterable {
    /// 巡察, a Party inspection tour of a county-level or lower unit.
    case xuncha = "巡察"
    /// 巡视, an inspection tour by a higher Party committee.
    case xunshi = "巡视"
    /// 审计, an audit.
    case audit = "审计"
    /// 督察, a supervision inspection (e.g. of environmental protection).
    case ducha = "督察"
    /// 督办, items the office supervises to completion (督办清单).
    case duban = "督办"
    /// 专项检查, a special inspection.
    case specialCheck = "专项检查"

    /// The kind named by a value as users give it: its Chinese word or its English name (xuncha, audit, …).
    public init?(named name: String) {
        let key = TextNormalization.textKey(TextNormalization.simplified(name)).lowercased()
        let english: [String: RectificationKind] = [
            "xuncha": .xuncha, "xunshi": .xunshi, "audit": .audit, "ducha": .ducha, "inspection": .ducha,
            "duban": .duban, "supervision": .duban, "special": .specialCheck, "specialcheck": .specialCheck,
        ]
        guard let kind = RectificationKind(rawValue: key) ?? english[key] else { return nil }
        self = kind
    }

    /// The kind a table's title or a file's name mentions (the earliest word wins within a text; texts in the
    /// order given), or nil when none does.
    public static func inferred(from texts: [String]) -> RectificationKind? {
        for text in texts {
            let simplified = TextNormalization.simplified(text)
            let found = allCases.compactMap { kind in simplified.range(of: kind.rawValue).map { (kind, $0.lowerBound) } }
            if let earliest = found.min(by: { $0.1 < $1.1 }) { return earliest.0 }
        }
        return nil
    }
}
