import TabularCore

/// The styles a reader needs: for each `cellXfs` index, how its number format presents numbers.
struct CellStyles {
    /// Kinds by `cellXfs` index.
    var kinds: [NumberFormatKind] = []

    /// Parses `styles.xml`: custom `numFmts`, then the `cellXfs` list (not `cellStyleXfs`).
    static func parse(_ scanner: inout XMLScanner) throws -> CellStyles {
        var custom: [Int: NumberFormatKind] = [:]
        var styles = CellStyles()
        var inCellXfs = false
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            if event == .start {
                if scanner.nameIs("numFmt") {
                    guard let idText = try scanner.attribute("numFmtId"), let id = Int(idText),
                          let code = try scanner.attribute("formatCode")
                    else { throw scanner.error(.malformedXML, "a <numFmt> lacks numFmtId or formatCode") }
                    custom[id] = NumberFormatKind.classify(code)
                } else if scanner.nameIs("cellXfs") {
                    inCellXfs = true
                } else if inCellXfs && scanner.nameIs("xf") {
                    let id = try scanner.attribute("numFmtId").flatMap { Int($0) } ?? 0
                    styles.kinds.append(custom[id] ?? NumberFormatKind.builtIn(id))
                }
            } else if event == .end && scanner.nameIs("cellXfs") {
                inCellXfs = false
            }
        }
        return styles
    }
}
