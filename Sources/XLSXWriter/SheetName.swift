/// Excel's rules for worksheet names, checked in Swift so that libxlsxwriter never has to refuse one.
public enum SheetName {
    /// The longest name Excel accepts, in UTF-16 code units.
    public static let maxLength = 31
    /// Characters Excel forbids in sheet names.
    public static let forbiddenCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Why a name is not a valid sheet name, or nil when it is.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a sheet name cannot be empty" }
        if name.utf16.count > maxLength { return "a sheet name has at most \(maxLength) characters" }
        if let bad = name.first(where: { forbiddenCharacters.contains($0) }) {
            return "a sheet name cannot contain '\(bad)'"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "a sheet name cannot begin or end with an apostrophe" }
        if name.lowercased() == "history" { return "Excel reserves the sheet name 'History'" }
        return nil
    }

    /// Turns any text into a valid sheet name that differs (ignoring case) from every name in `taken`.
    ///
    /// Forbidden characters become `_`, apostrophes at either end are dropped, the name is cut to 31 characters
    /// (never inside a surrogate pair), and a clash gets ` (2)`, ` (3)`… appended within the length limit.
    public static func sanitized(_ proposed: String, avoiding taken: some Sequence<String> = [String]()) -> String {
        var base = String(proposed.map { forbiddenCharacters.contains($0) || $0.isNewline ? "_" : $0 })
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "Sheet" }
        if base.lowercased() == "history" { base += "_" }
        let used = Set(taken.map { $0.lowercased() })
        var candidate = truncated(base, to: maxLength)
        var number = 2
        while used.contains(candidate.lowercased()) {
            let suffix = " (\(number))"
            candidate = truncated(base, to: maxLength - suffix.utf16.count) + suffix
            number += 1
        }
        return candidate
    }

    /// The longest prefix of `text` made of whole characters and at most `limit` UTF-16 code units, without a
    /// trailing apostrophe.
    static func truncated(_ text: String, to limit: Int) -> String {
        var result = ""
        var units = 0
        for character in text {
            let width = character.utf16.count
            if units + width > limit { break }
            result.append(character)
            units += width
        }
        while result.hasSuffix("'") { result.removeLast() }
        return result
    }
}
