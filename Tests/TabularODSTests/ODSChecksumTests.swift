import Foundation
import TabularCore
import TabularODS
import TabularXLSX
import Testing
import TestSupport

/// The textbook bit-at-a-time CRC-32 (IEEE, reflected 0xEDB88320), independent of the reader's own.
private func bitwiseCRC32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

/// The bytes of a ZIP of stored entries, each declaring `crc` when given, else its true CRC-32 (APPNOTE 4.3.7,
/// 4.3.12, 4.3.16).
private func storedZIP(_ entries: [(name: String, data: [UInt8], crc: UInt32?)]) -> [UInt8] {
    func le(_ value: Int, _ width: Int) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    var output: [UInt8] = []
    var central: [UInt8] = []
    for entry in entries {
        let name = Array(entry.name.utf8)
        let crc = Int(entry.crc ?? bitwiseCRC32(entry.data))
        let common = le(20, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0x21, 2) + le(crc, 4) + le(entry.data.count, 4)
            + le(entry.data.count, 4) + le(name.count, 2) + le(0, 2)
        central += le(0x0201_4B50, 4) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4)
            + le(output.count, 4) + name
        output += le(0x0403_4B50, 4) + common + name + entry.data
    }
    let start = output.count
    output += central
    output += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(entries.count, 2) + le(entries.count, 2)
        + le(central.count, 4) + le(start, 4) + le(0, 2)
    return output
}

/// A spreadsheet whose one table holds one number cell of value `digit` (a single digit, so that packages of
/// different digits have `content.xml` parts of the same size), declaring `crc` for `content.xml` when given, and
/// with the last `cut` bytes of `content.xml` cut off.
private func package(_ digit: Int, crc: UInt32? = nil, cut: Int = 0) -> [UInt8] {
    let content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>\
        <table:table table:name="T"><table:table-row><table:table-cell office:value-type="float" \
        office:value="\(digit)"/></table:table-row></table:table></office:spreadsheet></office:body>\
        </office:document-content>
        """
    return storedZIP([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8), nil),
                      ("content.xml", Array(content.utf8.dropLast(cut)), crc)])
}

@Suite("ODS content checksum: checked once at opening, not again while the entry declares the same one")
struct ODSChecksumTests {
    @Test("a content.xml that fails its declared checksum is a corruptZip error at opening")
    func badChecksumAtOpening() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("bad.ods")
        try Data(package(1, crc: contentCRC(of: 1) ^ 0x5A5A_5A5A)).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: XLSXReadError.self) { try ODSWorkbook(path: path) }
        #expect(error?.code == .corruptZip)
        #expect(error?.message.contains("fails its CRC check") == true, "\(error?.message ?? "")")
    }

    @Test("a file replaced after opening by a broken one whose content.xml declares another checksum is corrupt when read")
    func replacedWithAnotherChecksum() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("book.ods")
        try Data(package(1)).write(to: URL(fileURLWithPath: path))
        let book = try ODSWorkbook(path: path)
        // Digit 2's part cut short, declaring digit 3's checksum: neither its own nor the one checked at opening.
        // The truncated XML makes the reader ask the container, whose checksum check explains it.
        try Data(package(2, crc: contentCRC(of: 3), cut: 90)).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: XLSXReadError.self) { try book.readTable(sheet: book.sheets[0]) }
        #expect(error?.code == .corruptZip)
        #expect(error?.message.contains("fails its CRC check") == true, "\(error?.message ?? "")")
    }

    @Test("a part that still declares the checksum checked at opening is read without checking it again")
    func sameChecksumNotCheckedAgain() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("book.ods")
        try Data(package(1)).write(to: URL(fileURLWithPath: path))
        let book = try ODSWorkbook(path: path)
        #expect(try book.readTable(sheet: book.sheets[0]).rows.map(\.cells) == [[.number(1)]])
        // The same size and declared checksum, other bytes: only a second check could tell, and there is none.
        try Data(package(4, crc: contentCRC(of: 1))).write(to: URL(fileURLWithPath: path))
        #expect(try book.readTable(sheet: book.sheets[0]).rows.map(\.cells) == [[.number(4)]])
        // A fresh opening checks it.
        #expect(throws: XLSXReadError.self) { try ODSWorkbook(path: path) }
        // Cut short and still declaring it: the XML's own error, with no second checksum to explain it.
        try Data(package(5, crc: contentCRC(of: 1), cut: 90)).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: XLSXReadError.self) { try book.readTable(sheet: book.sheets[0]) }
        #expect(error?.code == .malformedXML)
    }
}

/// The true CRC-32 of the `content.xml` of `package(digit)`.
private func contentCRC(of digit: Int) -> UInt32 {
    let bytes = package(digit)
    // The local header of the second entry follows the stored mimetype: its CRC field is at offset 14.
    let mimetypeLength = 30 + "mimetype".utf8.count + "application/vnd.oasis.opendocument.spreadsheet".utf8.count
    let field = bytes[(mimetypeLength + 14)..<(mimetypeLength + 18)]
    return field.reversed().reduce(0) { $0 << 8 | UInt32($1) }
}
