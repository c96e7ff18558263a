@testable import Rectification
import TabularCore
import Testing

/// A printed table repeats its header after a page break; such a row is not data. Rows written by hand.
@Suite("Repeated header rows are not data")
struct RepeatedHeaderTests {
    static func layout(_ rows: [[CellValue]], overrides: [String: Field] = [:]) throws -> TableLayout {
        let table = Table(name: "任务表", file: "tasks.csv",
                          rows: rows.enumerated().map { Row(cells: $1, line: $0 + 1) })
        return try TableLayout(table: table, kind: .tasks, overrides: overrides, fillLevels: [])
    }

    static func texts(_ cells: [String]) -> [CellValue] { cells.map { $0.isEmpty ? .empty : .text($0) } }

    @Test("the header repeated as written, or with other spaces and full-width forms, is dropped; numbers are data")
    func chineseHeader() throws {
        let header = ["序号", "问题编号", "整改措施", "完成时限"]
        let layout = try Self.layout([
            Self.texts(header),
            [.number(1), .text("(1)"), .text("措施1"), .text("2025年3月31日")],
            Self.texts(header),
            Self.texts([" 序号", "问题编号\u{3000}", "整改措施", "完成时限 "]),
            [.number(2), .text("(2)"), .text("措施2"), .text("2025年6月30日")],
            Self.texts(["1", "(3)", "措施3", "长期坚持"]),
            [.number(4), .bool(true), .text("措施4"), .empty],
        ])
        #expect(layout.rows.map(\.line) == [2, 5, 6, 7])
    }

    @Test("ASCII headers named by a mapping: the repeated header is dropped, ASCII data kept")
    func asciiHeader() throws {
        let layout = try Self.layout([
            Self.texts(["id", "measure", "deadline"]),
            Self.texts(["1-1", "fix it", "2025-06-30"]),
            Self.texts(["id", "measure", "deadline"]),
            Self.texts(["ｉｄ", "measure", " deadline"]),
            Self.texts(["1-2", "measure", "deadline"]),
        ], overrides: ["id": .id, "measure": .measure, "deadline": .deadline])
        #expect(layout.rows.map(\.line) == [2, 5])
    }
}
