public import TabularCore

/// A pure, incremental CSV tokenizer: feed it UTF-8 bytes in chunks of any size and it yields one record at a
/// time, with the line and byte offset where the record starts. It does no I/O.
///
/// The dialect is RFC 4180 as Excel and WPS write and read it:
/// - fields are separated by a one-byte delimiter; records end with CRLF, LF or a lone CR (mixed freely);
/// - a field that starts with `"` is quoted: inside it the delimiter, CR and LF are data and `""` is one quote;
/// - text after a closing quote is appended literally, as Excel does: `"ab"c` reads as `abc`;
/// - a quote inside an unquoted field is data: `ab"c` reads as `ab"c`;
/// - spaces and tabs are data and are never trimmed;
/// - a trailing delimiter ends with an empty field (`a,` is two fields), with or without a final newline;
/// - a blank line is a record with exactly one empty field (it is never skipped);
/// - a missing final newline still ends the last record; an empty input has no records.
///
/// Errors: an unterminated quote at the end of the input (`CSVError.Code.unterminatedQuote`, located at the
/// opening quote), a NUL byte (`.nulByte`), a record larger than `maxRecordSize` (`.recordTooLarge`). Locations
/// give the 1-based line, the 1-based column counted in Unicode scalars (characters, not bytes) and the 0-based
/// byte offset in the stream.
///
/// Memory: the parser keeps only the current record (its bytes and field boundaries), in reused buffers.
///
/// Usage: call `parse(_:position:)` with each chunk until it returns `.needsInput`; after the last chunk call
/// `finish()`. Whenever either reports a record, read it with `fieldCount`, `field(_:)`, `fields` or `cells`
/// before the next call:
///
/// ```swift
/// var parser = CSVParser()
/// var records: [[String]] = []
/// let bytes = Array("a,\"b\"\"c\"\r\nd".utf8)
/// try bytes.withUnsafeBufferPointer { chunk throws(CSVError) in
///     var position = 0
///     while try parser.parse(chunk, position: &position) == .record { records.append(parser.fields) }
/// }
/// if try parser.finish() { records.append(parser.fields) }
/// // records == [["a", "b\"c"], ["d"]]
/// ```
public struct CSVParser: Sendable {
    /// What a call to `parse(_:position:)` stopped at.
    public enum Event: Sendable, Hashable {
        /// A whole record was read; it is available until the next call.
        case record
        /// The chunk is used up; feed the next chunk or call `finish()`.
        case needsInput
    }

    /// Where the tokenizer is within the grammar; one case per state of the machine.
    enum State: Sendable {
        /// Before the first byte of a record.
        case startRecord
        /// After a delimiter, before the first byte of the next field.
        case startField
        /// Inside a field that did not start with a quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Inside a quoted field, just after a CR (an LF next belongs to the same line break).
        case quotedAfterCR
        /// Inside a quoted field, just after a quote: a closing quote or the first half of `""`.
        case quoteInQuoted
        /// Just after a record ended with CR: an LF next completes a CRLF.
        case afterCR
    }

    /// The delimiter byte, e.g. `UInt8(ascii: ",")`.
    public let delimiter: UInt8
    /// The largest record in bytes before `.recordTooLarge` is thrown; guards memory against a stray quote.
    public let maxRecordSize: Int
    /// The name of the input used in error locations (a path, or `-` for standard input).
    public var source: String

    var state: State = .startRecord
    /// Bytes of the current record's fields, unquoted and unescaped, back to back.
    var recordBytes: [UInt8] = []
    /// End index in `recordBytes` of each finished field of the current record.
    var fieldEnds: [Int] = []
    /// Whether the buffers still hold a record that was reported and must be cleared on the next call.
    var recordReported = false

    /// The 1-based line of the next byte.
    var line = 1
    /// Offset in the stream of the first byte of the current line.
    var lineStart = 0
    /// Offset in the stream up to which `scalarsCounted` counts Unicode scalars of the current line.
    var countedTo = 0
    /// Unicode scalars of the current line before `countedTo`.
    var scalarsCounted = 0
    /// Offset in the stream of the first byte of the chunk being parsed.
    var chunkStart = 0
    /// Bytes consumed so far from the whole stream.
    public private(set) var bytesConsumed = 0

    /// Where the open quote of the current quoted field is: line, column, byte offset.
    var openQuote = (line: 0, column: 0, offset: 0)

    /// The 1-based line where the current (last reported) record starts.
    public private(set) var recordLine = 1
    /// The 0-based byte offset in the stream where the current (last reported) record starts.
    public private(set) var recordByteOffset = 0
    /// How many records have been reported so far.
    public private(set) var recordCount = 0

    /// Creates a parser for a delimiter.
    ///
    /// - Parameters:
    ///   - delimiter: the field separator; must not be `"`, CR, LF or NUL (checked by a precondition).
    ///   - maxRecordSize: the largest record in bytes (default 64 MiB).
    ///   - source: the input's name for error locations.
    ///   - startLine: the line number of the first byte fed (2 when the caller skipped a `sep=` line).
    ///   - startOffset: the offset in the file of the first byte fed (e.g. 3 after a skipped byte-order mark).
    public init(
        delimiter: UInt8 = UInt8(ascii: ","), maxRecordSize: Int = 64 << 20, source: String = "<input>",
        startLine: Int = 1, startOffset: Int = 0
    ) {
        precondition(
            delimiter != UInt8(ascii: "\"") && delimiter != 0x0A && delimiter != 0x0D && delimiter != 0,
            "a CSV delimiter cannot be a quote, CR, LF or NUL"
        )
        self.delimiter = delimiter
        self.maxRecordSize = maxRecordSize
        self.source = source
        line = startLine
        recordLine = startLine
        lineStart = startOffset
        countedTo = startOffset
        bytesConsumed = startOffset
        recordBytes.reserveCapacity(4096)
        fieldEnds.reserveCapacity(64)
    }

    /// Parses bytes from `input[position...]` until a record is complete or the chunk is used up.
    ///
    /// - Parameters:
    ///   - input: the next chunk of UTF-8 bytes; successive calls see the stream in order.
    ///   - position: where to start in `input`; advanced past the bytes consumed.
    /// - Returns: `.record` when a record is ready (call again with the same chunk and position for more), or
    ///   `.needsInput` when every byte of the chunk was consumed.
    /// - Throws: `CSVError` with `.nulByte` or `.recordTooLarge`.
    public mutating func parse(_ input: UnsafeBufferPointer<UInt8>, position: inout Int) throws(CSVError) -> Event {
        if recordReported { clearRecord() }
        guard let base = input.baseAddress, position < input.count else {
            return .needsInput
        }
        // The stream offset of input[0]; `bytesConsumed` is kept for input[position].
        chunkStart = bytesConsumed - position
        let end = input.count
        var i = position
        let delimiter = self.delimiter
        let delimiters = UInt64(delimiter) &* Self.ones
        let quotes = UInt64(UInt8(ascii: "\"")) &* Self.ones
        defer {
            bytesConsumed = chunkStart + i
            position = i
        }

        while i < end {
            switch state {
            case .afterCR:
                if base[i] == 0x0A {
                    i += 1
                    newLine(at: chunkStart + i, counts: false)
                }
                state = .startRecord

            case .startRecord:
                recordLine = line
                recordByteOffset = chunkStart + i
                state = .startField

            case .startField:
                let byte = base[i]
                if byte == UInt8(ascii: "\"") {
                    openQuote = (line, column(at: chunkStart + i, base: base), chunkStart + i)
                    i += 1
                    state = .quoted
                } else if byte == delimiter {
                    i += 1
                    try endField()
                } else if byte == 0x0A || byte == 0x0D {
                    i += 1
                    fieldEnds.append(recordBytes.count)
                    endLine(byte, at: chunkStart + i)
                    return reportRecord()
                } else if byte == 0 {
                    throw nulError(at: chunkStart + i, base: base)
                } else {
                    state = .unquoted
                }

            case .unquoted:
                let start = i
                // The hot loop: scan ordinary bytes, then copy them in one go.
                Self.skipOrdinary(base, &i, end, stop: delimiter, stops: delimiters)
                if i > start { try append(base + start, i - start) }
                guard i < end else { break }
                let byte = base[i]
                if byte == delimiter {
                    i += 1
                    try endField()
                    state = .startField
                } else if byte == 0 {
                    throw nulError(at: chunkStart + i, base: base)
                } else {
                    i += 1
                    fieldEnds.append(recordBytes.count)
                    endLine(byte, at: chunkStart + i)
                    return reportRecord()
                }

            case .quoted, .quotedAfterCR:
                if state == .quotedAfterCR {
                    state = .quoted
                    if base[i] == 0x0A {
                        recordBytes.append(0x0A)
                        i += 1
                        newLine(at: chunkStart + i, counts: false)
                        continue
                    }
                }
                let start = i
                Self.skipOrdinary(base, &i, end, stop: UInt8(ascii: "\""), stops: quotes)
                if i > start { try append(base + start, i - start) }
                guard i < end else { break }
                let byte = base[i]
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    state = .quoteInQuoted
                } else if byte == 0 {
                    throw nulError(at: chunkStart + i, base: base)
                } else {
                    recordBytes.append(byte)
                    i += 1
                    newLine(at: chunkStart + i, counts: true)
                    if byte == 0x0D { state = .quotedAfterCR }
                }

            case .quoteInQuoted:
                let byte = base[i]
                if byte == UInt8(ascii: "\"") {
                    recordBytes.append(byte)
                    i += 1
                    state = .quoted
                } else if byte == delimiter {
                    i += 1
                    try endField()
                    state = .startField
                } else if byte == 0x0A || byte == 0x0D {
                    i += 1
                    fieldEnds.append(recordBytes.count)
                    endLine(byte, at: chunkStart + i)
                    return reportRecord()
                } else if byte == 0 {
                    throw nulError(at: chunkStart + i, base: base)
                } else {
                    // Excel keeps text after the closing quote: `"ab"c` is `abc`.
                    state = .unquoted
                }
            }
        }
        // Keep the column count of the current line up to date across the chunk boundary.
        countScalars(upTo: chunkStart + end, base: base)
        return .needsInput
    }

    /// Ends the input: reports the last record if the input did not end with a line break.
    ///
    /// - Returns: true when a last record is ready to read; false when there is none.
    /// - Throws: `CSVError` with `.unterminatedQuote`, located at the opening quote, when a quoted field is open.
    public mutating func finish() throws(CSVError) -> Bool {
        if recordReported { clearRecord() }
        switch state {
        case .startRecord, .afterCR:
            state = .startRecord
            return false
        case .startField, .unquoted, .quoteInQuoted:
            fieldEnds.append(recordBytes.count)
            state = .startRecord
            _ = reportRecord()
            return true
        case .quoted, .quotedAfterCR:
            throw CSVError(
                .unterminatedQuote,
                "the quoted field that starts here has no closing quote before the end of the input; "
                    + "close the quote, or double a quote that is part of the text (\"\")",
                location: SourceLocation(
                    file: source, line: openQuote.line, column: openQuote.column, byteOffset: openQuote.offset
                )
            )
        }
    }

    // MARK: The current record

    /// The number of fields in the current record.
    public var fieldCount: Int { fieldEnds.count }

    /// Calls `body` with the bytes of the current record's field at a 0-based index (unquoted, unescaped).
    public func withFieldBytes<R, E: Error>(
        _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        let end = fieldEnds[index]
        return try recordBytes.withUnsafeBufferPointer { (all) throws(E) -> R in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// The current record's field at a 0-based index, decoded once from its UTF-8 bytes.
    public func field(_ index: Int) -> String {
        withFieldBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the current record's field at a 0-based index is empty.
    public func fieldIsEmpty(_ index: Int) -> Bool {
        fieldEnds[index] == (index == 0 ? 0 : fieldEnds[index - 1])
    }

    /// Every field of the current record, decoded.
    public var fields: [String] {
        (0..<fieldEnds.count).map(field)
    }

    /// The current record as cells: `.text` for each field, `.empty` for empty ones, padded with `.empty` to at
    /// least `minimumCount` cells. Each field is decoded to a `String` once.
    public func cells(minimumCount: Int = 0) -> [CellValue] {
        var interner: FieldInterner? = nil
        return cells(minimumCount: minimumCount, interner: &interner)
    }

    /// The current record's fields as cells, repeated short texts shared through an interner when one is given.
    func cells(minimumCount: Int, interner: inout FieldInterner?) -> [CellValue] {
        let count = fieldEnds.count
        var cells: [CellValue] = []
        cells.reserveCapacity(Swift.max(count, minimumCount))
        recordBytes.withUnsafeBufferPointer { all in
            fieldEnds.withUnsafeBufferPointer { ends in
                var start = 0
                for end in ends {
                    if end == start {
                        cells.append(.empty)
                    } else {
                        let bytes = UnsafeBufferPointer(rebasing: all[start..<end])
                        if interner != nil {
                            cells.append(.text(interner!.text(bytes)))
                        } else {
                            cells.append(.text(String(decoding: bytes, as: UTF8.self)))
                        }
                    }
                    start = end
                }
            }
        }
        if cells.count < minimumCount {
            cells.append(contentsOf: repeatElement(.empty, count: minimumCount - cells.count))
        }
        return cells
    }

    /// Whether the current record is a blank line: exactly one empty field.
    public var isBlankLine: Bool { fieldEnds.count == 1 && fieldEnds[0] == 0 }

    // MARK: Internals

    /// 0x01 in every byte of a word.
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Whether any of eight bytes (a little-endian word) may end a run of field bytes: equal to `stop` (the byte in
    /// every byte of it: the delimiter, or the quote inside a quoted field), or below 0x0E (CR, LF and NUL among them).
    /// Exact for `stop`; the other controls below 0x0E are looked at byte by byte and go on.
    @inline(__always)
    static func mayEnd(_ word: UInt64, _ stop: UInt64) -> Bool {
        let highs: UInt64 = 0x8080_8080_8080_8080
        let equal = word ^ stop
        let hasStop = (equal &- ones) & ~equal & highs
        let hasControl = (word &- ones &* 0x0E) & ~word & highs
        return hasStop | hasControl != 0
    }

    /// Moves `i` to the first byte before `end` that is `stop`, a line feed, a carriage return or NUL (else to `end`):
    /// eight bytes at a time while `mayEnd` says none of them can be one (`stops` is `stop` in every byte), then byte
    /// by byte through the word that may hold one.
    @inline(__always)
    static func skipOrdinary(_ base: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, stop: UInt8, stops: UInt64) {
        while i < end {
            while i &+ 8 <= end, !mayEnd(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), stops) {
                i &+= 8
            }
            let wordEnd = Swift.min(i &+ 8, end)
            while i < wordEnd {
                let byte = base[i]
                if byte == stop || (byte <= 0x0D && (byte == 0x0A || byte == 0x0D || byte == 0)) { return }
                i &+= 1
            }
        }
    }

    mutating func clearRecord() {
        recordBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        recordReported = false
    }

    mutating func reportRecord() -> Event {
        recordReported = true
        recordCount += 1
        return .record
    }

    /// Appends field bytes, enforcing the record size limit.
    @inline(__always)
    mutating func append(_ start: UnsafePointer<UInt8>, _ count: Int) throws(CSVError) {
        if recordBytes.count + count > maxRecordSize { throw tooLargeError() }
        recordBytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    }

    /// Ends a field at a delimiter; a record's field boundaries count towards its size limit (8 bytes each).
    @inline(__always)
    mutating func endField() throws(CSVError) {
        fieldEnds.append(recordBytes.count)
        if fieldEnds.count &* 8 &+ recordBytes.count > maxRecordSize { throw tooLargeError() }
    }

    /// Counts a record-ending line break whose byte was just consumed (`next` is the offset after it).
    @inline(__always)
    mutating func endLine(_ byte: UInt8, at next: Int) {
        newLine(at: next, counts: true)
        state = byte == 0x0D ? .afterCR : .startRecord
    }

    /// Starts a new line at a stream offset; `counts` is false for the LF of a CRLF (already counted at CR).
    @inline(__always)
    mutating func newLine(at next: Int, counts: Bool) {
        if counts { line += 1 }
        lineStart = next
        countedTo = next
        scalarsCounted = 0
    }

    /// Counts Unicode scalars of the current line up to a stream offset inside the current chunk.
    mutating func countScalars(upTo offset: Int, base: UnsafePointer<UInt8>) {
        let from = max(countedTo, chunkStart)
        guard offset > from else { return }
        var count = 0
        var p = base + (from - chunkStart)
        let stop = base + (offset - chunkStart)
        while p < stop {
            if p.pointee & 0xC0 != 0x80 { count += 1 }
            p += 1
        }
        scalarsCounted += count
        countedTo = offset
    }

    /// The 1-based column (in characters) of a stream offset inside the current chunk.
    mutating func column(at offset: Int, base: UnsafePointer<UInt8>) -> Int {
        countScalars(upTo: offset, base: base)
        return scalarsCounted + 1
    }

    mutating func nulError(at offset: Int, base: UnsafePointer<UInt8>) -> CSVError {
        CSVError(
            .nulByte,
            "the input contains a NUL byte (0x00), which a text file never does; it may be a binary file "
                + "(e.g. an .xlsx), or UTF-16 text without a byte order mark: pass --encoding UTF-16LE",
            location: SourceLocation(
                file: source, line: line, column: column(at: offset, base: base), byteOffset: offset
            ),
            value: "0x00"
        )
    }

    func tooLargeError() -> CSVError {
        let where_ = state == .quoted || state == .quotedAfterCR
            ? SourceLocation(file: source, line: openQuote.line, column: openQuote.column, byteOffset: openQuote.offset)
            : SourceLocation(file: source, line: recordLine, byteOffset: recordByteOffset)
        return CSVError(
            .recordTooLarge,
            "a record is larger than \(maxRecordSize) bytes, which usually means a quote here is never closed; "
                + "fix the quoting",
            location: where_,
            category: .limitExceeded
        )
    }
}
