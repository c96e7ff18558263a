import TabularCore
import TabularXLSX
import Testing

@Suite struct FormattingTests {
    @Test(arguments: [
        (CellValue.empty, ""),
        (.text(" as is "), " as is "),
        (.number(0.1), "0.1"),
        (.number(42), "42"),
        (.number(-0.0), "0"),
        (.number(-3.5), "-3.5"),
        (.number(123_456_789_012), "123456789012"),
        (.number(999_999_999_999_999), "999999999999999"),
        (.number(1e15), "1000000000000000"),
        (.number(9_007_199_254_740_992), "9007199254740992"),
        (.number(1e16), "1e+16"),
        (.number(1e20), "1e+20"),
        (.number(1.5e-7), "1.5e-07"),
        (.number(0.30000000000000004), "0.30000000000000004"),
        (.bool(true), "TRUE"),
        (.bool(false), "FALSE"),
        (date(2025, 3, 31), "2025-03-31"),
        (date(2025, 3, 31, 8, 30), "2025-03-31T08:30:00"),
        (.time(seconds: 90.5, elapsed: false), "00:01:30.5"),
        (.time(seconds: 64_800, elapsed: false), "18:00:00"),
        (.time(seconds: 129_600, elapsed: true), "36:00:00"),
        (.time(seconds: 59, elapsed: true), "0:00:59"),
        (.time(seconds: -3600, elapsed: true), "-1:00:00"),
        (.time(seconds: 1e300, elapsed: true), "1e+300"),
        (.error("#N/A"), "#N/A"),
    ])
    func csvText(value: CellValue, expected: String) {
        #expect(formatCellForCSV(value) == expected)
    }
}
