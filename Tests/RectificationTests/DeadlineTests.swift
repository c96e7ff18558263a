import Foundation
import Rectification
import TabularCore
import TestSupport
import Testing

/// The dates a deadline is read against.
enum DeadlineContext: Sendable {
    /// Year 2025, feedback on Thursday 2025-02-13, plan (立行立改) on 2025-03-11.
    case standard
    /// Year 2025, feedback on 2025-02-13, no plan date: 立行立改 is due on the feedback date.
    case feedbackOnly
    /// Year 2025, neither a feedback nor a plan date.
    case noDates
    /// `standard`, with phases 短期 2025-06-30, 中期 2025-12-31, 长期 2027-12-31.
    case phases
    /// `standard`, with Monday 2025-02-17 and Saturday 2025-02-15 as extra non-working days.
    case holidays

    var parser: DeadlineParser {
        switch self {
        case .standard: deadlineParser
        case .feedbackOnly: DeadlineParser(year: 2025, feedbackDate: day(2025, 2, 13), immediateDate: day(2025, 2, 13))
        case .noDates: DeadlineParser(year: 2025, feedbackDate: nil, immediateDate: nil)
        case .phases:
            DeadlineParser(year: 2025, feedbackDate: day(2025, 2, 13), immediateDate: day(2025, 3, 11),
                           phaseDates: [.short: day(2025, 6, 30), .medium: day(2025, 12, 31), .long: day(2027, 12, 31)])
        case .holidays:
            DeadlineParser(year: 2025, feedbackDate: day(2025, 2, 13), immediateDate: day(2025, 3, 11),
                           nonWorkingDays: [day(2025, 2, 17), day(2025, 2, 15)])
        }
    }
}

/// What a deadline text should parse to: an ISO due date (or nil), long-term, immediate, phase, fault.
struct DeadlineCase: Sendable, CustomTestStringConvertible {
    var text: String
    var due: String?
    var longTerm = false
    var immediate = false
    var relative = false
    var phase: Deadline.Phase?
    var fault: Deadline.Fault?
    var context = DeadlineContext.standard
    var testDescription: String { text.isEmpty ? "(empty)" : "\(text) (\(context))" }
}

/// Year 2025 for dates without one, feedback on 2025-02-13 (a Thursday), plan (立行立改) on 2025-03-11.
let deadlineParser = DeadlineParser(year: 2025, feedbackDate: day(2025, 2, 13), immediateDate: day(2025, 3, 11))

@Suite("Deadlines (完成时限)")
struct DeadlineTests {
    /// A deadline keeps its parts in a box shared between copies; it must still behave as a value.
    @Test("a deadline is a value: a changed copy leaves the original as it was, equal parts are equal")
    func valueSemantics() {
        let due = LocalDateTime(year: 2025, month: 6, day: 30)!
        let original = Deadline(text: "2025年6月底前", due: due)
        var copy = original
        copy.isLongTerm = true
        copy.fault = .impossible
        copy.phase = .short
        #expect(original.text == "2025年6月底前" && original.due == due && !original.isLongTerm && original.fault == nil
            && original.phase == nil)
        #expect(copy.text == "2025年6月底前" && copy.due == due && copy.isLongTerm && copy.fault == .impossible && copy.phase == .short)
        let same = Deadline(text: "2025年6月底前", due: due, isLongTerm: true, phase: .short, fault: .impossible)
        #expect(copy == same && copy != original)
        #expect(Set([copy, same, original]).count == 2)
    }

    @Test("every accepted form parses to its due date", arguments: [
        DeadlineCase(text: "2025-03-31", due: "2025-03-31"),
        DeadlineCase(text: "2025/3/31", due: "2025-03-31"),
        DeadlineCase(text: "2025.3.31", due: "2025-03-31"),
        DeadlineCase(text: "20250331", due: "2025-03-31"),
        DeadlineCase(text: "2025年3月31日", due: "2025-03-31"),
        DeadlineCase(text: "２０２５年３月３１日", due: "2025-03-31"),
        DeadlineCase(text: "2025年3月31日前", due: "2025-03-31"),
        DeadlineCase(text: "于2025年3月31日前完成", due: "2025-03-31"),
        DeadlineCase(text: "3月31日", due: "2025-03-31"),
        DeadlineCase(text: "3月31日前", due: "2025-03-31"),
        DeadlineCase(text: "6月30日前", due: "2025-06-30"),
        DeadlineCase(text: "2025年3月底前", due: "2025-03-31"),
        DeadlineCase(text: "2024年2月底", due: "2024-02-29"),
        DeadlineCase(text: "3月底", due: "2025-03-31"),
        DeadlineCase(text: "三月底前", due: "2025-03-31"),
        DeadlineCase(text: "2025年5月", due: "2025-05-31"),
        DeadlineCase(text: "上半年", due: "2025-06-30"),
        DeadlineCase(text: "年中", due: "2025-06-30"),
        DeadlineCase(text: "2026年上半年", due: "2026-06-30"),
        DeadlineCase(text: "年底前", due: "2025-12-31"),
        DeadlineCase(text: "年内", due: "2025-12-31"),
        DeadlineCase(text: "2026年底前", due: "2026-12-31"),
        DeadlineCase(text: "第一季度", due: "2025-03-31"),
        DeadlineCase(text: "一季度末", due: "2025-03-31"),
        DeadlineCase(text: "第二季度", due: "2025-06-30"),
        DeadlineCase(text: "三季度", due: "2025-09-30"),
        DeadlineCase(text: "第四季度末", due: "2025-12-31"),
        DeadlineCase(text: "反馈后1个月内", due: "2025-03-13", relative: true),
        DeadlineCase(text: "3个月内", due: "2025-05-13", relative: true),
        DeadlineCase(text: "反馈后两个月内完成", due: "2025-04-13", relative: true),
        DeadlineCase(text: "15天内", due: "2025-02-28", relative: true),
        DeadlineCase(text: "长期坚持", longTerm: true),
        DeadlineCase(text: "持续推进", longTerm: true),
        DeadlineCase(text: "常态化", longTerm: true),
        DeadlineCase(text: "每月", longTerm: true),
        DeadlineCase(text: "每季度", longTerm: true),
        DeadlineCase(text: "每月10日前", longTerm: true),
        DeadlineCase(text: "立行立改", due: "2025-03-11", immediate: true),
        DeadlineCase(text: "立行立改并长期坚持", due: "2025-03-11", longTerm: true, immediate: true),
        DeadlineCase(text: "立行立改，长期坚持", due: "2025-03-11", longTerm: true, immediate: true),
        DeadlineCase(text: "2025年3月底前完成并长期坚持", due: "2025-03-31", longTerm: true),
        DeadlineCase(text: "", fault: .missing),
        DeadlineCase(text: "尽快", fault: .unparseable),
        DeadlineCase(text: "2025年3月31日、2025年6月30日", fault: .unparseable),
        DeadlineCase(text: "#个星期", fault: .unparseable),
        DeadlineCase(text: "#月#日", fault: .unparseable),
        DeadlineCase(text: "2025年2月30日", fault: .impossible),
        DeadlineCase(text: "13月底前", fault: .impossible),
        DeadlineCase(text: "第五季度", fault: .impossible),
        // Durations from the feedback date, Thursday 2025-02-13; a day count starts the day after it.
        DeadlineCase(text: "3日内", due: "2025-02-16", relative: true),
        DeadlineCase(text: "3天内", due: "2025-02-16", relative: true),
        DeadlineCase(text: "1周内", due: "2025-02-20", relative: true),
        DeadlineCase(text: "2周内", due: "2025-02-27", relative: true),
        DeadlineCase(text: "两周内", due: "2025-02-27", relative: true),
        DeadlineCase(text: "1个月内", due: "2025-03-13", relative: true),
        // N月内 is N months (a month of the year is written N月底前, N月份内 or 2025年N月内).
        DeadlineCase(text: "1月内", due: "2025-03-13", relative: true),
        DeadlineCase(text: "6月内", due: "2025-08-13", relative: true),
        DeadlineCase(text: "6月份内", due: "2025-06-30"),
        DeadlineCase(text: "2025年6月内", due: "2025-06-30"),
        DeadlineCase(text: "1月底前", due: "2025-01-31"),
        // Feb 14–28 are days 1–15, Mar 1–31 days 16–46, Apr 1–30 days 47–76, May 14 day 90.
        DeadlineCase(text: "90日内", due: "2025-05-14", relative: true),
        DeadlineCase(text: "反馈后15日内", due: "2025-02-28", relative: true),
        // Feb 14 day 1, Feb 28 day 15, Mar 15 day 30.
        DeadlineCase(text: "自反馈之日起30日内", due: "2025-03-15", relative: true),
        // Working days: Fri 14 (1), Mon 17 (2), Tue 18 (3) …
        DeadlineCase(text: "3个工作日内", due: "2025-02-18", relative: true),
        // … Wed 19 (4), Thu 20 (5): the weekend of the 15th and 16th is skipped.
        DeadlineCase(text: "5个工作日内", due: "2025-02-20", relative: true),
        // … Fri 21 (6), Mon 24 – Thu 27 (7–10).
        DeadlineCase(text: "10个工作日内", due: "2025-02-27", relative: true),
        DeadlineCase(text: "0个工作日内", due: "2025-02-13", relative: true),
        // With Monday 17 a holiday: Fri 14 (1), Tue 18 – Fri 21 (2–5); the Saturday holiday changes nothing.
        DeadlineCase(text: "5个工作日内", due: "2025-02-21", relative: true, context: .holidays),
        // … Mon 24 – Fri 28 (6–10).
        DeadlineCase(text: "10个工作日内", due: "2025-02-28", relative: true, context: .holidays),
        DeadlineCase(text: "半年内", due: "2025-08-13", relative: true),
        DeadlineCase(text: "反馈后半年内", due: "2025-08-13", relative: true),
        DeadlineCase(text: "1年内", due: "2026-02-13", relative: true),
        DeadlineCase(text: "1-2年", due: "2027-02-13", relative: true),
        DeadlineCase(text: "1至2年", due: "2027-02-13", relative: true),
        DeadlineCase(text: "3-6个月", due: "2025-08-13", relative: true),
        DeadlineCase(text: "2-1年", fault: .unparseable),
        DeadlineCase(text: "15日", fault: .unparseable),
        DeadlineCase(text: "3个月起", fault: .unparseable),
        DeadlineCase(text: "3天内", fault: .needsFeedbackDate, context: .noDates),
        DeadlineCase(text: "1月内", fault: .needsFeedbackDate, context: .noDates),
        DeadlineCase(text: "5个工作日内", fault: .needsFeedbackDate, context: .noDates),
        DeadlineCase(text: "半年内", fault: .needsFeedbackDate, context: .noDates),
        DeadlineCase(text: "1-2年", fault: .needsFeedbackDate, context: .noDates),
        // Ranges end at their end; years before, through and from.
        DeadlineCase(text: "3月至6月", due: "2025-06-30"),
        DeadlineCase(text: "2025年7月至12月", due: "2025-12-31"),
        DeadlineCase(text: "2025年7月—12月", due: "2025-12-31"),
        DeadlineCase(text: "2025年7月——12月", due: "2025-12-31"),
        DeadlineCase(text: "2025年7月-12月", due: "2025-12-31"),
        DeadlineCase(text: "2025年7月起至12月底", due: "2025-12-31"),
        DeadlineCase(text: "2025年3-6月", due: "2025-06-30"),
        DeadlineCase(text: "2025年至2027年", due: "2027-12-31"),
        DeadlineCase(text: "2025-2026年", due: "2026-12-31"),
        DeadlineCase(text: "2025年11月至2026年2月", due: "2026-02-28"),
        // An end before its start and without a year of its own is in the next year.
        DeadlineCase(text: "2025年11月至2月", due: "2026-02-28"),
        DeadlineCase(text: "至2025年底", due: "2025-12-31"),
        DeadlineCase(text: "2025年7月—", fault: .unparseable),
        DeadlineCase(text: "3月至13月", fault: .impossible),
        DeadlineCase(text: "3月至6月至9月", fault: .unparseable),
        DeadlineCase(text: "2025年下半年", due: "2025-12-31"),
        DeadlineCase(text: "2027年前", due: "2026-12-31"),
        DeadlineCase(text: "2027年以前", due: "2026-12-31"),
        DeadlineCase(text: "2027年底前", due: "2027-12-31"),
        DeadlineCase(text: "2027年内", due: "2027-12-31"),
        DeadlineCase(text: "2025年及以后", longTerm: true),
        DeadlineCase(text: "2025年以后", longTerm: true),
        DeadlineCase(text: "2025年起", longTerm: true),
        DeadlineCase(text: "2019年6月起", longTerm: true),
        DeadlineCase(text: "自2025年起长期坚持", longTerm: true),
        // Phases: a fault until their dates are given; 长期 alone is long-term unless its phase has a date.
        DeadlineCase(text: "短期", phase: .short, fault: .needsPhaseDates),
        DeadlineCase(text: "中期", phase: .medium, fault: .needsPhaseDates),
        DeadlineCase(text: "长期", longTerm: true),
        DeadlineCase(text: "短期", due: "2025-06-30", phase: .short, context: .phases),
        DeadlineCase(text: "中期", due: "2025-12-31", phase: .medium, context: .phases),
        DeadlineCase(text: "长期", due: "2027-12-31", phase: .long, context: .phases),
        DeadlineCase(text: "长期坚持", longTerm: true, context: .phases),
        DeadlineCase(text: "短期内完成并长期坚持", due: "2025-06-30", longTerm: true, phase: .short, context: .phases),
        // Immediate: the plan's date, else the feedback date, else a fault (never the as-of date).
        DeadlineCase(text: "立即整改", due: "2025-03-11", immediate: true),
        DeadlineCase(text: "即知即改", due: "2025-03-11", immediate: true),
        DeadlineCase(text: "立行立改", due: "2025-02-13", immediate: true, context: .feedbackOnly),
        DeadlineCase(text: "立行立改", immediate: true, fault: .needsFeedbackDate, context: .noDates),
        DeadlineCase(text: "即知即改", immediate: true, fault: .needsFeedbackDate, context: .noDates),
        DeadlineCase(text: "立行立改并长期坚持", longTerm: true, immediate: true, fault: .needsFeedbackDate, context: .noDates),
        // Placeholders are a missing deadline.
        DeadlineCase(text: "【待补】", fault: .missing),
        DeadlineCase(text: "待定", fault: .missing),
        DeadlineCase(text: "待补", fault: .missing),
        DeadlineCase(text: "待补充", fault: .missing),
        DeadlineCase(text: "—", fault: .missing),
        DeadlineCase(text: "——", fault: .missing),
        DeadlineCase(text: "–", fault: .missing),
        DeadlineCase(text: "-", fault: .missing),
        DeadlineCase(text: "/", fault: .missing),
        DeadlineCase(text: "／", fault: .missing),
        DeadlineCase(text: "无", fault: .missing),
        DeadlineCase(text: "暂无", fault: .missing),
        DeadlineCase(text: "空", fault: .missing),
        DeadlineCase(text: "N/A", fault: .missing),
        DeadlineCase(text: "tbd", fault: .missing),
        DeadlineCase(text: " 待定 ", fault: .missing),
        DeadlineCase(text: "待定3月", due: nil, fault: .unparseable),
        DeadlineCase(text: "无限期", fault: .unparseable),
        // Traditional characters.
        DeadlineCase(text: "3個月內", due: "2025-05-13", relative: true),
        DeadlineCase(text: "1週內", due: "2025-02-20", relative: true),
        DeadlineCase(text: "反饋後1個月內", due: "2025-03-13", relative: true),
        DeadlineCase(text: "長期堅持", longTerm: true),
        DeadlineCase(text: "持續推進", longTerm: true),
        DeadlineCase(text: "2025年及以後", longTerm: true),
        DeadlineCase(text: "2025年6月底前", due: "2025-06-30"),
        DeadlineCase(text: "暫無", fault: .missing),
        // Republic of China dates: the year plus 1911.
        DeadlineCase(text: "105/10/06", due: "2016-10-06"),
        DeadlineCase(text: "112/07/05", due: "2023-07-05"),
        DeadlineCase(text: "99/1/5", due: "2010-01-05"),
        DeadlineCase(text: "民國105年10月6日", due: "2016-10-06"),
        DeadlineCase(text: "中華民國105年10月6日", due: "2016-10-06"),
        DeadlineCase(text: "民國一百零五年十月六日", due: "2016-10-06"),
        DeadlineCase(text: "民國105年底前", due: "2016-12-31"),
        DeadlineCase(text: "105年10月6日", fault: .unparseable),
        DeadlineCase(text: "民國105年2月30日", fault: .impossible),
    ])
    func parses(_ example: DeadlineCase) {
        let deadline = example.context.parser.parse(text: example.text)
        #expect(deadline.text == example.text, "the original text is kept")
        #expect(deadline.due?.isoDate == example.due)
        #expect(deadline.isLongTerm == example.longTerm)
        #expect(deadline.isImmediate == example.immediate)
        #expect(deadline.isRelative == example.relative)
        #expect(deadline.phase == example.phase)
        #expect(deadline.fault == example.fault)
    }

    @Test("a relative deadline without a feedback date is a fault, not a guess")
    func relativeNeedsFeedbackDate() {
        let parser = DeadlineParser(year: 2025, feedbackDate: nil, immediateDate: day(2025, 12, 4))
        let deadline = parser.parse(text: "反馈后1个月内")
        #expect(deadline.due == nil)
        #expect(deadline.fault == .needsFeedbackDate)
    }

    @Test("a date cell from a workbook is a date")
    func dateCell() {
        let deadline = deadlineParser.parse(.date(day(2025, 4, 30)))
        #expect(deadline.due == day(2025, 4, 30))
        #expect(deadline.text == "2025-04-30")
        #expect(deadline.fault == nil)
    }

    @Test("a number cell that is not a date is unparseable, never dropped")
    func numberCell() {
        let deadline = deadlineParser.parse(.number(45_747))
        #expect(deadline.text == "45747")
        #expect(deadline.fault == .unparseable)
    }

    @Test("dates without a year take the configured year")
    func yearOption() {
        let parser = DeadlineParser(year: 2026, feedbackDate: nil, immediateDate: day(2026, 1, 1))
        #expect(parser.parse(text: "3月31日前").due == day(2026, 3, 31))
        #expect(parser.parse(text: "年底前").due == day(2026, 12, 31))
    }
}

/// The real-world fixtures of Tests/Fixtures/realworld: each case's tables and its `expected.json`.
enum RealWorldFixtures {
    static let root = packageRootPath + "/Tests/Fixtures/realworld"

    /// The case folders, sorted.
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }()

    /// A case's `expected.json`.
    static func expected(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + name + "/expected.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A column name from `expected.json`'s `columns`, or nil when the case has no such column.
    static func column(_ key: String, of name: String) throws -> String? {
        (try expected(name)["columns"] as? [String: Any])?[key] as? String
    }

    /// A date of `expected.json` (`feedbackDate`, `planDate`, `asOf`) when the case gives one.
    static func date(_ key: String, of name: String) throws -> LocalDateTime? {
        guard let text = try expected(name)[key] as? String else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return try #require(parts.count == 3 ? LocalDateTime(year: parts[0], month: parts[1], day: parts[2]) : nil)
    }

    /// Every CSV of a case, decoded from UTF-8 or else GB18030 (through iconv).
    static func tables(_ name: String) throws -> [Table] {
        let folder = root + "/" + name
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted()
        return try files.map { file in
            let path = folder + "/" + file
            var text = String(data: try Data(contentsOf: URL(fileURLWithPath: path)), encoding: .utf8)
            if text == nil {
                let converted = try runProcess("/usr/bin/iconv", ["-f", "GB18030", "-t", "UTF-8", path])
                try #require(converted.status == 0, "iconv: \(converted.stderr)")
                text = converted.stdout
            }
            return csvTable(try #require(text), file: file)
        }
    }

    /// The cells under a header (the first row that holds it) in every table of a case, with the table's file.
    static func cells(under header: String, in name: String) throws -> [(file: String, line: Int, value: CellValue)] {
        try tables(name).flatMap { table -> [(file: String, line: Int, value: CellValue)] in
            guard let headerRow = table.rows.firstIndex(where: { row in row.cells.contains { $0.text == header } }),
                  let column = table.rows[headerRow].cells.firstIndex(where: { $0.text == header })
            else { return [] }
            return table.rows[(headerRow + 1)...].map { (table.file, $0.line, $0[column]) }
        }
    }

    /// The parser for a case: its feedback and plan dates, and the year of its as-of, plan or feedback date.
    static func parser(_ name: String) throws -> DeadlineParser {
        let feedback = try date("feedbackDate", of: name)
        let plan = try date("planDate", of: name)
        let year = try date("asOf", of: name)?.year ?? plan?.year ?? feedback?.year ?? 2025
        return DeadlineParser(year: year, feedbackDate: feedback, immediateDate: plan ?? feedback)
    }
}

@Suite("Deadlines in the real-world fixtures")
struct RealWorldDeadlineTests {
    @Test("no deadline cell of a fixture is unparseable or impossible", arguments: RealWorldFixtures.cases)
    func deadlineColumn(_ name: String) throws {
        // Today none of the eight cases has a deadline column (each SOURCE.md says why); a case that adds one is read.
        guard let header = try RealWorldFixtures.column("deadline", of: name) else { return }
        let parser = try RealWorldFixtures.parser(name)
        let cells = try RealWorldFixtures.cells(under: header, in: name)
        #expect(!cells.isEmpty, "expected.json names the deadline column \(header), which no table of the case has")
        for cell in cells {
            let deadline = parser.parse(cell.value)
            #expect(deadline.fault != .unparseable && deadline.fault != .impossible,
                    "\(name)/\(cell.file) line \(cell.line): “\(deadline.text)”")
        }
    }

    @Test("the Control Yuan list's ROC dates (審議日期) read as its SOURCE.md gives them")
    func republicOfChinaDates() throws {
        let name = "jiuzhengan-control-yuan-tw"
        let header = try #require(try RealWorldFixtures.column("date", of: name))
        #expect(header == "審議日期")
        let dates = try RealWorldFixtures.cells(under: header, in: name).map { deadlineParser.parse($0.value) }
        // SOURCE.md: 105/10/06 = 2016-10-06 (rows 0023, 0024), 112/07/05 = 2023-07-05 (rows 0010, 0008).
        #expect(dates.map(\.text) == ["105/10/06", "105/10/06", "112/07/05", "112/07/05"])
        #expect(dates.map { $0.due?.isoDate } == ["2016-10-06", "2016-10-06", "2023-07-05", "2023-07-05"])
        #expect(dates.allSatisfy { $0.fault == nil })
    }

    /// (phrase in the measure text, due date, long-term) as SOURCE.md and expected.json give them.
    @Test("the deadlines inside the Tieling measures read as a clerk reads them", arguments: [
        ("2019年底前", "2019-12-31", false),
        ("2020年6月底前", "2020-06-30", false),
        ("2019年6月起", nil, true),  // a start from June 2019, ongoing: no deadline
    ] as [(String, String?, Bool)])
    func tielingPhrases(_ phrase: String, _ due: String?, _ longTerm: Bool) throws {
        let name = "ducha-renwu16-tieling-2022"
        let measures = try RealWorldFixtures.cells(under: try #require(try RealWorldFixtures.column("measure", of: name)),
                                                   in: name)
        #expect(measures.contains { $0.value.text.contains(phrase) }, "the phrase is the fixture's own")
        let deadline = try RealWorldFixtures.parser(name).parse(text: phrase)
        #expect(deadline.due?.isoDate == due)
        #expect(deadline.isLongTerm == longTerm)
        #expect(deadline.fault == nil)
    }
}
