import TabularCore
import Testing

/// Rows from lines of comma-separated texts (no quoting), numbered from 1.
private func rows(_ lines: [String]) -> [Row] {
    lines.enumerated().map { index, line in
        Row(cells: line.split(separator: ",", omittingEmptySubsequences: false).map { $0.isEmpty ? .empty : .text(String($0)) },
            line: index + 1)
    }
}

@Suite("Finding the header below title rows")
struct HeaderSearchTests {
    @Test("the first row with two distinct texts is the header", arguments: [
        (["姓名,部门", "张三,1"], 0),
        (["2025年第一季度职工花名册", "", "姓名,部门", "张三,1"], 2),
        (["花名册,花名册,花名册", "姓名,部门,电话"], 1),          // a merged banner filled across its cells
        ([" 花名册 ,\u{3000}花名册\u{200B}", "姓名,部门"], 1),    // the same text after trimming
        (["", "", "a,b"], 2),
        (["x", "y", "z"], 3),                                   // none found: every row searched was skipped
        ([String](), 0),
    ])
    func headerIndex(lines: [String], expected: Int) {
        #expect(HeaderSearch.headerIndex(in: rows(lines)) == expected)
    }

    @Test("only the first 12 rows are searched")
    func searchLimit() {
        let lines = Array(repeating: "banner", count: 13) + ["a,b"]
        #expect(HeaderSearch.headerIndex(in: rows(lines)) == 12)
    }

    @Test("a row that ranks lower than the next is skipped too (the domain ranks by recognized column names)")
    func ranked() {
        let table = rows(["单位：人事处,日期：2025-03-31", "问题,措施,责任人", "1,2,3"])
        let rank: (Row) -> Int = { $0.line == 2 ? 3 : 0 }
        #expect(HeaderSearch.headerIndex(in: table) == 0)
        #expect(HeaderSearch.headerIndex(in: table, rank: rank) == 1)
    }
}
