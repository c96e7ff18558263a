import Foundation
import TabularCSV
import TabularCore
import TestSupport
import Testing

/// Writes rows with a configuration and returns the file's bytes.
func written(_ rows: [[String]], _ configuration: CSVWriter.Configuration = .init()) throws -> [UInt8] {
    let directory = try TemporaryDirectory()
    let path = directory.file("out.csv")
    let writer = try CSVWriter(path: path, configuration: configuration)
    for row in rows { try writer.write(row: row) }
    try writer.close()
    return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
}

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("quotes only when needed", arguments: [
        ("plain", ["a", "b"], "a,b\n"),
        ("empty fields", ["", "", ""], ",,\n"),
        ("delimiter", ["a,b", "c"], "\"a,b\",c\n"),
        ("quote doubled", ["say \"hi\""], "\"say \"\"hi\"\"\"\n"),
        ("LF", ["a\nb"], "\"a\nb\"\n"),
        ("CR", ["a\rb"], "\"a\rb\"\n"),
        ("spaces are not quoted by default", [" a ", "b"], " a ,b\n"),
        ("Chinese", ["张三", "已整改"], "张三,已整改\n"),
        ("no fields is a blank line", [], "\n"),
        ("a lone sep= field is quoted so it is not a directive", ["sep=;"], "\"sep=;\"\n"),
    ])
    func quoting(name: String, fields: [String], expected: String) throws {
        #expect(try written([fields]) == Array(expected.utf8), "\(name)")
    }

    @Test("options: CRLF, BOM, delimiter, outer spaces")
    func options() throws {
        let configuration = CSVWriter.Configuration(
            delimiter: UInt8(ascii: ";"), lineEnding: .crlf, includesByteOrderMark: true, quotesOuterSpaces: true
        )
        let bytes = try written([["a;b", " x", "c,d"], ["1", "2", "3"]], configuration)
        #expect(bytes == [0xEF, 0xBB, 0xBF] + Array("\"a;b\";\" x\";c,d\r\n1;2;3\r\n".utf8))
    }

    @Test("escapes formulas when asked, but not plain numbers", arguments: [
        ("=SUM(A1)", "\"'=SUM(A1)\""),
        ("+cmd", "\"'+cmd\""),
        ("-cmd", "\"'-cmd\""),
        ("@cmd", "\"'@cmd\""),
        ("\tx", "\"'\tx\""),
        ("\rx", "\"'\rx\""),
        ("＝1+1", "\"'＝1+1\""),
        ("＋1", "\"'＋1\""),
        ("－1", "\"'－1\""),
        ("＠x", "\"'＠x\""),
        ("=\"quoted\"", "\"'=\"\"quoted\"\"\""),
        ("-12.5", "-12.5"),
        ("+5", "\"'+5\""),
        ("a=b", "a=b"),
        ("整改", "整改"),
    ])
    func formulas(field: String, expected: String) throws {
        #expect(try written([[field]], .init(escapesFormulas: true)) == Array((expected + "\n").utf8))
        #expect(try written([[field]]) == Array(try written([[field]])), "no escaping by default")
    }

    @Test("Python's csv module reads back what we write")
    func pythonReadsIt() throws {
        let rows = [["名称", "备注", "金额"], ["a,b", "say \"hi\"\nnext line", " 12 "], ["", "=1+1", "end"]]
        let directory = try TemporaryDirectory()
        let path = directory.file("out.csv")
        let writer = try CSVWriter(path: path, configuration: .init(lineEnding: .crlf))
        for row in rows { try writer.write(row: row) }
        try writer.close()
        let json = try runPython(
            "import sys, csv, json\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))",
            [path]
        )
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]]
        #expect(parsed == rows)
    }

    @Test("writes GB18030 and UTF-16LE that iconv decodes", arguments: [
        ("GB18030", false, [UInt8]()), ("UTF-16LE", true, [0xFF, 0xFE]),
    ])
    func encodings(encoding: String, bom: Bool, expectedBOM: [UInt8]) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.csv")
        let writer = try CSVWriter(path: path, configuration: .init(includesByteOrderMark: bom, encoding: encoding))
        try writer.write(row: ["姓名", "状态"])
        try writer.write(row: ["张三", "已整改"])
        try writer.close()
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(expectedBOM.count)) == expectedBOM)
        let decoded = directory.file("decoded.csv")
        let result = try runProcess("/usr/bin/iconv", ["-f", encoding, "-t", "UTF-8", "-o", decoded, path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try Array(Data(contentsOf: URL(fileURLWithPath: decoded)))
        #expect(text == (bom ? [0xEF, 0xBB, 0xBF] : []) + Array("姓名,状态\n张三,已整改\n".utf8))
        // And our reader detects it.
        #expect(try readAll(CSVReader(path: path)) == [["姓名", "状态"], ["张三", "已整改"]])
    }

    @Test("a character the output encoding cannot hold is an error at its row and column")
    func unencodable() throws {
        let directory = try TemporaryDirectory()
        let writer = try CSVWriter(path: directory.file("out.csv"), configuration: .init(encoding: "LATIN1"))
        try writer.write(row: ["name", "city"])
        let error = #expect(throws: CSVError.self) { try writer.write(row: ["Müller", "北京"]) }
        #expect(error?.code == .unencodableCharacter)
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 2)
        #expect(error?.value == "北")
        #expect(error?.message.contains("U+5317") == true)
        #expect(error?.category == .outputFailure)
    }

    @Test("an unknown output encoding or bad delimiter is a usage error")
    func badOptions() throws {
        let directory = try TemporaryDirectory()
        let encoding = #expect(throws: CSVError.self) {
            try CSVWriter(path: directory.file("a.csv"), configuration: .init(encoding: "NOPE-99"))
        }
        #expect(encoding?.code == .unknownEncoding)
        #expect(encoding?.category == .usage)
        let delimiter = #expect(throws: CSVError.self) {
            try CSVWriter(path: directory.file("b.csv"), configuration: .init(delimiter: UInt8(ascii: "\"")))
        }
        #expect(delimiter?.code == .invalidConfiguration)
    }

    @Test("a writer released without close() still writes its buffer")
    func releasedWithoutClose() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.csv")
        do {
            let writer = try CSVWriter(path: path)
            try writer.write(row: ["a", "b"])
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n")
    }

    @Test("flushes when the buffer fills, so memory stays bounded")
    func flushesWhenFull() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.csv")
        let writer = try CSVWriter(path: path, configuration: .init(bufferSize: 1024))
        for index in 0..<1000 { try writer.write(row: ["\(index)", "some text"]) }
        let partial = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(partial > 0)
        try writer.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1000)
        #expect(writer.rowCount == 1000)
    }

    @Test("a file in a missing folder cannot be created")
    func unwritable() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: CSVError.self) { try CSVWriter(path: directory.file("no/such/out.csv")) }
        #expect(error?.code == .writeFailed)
        #expect(error?.category == .outputFailure)
    }

    @Test("a closed pipe is reported as outputClosed")
    func closedPipe() throws {
        signal(SIGPIPE, SIG_IGN)
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let writer = try CSVWriter(
            fileDescriptor: pipe.fileHandleForWriting.fileDescriptor, name: "-", configuration: .init(bufferSize: 16)
        )
        let error = #expect(throws: CSVError.self) {
            for _ in 0..<100 { try writer.write(row: ["some", "data"]) }
        }
        #expect(error?.code == .outputClosed)
    }

    @Test("round-trips awkward fields through our reader", arguments: [CSVWriter.LineEnding.lf, .crlf])
    func roundTrip(lineEnding: CSVWriter.LineEnding) throws {
        let rows = [
            ["a", "b", "c"], ["\"", "\"\"", ","], ["x\r\ny", "\n", "\r"], [" lead", "trail ", "\t"], ["", "", ""],
        ]
        let directory = try TemporaryDirectory()
        let path = directory.file("rt.csv")
        let writer = try CSVWriter(path: path, configuration: .init(lineEnding: lineEnding))
        for row in rows { try writer.write(row: row) }
        try writer.close()
        #expect(try readAll(CSVReader(path: path)) == rows)
    }

    @Test("writes cells as text", arguments: [
        (CellValue.empty, ""), (.text("x"), "x"), (.number(42), "42"), (.number(-1.5), "-1.5"),
        (.bool(true), "TRUE"), (dateCell(2025, 3, 31), "2025-03-31"),
        (dateCell(2025, 3, 31, 8, 5), "2025-03-31T08:05:00"),
        (.error("#N/A"), "#N/A"),
    ])
    func cells(cell: CellValue, expected: String) {
        #expect(cell.text == expected)
    }
}

/// A date cell for the argument table, where `#require` cannot run: an impossible date becomes an `.error` cell
/// naming it, so the expectation fails instead of the test process trapping.
private func dateCell(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> CellValue {
    guard let value = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute) else {
        return .error("bad test date \(year)-\(month)-\(day) \(hour):\(minute)")
    }
    return .date(value)
}
