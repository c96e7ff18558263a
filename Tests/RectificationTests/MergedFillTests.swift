@testable import Rectification
import TabularCore
import Testing

/// Merged areas filled into a sheet's rows before its header is searched: each area's top-left value copied into the
/// cells of the area still empty, in the rows present. Expected rows written by hand from the areas.
@Suite("Merged areas filled into the rows")
struct MergedFillTests {
    /// Rows from literal cells and their line numbers; empty strings are empty cells.
    static func rows(_ rows: [(Int, [String])]) -> [Row] {
        rows.map { line, cells in Row(cells: cells.map { $0.isEmpty ? .empty : .text($0) }, line: line) }
    }

    static func filled(_ rows: [(Int, [String])], merged: [String]) -> [Row] {
        let table = Table(name: "台账", file: "ledger.xlsx", rows: Self.rows(rows),
                          mergedRanges: merged.compactMap { CellRange(a1: $0) })
        return TableLayout.fillingMerged(table)
    }

    @Test("a vertical area fills the rows present under its top cell, a missing line skipped, a short row kept short")
    func vertical() {
        let rows = Self.filled([(1, ["甲", "x"]), (2, ["", "y"]), (4, ["", "z", ""]), (5, ["", ""]), (6, ["", "w"])],
                               merged: ["A1:A5"])
        #expect(rows == Self.rows([(1, ["甲", "x"]), (2, ["甲", "y"]), (4, ["甲", "z", ""]), (5, ["甲", ""]), (6, ["", "w"])]))
    }

    @Test("overlapping areas fill in the order the sheet lists them; a cell already written is kept")
    func overlapping() {
        let sheet = [(1, ["a", "b", ""]), (2, ["", "", ""]), (3, ["", "", ""])]
        #expect(Self.filled(sheet, merged: ["A1:B2", "B1:C3"])
            == Self.rows([(1, ["a", "b", "b"]), (2, ["a", "a", "b"]), (3, ["", "b", "b"])]))
        #expect(Self.filled(sheet, merged: ["B1:C3", "A1:B2"])
            == Self.rows([(1, ["a", "b", "b"]), (2, ["a", "b", "b"]), (3, ["", "b", "b"])]))
    }

    @Test("areas are clipped to the rows and columns present; a short row is padded to the columns an area covers")
    func clipped() {
        let sheet = [(1, ["标题"]), (2, ["序号", "措施", "完成"]), (3, ["1", "x", ""])]
        #expect(Self.filled(sheet, merged: ["A1:XFD1", "C3:C1048576", "E2:F3", "A9:B12"])
            == Self.rows([(1, ["标题", "标题", "标题"]), (2, ["序号", "措施", "完成"]), (3, ["1", "x", ""])]))
    }

    @Test("rows out of line order: each line's first row is filled")
    func outOfOrder() {
        let rows = Self.filled([(1, ["甲", ""]), (3, ["", ""]), (2, ["", ""]), (2, ["", "重复"])], merged: ["A1:A3"])
        #expect(rows == Self.rows([(1, ["甲", ""]), (3, ["甲", ""]), (2, ["甲", ""]), (2, ["", "重复"])]))
    }
}

/// A table filled before it is reconciled (what `merge` and `diff` do with a ledger just read, so that the rows are
/// filled in place rather than copied): the same cells as the reconciliation's own fill, and no areas left to fill
/// again. Expected cells and plan written by hand from the areas.
@Suite("Merged areas filled before reconciling")
struct MergedFillBeforeReconcilingTests {
    @Test("the rows are filled as the reconciliation would fill them and the areas are forgotten")
    func filledAndForgotten() {
        var table = Table(name: "台账", file: "ledger.xlsx", rows: MergedFillTests.rows(
            [(1, ["甲", "x"]), (2, ["", "y"]), (4, ["", "z", ""]), (5, ["", ""]), (6, ["", "w"])]),
            mergedRanges: [CellRange(a1: "A1:A5")!])
        table.fillMergedAreasForReconciliation()
        #expect(table.rows == MergedFillTests.rows(
            [(1, ["甲", "x"]), (2, ["甲", "y"]), (4, ["甲", "z", ""]), (5, ["甲", ""]), (6, ["", "w"])]))
        #expect(table.mergedRanges.isEmpty)
        let once = table.rows
        table.fillMergedAreasForReconciliation()
        #expect(table.rows == once, "a second fill has no areas left")
    }

    @Test("a table without merged areas is left as it is")
    func noAreas() {
        var table = Table(name: "任务", file: "tasks.csv", rows: MergedFillTests.rows([(1, ["序号", ""]), (2, ["", "x"])]))
        table.fillMergedAreasForReconciliation()
        #expect(table.rows == MergedFillTests.rows([(1, ["序号", ""]), (2, ["", "x"])]))
    }

    @Test("a workbook's merged banner, two-row header and merged issue cells read the same once filled beforehand")
    func reconciledAfterFilling() throws {
        var tasks = mergedTaskBreakdown()
        tasks.fillMergedAreasForReconciliation()
        #expect(tasks.rows[0].cells == Array(repeating: .text("整改任务分解表"), count: 8))
        #expect(tasks.rows[4].cells[1] == .text("(1)"))
        let result = try Reconciliation(issues: smallIssues, tasks: tasks, configuration: .init(asOf: seedAsOf))
        #expect(result.findings.isEmpty)
        #expect(result.plan.measures.map(\.issue?.rawValue) == ["1", "1", "2", "3", "4"])
        #expect(result.plan.measures[1][.issue] == "(1)", "the merged cell's value is filled in")
    }
}
