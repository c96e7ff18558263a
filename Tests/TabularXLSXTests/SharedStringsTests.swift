import Foundation
import TabularCore
import Testing
@testable import TabularXLSX

/// Reads a shared-string part delivered in chunks of a given size.
private func sharedStrings(_ xml: String, chunk: Int, limits: XLSXLimits = XLSXLimits()) throws -> [String] {
    let bytes = Array(xml.utf8)
    var offset = 0
    var scanner = XMLScanner(partName: "xl/sharedStrings.xml", location: SourceLocation(file: "book.xlsx"), limits: limits) {
        guard offset < bytes.count else { return nil }
        let end = min(offset + chunk, bytes.count)
        defer { offset = end }
        return Data(bytes[offset..<end])
    }
    return try SharedStrings.read(&scanner, limits: limits)
}

@Suite("The shared-string table: every item as Excel shows it, however the part is cut into chunks")
struct SharedStringsTests {
    /// Plain items (the shape most writers use) mixed with every shape that needs the general XML reading.
    static let part = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="12" uniqueCount="12">\
        <si><t>整改措施</t></si><si><t xml:space="preserve"> 两端有空格 </t></si><si><t></t></si>\
        <si><t>A &amp; B &lt;1&gt; &#x4E2D;</t></si><si><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></si>\
        <si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si><t>_x0041_1</t></si>
        <si>
          <t>line one
        line two</t>
        </si><si><t/></si><si><t>after whitespace</t></si><x:si xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:t>prefixed</x:t></x:si><si><t>last</t></si></sst>
        """

    static let expected = [
        "整改措施", " 两端有空格 ", "", "A & B <1> 中", "富文本", "漢字", "A1", "line one\nline two", "", "after whitespace",
        "prefixed", "last",
    ]

    @Test("plain, entity, rich, phonetic, escaped, multi-line and prefixed items read alike at every chunk size",
          arguments: [1, 2, 3, 7, 16, 64, 4096])
    func everyShapeAtEveryChunkSize(chunk: Int) throws {
        #expect(try sharedStrings(Self.part, chunk: chunk) == Self.expected)
    }

    /// An item with a byte the plain reading hands to the general one (an entity, a CR, an `_xHHHH_` escape) or
    /// not (`_` without `x`, an escape in a text under seven bytes), at every place within and past its first
    /// eight-byte steps; the expected texts written by hand from ECMA-376's rules.
    @Test("a special byte at every place of an item reads as the rules say", arguments: 0...17)
    func specialByteAtEveryPlace(place: Int) throws {
        let before = String(repeating: "a", count: place)
        let after = "bcdefghij"
        let items: [(String, String)] = [
            (before + "&amp;" + after, before + "&" + after),
            (before + "\r\n" + after, before + "\n" + after),
            (before + "_x0041_" + after, before + "A" + after),
            (before + "_y_" + after, before + "_y_" + after),
            (before + "中文" + after, before + "中文" + after),
            (String(before.prefix(2)) + "_x", String(before.prefix(2)) + "_x"),
        ]
        let part = "<sst>" + items.map { "<si><t>\($0.0)</t></si>" }.joined() + "</sst>"
        for chunk in [5, 4096] {
            #expect(try sharedStrings(part, chunk: chunk) == items.map(\.1))
        }
    }

    @Test("a CR in a plain item is read as XML reads it (a line feed)")
    func carriageReturnIsNormalized() throws {
        let part = "<sst><si><t>a\r\nb</t></si><si><t>c\rd</t></si></sst>"
        #expect(try sharedStrings(part, chunk: 5) == ["a\nb", "c\nd"])
    }

    @Test("an item that is not UTF-8 is an error naming the item, as before")
    func invalidUTF8IsAnError() throws {
        let bytes = Array("<sst><si><t>ok</t></si><si><t>".utf8) + [0xC3, 0x28] + Array("</t></si></sst>".utf8)
        var delivered = false
        var scanner = XMLScanner(partName: "p", location: SourceLocation(file: "f"), limits: XLSXLimits()) {
            defer { delivered = true }
            return delivered ? nil : Data(bytes)
        }
        let error = readError { _ = try SharedStrings.read(&scanner, limits: XLSXLimits()) }
        #expect(error?.code == .malformedXML)
        #expect(error?.message.contains("shared string 1") == true)
    }

    @Test("more items than the limit is a structure-limit error, plain items counted too")
    func limitCountsPlainItems() throws {
        var limits = XLSXLimits()
        limits.maxSharedStrings = 2
        let part = "<sst><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>"
        let error = readError { _ = try sharedStrings(part, chunk: 4096, limits: limits) }
        #expect(error?.code == .structureLimit)
    }

    @Test("an unterminated item is reported as truncated XML, not read as a string")
    func truncatedItem() throws {
        let error = readError { _ = try sharedStrings("<sst><si><t>cut here", chunk: 3) }
        #expect(error?.code == .malformedXML)
    }
}
