@testable import Rectification
import TabularCore
import Testing

/// A task table long enough for its rows to be read in several blocks on two threads (2,048 rows a block), with
/// repeated IDs and texts across and within blocks and findings of each kind a row gives on its own; every expected
/// value is worked out from the row's number by the arithmetic in the comments.
@Suite("Rows read in blocks: measures, repeats and findings by arithmetic")
struct RowsInBlocksTests {
    /// Row r (from 0, on line r + 2): issue r / 10 + 1; ID r + 1, except r ≡ 999 (mod 1000), which repeats the ID of
    /// row r − 500; text 措施r, except r ≡ 19 (mod 20), which repeats row r − 1's text, r ≡ 250 (mod 500), written
    /// 措 施r (its key has no space), and r ≡ 251 (mod 500), written 措施 r−1 (the key of row r − 1's text); no leader
    /// where r ≡ 5 (mod 997); due 2025-05-31 where r ≡ 701 (mod 1500), an unreadable 下辈子 where r ≡ 1234 (mod 2000),
    /// else 2025-12-31; done where r ≡ 0 (mod 10), else under way.
    static let rows = 6000

    static func text(_ r: Int) -> String {
        if r % 20 == 19 { return "措施\(r - 1)" }
        if r % 500 == 250 { return "措 施\(r)" }
        if r % 500 == 251 { return "措施 \(r - 1)" }
        return "措施\(r)"
    }

    static func reconcile() throws -> Reconciliation {
        var tasks = "序号,问题编号,整改措施,责任领导,责任单位,责任人,完成时限,完成情况\n"
        for r in 0..<rows {
            let id = r % 1000 == 999 ? r - 500 + 1 : r + 1
            let leader = r % 997 == 5 ? "" : "王某"
            let deadline = r % 1500 == 701 ? "2025年5月31日" : r % 2000 == 1234 ? "下辈子" : "2025年12月31日"
            tasks += "\(id),\(r / 10 + 1),\(text(r)),\(leader),办公室,张三,\(deadline),"
                + (r % 10 == 0 ? "已完成\n" : "整改中\n")
        }
        let issues = "问题编号,具体问题\n" + (1...rows / 10).map { "\($0),问题\($0)\n" }.joined()
        return try Reconciliation(
            issues: csvTable(issues, file: "issues.csv"), tasks: csvTable(tasks),
            configuration: .init(asOf: LocalDateTime(year: 2025, month: 6, day: 30)!))
    }

    @Test("every finding, each on its row, with the first line it names")
    func findings() throws {
        let result = try RowsInBlocksTests.reconcile()
        func lines(_ code: String) -> [Int] { result.findings.filter { $0.code.rawValue == code }.compactMap(\.line) }
        // Repeated IDs: r = 999, 1999 … 5999; the first is row r − 500.
        let repeatedIDs = stride(from: 999, to: RowsInBlocksTests.rows, by: 1000).map { $0 }
        #expect(lines("duplicate-measure-id") == repeatedIDs.map { $0 + 2 })
        #expect(result.findings.filter { $0.code.rawValue == "duplicate-measure-id" }.map(\.detail)
            == repeatedIDs.map { .duplicateMeasureID(id: String($0 - 500 + 1), firstLine: $0 - 500 + 2) })
        // Repeated texts: r ≡ 19 (mod 20), 300 rows, and r ≡ 251 (mod 500), 12 rows; the first is row r − 1.
        let repeatedTexts = (0..<RowsInBlocksTests.rows).filter { $0 % 20 == 19 || $0 % 500 == 251 }
        #expect(repeatedTexts.count == 312)
        #expect(lines("duplicate-measure") == repeatedTexts.map { $0 + 2 })
        #expect(result.findings.filter { $0.code.rawValue == "duplicate-measure" }.map(\.detail)
            == repeatedTexts.map { .duplicateMeasure(firstLine: $0 - 1 + 2) })
        // No leader: r = 5, 1002, 1999, 2996, 3993, 4990, 5987.
        #expect(lines("missing-leader") == [5, 1002, 1999, 2996, 3993, 4990, 5987].map { $0 + 2 })
        // Overdue: r = 701, 2201, 3701, 5201 (none done: r mod 10 = 1), 30 days late on 2025-06-30.
        #expect(lines("overdue") == [701, 2201, 3701, 5201].map { $0 + 2 })
        #expect(Set(result.findings.filter { $0.code.rawValue == "overdue" }.map(\.detail))
            == [.overdue(daysLate: 30, due: LocalDateTime(year: 2025, month: 5, day: 31)!, status: "整改中")])
        // Unreadable deadlines: r = 1234, 3234, 5234.
        #expect(lines("unparseable-deadline") == [1234, 3234, 5234].map { $0 + 2 })
        #expect(result.findings.count == 6 + 312 + 7 + 4 + 3)
    }

    @Test("every measure as its row gives it, in table order")
    func measures() throws {
        let plan = try RowsInBlocksTests.reconcile().plan
        #expect(plan.measures.count == RowsInBlocksTests.rows)
        for (r, measure) in plan.measures.enumerated() {
            #expect(measure.line == r + 2)
            #expect(measure.file == "tasks.csv")
            #expect(measure.id == String(r % 1000 == 999 ? r - 500 + 1 : r + 1))
            #expect(measure.issue?.rawValue == String(r / 10 + 1))
            #expect(measure.issueReference == String(r / 10 + 1))
            #expect(measure.text == RowsInBlocksTests.text(r))
            #expect(measure.leaders == (r % 997 == 5 ? [] : ["王某"]))
            #expect(measure.units == ["办公室"] && measure.owners == ["张三"])
            #expect(measure.status.progress == (r % 10 == 0 ? .done : .inProgress))
            let due = r % 1500 == 701 ? LocalDateTime(year: 2025, month: 5, day: 31)
                : r % 2000 == 1234 ? nil : LocalDateTime(year: 2025, month: 12, day: 31)
            #expect(measure.deadline.due == due)
            // 2025-06-30 to 2025-12-31: 184 days; past due by 30 days on 2025-05-31.
            let timing: Timing = r % 10 == 0 ? .done
                : due == nil ? .untimed : r % 1500 == 701 ? .overdue(daysLate: 30) : .onTime(daysLeft: 184)
            #expect(measure.timing == timing)
            #expect(measure.cells.map(\.header) == ["序号", "问题编号", "整改措施", "责任领导", "责任单位", "责任人", "完成时限", "完成情况"])
            if r == 0 || r == 4321 { #expect(measure.cells[2].text == RowsInBlocksTests.text(r)) }
        }
    }

    /// Keys hashed alike are told apart by the caller's comparison; the table grows past its first size.
    @Test("first positions by hash: equal hashes, growth")
    func firstSeen() {
        let keys = (0..<1000).map { "k\($0 % 300)" }
        var table = FirstSeen(capacity: 4)
        for (position, key) in keys.enumerated() {
            // Three hashes for 300 keys: most lookups meet other keys' hashes first.
            let first = table.first(hash: position % 3, position: position) { keys[$0] == key }
            // Key k(p mod 300) was first at p mod 300, whose hash is (p mod 300) mod 3 = p mod 3.
            #expect(first == (position < 300 ? nil : position % 300))
        }
    }

    /// Short texts are equal exactly when their bytes are: a trailing NUL or one byte more is another text; 32 bytes
    /// are short, 33 are not.
    @Test("short texts by their bytes")
    func shortTexts() {
        #expect(ShortText("") != ShortText("\u{0}"))
        #expect(ShortText("王某某") == ShortText("王某" + "某"))
        #expect(ShortText("王某某") != ShortText("王某某\u{0}"))
        #expect(ShortText("e\u{301}") != ShortText("\u{E9}"))  // canonically equal, other bytes
        #expect(ShortText(String(repeating: "a", count: 32)) != nil)
        #expect(ShortText(String(repeating: "a", count: 33)) == nil)
        #expect(ShortText("立行立改并长期坚持") != nil)  // 27 bytes: short; 12 CJK characters (36 bytes) are not
        #expect(ShortText("立行立改并长期坚持坚持坚") == nil)
    }

    /// A cache gives a text's own value or nothing, never another text's, however many texts share its slots.
    @Test("the recent readings cache never gives another text's reading")
    func shortTextCache() {
        var cache = ShortTextCache<Int>()
        let texts = (0..<2000).map { "责任单位\($0)" }
        for (value, text) in texts.enumerated() { cache[ShortText(text)!] = value }
        var kept = 0
        for (value, text) in texts.enumerated() {
            if let found = cache[ShortText(text)!] {
                #expect(found == value)
                kept += 1
            }
        }
        // 256 slots: at most 256 of the 2,000 are still kept, and the last one written is.
        #expect(kept > 0 && kept <= 256)
        #expect(cache[ShortText(texts[1999])!] == 1999)
    }

    /// A measure's text is its own key when its common normalized form has no whitespace: an inner space (also an
    /// ideographic one, which becomes a space), a tab or a line break counts, spaces trimmed at the ends do not.
    @Test("whitespace in a common text, by hand", arguments: [
        ("召开党组扩大会议", false), ("召开 党组", true), ("  召开党组  ", false), ("召开\u{3000}党组", true),
        ("\u{3000}召开党组\u{3000}", false), ("第1项\t措施", true), ("（第1项）措施", false), ("措施\r\n第二行", true),
        ("“规范”—执行", false),
    ])
    func commonWhitespace(_ cell: String, _ hasWhitespace: Bool) throws {
        let common = try #require(TextNormalization.normalizedCommonText(cell))
        #expect(TextNormalization.commonTextHasWhitespace(common) == hasWhitespace)
    }
}
