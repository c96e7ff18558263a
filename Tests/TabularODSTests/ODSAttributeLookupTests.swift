import Foundation
import TabularCore
import TabularXLSX
import Testing

/// The one-pass attribute lookup that .ods cells use: the same attribute for each name as a lookup by name.
@Suite("One-pass lookup of a start tag's attributes")
struct ODSAttributeLookupTests {
    static let names = XMLAttributeNames(["number-columns-repeated", "value-type", "date-value", "time-value", "value"])

    /// A scanner positioned on the document element of `xml`, a start tag.
    func scanner(_ xml: String) throws -> XMLScanner {
        var scanner = XMLScanner(partName: "content.xml", location: SourceLocation(file: "t.ods"), limits: XLSXLimits(),
                                 bytes: Array(xml.utf8))
        #expect(try scanner.next() == .start)
        return scanner
    }

    @Test("each name's first attribute by local name, -1 for the names absent; namespace declarations are not attributes")
    func firstByLocalName() throws {
        var scanner = try scanner(#"<table:table-cell xmlns:office="urn:o" office:value-type="float" office:value="2" calcext:value-type="string"/>"#)
        var slots: [Int] = []
        scanner.locateAttributes(Self.names, into: &slots)
        // Attributes, namespace declaration excluded: 0 office:value-type, 1 office:value, 2 calcext:value-type.
        #expect(slots == [-1, 0, -1, -1, 1])
        #expect(try scanner.attributeValue(at: slots[1]) == Array("float".utf8)[...])
        #expect(try scanner.attributeValue(at: slots[4]) == Array("2".utf8)[...])
    }

    @Test("names of equal length are told apart, and a name that is a prefix of another does not match it")
    func sameLength() throws {
        var scanner = try scanner(#"<c a:time-value="PT1H" b:date-value="2024-01-02" c:values="9" number-columns-repeated="3"/>"#)
        var slots = [7, 7]  // stale contents of the wrong size are replaced
        scanner.locateAttributes(Self.names, into: &slots)
        #expect(slots == [3, -1, 1, 0, -1])
        #expect(try scanner.attributeValue(at: slots[0]) == Array("3".utf8)[...])
    }

    @Test("values with entity references are decoded; an undefined entity is an error at the tag")
    func decoding() throws {
        var scanner = try scanner(#"<c value="1&amp;2" date-value="&bad;" />"#)
        var slots: [Int] = []
        scanner.locateAttributes(Self.names, into: &slots)
        #expect(try scanner.attributeValue(at: slots[4]) == Array("1&2".utf8)[...])
        #expect(try scanner.attribute(at: slots[4], name: "value") == "1&2")
        #expect(throws: XLSXReadError.self) { try scanner.attributeValue(at: slots[2]) }
    }
}
