@testable import Rectification
import Testing

/// `NumberedTitle(parsing:)` reads a title of common characters by its UTF-8 bytes; the general path reads any
/// title by its `Character`s. Both must give what the documented rules give: the expectations below are worked out
/// by hand (NFKC maps full-width forms and ① to ASCII, `（` to `(`), and each is also checked against the general
/// path on the same normalized text.
@Suite("Numbered titles read by bytes")
struct NumberedTitleBytePathTests {
    @Test("prefixes, numerals and titles", arguments: [
        ("一、加强理论学习", Int?.some(1), "一、", "加强理论学习"),
        ("（一）聚焦决策部署方面", 1, "(一)", "聚焦决策部署方面"),
        ("1.学习贯彻不深入", 1, "1.", "学习贯彻不深入"),
        ("1、学习流于表面", 1, "1、", "学习流于表面"),
        ("①学习流于表面", nil, "", "1学习流于表面"),
        ("第一条 整改要求", nil, "", "第一条 整改要求"),
        ("１２．全角数字", 12, "12.", "全角数字"),
        ("（１２）", 12, "(12)", ""),
        ("12", nil, "", "12"),
        ("一", nil, "", "一"),
        ("一、", 1, "一、", ""),
        ("十二、十二项", 12, "十二、", "十二项"),
        ("二十一、条目", 21, "二十一、", "条目"),
        ("一百零五.文本", 105, "一百零五.", "文本"),
        ("【十】标题", 10, "【十】", "标题"),
        ("[3)括号", 3, "[3)", "括号"),
        ("  （三）  前后空格  ", 3, "(三)", "前后空格"),
        ("(2)\u{3000}全角空格\u{3000}", 2, "(2)", "全角空格"),
        ("1.5万元", nil, "", "1.5万元"),
        ("1.五项措施", nil, "", "1.五项措施"),
        ("3.a项", 3, "3.", "a项"),
        ("12345678901、太长", nil, "", "12345678901、太长"),
        ("123456789、九位", 123_456_789, "123456789、", "九位"),
        ("1二、混合", nil, "", "1二、混合"),
        ("()空括号", nil, "", "()空括号"),
        ("(一标题", nil, "", "(一标题"),
        ("一:冒号", nil, "", "一:冒号"),
        ("〇、零号", 0, "〇、", "零号"),
        ("", nil, "", ""),
    ])
    func parsed(_ text: String, _ number: Int?, _ label: String, _ title: String) {
        let parsed = NumberedTitle(parsing: text)
        #expect(parsed.number == number)
        #expect(parsed.label == label)
        #expect(parsed.title == title)
        let normalized = TextNormalization.normalized(text)
        let general = NumberedTitle.prefixByCharacters(of: normalized)
            ?? NumberedTitle(number: nil, label: "", title: normalized)
        #expect(parsed == general)
    }

    @Test("Chinese numerals by their scalars", arguments: [
        ("零", 0), ("〇", 0), ("一", 1), ("二", 2), ("两", 2), ("三", 3), ("四", 4), ("五", 5), ("六", 6), ("七", 7),
        ("八", 8), ("九", 9), ("十", 10), ("百", 100), ("千", 1000),
    ])
    func numerals(_ character: String, _ value: Int) {
        #expect(NumberedTitle.chineseNumeral(character.unicodeScalars.first!.value)?.value == value)
    }

    @Test("a non-numeral has no value", arguments: ["万", "第", "条", "1", "a"])
    func notNumerals(_ character: String) {
        #expect(NumberedTitle.chineseNumeral(character.unicodeScalars.first!.value) == nil)
    }
}
