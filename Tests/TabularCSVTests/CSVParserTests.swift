import TabularCSV
import TabularCore
import Testing

/// One parsed record as the tests compare it: fields, starting line and byte offset.
struct ParsedRecord: Equatable, CustomStringConvertible {
    var fields: [String]
    var line: Int
    var offset: Int
    var description: String { "\(fields)@\(line):\(offset)" }
}

/// Parses `input` fed in chunks of `chunkSize` bytes (the whole input when nil).
func parseAll(_ input: String, delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int? = nil) throws(CSVError) -> [ParsedRecord] {
    try parseAll(Array(input.utf8), delimiter: delimiter, chunkSize: chunkSize)
}

func parseAll(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int? = nil) throws(CSVError) -> [ParsedRecord] {
    var parser = CSVParser(delimiter: delimiter, source: "test.csv")
    var records: [ParsedRecord] = []
    let size = max(1, chunkSize ?? bytes.count)
    var start = 0
    while start < bytes.count {
        let chunk = Array(bytes[start..<min(start + size, bytes.count)])
        var position = 0
        let failure = chunk.withUnsafeBufferPointer { buffer -> CSVError? in
            do throws(CSVError) {
                while try parser.parse(buffer, position: &position) == .record {
                    records.append(ParsedRecord(fields: parser.fields, line: parser.recordLine, offset: parser.recordByteOffset))
                }
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        start += size
    }
    if try parser.finish() {
        records.append(ParsedRecord(fields: parser.fields, line: parser.recordLine, offset: parser.recordByteOffset))
    }
    return records
}

/// A parser case: the input and the records it must read as.
struct ParseCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var expected: [[String]]
    var delimiter: UInt8 = UInt8(ascii: ",")
    var testDescription: String { name }
}

let parseCases: [ParseCase] = [
    ParseCase(name: "empty input has no records", input: "", expected: []),
    ParseCase(name: "one field without newline", input: "a", expected: [["a"]]),
    ParseCase(name: "LF line ends", input: "a,b\nc,d\n", expected: [["a", "b"], ["c", "d"]]),
    ParseCase(name: "CRLF line ends", input: "a,b\r\nc,d\r\n", expected: [["a", "b"], ["c", "d"]]),
    ParseCase(name: "lone CR line ends", input: "a,b\rc,d\r", expected: [["a", "b"], ["c", "d"]]),
    ParseCase(name: "mixed line ends", input: "a\r\nb\nc\rd", expected: [["a"], ["b"], ["c"], ["d"]]),
    ParseCase(name: "missing final newline", input: "a,b\nc,d", expected: [["a", "b"], ["c", "d"]]),
    ParseCase(name: "trailing delimiter with newline", input: "a,\n", expected: [["a", ""]]),
    ParseCase(name: "trailing delimiter without newline", input: "a,", expected: [["a", ""]]),
    ParseCase(name: "only delimiters", input: ",,\n", expected: [["", "", ""]]),
    ParseCase(name: "blank line is one empty field", input: "a\n\nb\n", expected: [["a"], [""], ["b"]]),
    ParseCase(name: "blank CRLF lines", input: "a\r\n\r\n\r\nb", expected: [["a"], [""], [""], ["b"]]),
    ParseCase(name: "lone newline is one blank record", input: "\n", expected: [[""]]),
    ParseCase(name: "quoted field", input: "\"a,b\",c\n", expected: [["a,b", "c"]]),
    ParseCase(name: "doubled quotes", input: "\"say \"\"hi\"\"\"\n", expected: [["say \"hi\""]]),
    ParseCase(name: "empty quoted field", input: "\"\",x\n", expected: [["", "x"]]),
    ParseCase(name: "only a doubled quote", input: "\"\"\"\"\n", expected: [["\""]]),
    ParseCase(name: "LF inside quotes", input: "\"a\nb\",c\n", expected: [["a\nb", "c"]]),
    ParseCase(name: "CRLF inside quotes", input: "\"a\r\nb\"\r\n", expected: [["a\r\nb"]]),
    ParseCase(name: "CR inside quotes", input: "\"a\rb\"\n", expected: [["a\rb"]]),
    ParseCase(name: "quoted field at end without newline", input: "x,\"y\"", expected: [["x", "y"]]),
    ParseCase(name: "quoted trailing empty field", input: "x,\"\"", expected: [["x", ""]]),
    ParseCase(name: "spaces are data", input: " a , b \n", expected: [[" a ", " b "]]),
    ParseCase(name: "tabs are data", input: "\ta\t,b\n", expected: [["\ta\t", "b"]]),
    ParseCase(name: "quote inside unquoted field is literal", input: "ab\"c,d\n", expected: [["ab\"c", "d"]]),
    ParseCase(name: "text after closing quote is appended", input: "\"ab\"c,d\n", expected: [["abc", "d"]]),
    ParseCase(name: "space before opening quote keeps quotes as data", input: " \"a\",b\n", expected: [[" \"a\"", "b"]]),
    ParseCase(name: "semicolon delimiter", input: "a;b,c\n", expected: [["a", "b,c"]], delimiter: UInt8(ascii: ";")),
    ParseCase(name: "tab delimiter", input: "a\tb c\n", expected: [["a", "b c"]], delimiter: 0x09),
    ParseCase(name: "pipe delimiter with quotes", input: "\"a|b\"|c\n", expected: [["a|b", "c"]], delimiter: UInt8(ascii: "|")),
    ParseCase(name: "Chinese text", input: "姓名,部门\n张三,财务部\n", expected: [["姓名", "部门"], ["张三", "财务部"]]),
    ParseCase(name: "ragged rows are reported as is", input: "a,b,c\nd\ne,f,g,h\n", expected: [["a", "b", "c"], ["d"], ["e", "f", "g", "h"]]),
]

@Suite("CSV parser")
struct CSVParserTests {
    @Test("parses", arguments: parseCases)
    func parses(_ testCase: ParseCase) throws {
        let records = try parseAll(testCase.input, delimiter: testCase.delimiter)
        #expect(records.map(\.fields) == testCase.expected)
    }

    @Test("gives the same records for every chunk size", arguments: parseCases)
    func chunkBoundaries(_ testCase: ParseCase) throws {
        let whole = try parseAll(testCase.input, delimiter: testCase.delimiter)
        let length = max(1, testCase.input.utf8.count)
        for size in 1...length {
            let chunked = try parseAll(testCase.input, delimiter: testCase.delimiter, chunkSize: size)
            #expect(chunked == whole, "chunk size \(size)")
        }
    }

    @Test("numbers records by the line and byte offset where they start")
    func lineNumbers() throws {
        let input = "h1,h2\r\n\"multi\nline\",x\n\nlast,\"q\r\nq\"\rend"
        let records = try parseAll(input)
        #expect(records.map(\.line) == [1, 2, 4, 5, 7])
        #expect(records.map(\.offset) == [0, 7, 22, 23, 35])
    }

    @Test("reports an unterminated quote at the opening quote", arguments: [
        ("a,\"bc\nde", 1, 3, 2),
        ("x\n\"abc", 2, 1, 2),
        ("h\n张三,\"open\n\nmore", 2, 4, 2 + 7),
        ("\"a\"\"", 1, 1, 0),
    ])
    func unterminatedQuote(input: String, line: Int, column: Int, offset: Int) throws {
        for size in [1, 2, 3, input.utf8.count] {
            let error = #expect(throws: CSVError.self) { try parseAll(input, chunkSize: size) }
            #expect(error?.code == .unterminatedQuote)
            #expect(error?.location == SourceLocation(file: "test.csv", line: line, column: column, byteOffset: offset))
            // A file that cannot be parsed is unreadable input (exit 3), like a corrupt workbook.
            #expect(error?.category == .unreadableInput)
        }
    }

    @Test("rejects a NUL byte with its line, column and offset")
    func nulByte() throws {
        let bytes: [UInt8] = Array("ab,c\nd".utf8) + [0] + Array("e\n".utf8)
        for size in [1, 4, bytes.count] {
            let error = #expect(throws: CSVError.self) { try parseAll(bytes, chunkSize: size) }
            #expect(error?.code == .nulByte)
            #expect(error?.location == SourceLocation(file: "test.csv", line: 2, column: 2, byteOffset: 6))
            #expect(error?.category == .unreadableInput)
        }
    }

    @Test("rejects a record larger than the limit")
    func recordTooLarge() throws {
        var parser = CSVParser(maxRecordSize: 10, source: "big.csv")
        let bytes = Array("\"0123456789abcdef".utf8)
        var position = 0
        let error = #expect(throws: CSVError.self) {
            try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in
                _ = try parser.parse(buffer, position: &position)
            }
        }
        #expect(error?.code == .recordTooLarge)
        #expect(error?.category == .limitExceeded)
        #expect(error?.location?.line == 1)
    }

    @Test("reads a record only up to the chunk, then resumes")
    func resumesAcrossCalls() throws {
        var parser = CSVParser()
        let first = Array("a,\"b".utf8)
        let second = Array("\"\"c\"\r".utf8)
        let third = Array("\nd".utf8)
        var position = 0
        #expect(try first.withUnsafeBufferPointer { try parser.parse($0, position: &position) } == .needsInput)
        position = 0
        #expect(try second.withUnsafeBufferPointer { try parser.parse($0, position: &position) } == .record)
        #expect(parser.fields == ["a", "b\"c"])
        #expect(position == second.count)
        position = 0
        #expect(try third.withUnsafeBufferPointer { try parser.parse($0, position: &position) } == .needsInput)
        #expect(try parser.finish())
        #expect(parser.fields == ["d"])
        #expect(parser.recordLine == 2)
        #expect(try parser.finish() == false)
    }
}

@Suite("Delimiter sniffing")
struct DelimiterSnifferTests {
    @Test("chooses the delimiter with the most consistent field count", arguments: [
        ("comma", "a,b,c\n1,2,3\n4,5,6\n", UInt8(ascii: ",")),
        ("semicolon with decimal commas", "a;b;c\n1,5;2,5;3\n4;5,1;6\n", UInt8(ascii: ";")),
        ("tab", "name\tcity\nA, B\tX\n", UInt8(0x09)),
        ("pipe", "a|b\n1|2\n", UInt8(ascii: "|")),
        ("comma inside quotes is not counted", "\"a,b\";c\n\"d,e\";f\n\"g\";h\n", UInt8(ascii: ";")),
        ("quoted newlines respected", "a,b\n\"x\ny;z;w\",2\n", UInt8(ascii: ",")),
    ])
    func sniffs(name: String, sample: String, expected: UInt8) {
        let bytes = Array(sample.utf8)
        let found = bytes.withUnsafeBufferPointer { DelimiterSniffer.sniff($0, isWholeInput: true) }
        #expect(found == expected, "\(name)")
    }

    @Test("finds nothing in a single-column sample")
    func singleColumn() {
        let bytes = Array("name\nAlice\nBob\n".utf8)
        #expect(bytes.withUnsafeBufferPointer { DelimiterSniffer.sniff($0, isWholeInput: true) } == nil)
    }
}

@Suite("Parser documentation and limits")
struct CSVParserDocumentationTests {
    @Test("the example in CSVParser's documentation works as written")
    func documentedExample() throws {
        var parser = CSVParser()
        var records: [[String]] = []
        let bytes = Array("a,\"b\"\"c\"\r\nd".utf8)
        try bytes.withUnsafeBufferPointer { chunk throws(CSVError) in
            var position = 0
            while try parser.parse(chunk, position: &position) == .record { records.append(parser.fields) }
        }
        if try parser.finish() { records.append(parser.fields) }
        #expect(records == [["a", "b\"c"], ["d"]])
    }

    @Test("cells are text, empty fields .empty, padded to a minimum")
    func cells() throws {
        var parser = CSVParser()
        let bytes = Array("x,,\"\",y\n".utf8)
        var position = 0
        #expect(try bytes.withUnsafeBufferPointer { try parser.parse($0, position: &position) } == .record)
        #expect(parser.cells() == [.text("x"), .empty, .empty, .text("y")])
        #expect(parser.cells(minimumCount: 6) == [.text("x"), .empty, .empty, .text("y"), .empty, .empty])
    }

    @Test("a record of only delimiters counts towards the size limit")
    func manyFields() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: ","), count: 1000)
        let error = #expect(throws: CSVError.self) {
            var parser = CSVParser(maxRecordSize: 800, source: "wide.csv")
            var position = 0
            _ = try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in try parser.parse(buffer, position: &position) }
        }
        #expect(error?.code == .recordTooLarge)
    }
}

@Suite("Delimiter names")
struct CSVDelimiterTests {
    @Test("reads delimiters as users type them", arguments: [
        (",", UInt8(ascii: ",")), (";", UInt8(ascii: ";")), ("\\t", 0x09), ("TAB", 0x09), ("\t", 0x09),
        ("pipe", UInt8(ascii: "|")), ("semicolon", UInt8(ascii: ";")), ("space", 0x20),
    ] as [(String, UInt8)])
    func names(text: String, byte: UInt8) {
        #expect(CSVDelimiter.byte(named: text) == byte)
    }

    @Test("rejects what cannot delimit", arguments: ["", "\"", "\n", ",,", "，", "ab"])
    func rejects(text: String) {
        #expect(CSVDelimiter.byte(named: text) == nil)
    }

    @Test("names delimiters for messages")
    func describes() {
        #expect(CSVDelimiter.name(of: 0x09) == "tab")
        #expect(CSVDelimiter.name(of: UInt8(ascii: "#")) == "'#'")
    }
}
