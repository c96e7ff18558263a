import TabularCore
import Testing

/// One inference case: a field's text and what it must be read as.
struct InferenceCase: CustomTestStringConvertible, Sendable {
    var name: String
    var field: String
    var expected: InferredValue
    var testDescription: String { "\(name): \(field.debugDescription)" }

    init(_ name: String, _ field: String, _ expected: InferredValue) {
        self.name = name
        self.field = field
        self.expected = expected
    }
}

private func integer(_ value: Double, grouped: Bool = false) -> InferredValue {
    .number(value, NumberStyle(kind: .integer, groupsThousands: grouped))
}

private func decimal(_ value: Double, _ digits: Int, grouped: Bool = false) -> InferredValue {
    .number(value, NumberStyle(kind: .decimal, groupsThousands: grouped, fractionDigits: digits))
}

private func percent(_ value: Double, _ digits: Int = 0) -> InferredValue {
    .number(value, NumberStyle(kind: .percent, fractionDigits: digits))
}

private func scientific(_ value: Double, _ digits: Int) -> InferredValue {
    .number(value, NumberStyle(kind: .scientific, fractionDigits: digits))
}

private func text(_ value: String, numeric: Bool = false) -> InferredValue {
    .text(value, looksNumeric: numeric)
}

// Dates for the argument tables, where `#require` cannot run: an impossible one becomes a text value naming it,
// so the expectation fails instead of the test process trapping.

private func date(_ y: Int, _ m: Int, _ d: Int) -> InferredValue {
    guard let value = LocalDateTime(year: y, month: m, day: d) else { return text("bad test date \(y)-\(m)-\(d)") }
    return .date(value, hasTime: false)
}

private func dateTime(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ s: Double = 0) -> InferredValue {
    guard let value = LocalDateTime(year: y, month: m, day: d, hour: h, minute: min, second: s) else {
        return text("bad test date \(y)-\(m)-\(d) \(h):\(min):\(s)")
    }
    return .date(value, hasTime: true)
}

let numberCases: [InferenceCase] = [
    InferenceCase("zero", "0", integer(0)),
    InferenceCase("integer", "42", integer(42)),
    InferenceCase("negative integer", "-7", integer(-7)),
    InferenceCase("negative zero is zero", "-0", integer(0)),
    InferenceCase("decimal", "3.14", decimal(3.14, 2)),
    InferenceCase("zero point", "0.5", decimal(0.5, 1)),
    InferenceCase("negative decimal", "-12.5", decimal(-12.5, 1)),
    InferenceCase("trailing zeros keep their digit count", "1.50", decimal(1.5, 2)),
    InferenceCase("thousands", "1,234", integer(1234, grouped: true)),
    InferenceCase("thousands with decimals", "1,234.5", decimal(1234.5, 1, grouped: true)),
    InferenceCase("millions", "-12,345,678.90", decimal(-12_345_678.9, 2, grouped: true)),
    InferenceCase("scientific", "1.5E+3", scientific(1500, 1)),
    InferenceCase("scientific lower case", "2e-3", scientific(0.002, 0)),
    InferenceCase("scientific no sign", "6.02E23", scientific(6.02e23, 2)),
    InferenceCase("percent", "85%", percent(0.85)),
    InferenceCase("decimal percent", "12.5%", percent(0.125, 1)),
    InferenceCase("negative percent", "-3%", percent(-0.03)),
    InferenceCase("fifteen digits", "123456789012345", integer(123_456_789_012_345)),
    InferenceCase("eleven digits starting 12 are a number", "12345678901", integer(12_345_678_901)),
    InferenceCase("ten digits starting 13 are a number", "1380013800", integer(1_380_013_800)),
    InferenceCase("twelve digits starting 13 are a number", "138001380001", integer(138_001_380_001)),
    InferenceCase("negative eleven digits are a number", "-13800138000", integer(-13_800_138_000)),
    InferenceCase("fifteen significant digits after zeros", "0.000123456789012345", decimal(0.000123456789012345, 18)),
    InferenceCase("exact decimal rounding", "0.1", decimal(0.1, 1)),
    InferenceCase("large exponent uses the slow path", "1.5E+200", scientific(1.5e200, 1)),
]

let textCases: [InferenceCase] = [
    InferenceCase("empty", "", .empty),
    InferenceCase("word", "done", text("done")),
    InferenceCase("leading zero", "007", text("007", numeric: true)),
    InferenceCase("leading zero decimal", "00.5", text("00.5", numeric: true)),
    InferenceCase("negative leading zero", "-05", text("-05", numeric: true)),
    InferenceCase("18-digit ID", "511425199001011234", text("511425199001011234", numeric: true)),
    InferenceCase("ID with X", "51142519900101123X", text("51142519900101123X")),
    InferenceCase("bank card", "6222021234567890123", text("6222021234567890123", numeric: true)),
    InferenceCase("16 significant digits", "1234567890.123456", text("1234567890.123456", numeric: true)),
    InferenceCase("phone with plus", "+8613800000000", text("+8613800000000", numeric: true)),
    InferenceCase("phone with plus and space", "+86 138 0000 0000", text("+86 138 0000 0000")),
    InferenceCase("phone with dashes", "138-0000-0000", text("138-0000-0000")),
    InferenceCase("mainland mobile", "13800138000", text("13800138000", numeric: true)),
    InferenceCase("mainland mobile 19x", "19912345678", text("19912345678", numeric: true)),
    InferenceCase("leading space", " 12", text(" 12")),
    InferenceCase("trailing space", "12 ", text("12 ")),
    InferenceCase("tab", "\t12", text("\t12")),
    InferenceCase("formula", "=SUM(A1:A3)", text("=SUM(A1:A3)")),
    InferenceCase("at sign", "@cmd", text("@cmd")),
    InferenceCase("plus formula", "+A1", text("+A1")),
    InferenceCase("minus alone", "-", text("-")),
    InferenceCase("minus formula", "-A1", text("-A1")),
    InferenceCase("bad grouping", "1,23", text("1,23")),
    InferenceCase("bad grouping four digits", "1,2345", text("1,2345")),
    InferenceCase("grouping with leading comma", ",123", text(",123")),
    InferenceCase("grouped leading zero", "0,123", text("0,123")),
    InferenceCase("European decimal comma", "12,5", text("12,5")),
    InferenceCase("leading point", ".5", text(".5", numeric: true)),
    InferenceCase("trailing point", "5.", text("5.", numeric: true)),
    InferenceCase("two points", "1.2.3", text("1.2.3")),
    InferenceCase("exponent without digits", "1E", text("1E")),
    InferenceCase("exponent too long", "1E1234", text("1E1234")),
    InferenceCase("overflowing exponent", "1E999", text("1E999", numeric: true)),
    InferenceCase("percent with exponent", "1E2%", text("1E2%")),
    InferenceCase("double percent", "5%%", text("5%%")),
    InferenceCase("currency", "¥100", text("¥100")),
    InferenceCase("units", "100kg", text("100kg")),
    InferenceCase("infinity", "inf", text("inf")),
    InferenceCase("nan", "NaN", text("NaN")),
    InferenceCase("hex", "0x1F", text("0x1F")),
    InferenceCase("full-width digits", "１２３", text("１２３")),
    InferenceCase("Chinese", "已整改", text("已整改")),
    InferenceCase("version", "1.2.3-beta", text("1.2.3-beta")),
    InferenceCase("time alone", "14:05", text("14:05")),
]

let dateCases: [InferenceCase] = [
    InferenceCase("ISO date", "2025-03-31", date(2025, 3, 31)),
    InferenceCase("slashes", "2025/3/31", date(2025, 3, 31)),
    InferenceCase("dots", "2025.3.31", date(2025, 3, 31)),
    InferenceCase("Chinese", "2025年3月31日", date(2025, 3, 31)),
    InferenceCase("Chinese padded", "2025年03月01日", date(2025, 3, 1)),
    InferenceCase("leap day", "2024-02-29", date(2024, 2, 29)),
    InferenceCase("ISO with minutes", "2025-03-31 14:05", dateTime(2025, 3, 31, 14, 5)),
    InferenceCase("ISO T with seconds", "2025-03-31T14:05:06", dateTime(2025, 3, 31, 14, 5, 6)),
    InferenceCase("fractional seconds", "2025-03-31 14:05:06.5", dateTime(2025, 3, 31, 14, 5, 6.5)),
    InferenceCase("slashes with time", "2025/3/31 8:30:00", dateTime(2025, 3, 31, 8, 30)),
    InferenceCase("midnight still has a time", "2025-03-31 00:00", dateTime(2025, 3, 31, 0, 0)),
    InferenceCase("Chinese with hours and minutes", "2025年3月31日 14时05分", dateTime(2025, 3, 31, 14, 5)),
    InferenceCase("Chinese with seconds, no space", "2025年3月31日14时05分06秒", dateTime(2025, 3, 31, 14, 5, 6)),
    InferenceCase("Chinese with colon time", "2025年3月31日 14:05", dateTime(2025, 3, 31, 14, 5)),
    InferenceCase("month 13 stays text", "2025年13月1日", text("2025年13月1日")),
    InferenceCase("February 30 stays text", "2025-02-30", text("2025-02-30")),
    InferenceCase("not a leap year", "2025-02-29", text("2025-02-29")),
    InferenceCase("day zero", "2025-03-00", text("2025-03-00")),
    InferenceCase("mixed separators", "2025-3/31", text("2025-3/31")),
    InferenceCase("Chinese without day mark", "2025年3月31", text("2025年3月31")),
    InferenceCase("year and month only", "2025-03", text("2025-03")),
    InferenceCase("US order", "3/31/2025", text("3/31/2025")),
    InferenceCase("two-digit year", "25-03-31", text("25-03-31")),
    InferenceCase("hour 24", "2025-03-31 24:00", text("2025-03-31 24:00")),
    InferenceCase("minute 60", "2025-03-31 14:60", text("2025-03-31 14:60")),
    InferenceCase("one-digit minute", "2025-03-31 14:5", text("2025-03-31 14:5")),
    InferenceCase("time zone", "2025-03-31T14:05:06Z", text("2025-03-31T14:05:06Z")),
    InferenceCase("offset", "2025-03-31T14:05:06+08:00", text("2025-03-31T14:05:06+08:00")),
    InferenceCase("T after slashes", "2025/03/31T14:05", text("2025/03/31T14:05")),
    InferenceCase("two spaces", "2025-03-31  14:05", text("2025-03-31  14:05")),
    InferenceCase("trailing space", "2025-03-31 ", text("2025-03-31 ")),
    InferenceCase("leading space", " 2025-03-31", text(" 2025-03-31")),
    InferenceCase("date range", "2025-03-31至2025-04-30", text("2025-03-31至2025-04-30")),
]

@Suite("Type inference")
struct TypeInferenceTests {
    let inference = TypeInference()

    @Test("reads numbers", arguments: numberCases)
    func numbers(_ testCase: InferenceCase) {
        #expect(inference.infer(testCase.field) == testCase.expected)
    }

    @Test("keeps text that a number or date would change", arguments: textCases)
    func texts(_ testCase: InferenceCase) {
        #expect(inference.infer(testCase.field) == testCase.expected)
    }

    @Test("reads dates and rejects impossible ones", arguments: dateCases)
    func dates(_ testCase: InferenceCase) {
        #expect(inference.infer(testCase.field) == testCase.expected)
    }

    @Test("gives the same answer from UTF-8 bytes as from a String", arguments: numberCases + textCases + dateCases)
    func bytesAgree(_ testCase: InferenceCase) {
        let bytes = Array(testCase.field.utf8)
        let fromBytes = bytes.withUnsafeBufferPointer { inference.infer(utf8: $0) }
        #expect(fromBytes == testCase.expected)
    }

    @Test("a forced type converts what fits and leaves the rest as text", arguments: [
        InferenceCase("number: leading zeros", "007", integer(7)),
        InferenceCase("number: leading plus", "+5", integer(5)),
        InferenceCase("number: leading point", ".5", decimal(0.5, 1)),
        InferenceCase("number: a long ID converts, rounded to the nearest double", "12345678901234567", integer(12_345_678_901_234_567)),
        InferenceCase("number: not a number stays text", "n/a", text("n/a")),
        InferenceCase("number: spaces stay text", " 5", text(" 5")),
        InferenceCase("number: dashes stay text", "138-0000-0000", text("138-0000-0000")),
        InferenceCase("number: empty stays empty", "", .empty),
    ])
    func forcedNumber(_ testCase: InferenceCase) {
        #expect(inference.infer(testCase.field, as: .number) == testCase.expected)
    }

    @Test("a forced text type keeps numbers and dates as text, flagging numeric ones", arguments: [
        InferenceCase("text: number", "42", text("42", numeric: true)),
        InferenceCase("text: leading zero", "007", text("007", numeric: true)),
        InferenceCase("text: date", "2025-03-31", text("2025-03-31")),
        InferenceCase("text: word", "abc", text("abc")),
    ])
    func forcedText(_ testCase: InferenceCase) {
        #expect(inference.infer(testCase.field, as: .text) == testCase.expected)
    }

    @Test("a forced date type reads dates only", arguments: [
        InferenceCase("date: date", "2025/3/31", date(2025, 3, 31)),
        InferenceCase("date: number stays text", "45000", text("45000")),
        InferenceCase("date: impossible stays text", "2025-02-30", text("2025-02-30")),
    ])
    func forcedDate(_ testCase: InferenceCase) {
        #expect(inference.infer(testCase.field, as: .date) == testCase.expected)
        #expect(inference.infer(testCase.field, as: .date).isText == (testCase.expected.isText))
    }

    @Test("options turn off numbers or dates")
    func options() {
        #expect(TypeInference(detectsDates: false).infer("2025-03-31") == text("2025-03-31"))
        #expect(TypeInference(detectsNumbers: false).infer("42") == text("42", numeric: true))
    }

    @Test("parses --type arguments", arguments: [
        ("金额=number", ColumnTypeOverride(column: "金额", type: .number)),
        ("C=TEXT", ColumnTypeOverride(column: "C", type: .text)),
        ("a=b=date", ColumnTypeOverride(column: "a=b", type: .date)),
        ("x=auto", ColumnTypeOverride(column: "x", type: .automatic)),
    ])
    func overrides(argument: String, expected: ColumnTypeOverride) {
        #expect(ColumnTypeOverride(argument: argument) == expected)
    }

    @Test("rejects malformed --type arguments", arguments: ["=number", "amount", "amount=money", "amount="])
    func badOverrides(argument: String) {
        #expect(ColumnTypeOverride(argument: argument) == nil)
    }
}
