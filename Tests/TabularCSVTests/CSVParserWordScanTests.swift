import TabularCSV
import TabularCore
import Testing

/// The parser skips field bytes eight at a time while none of them can end the field; a delimiter, quote, CR or LF
/// must end the field wherever it falls in a word, and other control bytes (a tab) must stay data. The expected fields
/// are made by construction here, not by the parser.
@Suite("CSV parser: fields skipped eight bytes at a time")
struct CSVParserWordScanTests {
    @Test("a field's end found at every position in a word", arguments: 1...20)
    func everyPosition(_ length: Int) throws {
        let long = String(repeating: "a", count: length)
        let wide = String(repeating: "整", count: length)
        let tabbed = String(repeating: "b\t", count: length)
        let input = "\(long),\(wide);\(tabbed)\n\"\(wide)\"\"\(long)\",x\r\n\(long)\r\(wide)"
        let records = try parseAll(input, delimiter: UInt8(ascii: ","))
        #expect(records.map(\.fields) == [
            [long, "\(wide);\(tabbed)"], ["\(wide)\"\(long)", "x"], [long], [wide],
        ])
        // The same bytes fed in chunks of 1 to 9 bytes: words are never read across a chunk's end.
        for size in 1...9 {
            #expect(try parseAll(input, delimiter: UInt8(ascii: ","), chunkSize: size).map(\.fields)
                == records.map(\.fields), "chunks of \(size)")
        }
    }

    @Test("a NUL byte anywhere in a long field is the error at its offset", arguments: 0..<17)
    func nulByte(_ position: Int) {
        var bytes = Array(String(repeating: "x", count: 16).utf8)
        bytes.insert(0, at: position)
        #expect(throws: CSVError.self) { try parseAll(bytes) }
        do {
            _ = try parseAll(bytes)
        } catch {
            #expect(error.code == .nulByte)
            #expect(error.location?.byteOffset == position)
        }
    }
}
