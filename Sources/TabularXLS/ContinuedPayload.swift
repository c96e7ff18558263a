import TabularCore

/// A record's payload read across the CONTINUE records that follow it (SST, STRING): bytes run on from one record
/// into the next, except that a character array split between records resumes with a fresh option byte saying
/// whether the rest is 8-bit (compressed) or UTF-16.
struct ContinuedPayload {
    static let continueType = 0x003C
    private var bytes: [UInt8]
    private var index = 0
    private let what: String
    private let path: String

    /// Starts at the first byte of the current record's payload.
    init(_ reader: RecordReader, length: Int, what: String, path: String) {
        bytes = Array(reader.data[0..<length])
        self.what = what
        self.path = path
    }

    private mutating func advance(_ reader: inout RecordReader) throws {
        let offset = reader.position
        guard try reader.peekType() == Self.continueType, let record = try reader.next() else {
            throw XLSReadError(.corruptRecord, "the \(what) ends before its declared contents (no CONTINUE record at byte \(offset)); the workbook is corrupt", location: SourceLocation(file: path, byteOffset: offset))
        }
        bytes = Array(reader.data[0..<record.length])
        index = 0
    }

    /// The next byte, moving into the next CONTINUE record when this one is used up.
    mutating func byte(_ reader: inout RecordReader) throws -> UInt8 {
        while index >= bytes.count { try advance(&reader) }
        index += 1
        return bytes[index - 1]
    }

    /// A little-endian 16-bit integer.
    mutating func u16(_ reader: inout RecordReader) throws -> Int {
        let low = Int(try byte(&reader))
        return low | Int(try byte(&reader)) << 8
    }

    /// A little-endian 32-bit integer.
    mutating func u32(_ reader: inout RecordReader) throws -> Int {
        let low = try u16(&reader)
        return low | (try u16(&reader)) << 16
    }

    /// Skips `count` bytes (rich-text runs, phonetic data), across records.
    mutating func skip(_ count: Int, _ reader: inout RecordReader) throws {
        var left = count
        while left > 0 {
            while index >= bytes.count { try advance(&reader) }
            let take = min(left, bytes.count - index)
            index += take
            left -= take
        }
    }

    /// Appends `count` characters as UTF-16 code units, 8-bit (`highByte == false`) or UTF-16 at first, each
    /// continuation choosing again by its option byte.
    mutating func characters(_ count: Int, highByte: Bool, into units: inout [UInt16], _ reader: inout RecordReader) throws {
        var left = count
        var wide = highByte
        while left > 0 {
            if index >= bytes.count {
                try advance(&reader)
                guard !bytes.isEmpty else { continue }
                wide = bytes[0] & 1 != 0
                index = 1
            }
            let width = wide ? 2 : 1
            let available = (bytes.count - index) / width
            guard available > 0 else {
                throw XLSReadError(.corruptRecord, "a string in the \(what) splits a UTF-16 character between records; the workbook is corrupt", location: SourceLocation(file: path))
            }
            let take = min(left, available)
            if wide {
                for offset in 0..<take { units.append(UInt16(bytes[index + 2 * offset]) | UInt16(bytes[index + 2 * offset + 1]) << 8) }
            } else {
                for offset in 0..<take { units.append(UInt16(bytes[index + offset])) }
            }
            index += take * width
            left -= take
        }
    }

    /// An XLUnicodeRichExtendedString (SST entries) or XLUnicodeString (STRING): 16-bit count, option byte,
    /// optional run count and phonetic size, the characters, then the skipped runs and phonetic data.
    mutating func unicodeString(_ reader: inout RecordReader, units: inout [UInt16]) throws -> String {
        let count = try u16(&reader)
        let flags = try byte(&reader)
        let runs = flags & 0x08 != 0 ? try u16(&reader) : 0
        let extended = flags & 0x04 != 0 ? try u32(&reader) : 0
        units.removeAll(keepingCapacity: true)
        try characters(count, highByte: flags & 1 != 0, into: &units, &reader)
        try skip(runs * 4 + extended, &reader)
        return UTF16Text.string(units)
    }
}

/// Strings from the UTF-16 code units BIFF8 stores.
package enum UTF16Text {
    /// The string of `units`, exactly as `String(decoding: units, as: UTF16.self)` gives it (an unpaired surrogate
    /// becomes U+FFFD), transcoded to UTF-8 in one pass when there is no surrogate at all (the standard library's
    /// generic decoding costs about ten times as much per character); with surrogates, the standard library decides.
    package static func string<Units: Collection<UInt16>>(_ units: Units) -> String {
        var capacity = 0
        for unit in units {
            if unit >= 0xD800 && unit < 0xE000 { return String(decoding: units, as: UTF16.self) }
            capacity += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3
        }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var at = 0
            for unit in units {
                if unit < 0x80 {
                    buffer[at] = UInt8(unit)
                    at += 1
                } else if unit < 0x800 {
                    buffer[at] = 0xC0 | UInt8(unit >> 6)
                    buffer[at + 1] = 0x80 | UInt8(unit & 0x3F)
                    at += 2
                } else {
                    buffer[at] = 0xE0 | UInt8(unit >> 12)
                    buffer[at + 1] = 0x80 | UInt8((unit >> 6) & 0x3F)
                    buffer[at + 2] = 0x80 | UInt8(unit & 0x3F)
                    at += 3
                }
            }
            return at
        }
    }
}
