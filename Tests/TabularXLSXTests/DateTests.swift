import TabularCore
import TabularXLSX
import Testing

@Suite struct DateTests {
    /// Sheet "Dates" of `xlsxwriter_types()`: column A holds the value, column B the format it was written with.
    @Test(arguments: [
        (1, date(2024, 1, 15)),  // yyyy-mm-dd
        (2, date(2024, 1, 15, 10, 30)),  // yyyy-mm-dd hh:mm:ss
        (3, date(2024, 1, 15)),  // yyyy"年"m"月"d"日"
        (4, date(2024, 1, 15)),  // [$-804]aaaa
        (5, CellValue.time(seconds: 90.5, elapsed: false)),  // mm:ss.0
        (6, .time(seconds: 129_600, elapsed: true)),  // [h]:mm:ss, 1.5 days
        (7, .number(1234.5)),  // 0.00E+00 is scientific, not an era
        (8, .number(1234.5)),  // [Red]0.00
        (9, date(2024, 2, 29)),  // built-in 14
        (10, date(2024, 2, 29, 23, 59, 59)),  // built-in 22
        (11, .time(seconds: 194_400, elapsed: true)),  // built-in 46 [h]:mm:ss
        (12, .time(seconds: 64_800, elapsed: false)),  // built-in 20 h:mm
        (13, .number(12)),  // "yy"0: quoted letters are literal
        (14, date(1900, 2, 28)),  // serial 59
        (15, date(1900, 3, 1)),  // serial 61, after the fictitious 1900-02-29
        (16, date(2024, 1, 15, 8, 5)),  // dd/mm/yyyy\ h:mm
        (17, .number(45000)),  // General
        (18, .time(seconds: 43_200, elapsed: false)),  // h:mm AM/PM
        (19, date(2023, 3, 15, 6)),  // hh:mm on a serial with a date part keeps the date
    ])
    func dateCells(row: Int, expected: CellValue) throws {
        let rows = try readRows("xlsxwriter_types.xlsx", sheet: "Dates")
        #expect(value(rows, "A\(row)") == expected)
    }

    @Test(arguments: [
        ("A1", date(2024, 1, 15)),
        ("A2", date(1904, 1, 1)),
        ("A3", date(1904, 1, 2, 12)),
    ])
    func dates1904(reference: String, expected: CellValue) throws {
        #expect(try XLSXWorkbook(path: fixture("xlsxwriter_1904.xlsx")).dateSystem == .from1904)
        let rows = try readRows("xlsxwriter_1904.xlsx", sheet: "Dates1904")
        #expect(value(rows, reference) == expected)
    }

    @Test(arguments: [
        ("yyyy-mm-dd", NumberFormatKind.date),
        ("d/m/yy h:mm", .date),
        ("yyyy\"年\"m\"月\"d\"日\"", .date),
        ("[$-804]aaaa", .date),
        ("[$-411]ggge\"年\"m\"月\"d\"日\"", .date),
        ("mmm", .date),
        ("mm:ss.0", .time),
        ("h:mm AM/PM", .time),
        ("hh:mm:ss", .time),
        ("[h]:mm:ss", .elapsed),
        ("[mm]:ss", .elapsed),
        ("[ss].00", .elapsed),
        ("0.00E+00", .number),
        ("[Red]0.00", .number),
        ("#,##0.00 \"days\"", .number),
        ("\"yy\"0", .number),
        ("\\d0", .number),
        ("General", .number),
        ("@", .number),
        ("0_);[Red](0)", .number),
        ("[>=100]0;yyyy", .number),  // only the first section counts
        ("* #,##0", .number),
        ("\"2025年5月底前\"", .literal("2025年5月底前")),  // literal text alone: Excel shows the text
        ("\"待定\";\"待定\"", .literal("待定")),
        ("\\N\\/\\A", .literal("N/A")),
        (";;;", .number),  // hides the value: nothing to show
        ("\" \"", .number),
    ])
    func formatCodes(code: String, expected: NumberFormatKind) {
        #expect(NumberFormatKind.classify(code) == expected)
    }

    @Test(arguments: [
        (14, NumberFormatKind.date), (22, .date), (27, .date), (36, .date), (50, .date), (58, .date),
        (18, .time), (21, .time), (45, .time), (47, .time), (32, .time), (55, .time),
        (46, .elapsed),
        (0, .number), (1, .number), (13, .number), (23, .number), (37, .number), (44, .number), (49, .number), (59, .number),
    ])
    func builtInFormats(id: Int, expected: NumberFormatKind) {
        #expect(NumberFormatKind.builtIn(id) == expected)
    }
}
