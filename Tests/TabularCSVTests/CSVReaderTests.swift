import Foundation
import TabularCSV
import TabularCore
import TestSupport
import Testing

/// Writes `text` to `name` in `encoding` using the system's iconv program, an encoder independent of ours.
@discardableResult
func writeEncoded(_ directory: TemporaryDirectory, _ name: String, _ text: String, encoding: String) throws -> String {
    let source = try directory.write(name + ".utf8", text: text)
    let target = directory.file(name)
    let result = try runProcess("/usr/bin/iconv", ["-f", "UTF-8", "-t", encoding, "-o", target, source])
    #expect(result.status == 0, "iconv: \(result.stderr)")
    return target
}

/// Every row's cells as strings (`.empty` as ""), for compact comparisons.
func readAll(_ reader: CSVReader) throws -> [[String]] {
    var rows: [[String]] = []
    while let row = try reader.nextRow() {
        rows.append(row.cells.map { cell in
            switch cell {
            case .text(let text): text
            case .empty: ""
            default: "?"
            }
        })
    }
    return rows
}

let chineseTable = "姓名,部门,整改状态\n张三,财务部,已整改\n李四,信息技术部,整改中\n"
let chineseRows = [["姓名", "部门", "整改状态"], ["张三", "财务部", "已整改"], ["李四", "信息技术部", "整改中"]]

@Suite("CSV reader: encodings")
struct CSVReaderEncodingTests {
    @Test("detects and decodes encodings written by iconv", arguments: [
        ("UTF-8 without BOM", "UTF-8", [UInt8](), "UTF-8"),
        ("UTF-8 with BOM", "UTF-8", [0xEF, 0xBB, 0xBF], "UTF-8"),
        ("UTF-16LE with BOM", "UTF-16LE", [0xFF, 0xFE], "UTF-16LE"),
        ("UTF-16BE with BOM", "UTF-16BE", [0xFE, 0xFF], "UTF-16BE"),
        ("GB18030", "GB18030", [], "GB18030"),
        ("GBK is read as GB18030", "GBK", [], "GB18030"),
    ])
    func detects(name: String, encoding: String, bom: [UInt8], expected: String) throws {
        let directory = try TemporaryDirectory()
        let encoded = try writeEncoded(directory, "plain.csv", chineseTable, encoding: encoding)
        let bytes = try bom + Array(Data(contentsOf: URL(fileURLWithPath: encoded)))
        let path = try directory.write("input.csv", bytes: bytes)
        let reader = try CSVReader(path: path)
        #expect(reader.encoding == expected, "\(name)")
        #expect(try readAll(reader) == chineseRows, "\(name)")
    }

    @Test("reads Excel's tab-separated UTF-16 'Unicode text'")
    func unicodeText() throws {
        let directory = try TemporaryDirectory()
        let text = chineseTable.replacingOccurrences(of: ",", with: "\t").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = try writeEncoded(directory, "plain.txt", text, encoding: "UTF-16LE")
        let path = try directory.write("unicode.txt", bytes: [0xFF, 0xFE] + Array(Data(contentsOf: URL(fileURLWithPath: encoded))))
        let reader = try CSVReader(path: path)
        #expect(reader.delimiter == 0x09)
        let rows = try readAll(reader)
        #expect(rows == chineseRows)
    }

    @Test("is not fooled by 100 KiB of ASCII before the first Chinese character", arguments: [4096, 256 << 10])
    func lateNonASCII(chunkSize: Int) throws {
        let directory = try TemporaryDirectory()
        var text = "id,name\n"
        var expected = [["id", "name"]]
        for index in 0..<6000 {
            text += "\(index),name\(index)\n"
            expected.append(["\(index)", "name\(index)"])
        }
        for index in 0..<3000 {
            text += "\(index),张三丰\(index)号整改\n"
            expected.append(["\(index)", "张三丰\(index)号整改"])
        }
        #expect(text.utf8.count > 100 << 10)
        let path = try writeEncoded(directory, "late.csv", text, encoding: "GB18030")
        let reader = try CSVReader(path: path, configuration: .init(chunkSize: chunkSize))
        #expect(reader.encoding == "GB18030")
        #expect(try readAll(reader) == expected)
    }

    @Test("uses an explicit encoding that iconv knows", arguments: [
        ("BIG5", "台北市,中正區\n", [["台北市", "中正區"]]),
        ("SHIFT_JIS", "東京都,渋谷区\n", [["東京都", "渋谷区"]]),
        ("LATIN1", "Müller,Straße\n", [["Müller", "Straße"]]),
        ("UTF-16", "a,b\n", [["a", "b"]]),
    ])
    func explicitEncoding(encoding: String, text: String, expected: [[String]]) throws {
        let directory = try TemporaryDirectory()
        let path = try writeEncoded(directory, "in.csv", text, encoding: encoding)
        let reader = try CSVReader(path: path, configuration: .init(encoding: encoding))
        #expect(try readAll(reader) == expected)
    }

    @Test("rejects an encoding name iconv does not know")
    func unknownEncoding() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("a.csv", text: "a\n")
        let error = #expect(throws: CSVError.self) { try CSVReader(path: path, configuration: .init(encoding: "KLINGON-8")) }
        #expect(error?.code == .unknownEncoding)
        #expect(error?.value == "KLINGON-8")
        #expect(error?.message.contains("--encoding") == true || error?.message.contains("iconv") == true)
    }

    @Test("asks for --encoding when a non-UTF-8 sample is too small to detect")
    func undetectable() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("a.csv", bytes: Array("name\ncaf".utf8) + [0xE9] + Array("\n".utf8))
        let error = #expect(throws: CSVError.self) { try CSVReader(path: path) }
        #expect(error?.code == .undetectableEncoding)
        #expect(error?.category == .unreadableInput)
        #expect(error?.message.contains("--encoding") == true)
    }

    @Test("reports a damaged UTF-8 file with the line and byte offset of the bad byte")
    func damagedUTF8() throws {
        let directory = try TemporaryDirectory()
        let good = Array(chineseTable.utf8)
        let path = try directory.write("bad.csv", bytes: good + Array("王五,".utf8) + [0xFF] + Array("\n".utf8))
        let error = #expect(throws: CSVError.self) { try CSVReader(path: path) }
        #expect(error?.code == .invalidUTF8)
        #expect(error?.location?.line == 4)
        #expect(error?.location?.byteOffset == good.count + 7)
        #expect(error?.value == "0xFF 0x0A")
    }

    @Test("reports invalid bytes in declared UTF-8 while streaming, with line and offset")
    func invalidDeclaredUTF8() throws {
        let directory = try TemporaryDirectory()
        let prefix = Array("a,b\r\nc,d\r\ne,".utf8)
        let path = try directory.write("bad.csv", bytes: prefix + [0xC3, 0x28] + Array("\n".utf8))
        let error = #expect(throws: CSVError.self) { try readAll(CSVReader(path: path, configuration: .init(encoding: "utf-8"))) }
        #expect(error?.code == .invalidUTF8)
        #expect(error?.location == SourceLocation(file: path, line: 3, byteOffset: prefix.count))
    }

    @Test("reports bytes invalid in a declared encoding with their offset in the original file")
    func invalidGB18030() throws {
        let directory = try TemporaryDirectory()
        let encoded = try writeEncoded(directory, "ok.csv", "张三,李四\n王五,", encoding: "GB18030")
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: encoded)))
        let path = try directory.write("bad.csv", bytes: good + [0xFF, 0x20, 0x0A])
        let error = #expect(throws: CSVError.self) { try readAll(CSVReader(path: path, configuration: .init(encoding: "GB18030"))) }
        #expect(error?.code == .invalidEncodedBytes)
        #expect(error?.location?.byteOffset == good.count)
        #expect(error?.location?.line == 2)
        #expect(error?.message.contains("--encoding") == true)
    }

    @Test("reports a file that ends inside a multibyte character", arguments: ["UTF-8", "GB18030"])
    func truncated(encoding: String) throws {
        let directory = try TemporaryDirectory()
        let encoded = try writeEncoded(directory, "ok.csv", "a,张", encoding: encoding)
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: encoded)))
        let path = try directory.write("cut.csv", bytes: Array(good.dropLast()))
        let error = #expect(throws: CSVError.self) { try readAll(CSVReader(path: path, configuration: .init(encoding: encoding))) }
        #expect(error?.code == .truncatedCharacter)
        #expect(error?.location?.byteOffset == 2)
    }

    @Test("rejects a NUL byte, as in UTF-16 text without a byte-order mark")
    func utf16WithoutBOM() throws {
        let directory = try TemporaryDirectory()
        let path = try writeEncoded(directory, "u16.csv", "a,b\n", encoding: "UTF-16LE")
        let reader = try CSVReader(path: path)
        let error = #expect(throws: CSVError.self) { try readAll(reader) }
        #expect(error?.code == .nulByte)
        #expect(error?.location == SourceLocation(file: path, line: 1, column: 2, byteOffset: 1))
        #expect(error?.message.contains("UTF-16") == true)
    }
}

@Suite("CSV reader: structure")
struct CSVReaderStructureTests {
    @Test("strips a UTF-8 BOM and counts byte offsets in the file")
    func bomOffsets() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\r\nc,d\r\n".utf8))
        let reader = try CSVReader(path: path)
        let first = try #require(try reader.nextRow())
        #expect(first.cells == [.text("a"), .text("b")])
        #expect(first.line == 1)
        #expect(first.byteOffset == 3)
        let second = try #require(try reader.nextRow())
        #expect(second.byteOffset == 8)
        #expect(try reader.nextRow() == nil)
        #expect(try reader.nextRow() == nil)
    }

    @Test("takes Excel's sep= line as the delimiter, not as data", arguments: [
        ("sep=;\na;b\n", [["a", "b"]], UInt8(ascii: ";")),
        ("sep=|\r\na|b,c\r\n", [["a", "b,c"]], UInt8(ascii: "|")),
        ("sep=,\na,b", [["a", "b"]], UInt8(ascii: ",")),
        ("sep=\t\na\tb\n", [["a", "b"]], UInt8(0x09)),
    ])
    func separatorDirective(text: String, expected: [[String]], delimiter: UInt8) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("sep.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let reader = try CSVReader(path: path)
        #expect(reader.hasSeparatorDirective)
        #expect(reader.delimiter == delimiter)
        let row = try #require(try reader.nextRow())
        #expect(row.line == 2)
        #expect(try [row.cells.map { if case .text(let t) = $0 { t } else { "" } }] + readAll(reader) == expected)
    }

    @Test("sniffs the delimiter", arguments: [
        ("a;b;c\n1,5;2;3\n", UInt8(ascii: ";")),
        ("a\tb\n1\t2\n", UInt8(0x09)),
        ("a|b\n1|2\n", UInt8(ascii: "|")),
        ("a,b\n1,2\n", UInt8(ascii: ",")),
        ("single\ncolumn\n", UInt8(ascii: ",")),
    ])
    func sniffs(text: String, delimiter: UInt8) throws {
        let directory = try TemporaryDirectory()
        let reader = try CSVReader(path: directory.write("s.csv", text: text))
        #expect(reader.delimiter == delimiter)
    }

    @Test("an explicit delimiter wins over sniffing")
    func explicitDelimiter() throws {
        let directory = try TemporaryDirectory()
        let reader = try CSVReader(path: directory.write("s.csv", text: "a;b,c\n"), configuration: .init(delimiter: UInt8(ascii: ",")))
        #expect(try readAll(reader) == [["a;b", "c"]])
    }

    @Test("pads short rows, keeps long rows and warns with the line")
    func raggedRows() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("r.csv", text: "a,b,c\n1,2\n\n1,2,3,4\n\"x\ny\",2,3\n")
        let reader = try CSVReader(path: path)
        let rows = try readAll(reader)
        #expect(rows == [["a", "b", "c"], ["1", "2", ""], ["", "", ""], ["1", "2", "3", "4"], ["x\ny", "2", "3"]])
        #expect(reader.warnings.map(\.code) == [.shortRow, .longRow])
        #expect(reader.warnings.map(\.location.line) == [2, 4])
        #expect(reader.warnings.map(\.actualFields) == [2, 4])
        #expect(reader.warnings.allSatisfy { $0.expectedFields == 3 })
        #expect(reader.warnings[0].description == "\(path):2: warning: this row has 2 fields but the first row has 3; it was padded with empty cells")
    }

    @Test("in strict mode a ragged row is an error naming its line")
    func strictRagged() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("r.csv", text: "a,b\n1,2\n\n3\n")
        let reader = try CSVReader(path: path, configuration: .init(strict: true))
        let error = #expect(throws: CSVError.self) { try readAll(reader) }
        #expect(error?.code == .raggedRow)
        #expect(error?.category == .invalidData)
        #expect(error?.location == SourceLocation(file: path, line: 4))
    }

    @Test("keeps at most maxWarnings warnings and counts the rest")
    func warningCap() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("r.csv", text: "a,b\n" + String(repeating: "1\n", count: 10))
        let reader = try CSVReader(path: path, configuration: .init(maxWarnings: 3))
        _ = try readAll(reader)
        #expect(reader.warnings.count == 3)
        #expect(reader.omittedWarningCount == 7)
    }

    @Test("reads records that span chunk boundaries", arguments: [4096, 5000])
    func chunking(chunkSize: Int) throws {
        let directory = try TemporaryDirectory()
        var text = ""
        var expected: [[String]] = []
        for index in 0..<3000 {
            let quoted = "line \(index)\r\nwith \"\"quotes\"\" and, commas 数据"
            text += "\(index),\"\(quoted)\",end\r\n"
            expected.append(["\(index)", quoted.replacingOccurrences(of: "\"\"", with: "\""), "end"])
        }
        let path = try directory.write("big.csv", text: text)
        let reader = try CSVReader(path: path, configuration: .init(chunkSize: chunkSize))
        var lines: [Int] = []
        var rows: [[String]] = []
        while let row = try reader.nextRow() {
            lines.append(row.line)
            rows.append(row.cells.map { if case .text(let t) = $0 { t } else { "" } })
        }
        #expect(rows == expected)
        #expect(lines == (0..<3000).map { 1 + 2 * $0 })
    }

    @Test("reads standard input through a pipe, detecting its encoding", arguments: ["UTF-8", "GB18030"])
    func pipe(encoding: String) throws {
        let directory = try TemporaryDirectory()
        let path = try writeEncoded(directory, "in.csv", chineseTable, encoding: encoding)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(data)
        try pipe.fileHandleForWriting.close()
        let reader = try CSVReader(fileDescriptor: pipe.fileHandleForReading.fileDescriptor, name: "-")
        #expect(reader.encoding == encoding)
        #expect(try readAll(reader) == chineseRows)
    }

    @Test("streams a large pipe with short reads", arguments: [nil, "UTF-8"] as [String?])
    func largePipe(encoding: String?) throws {
        var text = "id,备注\n"
        for index in 0..<20000 { text += "\(index),\"第\(index)行, 含逗号\"\n" }
        let data = Data(text.utf8)
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        let thread = Thread {
            for start in stride(from: 0, to: data.count, by: 1000) {
                writer.write(data[start..<min(start + 1000, data.count)])
            }
            try? writer.close()
        }
        thread.start()
        let reader = try CSVReader(
            fileDescriptor: pipe.fileHandleForReading.fileDescriptor, name: "-",
            configuration: .init(encoding: encoding, chunkSize: 4096)
        )
        var count = 0
        var last: Row?
        while let row = try reader.nextRow() {
            count += 1
            last = row
        }
        #expect(count == 20001)
        #expect(last?.cells == [.text("19999"), .text("第19999行, 含逗号")])
        #expect(last?.line == 20001)
    }

    @Test("reads a piped UTF-16 file with BOM without spooling")
    func pipeWithBOM() throws {
        let directory = try TemporaryDirectory()
        let path = try writeEncoded(directory, "in.csv", "a\tb\n", encoding: "UTF-16LE")
        let pipe = Pipe()
        try pipe.fileHandleForWriting.write(Data([0xFF, 0xFE]) + Data(contentsOf: URL(fileURLWithPath: path)))
        try pipe.fileHandleForWriting.close()
        let reader = try CSVReader(fileDescriptor: pipe.fileHandleForReading.fileDescriptor, name: "-")
        #expect(try readAll(reader) == [["a", "b"]])
    }

    @Test("reports a missing file, a directory and an empty path as unreadable input")
    func unreadable() throws {
        let directory = try TemporaryDirectory()
        let missing = #expect(throws: CSVError.self) { try CSVReader(path: directory.file("nope.csv")) }
        #expect(missing?.code == .fileNotFound)
        #expect(missing?.category == .unreadableInput)
        #expect(missing?.location?.file == directory.file("nope.csv"))
        let folder = #expect(throws: CSVError.self) { try CSVReader(path: directory.path) }
        #expect(folder?.code == .isDirectory)
        #expect(folder?.category == .unreadableInput)
        #expect(folder?.description.contains("directory") == true)
    }

    @Test("an empty file has no rows")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        let reader = try CSVReader(path: directory.write("e.csv", bytes: []))
        #expect(try reader.nextRow() == nil)
    }

    @Test("readTable reads a whole file with its warnings")
    func readTable() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("ledger.csv", text: "a,b\n1\n")
        var warnings: [CSVWarning] = []
        let table = try CSVReader.readTable(path: path, warnings: &warnings)
        #expect(table.name == "ledger")
        #expect(table.file == path)
        #expect(table.rows == [Row(cells: [.text("a"), .text("b")], line: 1, byteOffset: 0),
                               Row(cells: [.text("1"), .empty], line: 2, byteOffset: 4)])
        #expect(warnings.map(\.location.line) == [2])
    }

    @Test("an unterminated quote in a file names the file, line and column of the quote")
    func unterminatedInFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("q.csv", text: "a,b\n1,\"oops\n2,3\n")
        let reader = try CSVReader(path: path)
        let error = #expect(throws: CSVError.self) { try readAll(reader) }
        #expect(error?.description == "\(path):2:3: the quoted field that starts here has no closing quote before the end of the input; close the quote, or double a quote that is part of the text (\"\")")
    }
}

@Suite("CSV reader: detection of legacy encodings")
struct CSVReaderDetectionTests {
    @Test("uchardet's guess is used for ledgers in legacy encodings", arguments: [
        ("BIG5", "單位,問題描述,整改狀態\n財務處,報銷審批不規範,已整改\n資訊處,密碼策略過於簡單,整改中\n", "BIG5"),
        ("SHIFT_JIS", "部署,問題の説明,是正状況\n経理部,経費精算の承認が不十分,是正済み\n情報システム部,パスワードの規則が弱い,対応中\n", "SHIFT_JIS"),
        ("GB2312", "单位,问题描述,整改状态\n财务处,报销审批不规范,已整改\n", "GB18030"),
        ("WINDOWS-1252", String(repeating: "Société Générale,Müller & Söhne,Crème brûlée,Ærø,Ñandú,Façade\n", count: 4), "ISO-8859-1"),
    ])
    func legacy(encoding: String, text: String, detected: String) throws {
        let directory = try TemporaryDirectory()
        let path = try writeEncoded(directory, "legacy.csv", text, encoding: encoding)
        let reader = try CSVReader(path: path)
        #expect(reader.encoding == detected)
        let expected = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(try readAll(reader) == expected)
    }

    @Test("a few stray bytes in a mostly ASCII file are not guessed at")
    func strayBytes() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("stray.csv", bytes: Array("id,name\n1,".utf8) + [0xB0, 0xA1] + Array("\n".utf8))
        let error = #expect(throws: CSVError.self) { try CSVReader(path: path) }
        #expect(error?.code == .undetectableEncoding)
        #expect(error?.message.contains("--encoding") == true)
    }
}

@Suite("CSV reader: positions in converted input")
struct CSVReaderPositionTests {
    @Test("rows of converted input have lines but no byte offsets")
    func convertedOffsets() throws {
        let directory = try TemporaryDirectory()
        let path = try writeEncoded(directory, "gb.csv", chineseTable, encoding: "GB18030")
        let reader = try CSVReader(path: path, configuration: .init(encoding: "GB18030"))
        var lines: [Int] = []
        while let row = try reader.nextRow() {
            #expect(row.byteOffset == nil)
            lines.append(row.line)
        }
        #expect(lines == [1, 2, 3])
    }

    @Test("an unterminated quote in converted input has a line and column but no byte offset")
    func convertedQuote() throws {
        let directory = try TemporaryDirectory()
        let path = try writeEncoded(directory, "gb.csv", "姓名,备注\n张三,\"未闭合\n", encoding: "GB18030")
        let error = #expect(throws: CSVError.self) { try readAll(CSVReader(path: path, configuration: .init(encoding: "GB18030"))) }
        #expect(error?.code == .unterminatedQuote)
        #expect(error?.location == SourceLocation(file: path, line: 2, column: 4))
    }
}

@Suite("CSV reader: files written by Python's csv module")
struct CSVReaderPythonFixtureTests {
    /// Python writes the rows below with a dialect and encoding, and prints them as JSON for comparison.
    static let script = """
    import sys, csv, json
    path, encoding, dialect, terminator = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    rows = [
        ["编号", "问题描述", "整改措施", "金额"],
        ["1", "报销审批不规范，缺少\\"附件\\"", "完善流程\\n补充附件", "1,234.50"],
        ["2", "  leading and trailing  ", "", "=1+1"],
        ["3", "tab\\there", "semi;colon|pipe", "line\\r\\nbreak"],
    ]
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f, dialect=dialect, lineterminator=terminator).writerows(rows)
    print(json.dumps(rows))
    """

    @Test("reads what Python wrote", arguments: [
        ("utf-8-sig", "excel", "\r\n"), ("utf-8", "excel", "\n"), ("gb18030", "excel", "\r\n"),
        ("utf-16", "excel-tab", "\r\n"), ("utf-8", "excel-tab", "\n"),
    ])
    func python(encoding: String, dialect: String, terminator: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("python.csv")
        let json = try runPython(CSVReaderPythonFixtureTests.script, [path, encoding, dialect, terminator])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]])
        let reader = try CSVReader(path: path)
        #expect(try readAll(reader) == expected)
        #expect(reader.warnings.isEmpty)
    }
}
