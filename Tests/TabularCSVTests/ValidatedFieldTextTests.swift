import Foundation
@testable import TabularCSV
import TabularCore
import TestSupport
import Testing

/// A reader that validated its bytes as UTF-8 copies each field's text without validating it again; the texts must be
/// exactly the ones the file holds, written out here by hand, whichever way they are made.
@Suite("CSV reader: field texts of validated bytes")
struct ValidatedFieldTextTests {
    /// Fields of every length class (inline, interned 16–64 bytes, longer), CJK, full-width spaces, combining marks,
    /// and CR, LF and CRLF inside quoted fields.
    static let fields: [String] = [
        "a", "序号", "　王某某　", "e\u{301}", "Å", "\u{FEFF}x", "整改措施第1条，落实责任", "县发展和改革局、县财政局",
        "line one\nline two", "cr\rinside", "crlf\r\ninside", "say \"hi\"", "（一）聚焦党中央决策部署方面\u{3000}",
        String(repeating: "措", count: 21), String(repeating: "施", count: 22), String(repeating: "ab", count: 40) + "é",
        "\u{1F600} emoji", "Ａ\u{301}全角",
    ]

    static func record(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "\"" || $0 == "," || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }

    @Test("a small file read whole (one validating pass) and a large one (two validated halves) give the file's texts",
          arguments: [1, 12_000])
    func texts(repeats: Int) throws {
        let directory = try TemporaryDirectory()
        let header = (1...ValidatedFieldTextTests.fields.count).map { "c\($0)" }
        var text = ValidatedFieldTextTests.record(header) + "\r\n"
        for index in 0..<repeats {
            let row = ValidatedFieldTextTests.fields.indices.map { ValidatedFieldTextTests.fields[($0 + index) % ValidatedFieldTextTests.fields.count] }
            text += ValidatedFieldTextTests.record(row) + "\r\n"
        }
        let path = directory.file("t.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if repeats > 1 { #expect(text.utf8.count >= 1 << 20) }  // read in two halves
        let table = try CSVReader.readTable(path: path)
        #expect(table.rows.count == repeats + 1)
        for (index, row) in table.rows.dropFirst().enumerated() {
            let expected = ValidatedFieldTextTests.fields.indices.map {
                ValidatedFieldTextTests.fields[($0 + index) % ValidatedFieldTextTests.fields.count]
            }
            #expect(row.cells.map(\.text) == expected, "row \(index + 1)")
            // The same bytes, not only canonically equal texts.
            #expect(row.cells.map { Array($0.text.utf8) } == expected.map { Array($0.utf8) }, "row \(index + 1)")
        }
    }

    @Test("an interner of bytes not known to be valid replaces a bad byte by U+FFFD and keeps no such text",
          arguments: [3, 20, 70])
    func unvalidatedBytes(length: Int) {
        var interner = FieldInterner()
        let bytes = Array(repeating: UInt8(ascii: "x"), count: length - 1) + [0xFF]
        let text = bytes.withUnsafeBufferPointer { interner.text($0) }
        #expect(text == String(repeating: "x", count: length - 1) + "\u{FFFD}")
        let again = bytes.withUnsafeBufferPointer { interner.text($0) }
        #expect(again == text)
    }

    @Test("an interner of validated bytes gives the bytes' own text, kept or not", arguments: [3, 16, 40, 64, 65, 300])
    func validatedBytes(length: Int) {
        var interner = FieldInterner(bytesAreValid: true)
        let unit = Array("整改".utf8) + [UInt8(ascii: "a")]  // 7 bytes: whole scalars at every multiple of 7
        let bytes = Array((0..<length).map { unit[$0 % unit.count] })
        let cut = (0...bytes.count).last { String(decoding: bytes[..<$0], as: UTF8.self).utf8.elementsEqual(bytes[..<$0]) }!
        let valid = Array(bytes[..<cut])
        let first = valid.withUnsafeBufferPointer { interner.text($0) }
        let second = valid.withUnsafeBufferPointer { interner.text($0) }
        #expect(Array(first.utf8) == valid)
        #expect(first == second)
        #expect(first == String(decoding: valid, as: UTF8.self))
    }
}
