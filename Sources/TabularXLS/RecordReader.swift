import TabularCore

/// A BIFF record: its type, where its header starts in the stream, and its payload (valid until the next read).
struct BIFFRecord {
    /// The record type (`0x0809` BOF, `0x00FC` SST, ...).
    var type: Int
    /// The stream offset of the record's 4-byte header.
    var offset: Int
    /// The payload's length.
    var length: Int
}

/// Reads BIFF records one after another from a stream through a 128 KiB window; the current record's payload is
/// in `data[0..<record.length]`. A pure reader of the stream's bytes: it knows no record's meaning.
struct RecordReader {
    private let stream: StreamBytes
    private var window: [UInt8]
    private var windowStart = 0
    private var windowCount = 0
    /// The stream offset of the next record header.
    private(set) var position: Int
    /// The current record's payload, reused from record to record.
    private(set) var data: [UInt8] = [UInt8](repeating: 0, count: 65_535)

    init(stream: StreamBytes, at offset: Int) {
        self.stream = stream
        position = offset
        window = [UInt8](repeating: 0, count: 128 << 10)
    }

    var streamSize: Int { stream.size }

    private mutating func ensure(_ offset: Int, _ count: Int) throws {
        if offset >= windowStart && offset + count <= windowStart + windowCount { return }
        let amount = min(window.count, stream.size - offset)
        try stream.read(at: offset, count: amount, into: &window, start: 0)
        windowStart = offset
        windowCount = amount
    }

    /// The next record's type without consuming it, or nil at the end of the stream.
    mutating func peekType() throws -> Int? {
        guard position + 4 <= stream.size else { return nil }
        try ensure(position, 4)
        return window.u16(position - windowStart)
    }

    /// Reads the next record, or returns nil at the end of the stream.
    ///
    /// - Throws: `corruptRecord` when the stream ends inside a record.
    mutating func next() throws -> BIFFRecord? {
        if position >= stream.size { return nil }
        guard position + 4 <= stream.size else {
            throw XLSReadError(.corruptRecord, "the Workbook stream ends inside a record header at byte \(position)", location: SourceLocation(file: stream.path, byteOffset: position))
        }
        try ensure(position, 4)
        let base = position - windowStart
        let type = window.u16(base)
        let length = window.u16(base + 2)
        guard position + 4 + length <= stream.size else {
            throw XLSReadError(.corruptRecord, "record 0x\(String(type, radix: 16)) at byte \(position) of the Workbook stream declares \(length) bytes, past the stream's end; the file is truncated", location: SourceLocation(file: stream.path, byteOffset: position))
        }
        try ensure(position + 4, length)
        let start = position + 4 - windowStart
        if length > 0 {
            window.withUnsafeBufferPointer { source in
                data.withUnsafeMutableBufferPointer { target in
                    target.baseAddress!.update(from: source.baseAddress! + start, count: length)
                }
            }
        }
        let record = BIFFRecord(type: type, offset: position, length: length)
        position += 4 + length
        return record
    }
}
