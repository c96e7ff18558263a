import TabularCore
import Testing

@Suite("Display width of text in columns")
struct DisplayWidthTests {
    @Test("display width counts CJK as two columns and takes the widest line", arguments: [
        ("abc", 3), ("中文", 4), ("ab\n中文字", 6), ("", 0), ("Ünïcödé", 7), ("＝全角", 6),
    ])
    func displayWidth(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test("a single line's width counts CJK punctuation and curly quotes as wide, control characters as nothing")
    func lineWidth() {
        #expect(DisplayWidth.width("“四风”问题") == 12)
        #expect(DisplayWidth.width("a\tb") == 2)
    }
}
