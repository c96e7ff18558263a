import TabularCore
import TestSupport
import Testing
import XLSXWriter

/// A1 range, for brevity.
private func cells(_ a1: String) throws -> CellRange {
    try #require(CellRange(a1: a1))
}

/// Merges `earlier` in order on a fresh worksheet, then `next`: the error that refused `next`, or nil if accepted.
private func merging(_ earlier: [String], then next: String) throws -> XLSXWriteError? {
    let folder = try TemporaryDirectory()
    let workbook = try Workbook(path: folder.file("merge.xlsx"))
    let sheet = try workbook.addWorksheet(named: "S")
    for range in earlier {
        try sheet.merge(try cells(range), text: range)
    }
    var refused: XLSXWriteError?
    do {
        try sheet.merge(try cells(next), text: next)
    } catch let error as XLSXWriteError {
        refused = error
    }
    try workbook.close()
    return refused
}

@Suite("Merged ranges: overlaps refused by the earliest range they meet, however many merges came before")
struct MergeOverlapTests {
    @Test("the range named is the earliest merged one it overlaps, not the topmost")
    func earliestNamed() throws {
        let error = try #require(try merging(["C50:C60", "B1:B2", "A1:A100"], then: "B1:C60"))
        #expect(error.code == .invalidArgument)
        #expect(error.value == "B1:C60")
        #expect(error.message == "the merged range B1:C60 overlaps C50:C60, merged before")
        let reversed = try #require(try merging(["B1:B2", "C50:C60"], then: "B1:C60"))
        #expect(reversed.message == "the merged range B1:C60 overlaps B1:B2, merged before")
    }

    @Test("ranges that only touch are accepted; one shared cell across a 32-row boundary is refused")
    func edges() throws {
        #expect(try merging(["A1:B2", "C1:D2", "A3:B4", "C3:D4"], then: "E1:F4") == nil)
        #expect(try merging(["A32:A33"], then: "A34:A35") == nil)
        let error = try #require(try merging(["A32:A33"], then: "A33:A34"))
        #expect(error.message == "the merged range A33:A34 overlaps A32:A33, merged before")
    }

    @Test("very tall ranges, old or new, are checked against all others")
    func tall() throws {
        let old = try #require(try merging(["A1:A20000", "B1:B2"], then: "A15000:B15001"))
        #expect(old.message == "the merged range A15000:B15001 overlaps A1:A20000, merged before")
        let whole = try #require(try merging(["B1:B2", "C900000:C900001"], then: "C1:C1048576"))
        #expect(whole.message == "the merged range C1:C1048576 overlaps C900000:C900001, merged before")
        #expect(try merging(["B1:B2", "C9000:C9001", "D1:D10000"], then: "E1:E10000") == nil)
        let wide = try #require(try merging(["A1:XFD1"], then: "XFC1:XFD2"))
        #expect(wide.message == "the merged range XFC1:XFD2 overlaps A1:XFD1, merged before")
    }

    @Test("a ledger's many vertical merges all reach the file, and an overlap deep among them is found")
    func many() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("many.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S")
        for group in 0..<400 {
            for column in 0..<3 {
                let range = CellRange(CellAddress(row: group * 10, column: column), CellAddress(row: group * 10 + 9, column: column))
                try sheet.merge(range, text: "\(group)")
            }
        }
        let error = try #require(throws: XLSXWriteError.self) { try sheet.merge(try cells("C2005:D2005"), text: "x") }
        #expect(error.message == "the merged range C2005:D2005 overlaps C2001:C2010, merged before")
        try workbook.close()
        let facts = try #require(try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['S']
            ranges = sorted(str(r) for r in ws.merged_cells.ranges)
            print(json.dumps([len(ranges), 'C2001:C2010' in ranges, 'D2001:D2010' in ranges]))
            """, [path]) as? [Any])
        #expect(facts[0] as? Int == 1200)
        #expect(facts[1] as? Bool == true)
        #expect(facts[2] as? Bool == false)
    }
}
