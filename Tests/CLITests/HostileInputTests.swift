import Foundation
import TestSupport
import Testing

/// Runs the built binary under a virtual-memory limit and a time limit, optionally as `nobody` and with a file-size
/// limit, so that a test proves bounded memory and time rather than assuming them.
func runBounded(
    _ arguments: [String], memoryKiB: Int = 1_500_000, seconds: Int = 60, fileSizeBlocks: Int? = nil,
    asNobody: Bool = false, in directory: String? = nil
) throws -> ProcessResult {
    // The limit is CPU time, which a busy machine does not eat into; the wall-clock kill, ten times longer, only
    // catches a process that hangs without computing.
    var script = "ulimit -v \(memoryKiB); ulimit -t \(seconds); "
    if let fileSizeBlocks { script += "ulimit -f \(fileSizeBlocks); " }
    let user = asNobody ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
    script += "exec timeout -s KILL \(seconds * 10) \(user)\"$0\" \"$@\""
    return try runProcess("/bin/sh", ["-c", script, buildProductsDirectory + "/tracksheet"] + arguments, in: directory)
}

/// Writes a zip file with the given entries through Python's zipfile (an independent writer).
func writeZip(_ path: String, entries: [String: String], compress: Bool = true) throws {
    let listing = path + ".entries.json"
    try JSONSerialization.data(withJSONObject: entries).write(to: URL(fileURLWithPath: listing))
    defer { try? FileManager.default.removeItem(atPath: listing) }
    _ = try runPython("""
        import json, sys, zipfile
        mode = zipfile.ZIP_DEFLATED if sys.argv[3] == '1' else zipfile.ZIP_STORED
        with zipfile.ZipFile(sys.argv[1], 'w', mode) as z:
            for name, text in json.load(open(sys.argv[2], encoding='utf-8')).items():
                z.writestr(name, text)
        """, [path, listing, compress ? "1" : "0"])
}

/// The parts of a minimal workbook around one sheet's XML.
func minimalWorkbook(sheet: String) -> [String: String] {
    [
        "[Content_Types].xml": #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        "_rels/.rels": #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        "xl/workbook.xml": #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        "xl/_rels/workbook.xml.rels": #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        "xl/worksheets/sheet1.xml": sheet,
    ]
}

/// A sheet's XML around some rows.
func sheetXML(_ rows: String, prolog: String = "") -> String {
    #"<?xml version="1.0"?>"# + prolog
        + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"# + rows
        + "</sheetData></worksheet>"
}

@Suite("Hostile and degenerate input: a clear error or correct output, bounded, nothing left behind")
struct HostileInputTests {
    /// Converts a workbook to CSV under limits and checks the exit status, the one-line error and the empty folder.
    func expectRefused(_ workbook: String, status: Int32, mentioning words: [String], in folder: TemporaryDirectory,
                       sourceFile: StaticString = #filePath, line: UInt = #line) throws {
        let output = folder.file("out.csv")
        let result = try runBounded(["convert", workbook, "-o", output])
        let location = SourceLocation(fileID: "CLITests/HostileInputTests.swift", filePath: "\(sourceFile)", line: Int(line), column: 1)
        #expect(result.status == status, "\(result.stderr)", sourceLocation: location)
        #expect(result.stderr.hasPrefix("tracksheet: error: \(workbook)"), "\(result.stderr)", sourceLocation: location)
        #expect(result.stderr.split(separator: "\n").count == 1, sourceLocation: location)
        for word in words { #expect(result.stderr.lowercased().contains(word.lowercased()), "\(result.stderr)", sourceLocation: location) }
        #expect(!FileManager.default.fileExists(atPath: output), sourceLocation: location)
        #expect(try folder.contents().allSatisfy { !$0.hasSuffix(".tmp") }, sourceLocation: location)
    }

    @Test("hostile workbooks from the reader's fixtures are refused with their reason", arguments: [
        ("bomb_ratio.xlsx", Int32(4), ["zip bomb"]),
        ("hostile_billion_laughs.xlsx", Int32(3), ["DOCTYPE"]),
        ("hostile_xxe.xlsx", Int32(3), ["DOCTYPE"]),
        ("hostile_deep_nesting.xlsx", Int32(4), ["deep"]),
        ("hostile_sst_out_of_range.xlsx", Int32(3), ["shared string"]),
        ("hostile_beyond_xfd.xlsx", Int32(3), ["XFE1"]),
        ("hostile_row_beyond.xlsx", Int32(3), ["1048577"]),
        ("hostile_target_escape.xlsx", Int32(3), ["outside"]),
        ("hostile_dotdot_entry.xlsx", Int32(3), [".."]),
        ("corrupt_crc.xlsx", Int32(3), ["CRC"]),
        ("corrupt_truncated.xlsx", Int32(3), []),
        ("other_encrypted.xlsx", Int32(3), ["password"]),
        ("other_legacy.xls", Int32(3), ["compound-file header is damaged"]),
        ("other_xlsb.xlsx", Int32(3), ["xlsb"]),
        ("other_ods.xlsx", Int32(3), ["OpenDocument"]),
        ("other_empty.xlsx", Int32(3), ["empty"]),
        ("other_csv_renamed.xlsx", Int32(3), ["文本（CSV）文件，不是工作簿"]),
    ])
    func fixtures(name: String, status: Int32, words: [String]) throws {
        let folder = try TemporaryDirectory()
        let workbook = folder.file(name.hasSuffix(".xls") ? "book.xls.xlsx" : name)
        try FileManager.default.copyItem(atPath: packagePath("Tests/TabularXLSXTests/Fixtures/\(name)"), toPath: workbook)
        try expectRefused(workbook, status: status, mentioning: words, in: folder)
    }

    @Test("a plain DOCTYPE is refused before any entity can be read")
    func doctype() throws {
        let folder = try TemporaryDirectory()
        let workbook = folder.file("doctype.xlsx")
        try writeZip(workbook, entries: minimalWorkbook(sheet: sheetXML(#"<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>"#,
                                                                       prolog: "<!DOCTYPE worksheet>")))
        try expectRefused(workbook, status: 3, mentioning: ["DOCTYPE"], in: folder)
    }

    @Test("a zip with more entries than the cap is refused without reading them")
    func manyEntries() throws {
        let folder = try TemporaryDirectory()
        let workbook = folder.file("many.xlsx")
        _ = try runPython("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:
                for i in range(100_001):
                    z.writestr(f'junk/{i}', b'')
            """, [workbook])
        try expectRefused(workbook, status: 4, mentioning: ["entries"], in: folder)
    }

    @Test("a 10 MB attribute and a 16,384-column row are read correctly")
    func bigButValid() throws {
        let folder = try TemporaryDirectory()
        let attribute = String(repeating: "a", count: 10 << 20)
        let wide = (0..<16_384).map { #"<c t="inlineStr"><is><t>\#($0)</t></is></c>"# }.joined()
        let workbook = folder.file("big.xlsx")
        try writeZip(workbook, entries: minimalWorkbook(sheet: sheetXML(
            #"<row r="1" junk=""# + attribute + #""><c r="A1"><v>42</v></c></row><row r="2">"# + wide + "</row>")))
        let output = folder.file("big.csv")
        let result = try runBounded(["convert", workbook, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("42,,") == true && lines.first?.count == 2 + 16_383, "\(lines.first?.count ?? 0)")  // rectangular: as wide as row 2
        #expect(lines.last?.split(separator: ",").count == 16_384)
        #expect(lines.last?.hasSuffix(",16383") == true)
    }

    @Test("a 1 GiB CSV line without a newline stops at the record limit, in bounded memory")
    func hugeLine() throws {
        let folder = try TemporaryDirectory()
        let input = folder.file("line.csv")
        #expect(FileManager.default.createFile(atPath: input, contents: nil))
        // 72 MiB of "a", past the 64 MiB record cap, then a hole up to 1 GiB: one 1 GiB line (the hole reads as NUL
        // bytes, which encoding detection reads through and the parser never reaches) in 72 MiB of disk, so the test
        // does not depend on the temp folder's free space.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: input))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 8 << 20)
        for _ in 0..<9 { try handle.write(contentsOf: chunk) }
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        var status = stat()
        #expect(stat(input, &status) == 0 && status.st_size == 1 << 30)
        let output = folder.file("line.xlsx")
        let result = try runBounded(["convert", input, "-o", output], memoryKiB: 1_000_000)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("tracksheet: error: \(input):1"))
        #expect(result.stderr.contains("a record is larger than \(64 << 20) bytes"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// The bytes of each degenerate CSV, by name (kept out of test arguments so failures print short).
    static let degenerate: [String: [UInt8]] = [
        "quotes.csv": Array(repeating: UInt8(ascii: "\""), count: 100_001),
        "even-quotes.csv": Array(repeating: UInt8(ascii: "\""), count: 100_000),
        "utf16-no-bom.csv": Array("名称,数量\n苹果,3\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        "alternating.csv": Array(("名称,数量\n" + String(repeating: "苹果,3\n", count: 8)).utf8) + [0xC0, 0xEB, 0x2C, 0x33, 0x0A]
            + Array("香蕉,4\n".utf8),
        "empty.csv": [],
    ]

    @Test("degenerate CSV files get a clear error or correct output", arguments: [
        ("quotes.csv", Int32(3), "quote"),
        // 100,000 quotes are one quoted field of 49,999 quotes: too long for a cell.
        ("even-quotes.csv", Int32(4), "32,767"),
        ("utf16-no-bom.csv", Int32(3), "UTF-16LE"),
        ("alternating.csv", Int32(3), "UTF-8"),
        ("empty.csv", Int32(0), ""),
    ])
    func degenerateCSV(name: String, status: Int32, word: String) throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write(name, bytes: try #require(Self.degenerate[name]))
        let output = folder.file("out.xlsx")
        let result = try runBounded(["convert", input, "-o", output])
        #expect(result.status == status, "\(result.stderr)")
        if status == 0 {
            let sheets = try openpyxl("wb = openpyxl.load_workbook(sys.argv[1]); print(json.dumps(wb.sheetnames))", [output])
            #expect(sheets as? [String] == ["empty"], "\(result.stderr)")
        } else {
            #expect(result.stderr.hasPrefix("tracksheet: error: \(input)"))
            #expect(result.stderr.contains(word))
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test("a directory given as a file is unreadable input")
    func directoryAsFile() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("dir.csv"), withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: folder.file("dir.xlsx"), withIntermediateDirectories: false)
        #expect(try runBounded(["convert", folder.file("dir.csv"), "-o", folder.file("o.xlsx")]).status == 3)
        #expect(try runBounded(["convert", folder.file("dir.xlsx"), "-o", folder.file("o.csv")]).status == 3)
        #expect(try runBounded(["check", folder.file("dir.csv")]).status == 3)
    }

    @Test("an unreadable input and an unwritable output folder, as an ordinary user")
    func permissions() throws {
        let folder = try TemporaryDirectory()
        chmod(folder.path, 0o755)
        let secret = try folder.write("secret.csv", text: "a\n1\n")
        chmod(secret, 0o000)
        let unreadable = try runBounded(["convert", secret, "-o", "/tmp/never-\(getpid()).xlsx"], asNobody: true)
        #expect(unreadable.status == 3, "\(unreadable.stderr)")
        #expect(unreadable.stderr.hasPrefix("tracksheet: error: \(secret)"))

        let readable = try folder.write("open.csv", text: "a\n1\n")
        chmod(readable, 0o644)
        try FileManager.default.createDirectory(atPath: folder.file("locked"), withIntermediateDirectories: false)
        chmod(folder.file("locked"), 0o555)
        let unwritable = try runBounded(["convert", readable, "-o", folder.file("locked/out.xlsx")], asNobody: true)
        #expect(unwritable.status == 5, "\(unwritable.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("locked")) == [])
    }

    @Test("a full disk (a file-size limit) is an output failure that leaves no file")
    func fullDisk() throws {
        let folder = try TemporaryDirectory()
        let rows = (0..<40_000).map { "第\($0)行,\($0),说明文字说明文字说明文字" }.joined(separator: "\n")
        let input = try folder.write("big.csv", text: "名称,数量,备注\n" + rows + "\n")
        let output = folder.file("big.xlsx")
        let result = try runBounded(["convert", input, "-o", output], fileSizeBlocks: 256)
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("tracksheet: error: "))
        #expect(try folder.contents() == ["big.csv"])
    }
}
