import Rectification
import TabularCore
import Testing

@Suite("Text normalization, IDs and printed numbers")
struct NormalizationTests {
    @Test("IDs match after NFKC, trimming, brackets and trailing 、.", arguments: [
        "（1）", "(1)", "1", "1、", " 1 ", "１", "【1】", "[1]", "1.", "１．", "(1)、",
    ])
    func idKey(_ text: String) {
        #expect(TextNormalization.idKey(text) == "1")
    }

    @Test("different IDs stay different")
    func distinctIDs() {
        #expect(TextNormalization.idKey("(12)") == "12")
        #expect(TextNormalization.idKey("（一）") == "一")
        #expect(TextNormalization.idKey("1-2") == "1-2")
    }

    @Test("an ID of ASCII digits is its own key, leading zeros kept, as the bracketed and full-width forms give it",
          arguments: ["7", "0012", "100000", "123456789012345678"])
    func digitIDs(_ digits: String) {
        #expect(TextNormalization.idKey(digits) == digits)
        #expect(TextNormalization.idKey("(\(digits))") == digits)
        #expect(TextNormalization.idKey(String(digits.unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0)!) })) == digits)
    }

    @Test("printed number prefixes are parsed out of titles", arguments: [
        ("1.学习贯彻不深入", 1, "1.", "学习贯彻不深入"),
        ("10.巡察整改不彻底", 10, "10.", "巡察整改不彻底"),
        ("一、落实巡察整改责任的情况", 1, "一、", "落实巡察整改责任的情况"),
        ("（一）组织领导方面", 1, "(一)", "组织领导方面"),
        ("(四)聚焦巡察整改和成果运用方面", 4, "(四)", "聚焦巡察整改和成果运用方面"),
        ("(31)针对巡察反馈", 31, "(31)", "针对巡察反馈"),
        ("十二、其他", 12, "十二、", "其他"),
        ("３．项目管理", 3, "3.", "项目管理"),
    ])
    func numbered(_ text: String, _ number: Int, _ label: String, _ title: String) {
        let parsed = NumberedTitle(parsing: text)
        #expect(parsed.number == number)
        #expect(parsed.label == label)
        #expect(parsed.title == title)
    }

    @Test("titles printed without a number have none", arguments: [
        "“四风”问题依然存在", "组织生活不严谨", "1.5万元未入账", "2025年项目",
    ])
    func unnumbered(_ text: String) {
        let parsed = NumberedTitle(parsing: text)
        #expect(parsed.number == nil)
        #expect(parsed.title == text)
    }

    @Test("Chinese numerals", arguments: [
        ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("两", 2),
    ])
    func chineseNumerals(_ text: String, _ value: Int) {
        #expect(TextNormalization.chineseNumber(text) == value)
    }

    @Test("headers are recognized in Chinese and English, after NFKC and trimming", arguments: [
        ("问题编号", Field.TableKind.tasks, Field?.some(.issue)),
        ("问题编号", .issues, .id),
        (" 完成时限 ", .tasks, .deadline),
        ("责任股室", .tasks, .unit),
        ("Deadline", .tasks, .deadline),
        ("具体问题", .issues, .issueText),
        ("问题", .issues, .problem),
        ("配合单位", .tasks, .supportingUnits),
        ("是否销号", .tasks, .closure),
        ("职务", .roster, .role),
        ("联系电话", .tasks, nil),
    ])
    func headers(_ header: String, _ kind: Field.TableKind, _ field: Field?) {
        #expect(Field.recognizing(header: header, in: kind) == field)
    }

    @Test("a stray byte-order mark or zero-width space does not hide a header")
    func invisibleCharacters() {
        #expect(Field.recognizing(header: "\u{FEFF}序号", in: .issues) == .id)
        #expect(Field.recognizing(header: "责任\u{200B}人", in: .tasks) == .owner)
        #expect(TextNormalization.idKey("\u{FEFF}(1)") == "1")
    }

    @Test("people and units split on 、 , / ;")
    func names() {
        #expect(TextNormalization.names(in: "张某某、李某某") == ["张某某", "李某某"])
        #expect(TextNormalization.names(in: "办公室/科普股") == ["办公室", "科普股"])
        #expect(TextNormalization.names(in: "  ") == [])
    }
}
