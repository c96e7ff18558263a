import Rectification
import TabularCore
import TestSupport
import Testing

/// Reads Samples/rectification/tasks.xlsx through openpyxl (an independent reader) into a Table — typed cells and
/// merged ranges as a workbook reader delivers them — and reconciles it.
@Suite("The seed sample as a merged-cell workbook")
struct WorkbookSampleTests {
    func workbookTable() throws -> Table {
        let dump = try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.active
            rows = []
            for r in ws.iter_rows():
                cells = []
                for c in r:
                    v = c.value
                    if v is None: cells.append(None)
                    elif hasattr(v, 'year'): cells.append({'date': [v.year, v.month, v.day]})
                    elif isinstance(v, (int, float)): cells.append({'number': v})
                    else: cells.append(str(v))
                rows.append(cells)
            print(json.dumps({'rows': rows, 'merged': [str(m) for m in ws.merged_cells.ranges]}))
            """, [packageRootPath + "/Samples/rectification/tasks.xlsx"]) as? [String: Any]
        let rows = try #require(dump?["rows"] as? [[Any]])
        let merged = try #require(dump?["merged"] as? [String])
        return Table(
            name: "任务分解表", file: "tasks.xlsx", sheet: "任务分解表",
            rows: rows.enumerated().map { index, cells in
                Row(cells: cells.map { cell in
                    if let text = cell as? String { return .text(text) }
                    if let object = cell as? [String: Any], let parts = object["date"] as? [Int] {
                        return .date(day(parts[0], parts[1], parts[2]))
                    }
                    if let object = cell as? [String: Any], let number = object["number"] as? Double { return .number(number) }
                    return .empty
                }, line: index + 1)
            },
            mergedRanges: merged.compactMap { CellRange(a1: $0) })
    }

    @Test("title banner, two-row header, merged levels and date cells read as the CSV does")
    func reconcilesLikeTheCSV() throws {
        let workbook = try workbookTable()
        #expect(workbook.mergedRanges.count > 10, "the sample has merged cells")
        let configuration = Reconciliation.Configuration(asOf: seedAsOf, planDate: day(2025, 3, 11))
        let fromWorkbook = try Reconciliation(issues: try sample("issues.csv"), tasks: workbook, configuration: configuration)
        let fromCSV = try Reconciliation(issues: try sample("issues.csv"), tasks: try sample("tasks.csv"), configuration: configuration)
        #expect(fromWorkbook.summary == fromCSV.summary)
        #expect(fromWorkbook.summary.measures == 47)
        #expect(fromWorkbook.codes == ["missing-number", "missing-number"])
        #expect(fromWorkbook.plan.taskColumns.map(\.header)[6...8] == ["责任领导", "责任单位", "责任人"])
        #expect(fromWorkbook.plan.measures.first?.line == 4, "data starts below the banner and the two header rows")
        #expect(fromWorkbook.plan.measures.map(\.issue) == fromCSV.plan.measures.map(\.issue))
        #expect(fromWorkbook.plan.measures.map(\.key) == fromCSV.plan.measures.map(\.key))
        #expect(fromWorkbook.plan.measures.map(\.deadline.due) == fromCSV.plan.measures.map(\.deadline.due))
        let dated = try #require(fromWorkbook.plan.measures.first { $0.deadline.text == "2025-04-30" })
        #expect(dated.cells.first { $0.field == .deadline }?.value == .date(day(2025, 4, 30)))
    }

    @Test("without issue definitions, the workbook's merged 方面/问题 columns give the outline")
    func derivesOutline() throws {
        let result = try Reconciliation(issues: nil, tasks: try workbookTable(), configuration: .init(asOf: seedAsOf))
        #expect([result.summary.aspects, result.summary.problems, result.summary.issues, result.summary.measures] == [4, 10, 31, 47])
    }
}
