import FuzzSupport
import TabularCore
import TabularODS
import TabularXLSX

/// One input through the ODS reader: the package, the opening scan of content.xml, every table's rows, used range
/// and filled merges. An input starting with `PK` is a whole package; anything else is the bytes of a
/// `content.xml`, stored in a well-formed package beside an ODS `mimetype`, so that mutations reach the XML and
/// cell layers instead of failing the ZIP's checksums. Errors are expected; crashes, hangs and unbounded memory
/// are what the fuzzer looks for.
func fuzzODS(_ bytes: UnsafeRawBufferPointer) {
    let input = Array(bytes)
    let package = input.starts(with: [0x50, 0x4B])
        ? input
        : StoredZIP.archive([
            ("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)),
            ("content.xml", input),
        ])
    let path = package.withUnsafeBytes { scratchFile($0, extension: "ods") }
    var limits = ODSLimits()
    limits.container.maxTotalUncompressedBytes = 64 << 20
    limits.container.maxEntryUncompressedBytes = 32 << 20
    limits.container.maxMergedFillCells = 1_000_000
    limits.maxRepeatedCells = 1_000_000
    limits.maxSheets = 64
    do {
        let book = try ODSWorkbook(path: path, limits: limits)
        for sheet in book.worksheets {
            _ = try book.usedRange(of: sheet)
            _ = try book.readTable(sheet: sheet, fillMerged: true)
        }
    } catch {
        _ = "\(error)"
    }
}

/// A minimal ZIP writer of stored (uncompressed) entries, for wrapping fuzzed XML in a valid package.
enum StoredZIP {
    /// The CRC-32 (IEEE) lookup table.
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static func append(_ value: UInt32, _ width: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: width * 8, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// The bytes of a ZIP archive holding `entries` stored, in order.
    static func archive(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for (name, data) in entries {
            let offset = UInt32(output.count)
            let crc = crc32(data)
            let nameBytes = Array(name.utf8)
            func header(central: Bool, into bytes: inout [UInt8]) {
                append(central ? 0x0201_4B50 : 0x0403_4B50, 4, to: &bytes)
                if central { append(20, 2, to: &bytes) }
                append(20, 2, to: &bytes)  // version needed
                append(0, 2, to: &bytes)   // flags
                append(0, 2, to: &bytes)   // stored
                append(0, 2, to: &bytes)   // time
                append(0x21, 2, to: &bytes) // date 1980-01-01
                append(crc, 4, to: &bytes)
                append(UInt32(data.count), 4, to: &bytes)
                append(UInt32(data.count), 4, to: &bytes)
                append(UInt32(nameBytes.count), 2, to: &bytes)
                append(0, 2, to: &bytes)   // extra
                if central {
                    append(0, 2, to: &bytes)  // comment
                    append(0, 2, to: &bytes)  // disk
                    append(0, 2, to: &bytes)  // internal attributes
                    append(0, 4, to: &bytes)  // external attributes
                    append(offset, 4, to: &bytes)
                }
                bytes.append(contentsOf: nameBytes)
            }
            header(central: false, into: &output)
            output.append(contentsOf: data)
            header(central: true, into: &central)
        }
        let centralOffset = UInt32(output.count)
        output.append(contentsOf: central)
        append(0x0605_4B50, 4, to: &output)
        append(0, 2, to: &output)
        append(0, 2, to: &output)
        append(UInt32(entries.count), 2, to: &output)
        append(UInt32(entries.count), 2, to: &output)
        append(UInt32(central.count), 4, to: &output)
        append(centralOffset, 4, to: &output)
        append(0, 2, to: &output)
        return output
    }
}

@main
struct FuzzTarget {
    static func main() { fuzzMain(fuzzODS) }
}
