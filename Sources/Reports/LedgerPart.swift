import Foundation
import Rectification

/// One unit's or leader's share of a reconciliation (`Reconciliation.slices(by:)`) with the name its workbook
/// and title carry.
struct LedgerPart {
    /// Whether the part is a unit's or a leader's.
    let key: Reconciliation.Grouping
    /// The unit or leader as written (or the "none named" label).
    let name: String
    /// The share.
    let result: Reconciliation

    /// The parts in order of first appearance; measures naming no unit (leader) form a last part.
    static func parts(of result: Reconciliation, by key: Reconciliation.Grouping, language: Language) -> [LedgerPart] {
        result.slices(by: key).map { slice in
            LedgerPart(key: key, name: slice.name ?? LedgerLabels(language).noGroup(key), result: slice.result)
        }
    }

    /// A file name (without extension) for a group: characters file systems refuse become `_`, at most 80 characters.
    static func fileName(_ name: String) -> String {
        let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var result = String(name.map { forbidden.contains($0) || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) ? "_" : $0 })
        result = result.trimmingCharacters(in: .whitespaces)
        while result.hasPrefix(".") { result.removeFirst() }
        while result.hasSuffix(".") { result.removeLast() }
        if result.count > 80 { result = String(result.prefix(80)) }
        return result.isEmpty ? "_" : result
    }
}
