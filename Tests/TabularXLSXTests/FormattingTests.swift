import TabularCore
@testable import TabularXLSX
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
        #expect(value.text == expected)
    }
}

@Suite struct NumberParsingTests {
    @Test(arguments: [
        "0", "-0", "42", "-3.5", "0.1", "1.25", "3.14159", "1E+20", "1e20", "1.15740740740741E-005",
        "0.14285714285714285", "45291.99997685185", "123456789012345678", "9007199254740993", "1e-300", "+7",
        "2.2250738585072014E-308", "1.7976931348623157e308", "00012.500", ".5", "5.", "1e22", "1e23", "123e-22",
    ])
    func matchesTheStandardLibrary(text: String) {
        #expect(parseNumber(Array(text.utf8)) == Double(text))
    }

    @Test(arguments: ["", "-", ".", "e5", "1e", "1e+", "1.2.3", "12a", "0x10", "1,5", " 1", "inf", "nan", "1e999"])
    func rejectsWhatIsNotAFiniteNumber(text: String) {
        #expect(parseNumber(Array(text.utf8)) == nil)
    }
}
