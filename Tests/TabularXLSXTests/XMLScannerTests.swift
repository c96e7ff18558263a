import Foundation
import TabularCore
import Testing
@testable import TabularXLSX

/// Scans XML delivered in chunks of a given size and renders the events as text.
func scanEvents(_ xml: String, chunk: Int) throws -> [String] {
    let bytes = Array(xml.utf8)
    var offset = 0
    var scanner = XMLScanner(partName: "test.xml", location: SourceLocation(file: "test"), limits: XLSXLimits()) {
        guard offset < bytes.count else { return nil }
        let end = min(offset + chunk, bytes.count)
        defer { offset = end }
        return Data(bytes[offset..<end])
    }
    var events: [String] = []
    while true {
        switch try scanner.next() {
        case .start:
            var text = "<\(scanner.name)"
            if let r = try scanner.attribute("r") { text += " r=\(r)" }
            if let t = try scanner.attribute("t") { text += " t=\(t)" }
            events.append(text + ">")
        case .end: events.append("</\(scanner.name)>")
        case .text: events.append("'\(try scanner.textString())'")
        case .endOfDocument: return events
        }
    }
}

@Suite struct XMLScannerTests {
    static let document = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
        <!-- a comment with <tags> -->
        <x:root xmlns:x="urn:x" xmlns:r="urn:r"><x:c r="A1" t='s' x:extra = "a&amp;b&#65;&#x42;"><v>1 &lt; 2</v></x:c>\
        <c r="B&gt;1"/><c r='x>y' t="a'b"/><t><![CDATA[a]]b<c>]]></t><t xml:space="preserve">  é  </t></x:root>
        """

    static let expected = [
        "<root>", "<c r=A1 t=s>", "<v>", "'1 < 2'", "</v>", "</c>", "<c r=B>1>", "</c>", "<c r=x>y t=a'b>", "</c>",
        "<t>", "'a]]b<c>'", "</t>", "<t>", "'  é  '", "</t>", "</root>",
    ]

    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func sameEventsWhateverTheChunkSize(chunk: Int) throws {
        #expect(try scanEvents(XMLScannerTests.document, chunk: chunk) == XMLScannerTests.expected)
    }

    @Test(arguments: [
        ("<a><b></a>", XLSXReadError.Code.malformedXML),
        ("<a><b>", .malformedXML),
        ("<a", .malformedXML),
        ("", .malformedXML),
        ("<a>x &bogus; y</a>", .malformedXML),
        ("<a>x & y</a>", .malformedXML),
        ("<a>&#0;</a>", .malformedXML),
        ("<a>&#xD800;</a>", .malformedXML),
        ("<a b=c/>", .malformedXML),
        ("<a/><b/>", .malformedXML),
        ("text<a/>", .malformedXML),
        ("<!DOCTYPE a><a/>", .doctypeForbidden),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", .malformedXML),
        ("<?xml version='1.0' encoding = 'windows-1252'?><a/>", .malformedXML),
        ("<a><!ENTITY x 'y'></a>", .doctypeForbidden),
    ])
    func malformedInputThrows(xml: String, code: XLSXReadError.Code) {
        let error = readError { _ = try scanEvents(xml, chunk: 3) }
        #expect(error?.code == code, "\(String(describing: error))")
    }

    @Test func utf8DeclarationsAreAccepted() throws {
        #expect(try scanEvents("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><a/>", chunk: 5) == ["<a>", "</a>"])
        #expect(try scanEvents("<?xml version='1.0' encoding='utf-8'?><a/>", chunk: 5) == ["<a>", "</a>"])
    }

    @Test func invalidUTF8TextIsAnErrorNotAReplacement() {
        let bytes: [UInt8] = Array("<a>".utf8) + [0xC3, 0x28] + Array("</a>".utf8)
        var delivered = false
        var scanner = XMLScanner(partName: "p", location: SourceLocation(file: "f"), limits: XLSXLimits()) {
            defer { delivered = true }
            return delivered ? nil : Data(bytes)
        }
        let error = readError {
            while try scanner.next() != .endOfDocument { if !scanner.text.isEmpty { _ = try scanner.textString() } }
        }
        #expect(error?.code == .malformedXML)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("_x0041_", "A"),
        ("_x005F_x0041_", "_x0041_"),
        ("a_x000D__x000A_b", "a\r\nb"),
        ("_xD83D__xDE00_", "😀"),
        ("_xD83D_ alone", "_xD83D_ alone"),
        ("_x00G1_", "_x00G1_"),
        ("_x41_", "_x41_"),
        ("trailing _x", "trailing _x"),
    ])
    func xStringEscapes(raw: String, expected: String) {
        #expect(XStringEscapes.string(Array(raw.utf8)) == expected)
    }

    @Test(arguments: [
        ("../../etc/passwd", "xl/workbook.xml", nil as String?),
        ("/xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("../media/a%20b.png", "xl/drawings/d.xml", "xl/media/a b.png"),
        ("..\\docProps\\app.xml", "xl/workbook.xml", "docProps/app.xml"),
        ("./s.xml", "book/main.xml", "book/s.xml"),
        ("xl/workbook.xml", "", "xl/workbook.xml"),
    ])
    func relationshipTargets(target: String, source: String, expected: String?) {
        let resolved = try? PackageStructure.resolve(target, from: source, location: SourceLocation(file: "f"))
        #expect(resolved == expected)
    }
}

@Suite struct XMLScannerFuzzTests {
    /// Random documents over an alphabet of XML's special characters, scanned at several chunk sizes: each must end
    /// in events or an `XLSXReadError`, never a trap or a hang.
    @Test(arguments: 0..<8)
    func randomMarkupNeverTraps(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array("<>/=\"'&;#x:?!-[]CDATA abc\u{00e9}0123456789".utf8)
        for _ in 0..<300 {
            var bytes = Array("<r>".utf8)
            for _ in 0..<(next() % 60) { bytes.append(alphabet[next() % alphabet.count]) }
            if next() % 2 == 0 { bytes += Array("</r>".utf8) }
            let text = String(decoding: bytes, as: UTF8.self)
            for chunk in [1, 4, 64] {
                do {
                    _ = try scanEvents(text, chunk: chunk)
                } catch is XLSXReadError {
                } catch {
                    Issue.record("foreign error \(error) for \(text)")
                }
            }
        }
    }
}
