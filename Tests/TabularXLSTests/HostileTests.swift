import Foundation
import TabularCore
import TabularXLS
import TestSupport
import Testing

/// Broken and hostile files: each is a clean `XLSReadError` with the right code, found quickly, never a crash,
/// a hang or a huge allocation. The files are assembled byte by byte (see `CompoundFileBuilder`).
@Suite struct HostileTests {
    static let sheetCells = BIFF.number(0, 0, 1.5)
    static var plain: [UInt8] { BIFF.workbook(sheets: [("S", sheetCells)]) }

    /// Opens a workbook and reads every worksheet, so that faults in cells are reached too.
    func readAll(_ path: String) throws {
        let book = try XLSWorkbook(path: path)
        for sheet in book.worksheets { _ = try book.readTable(sheet: sheet, fillMerged: true) }
    }

    func expectCode(_ code: XLSReadError.Code, _ fragment: String, _ builder: CompoundFileBuilder) throws {
        let folder = try TemporaryDirectory()
        let path = try builder.write(in: folder.path)
        do {
            try readAll(path)
            Issue.record("expected \(code), read without error")
        } catch let error as XLSReadError {
            #expect(error.code == code, "\(error)")
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.location?.file == path)
        }
    }

    @Test("the hand-built file itself reads")
    func baseline() throws {
        let folder = try TemporaryDirectory()
        let book = try XLSWorkbook(path: try CompoundFileBuilder(stream: Self.plain).write(in: folder.path))
        #expect(try book.readTable(sheet: book.sheets[0]).rows == [Row(cells: [.number(1.5)], line: 1)])
    }

    @Test("a FAT chain that loops")
    func fatCycle() throws {
        var builder = CompoundFileBuilder(stream: Self.plain)
        builder.fat[4] = 3
        try expectCode(.corruptContainer, "loops", builder)
    }

    @Test("a FAT chain that points past the end of the file")
    func sectorPastEnd() throws {
        var builder = CompoundFileBuilder(stream: Self.plain)
        builder.fat[3] = 90
        try expectCode(.corruptContainer, "outside", builder)
    }

    @Test("a FAT chain that ends before the stream's declared size")
    func shortChain() throws {
        var builder = CompoundFileBuilder(stream: Self.plain)
        builder.fat[3] = 0xFFFF_FFFE
        try expectCode(.corruptContainer, "too short", builder)
    }

    @Test("a huge FAT sector count")
    func hugeSectorCount() throws {
        var builder = CompoundFileBuilder(stream: Self.plain)
        builder.fatSectorCount = 0x7FFF_FFFF
        try expectCode(.corruptContainer, "FAT sectors", builder)
    }

    @Test("a stream size larger than the file", arguments: [UInt32(100 << 20), UInt32(0xFFFF_FFF0)])
    func impossibleSize(size: UInt32) throws {
        var builder = CompoundFileBuilder(stream: Self.plain)
        builder.declaredSize = size
        let code: XLSReadError.Code = Int(size) > XLSLimits().maxStreamBytes ? .structureLimit : .corruptContainer
        try expectCode(code, "declares", builder)
    }

    @Test("a directory tree that loops")
    func directoryCycle() throws {
        var builder = CompoundFileBuilder(stream: Self.plain)
        builder.streamLeft = 1
        try expectCode(.corruptContainer, "directory tree loops", builder)
    }

    @Test("no Workbook stream: another Office document")
    func noWorkbook() throws {
        var builder = CompoundFileBuilder(stream: Self.plain)
        builder.streamName = "WordDocument"
        try expectCode(.noWorkbookStream, "WordDocument", builder)
    }

    @Test("an encrypted .xlsx in its OLE envelope, and a FILEPASS record, are password-protected workbooks")
    func encrypted() throws {
        var builder = CompoundFileBuilder(stream: Self.plain)
        builder.streamName = "EncryptedPackage"
        try expectCode(.passwordProtected, "password-protected workbook", builder)
        let filePass = BIFF.workbook(globals: BIFF.record(0x002F, [1, 0, 1, 0]), sheets: [("S", Self.sheetCells)])
        try expectCode(.passwordProtected, "password-protected workbook", CompoundFileBuilder(stream: filePass))
    }

    @Test("an SST that declares more strings than it holds")
    func sstCountLies() throws {
        let sst = BIFF.record(0x00FC, BIFF.u32(1_000_000) + BIFF.u32(1_000_000) + BIFF.string8("only one"))
        let stream = BIFF.workbook(globals: sst, sheets: [("S", BIFF.labelSST(0, 0, 0))])
        try expectCode(.corruptRecord, "declares 1000000 strings but its records end after 1", CompoundFileBuilder(stream: stream))
    }

    @Test("an SST count past the limit is refused before any allocation")
    func sstCountHuge() throws {
        let sst = BIFF.record(0x00FC, BIFF.u32(0xFFFF_FFFF) + BIFF.u32(0xFFFF_FFFF))
        let stream = BIFF.workbook(globals: sst, sheets: [("S", Self.sheetCells)])
        try expectCode(.structureLimit, "shared-string table declares", CompoundFileBuilder(stream: stream))
    }

    @Test("a LABELSST index outside the SST")
    func sharedStringIndex() throws {
        let sst = BIFF.record(0x00FC, BIFF.u32(1) + BIFF.u32(1) + BIFF.string8("a"))
        let stream = BIFF.workbook(globals: sst, sheets: [("S", BIFF.labelSST(2, 1, 7))])
        try expectCode(.sharedStringIndexOutOfRange, "cell B3: shared-string index 7", CompoundFileBuilder(stream: stream))
    }

    @Test("truncated records", arguments: [
        BIFF.u16(0x0203) + BIFF.u16(14) + BIFF.u16(0),          // NUMBER declaring more bytes than the stream has
        BIFF.record(0x0203, BIFF.u16(0) + BIFF.u16(0)),         // NUMBER too short for its fields
        BIFF.record(0x00BD, BIFF.u16(0) + BIFF.u16(0) + BIFF.u16(15) + BIFF.u32(2) + BIFF.u16(9)),  // MULRK last column wrong
    ])
    func truncatedRecords(cells: [UInt8]) throws {
        // An unknown 4,100-byte record in the globals makes the stream a regular one (not in the mini stream)
        // without padding, so that it really ends where its bytes end.
        var stream = BIFF.workbook(globals: BIFF.record(0x0099, [UInt8](repeating: 0, count: 4100)), sheets: [("S", cells)])
        if cells.count == 6 { stream.removeLast(BIFF.eof.count) }  // the header-only record ends the stream
        let folder = try TemporaryDirectory()
        var truncated = CompoundFileBuilder(stream: stream)
        truncated.declaredSize = UInt32(stream.count)
        let path = try truncated.write(in: folder.path)
        #expect(throws: XLSReadError.self) { try readAll(path) }
        do { try readAll(path) } catch let error as XLSReadError { #expect(error.code == .corruptRecord, "\(error)") }
    }

    @Test("cells out of row order are refused, naming the cell")
    func outOfOrder() throws {
        let stream = BIFF.workbook(sheets: [("S", BIFF.number(5, 0, 1) + BIFF.number(2, 0, 1))])
        try expectCode(.invalidReference, "row 3 comes after row 6", CompoundFileBuilder(stream: stream))
    }

    @Test("not a compound file, and a BIFF4 worksheet, are named")
    func notOLE() throws {
        let folder = try TemporaryDirectory()
        let text = try folder.write("a.xls", text: "name,value\n")
        #expect { try XLSWorkbook(path: text) } throws: { ($0 as? XLSReadError)?.code == .notACompoundFile }
        let biff4 = try folder.write("b.xls", bytes: BIFF.record(0x0409, BIFF.u16(0) + BIFF.u16(0x10)) + BIFF.eof)
        #expect { try XLSWorkbook(path: biff4) } throws: {
            ($0 as? XLSReadError)?.code == .unsupportedVersion && "\($0)".contains("BIFF4")
        }
        let empty = try folder.write("c.xls", bytes: [])
        #expect { try XLSWorkbook(path: empty) } throws: { ($0 as? XLSReadError)?.code == .emptyFile }
        #expect { try XLSWorkbook(path: folder.file("missing.xls")) } throws: { ($0 as? XLSReadError)?.code == .fileUnreadable }
    }
}

/// Records assembled by hand from [MS-XLS], with values computed by hand.
@Suite struct RecordTests {
    func read(_ stream: [UInt8]) throws -> (XLSWorkbook, Table) {
        let folder = try TemporaryDirectory()
        let book = try XLSWorkbook(path: try CompoundFileBuilder(stream: stream).write(in: folder.path))
        return (book, try book.readTable(sheet: book.worksheets[0]))
    }

    @Test("RK numbers: 30-bit integers, the top of a double, each optionally divided by 100", arguments: [
        (UInt32(42 << 2 | 2), 42.0),                  // integer
        (UInt32(bitPattern: -7 << 2 | 2), -7.0),      // negative integer (arithmetic shift)
        (UInt32(1234 << 2 | 3), 12.34),               // integer / 100
        (UInt32(0x3FF0_0000), 1.0),                   // 0x3FF0000000000000 = 1.0
        (UInt32(0x4059_0000 | 1), 1.0),               // 0x4059000000000000 = 100.0, / 100
    ])
    func rkNumbers(raw: UInt32, value: Double) throws {
        let (_, table) = try read(BIFF.workbook(sheets: [("S", BIFF.rk(0, 0, raw))]))
        #expect(table.rows[0][0] == .number(value))
    }

    @Test("an SST string split across a CONTINUE record switches from 8-bit to UTF-16 characters")
    func sstContinue() throws {
        // "abc中文": 5 characters; the SST record holds "abc" 8-bit, the CONTINUE starts with option byte 1 and
        // holds 中 (U+4E2D) and 文 (U+6587) as UTF-16LE; a second string follows whole in the CONTINUE.
        let sst = BIFF.record(0x00FC, BIFF.u32(2) + BIFF.u32(2) + BIFF.u16(5) + [0] + Array("abc".utf8))
            + BIFF.record(0x003C, [1, 0x2D, 0x4E, 0x87, 0x65] + BIFF.string8("next"))
        let (_, table) = try read(BIFF.workbook(globals: sst, sheets: [("S", BIFF.labelSST(0, 0, 0) + BIFF.labelSST(0, 1, 1))]))
        #expect(table.rows[0].cells == [.text("abc中文"), .text("next")])
    }

    @Test("a BIFF5 workbook decodes its 8-bit text by its CODEPAGE (936, GBK)")
    func biff5CodePage() throws {
        // 中文 in GBK is D6 D0 CE C4; LABEL in BIFF5: row, column, XF, 16-bit length, bytes.
        let label = BIFF.record(0x0204, BIFF.u16(0) + BIFF.u16(0) + BIFF.u16(15) + BIFF.u16(4) + [0xD6, 0xD0, 0xCE, 0xC4])
        let stream = BIFF.workbook(version: 0x0500, globals: BIFF.record(0x0042, BIFF.u16(936)),
                                   sheets: [("Sheet1", label + BIFF.number(0, 1, 2.5))])
        var builder = CompoundFileBuilder(stream: stream)
        builder.streamName = "Book"
        let folder = try TemporaryDirectory()
        let book = try XLSWorkbook(path: try builder.write(in: folder.path))
        #expect(book.biffVersion == 5)
        #expect(try book.readTable(sheet: book.sheets[0]).rows[0].cells == [.text("中文"), .number(2.5)])
    }

    @Test("formula results: number, string from the STRING record, boolean, error")
    func formulaResults() throws {
        func formula(_ column: Int, _ result: [UInt8]) -> [UInt8] {
            BIFF.record(0x0006, BIFF.u16(0) + BIFF.u16(column) + BIFF.u16(15) + result + BIFF.u16(0) + BIFF.u32(0) + BIFF.u16(0))
        }
        let cells = formula(0, BIFF.f64(2.25))
            + formula(1, [0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) + BIFF.record(0x0207, BIFF.string8("text result"))
            + formula(2, [1, 0, 1, 0, 0, 0, 0xFF, 0xFF])
            + formula(3, [2, 0, 0x2A, 0, 0, 0, 0xFF, 0xFF])
        let (_, table) = try read(BIFF.workbook(sheets: [("S", cells)]))
        #expect(table.rows[0].cells == [.number(2.25), .text("text result"), .bool(true), .error("#N/A")])
    }

    @Test("an embedded chart substream inside a worksheet is skipped")
    func embeddedChart() throws {
        let chart = BIFF.bof(kind: 0x20) + BIFF.number(9, 9, 99) + BIFF.eof
        let (_, table) = try read(BIFF.workbook(sheets: [("S", BIFF.number(0, 0, 1) + chart + BIFF.number(1, 0, 2))]))
        #expect(table.rows == [Row(cells: [.number(1)], line: 1), Row(cells: [.number(2)], line: 2)])
    }
}
