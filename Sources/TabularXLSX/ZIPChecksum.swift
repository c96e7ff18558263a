import CZlibChecksum

/// The CRC-32 of ZIP entries (IEEE 802.3, reflected polynomial 0xEDB88320), computed by the system zlib's `crc32`
/// (the `CZlibChecksum` module). ZIPFoundation 0.9.20 falls back to a byte-at-a-time table on Linux (it looks for
/// a module named `zlib`); zlib 1.2.12 and later compute several interleaved ("braided") CRCs at once, about four
/// times faster than the slicing-by-8 table this type used before (0.05 s of CPU for the bench .ods's 166 MB
/// `content.xml`).
package struct ZIPChecksum {
    /// The running checksum of the bytes given so far.
    package private(set) var value: UInt32 = 0

    /// Starts a checksum of no bytes.
    package init() {}

    /// Adds `bytes` to the checksum.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var crc = UInt(value)
        var offset = 0
        // zlib takes lengths of 32 bits.
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            crc = crc32(crc, base + offset, UInt32(length))
            offset += length
        }
        value = UInt32(truncatingIfNeeded: crc)
    }
}
