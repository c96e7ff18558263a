import Foundation

/// Hand-assembled BIFF records and OLE compound files for the hostile tests: each byte is laid out here from the
/// specifications ([MS-CFB] §2.2–2.6, [MS-XLS] §2.4), so a test can break exactly one structure.
enum BIFF {
    static func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * UInt32($0)) & 0xFF) } }
    static func f64(_ value: Double) -> [UInt8] { (0..<8).map { UInt8(value.bitPattern >> (8 * UInt64($0)) & 0xFF) } }

    /// A record: type, length, payload.
    static func record(_ type: Int, _ payload: [UInt8]) -> [UInt8] { u16(type) + u16(payload.count) + payload }
    /// BOF: BIFF8 (0x0600) or BIFF5 (0x0500); 0x0005 globals, 0x0010 worksheet.
    static func bof(version: Int = 0x0600, kind: Int) -> [UInt8] {
        record(0x0809, u16(version) + u16(kind) + (version == 0x0600 ? [UInt8](repeating: 0, count: 12) : [0, 0, 0, 0]))
    }
    static let eof = record(0x000A, [])
    /// An 8-bit BIFF8 XLUnicodeString (16-bit count, option byte 0).
    static func string8(_ text: String) -> [UInt8] { u16(text.utf8.count) + [0] + Array(text.utf8) }
    /// LABELSST: row, column, XF 15, SST index.
    static func labelSST(_ row: Int, _ column: Int, _ index: UInt32) -> [UInt8] {
        record(0x00FD, u16(row) + u16(column) + u16(15) + u32(index))
    }
    static func rk(_ row: Int, _ column: Int, _ raw: UInt32) -> [UInt8] { record(0x027E, u16(row) + u16(column) + u16(15) + u32(raw)) }
    static func number(_ row: Int, _ column: Int, _ value: Double) -> [UInt8] {
        record(0x0203, u16(row) + u16(column) + u16(15) + f64(value))
    }

    /// A workbook stream: globals (`globals` records between BOF and the sheet list) and one worksheet per
    /// `sheets` entry (name, cell records), with each BOUNDSHEET's offset computed. BIFF5 names are 8-bit.
    static func workbook(version: Int = 0x0600, globals: [UInt8] = [], sheets: [(String, [UInt8])]) -> [UInt8] {
        func boundSheet(_ offset: Int, _ name: [UInt8]) -> [UInt8] {
            let nameBytes = version == 0x0600 ? [UInt8(name.count), 0] + name : [UInt8(name.count)] + name
            return record(0x0085, u32(UInt32(offset)) + [0, 0] + nameBytes)
        }
        let names = sheets.map { Array($0.0.utf8) }
        let head = bof(version: version, kind: 5) + globals
        var length = head.count + eof.count
        for name in names { length += boundSheet(0, name).count }
        var boundSheets: [UInt8] = []
        var bodies: [UInt8] = []
        for (index, sheet) in sheets.enumerated() {
            boundSheets += boundSheet(length + bodies.count, names[index])
            bodies += bof(version: version, kind: 0x10) + sheet.1 + eof
        }
        return head + boundSheets + eof + bodies
    }
}

/// A version 3 compound file (512-byte sectors) holding one stream, laid out as: sector 0 the FAT, sector 1 the
/// directory (root + the stream), sectors 2... the stream (padded to 4,096 bytes so it is a regular stream).
struct CompoundFileBuilder {
    var streamName = "Workbook"
    var stream: [UInt8]
    /// The FAT entries (sector 0 is the FAT, sector 1 the directory, 2... the stream's chain).
    var fat: [UInt32] = []
    /// The directory entries' fields to break: the stream entry's left sibling, its declared size.
    var streamLeft: UInt32 = 0xFFFF_FFFF
    var declaredSize: UInt32?
    var fatSectorCount: UInt32 = 1

    init(stream: [UInt8]) {
        self.stream = stream + [UInt8](repeating: 0, count: max(0, 4096 - stream.count))
        let sectors = (self.stream.count + 511) / 512
        fat = [0xFFFF_FFFD, 0xFFFF_FFFE] + (0..<sectors).map { $0 == sectors - 1 ? 0xFFFF_FFFE : UInt32($0 + 3) }
    }

    private func entry(name: String, type: UInt8, left: UInt32, child: UInt32, start: UInt32, size: UInt32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 128)
        let units = Array(name.utf16)
        for (index, unit) in units.enumerated() {
            bytes[index * 2] = UInt8(unit & 0xFF)
            bytes[index * 2 + 1] = UInt8(unit >> 8)
        }
        bytes.replaceSubrange(64..<66, with: BIFF.u16((units.count + 1) * 2))
        bytes[66] = type
        bytes[67] = 1
        bytes.replaceSubrange(68..<72, with: BIFF.u32(left))
        bytes.replaceSubrange(72..<76, with: BIFF.u32(0xFFFF_FFFF))
        bytes.replaceSubrange(76..<80, with: BIFF.u32(child))
        bytes.replaceSubrange(116..<120, with: BIFF.u32(start))
        bytes.replaceSubrange(120..<124, with: BIFF.u32(size))
        return bytes
    }

    var bytes: [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        header.replaceSubrange(24..<34, with: BIFF.u16(0x3E) + BIFF.u16(3) + BIFF.u16(0xFFFE) + BIFF.u16(9) + BIFF.u16(6))
        header.replaceSubrange(44..<48, with: BIFF.u32(fatSectorCount))
        header.replaceSubrange(48..<52, with: BIFF.u32(1))
        header.replaceSubrange(56..<60, with: BIFF.u32(4096))
        header.replaceSubrange(60..<64, with: BIFF.u32(0xFFFF_FFFE))
        header.replaceSubrange(68..<72, with: BIFF.u32(0xFFFF_FFFE))
        header.replaceSubrange(76..<80, with: BIFF.u32(0))
        for index in 1..<109 { header.replaceSubrange((76 + index * 4)..<(80 + index * 4), with: BIFF.u32(0xFFFF_FFFF)) }
        var fatSector = fat.flatMap { BIFF.u32($0) }
        fatSector += [UInt8](repeating: 0xFF, count: 512 - fatSector.count)
        var directory = entry(name: "Root Entry", type: 5, left: 0xFFFF_FFFF, child: 1, start: 0xFFFF_FFFE, size: 0)
        directory += entry(name: streamName, type: 2, left: streamLeft, child: 0xFFFF_FFFF, start: 2,
                           size: declaredSize ?? UInt32(stream.count))
        directory += [UInt8](repeating: 0, count: 256)
        return header + fatSector + directory + stream
    }

    /// Writes the file into a folder and returns its path.
    func write(in folder: String, name: String = "book.xls") throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
