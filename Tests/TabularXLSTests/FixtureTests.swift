import Foundation
import TabularCore
import TabularXLS
import TestSupport
import Testing

/// One fixture's expected values, written by xlrd (`Tests/Fixtures/xls/make_fixtures.py`).
struct Expected: Decodable {
    struct Sheet: Decodable {
        var name: String
        var visibility: Int
        /// [firstRow, lastRow, firstColumn, lastColumn], 0-based, inclusive.
        var merged: [[Int]]
        /// [row, column, kind, value].
        var cells: [[Value]]
    }

    enum Value: Decodable {
        case int(Int), double(Double), string(String), bool(Bool)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int.self) { self = .int(value) }
            else if let value = try? container.decode(Double.self) { self = .double(value) }
            else { self = .string(try container.decode(String.self)) }
        }

        var int: Int { if case .int(let value) = self { value } else { -1 } }
        var double: Double {
            switch self {
            case .int(let value): Double(value)
            case .double(let value): value
            default: .nan
            }
        }
        var string: String { if case .string(let value) = self { value } else { "" } }
    }

    var datemode: Int
    var sheets: [Sheet]

    static func load(_ name: String) throws -> Expected {
        let url = URL(fileURLWithPath: packagePath("Tests/Fixtures/xls/\(name).expected.json"))
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }
}

func xlsFixture(_ name: String) -> String { packagePath("Tests/Fixtures/xls/\(name)") }

@Suite struct FixtureTests {
    @Test("every cell of every worksheet is what xlrd reads", arguments: [
        ("lo_types", 8), ("lo_1904", 8), ("xlwt_types", 8), ("tasks", 8), ("gnumeric_biff7", 5),
    ])
    func cellsMatchXlrd(name: String, biffVersion: Int) throws {
        let expected = try Expected.load(name)
        let book = try XLSWorkbook(path: xlsFixture(name + ".xls"))
        #expect(book.biffVersion == biffVersion)
        #expect(book.dateSystem == (expected.datemode == 1 ? .from1904 : .from1900))
        #expect(book.sheets.map(\.name) == expected.sheets.map(\.name))
        #expect(book.sheets.map { $0.visibility == .visible ? 0 : 1 } == expected.sheets.map(\.visibility))
        for (sheet, want) in zip(book.sheets, expected.sheets) {
            let table = try book.readTable(sheet: sheet)
            var seen = 0
            for row in table.rows { seen += row.cells.filter { $0 != .empty }.count }
            #expect(seen == want.cells.count, "sheet \(sheet.name): cell count")
            for cell in want.cells {
                let row = cell[0].int, column = cell[1].int
                let got = row < table.rows.count ? table.rows[row][column] : .empty
                let place = "\(sheet.name)!\(CellAddress(row: row, column: column))"
                #expect(table.rows.count > row ? table.rows[row].line == row + 1 : false, "\(place): row number")
                switch cell[2].string {
                case "text": #expect(got == .text(cell[3].string), "\(place)")
                case "number": #expect(got == .number(cell[3].double), "\(place)")
                case "bool":
                    if case .bool(let value) = cell[3] { #expect(got == .bool(value), "\(place)") }
                case "error": #expect(got == .error(cell[3].string), "\(place)")
                case "date":
                    // xlrd gives the serial of a date-formatted cell; the days from the epoch are counted by hand.
                    let serial = cell[3].double
                    switch got {
                    case .date(let date):
                        let epoch = expected.datemode == 1 ? LocalDateTime(year: 1904, month: 1, day: 1)! : LocalDateTime(year: 1899, month: 12, day: 30)!
                        let seconds = Double(epoch.days(to: date.dateOnly)) * 86_400 + Double(date.hour * 3600 + date.minute * 60) + date.second
                        #expect(abs(seconds - serial * 86_400) < 0.001, "\(place): \(date) for serial \(serial)")
                    case .time(let seconds, _):
                        #expect(abs(seconds - serial * 86_400) < 0.001, "\(place): \(seconds) s for serial \(serial)")
                    default:
                        Issue.record("\(place): \(got) is not a date or time (serial \(serial))")
                    }
                default:
                    Issue.record("unknown kind \(cell[2])")
                }
            }
            let merged = want.merged.map { CellRange(CellAddress(row: $0[0], column: $0[2]), CellAddress(row: $0[1], column: $0[3])) }
            #expect(Set(table.mergedRanges) == Set(merged), "sheet \(sheet.name): merged ranges")
        }
    }

    @Test("dates come out as the calendar dates written, in both date systems", arguments: [
        ("lo_types", "Dates", 1, LocalDateTime(year: 2024, month: 1, day: 15)!),
        ("lo_types", "Dates", 2, LocalDateTime(year: 2024, month: 2, day: 29, hour: 13, minute: 45, second: 30)!),
        ("lo_types", "Dates", 4, LocalDateTime(year: 2025, month: 5, day: 31)!),
        ("lo_1904", "Mac", 0, LocalDateTime(year: 2024, month: 3, day: 1)!),
        ("lo_1904", "Mac", 1, LocalDateTime(year: 2001, month: 1, day: 1, hour: 6)!),
        ("xlwt_types", "Data", 3, LocalDateTime(year: 2024, month: 12, day: 31)!),
    ])
    func calendarDates(name: String, sheet: String, row: Int, date: LocalDateTime) throws {
        let book = try XLSWorkbook(path: xlsFixture(name + ".xls"))
        let table = try book.readTable(sheet: try book.sheet(named: sheet))
        #expect(table.rows[row][1] == .date(date) || table.rows[row][0] == .date(date))
    }

    @Test("a time-of-day format gives a time, [h]:mm:ss an elapsed duration")
    func times() throws {
        let book = try XLSWorkbook(path: xlsFixture("lo_types.xls"))
        let table = try book.readTable(sheet: try book.sheet(named: "Dates"))
        #expect(table.rows[5][1] == .time(seconds: 8 * 3600 + 30 * 60, elapsed: false))
        #expect(table.rows[6][1] == .time(seconds: 27 * 3600 + 5 * 60, elapsed: true))
    }

    @Test("rows are numbered as in Excel, gaps are empty rows, the sheet list keeps hidden and tab order")
    func rowsAndSheets() throws {
        let book = try XLSWorkbook(path: xlsFixture("lo_types.xls"))
        #expect(book.sheets.count == 8)
        #expect(try book.sheet(named: "hidden").visibility == .hidden)
        let reader = try book.rows(of: book.sheets[0])
        var lines: [Int] = []
        while let row = try reader.nextRow() { lines.append(row.line) }
        #expect(lines == Array(1...14))
        #expect(try book.usedRange(of: book.sheets[0]) == CellRange(a1: "A1:F14"))
        #expect(throws: XLSReadError.self) { try book.sheet(named: "nope") }
    }

    @Test("a real encrypted .xlsx (msoffcrypto-tool) is a password-protected workbook, found by its directory")
    func encryptedXLSX() throws {
        #expect { try XLSWorkbook(path: xlsFixture("encrypted.xlsx")) } throws: {
            ($0 as? XLSReadError)?.code == .passwordProtected && "\($0)".contains("password-protected workbook")
        }
    }

    @Test("merged cells are filled on request")
    func fillMerged() throws {
        let book = try XLSWorkbook(path: xlsFixture("xlwt_types.xls"))
        let table = try book.readTable(sheet: book.sheets[0], fillMerged: true)
        for row in 6...7 {
            for column in 0...2 { #expect(table.rows[row][column] == .text("merged")) }
        }
    }
}
