import CXlsxWriter
import TabularCore

/// Checks a finished package before it is moved into place: its zip directory is complete, and each worksheet part
/// holds at least the row data written for it (libxlsxwriter copies temporary files without checking the writes).
enum PackageCheck {
    /// Throws `.output` when the package at `path` is cut short or a worksheet part is smaller than its row data.
    static func verify(_ path: String, worksheetDataSizes: [Int], reportingAs target: String) throws {
        let failure = XLSXWriteError(.output, "the written workbook is incomplete (disk full or file size limit?)",
                                     location: SourceLocation(file: target))
        guard let sizes = try? centralDirectorySizes(path) else { throw failure }
        for (index, minimum) in worksheetDataSizes.enumerated() where minimum > 0 {
            guard let size = sizes["xl/worksheets/sheet\(index + 1).xml"], size >= minimum else { throw failure }
        }
    }

    /// The uncompressed size of every entry, from the zip's central directory (ZIP64 included).
    static func centralDirectorySizes(_ path: String) throws -> [String: Int] {
        guard let file = fopen(path, "rb") else { throw PackageReadFailure.unreadable }
        defer { fclose(file) }
        guard fseeko(file, 0, SEEK_END) == 0 else { throw PackageReadFailure.unreadable }
        let length = Int(ftello(file))
        let tailLength = min(length, 65_557)
        let tail = try read(file, at: length - tailLength, count: tailLength)
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { signature(tail, $0) == 0x0605_4B50 })
        else { throw PackageReadFailure.malformed }
        var entries = Int(le16(tail, end + 10))
        var directorySize = Int(le32(tail, end + 12))
        var directoryOffset = Int(le32(tail, end + 16))
        if directoryOffset == 0xFFFF_FFFF || entries == 0xFFFF || directorySize == 0xFFFF_FFFF {
            // ZIP64: the locator just before the end record points at the ZIP64 end record.
            guard end >= 20, signature(tail, end - 20) == 0x0706_4B50 else { throw PackageReadFailure.malformed }
            let record = try read(file, at: Int(le64(tail, end - 20 + 8)), count: 56)
            guard signature(record, 0) == 0x0606_4B50 else { throw PackageReadFailure.malformed }
            entries = Int(le64(record, 32))
            directorySize = Int(le64(record, 40))
            directoryOffset = Int(le64(record, 48))
        }
        guard directoryOffset + directorySize <= length else { throw PackageReadFailure.malformed }
        let directory = try read(file, at: directoryOffset, count: directorySize)
        var sizes: [String: Int] = [:]
        var position = 0
        for _ in 0..<entries {
            guard position + 46 <= directory.count, signature(directory, position) == 0x0201_4B50 else {
                throw PackageReadFailure.malformed
            }
            var size = Int(le32(directory, position + 24))
            let nameLength = Int(le16(directory, position + 28))
            let extraLength = Int(le16(directory, position + 30))
            let commentLength = Int(le16(directory, position + 32))
            guard position + 46 + nameLength + extraLength <= directory.count else { throw PackageReadFailure.malformed }
            let name = String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            if size == 0xFFFF_FFFF {
                // The ZIP64 extra field (id 1) holds the uncompressed size first.
                var extra = position + 46 + nameLength
                let extraEnd = extra + extraLength
                while extra + 4 <= extraEnd {
                    let id = le16(directory, extra)
                    let dataLength = Int(le16(directory, extra + 2))
                    if id == 1, dataLength >= 8 { size = Int(le64(directory, extra + 4)) }
                    extra += 4 + dataLength
                }
            }
            sizes[name] = size
            position += 46 + nameLength + extraLength + commentLength
        }
        return sizes
    }

    private enum PackageReadFailure: Error { case unreadable, malformed }

    private static func read(_ file: UnsafeMutablePointer<FILE>, at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, fseeko(file, off_t(offset), SEEK_SET) == 0 else { throw PackageReadFailure.unreadable }
        var buffer = [UInt8](repeating: 0, count: count)
        guard fread(&buffer, 1, count, file) == count else { throw PackageReadFailure.unreadable }
        return buffer
    }

    private static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    private static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(le16(bytes, at)) | UInt32(le16(bytes, at + 2)) << 16
    }
    private static func le64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        UInt64(le32(bytes, at)) | UInt64(le32(bytes, at + 4)) << 32
    }
    private static func signature(_ bytes: [UInt8], _ at: Int) -> UInt32 { le32(bytes, at) }
}
