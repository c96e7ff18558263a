import CUchardet
import TabularCore

/// How the reader turns the input's bytes into UTF-8.
enum InputDecoding: Sendable, Hashable {
    /// The input is UTF-8 (a BOM, if any, is skipped); it is validated as it is read.
    case utf8
    /// The input is converted by iconv from the named encoding.
    case iconv(String)

    /// The encoding's name as reported to users, e.g. `UTF-8` or `GB18030`.
    var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .iconv(let name): name
        }
    }

    /// The decoding for an encoding name the user gave: `UTF-8` in any spelling is validated in Swift, any
    /// other name must be known to iconv.
    ///
    /// - Throws: `CSVError.Code.unknownEncoding` (category `.usage`).
    static func named(_ name: String, file: String) throws(CSVError) -> InputDecoding {
        let normalized = name.uppercased()
        if normalized == "UTF-8" || normalized == "UTF8" { return .utf8 }
        guard IconvConverter.canConvert(from: name, to: "UTF-8") else {
            throw CSVError(
                .unknownEncoding,
                "unknown encoding '\(name)'; use a name that iconv knows, such as UTF-8, GB18030, BIG5, SHIFT_JIS, "
                    + "UTF-16LE or LATIN1 (`iconv --list` shows them all)",
                location: SourceLocation(file: file), value: name, category: .usage
            )
        }
        return .iconv(name)
    }
}

/// Finds an input's encoding: a byte-order mark first; else UTF-8 if the whole input is valid UTF-8; else the
/// guess of uchardet over the non-ASCII content. Leaves the input at its start.
struct EncodingDetector {
    /// The largest sample from the first non-ASCII byte on that is given to uchardet.
    static let sampleLimit = 1 << 20
    /// Fewer non-ASCII bytes than this in the sample make a guess other than a CJK multibyte encoding unsure.
    static let confidentSampleSize = 32
    /// At least this many valid multibyte UTF-8 sequences before an invalid byte mean a damaged UTF-8 file.
    static let damagedUTF8Threshold = 8

    /// The result: the decoding, and bytes already read from a non-seekable input that must be read again first.
    struct Result {
        var decoding: InputDecoding
        var replay: [UInt8]
    }

    /// Detects the encoding of `input`, reading it in chunks of `scratchSize` bytes.
    ///
    /// Reads the whole input once when it has no BOM (a non-seekable input is spooled to a temporary file).
    /// - Throws: `CSVError` `.invalidUTF8` (a damaged UTF-8 file), `.undetectableEncoding`, `.unknownEncoding`,
    ///   `.readFailed`.
    static func detect(_ input: InputFile, scratchSize: Int) throws(CSVError) -> Result {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: scratchSize, alignment: 16)
        defer { buffer.deallocate() }
        return try detect(input, buffer: buffer, capacity: scratchSize)
    }

    private static func detect(_ input: InputFile, buffer: UnsafeMutableRawPointer, capacity: Int) throws(CSVError) -> Result {
        let prefixCount = try input.readFully(into: buffer, count: 4)
        let prefix = Array(UnsafeRawBufferPointer(start: buffer, count: prefixCount))
        if let decoding = byteOrderMarkDecoding(prefix) {
            if input.isSeekable {
                try input.rewind()
                return Result(decoding: decoding, replay: [])
            }
            return Result(decoding: decoding, replay: prefix)
        }

        var validator = UTF8Validator()
        var invalidAt: Int?
        let observe: (UnsafeRawBufferPointer) -> Void = { chunk in
            guard invalidAt == nil else { return }
            invalidAt = validator.validate(chunk.assumingMemoryBound(to: UInt8.self))
        }
        if input.isSeekable {
            try input.rewind()
            while true {
                let got = try input.read(into: buffer, count: capacity)
                if got == 0 { break }
                observe(UnsafeRawBufferPointer(start: buffer, count: got))
                if invalidAt != nil { break }
            }
        } else {
            let failure = prefix.withUnsafeBytes { bytes -> CSVError? in
                do throws(CSVError) {
                    try input.spool(prefix: bytes, buffer: buffer, capacity: capacity, observe: observe)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { throw failure }
        }
        if invalidAt == nil, validator.isInsideSequence { invalidAt = validator.sequenceStart }
        guard let invalidAt else {
            try input.rewind()
            return Result(decoding: .utf8, replay: [])
        }
        if validator.multibyteSequences >= damagedUTF8Threshold {
            throw try damagedUTF8Error(input, at: invalidAt, buffer: buffer, capacity: capacity)
        }
        if let byteOrder = try utf16WithoutByteOrderMark(input, buffer: buffer, capacity: capacity) {
            throw CSVError(
                .undetectableEncoding,
                "the file looks like UTF-16\(byteOrder) text without a byte order mark; pass --encoding UTF-16\(byteOrder)",
                location: SourceLocation(file: input.name), value: "UTF-16\(byteOrder)")
        }
        let firstNonASCII = validator.firstNonASCII ?? invalidAt
        let guess = try guessWithUchardet(input, from: firstNonASCII, buffer: buffer, capacity: capacity)
        try input.rewind()
        switch guess.charset {
        case "UTF-8":
            throw try damagedUTF8Error(input, at: invalidAt, buffer: buffer, capacity: capacity)
        case "", "ASCII":
            throw undetectable(input, guess: nil)
        default:
            break
        }
        let multibyteCJK: Set<String> = ["GB18030", "BIG5", "SHIFT_JIS", "EUC-JP", "EUC-KR", "EUC-TW"]
        if guess.nonASCIIBytes < confidentSampleSize, !multibyteCJK.contains(guess.charset) {
            throw undetectable(input, guess: guess.charset)
        }
        guard IconvConverter.canConvert(from: guess.charset, to: "UTF-8") else {
            throw undetectable(input, guess: guess.charset)
        }
        return Result(decoding: .iconv(guess.charset), replay: [])
    }

    /// `LE` or `BE` when the start of the input looks like UTF-16 without a BOM: at least a fifth of the bytes are
    /// zero, nearly all of them at odd (LE) or even (BE) offsets, as Latin and CJK text in UTF-16 has; else nil.
    static func utf16WithoutByteOrderMark(
        _ input: InputFile, buffer: UnsafeMutableRawPointer, capacity: Int
    ) throws(CSVError) -> String? {
        try input.rewind()
        let got = try input.readFully(into: buffer, count: min(capacity, 4096))
        let bytes = UnsafeRawBufferPointer(start: buffer, count: got & ~1)
        guard bytes.count >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for (offset, byte) in bytes.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let zeros = evenZeros + oddZeros
        guard zeros * 5 >= bytes.count else { return nil }
        if oddZeros * 10 >= zeros * 9 { return "LE" }
        if evenZeros * 10 >= zeros * 9 { return "BE" }
        return nil
    }

    /// The decoding a byte-order mark at the start announces, if there is one.
    static func byteOrderMarkDecoding(_ prefix: [UInt8]) -> InputDecoding? {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if prefix.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return .iconv("UTF-32LE") }
        if prefix.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .iconv("UTF-32BE") }
        if prefix.starts(with: [0xFF, 0xFE]) { return .iconv("UTF-16LE") }
        if prefix.starts(with: [0xFE, 0xFF]) { return .iconv("UTF-16BE") }
        return nil
    }

    /// uchardet's answer for the input from its first non-ASCII byte on, normalized (GBK and GB2312 are read as
    /// their superset GB18030), with the number of non-ASCII bytes it saw.
    ///
    /// - Throws: `CSVError` `.undetectableEncoding` when uchardet cannot start or fails on the data (both mean it ran
    ///   out of memory), `.readFailed`.
    static func guessWithUchardet(
        _ input: InputFile, from offset: Int, buffer: UnsafeMutableRawPointer, capacity: Int
    ) throws(CSVError) -> (charset: String, nonASCIIBytes: Int) {
        try input.rewind(to: offset)
        guard let detector = uchardet_new() else {
            throw CSVError(
                .undetectableEncoding,
                "the encoding detector (uchardet) could not start (out of memory?); pass --encoding NAME",
                location: SourceLocation(file: input.name))
        }
        defer { uchardet_delete(detector) }
        var fed = 0
        var nonASCII = 0
        while fed < sampleLimit {
            let got = try input.read(into: buffer, count: min(capacity, sampleLimit - fed))
            if got == 0 { break }
            let bytes = UnsafeRawBufferPointer(start: buffer, count: got)
            for byte in bytes where byte >= 0x80 { nonASCII += 1 }
            // uchardet returns 0 when it took the data, non-zero when it failed (out of memory).
            guard uchardet_handle_data(detector, buffer.assumingMemoryBound(to: CChar.self), got) == 0 else {
                throw CSVError(
                    .undetectableEncoding,
                    "the encoding detector (uchardet) failed on the input (out of memory?); pass --encoding NAME",
                    location: SourceLocation(file: input.name, byteOffset: offset + fed))
            }
            fed += got
        }
        uchardet_data_end(detector)
        let charset = uchardet_get_charset(detector).map { String(cString: $0) }?.uppercased() ?? ""
        switch charset {
        case "GB2312", "GBK", "GB18030", "EUC-CN", "CP936": return ("GB18030", nonASCII)
        default: return (charset, nonASCII)
        }
    }

    static func undetectable(_ input: InputFile, guess: String?) -> CSVError {
        let guessed = guess.map { " (it might be \($0), but the sample is too small or unusual to be sure)" } ?? ""
        return CSVError(
            .undetectableEncoding,
            "the file is not UTF-8 and its encoding cannot be detected\(guessed); pass --encoding NAME, e.g. "
                + "--encoding GB18030 for Chinese text saved by Excel or WPS",
            location: SourceLocation(file: input.name), value: guess
        )
    }

    /// The error for a UTF-8 file with a bad byte, located by line (counted by reading the input again).
    static func damagedUTF8Error(
        _ input: InputFile, at offset: Int, buffer: UnsafeMutableRawPointer, capacity: Int
    ) throws(CSVError) -> CSVError {
        try input.rewind()
        var line = 1
        var read = 0
        var lastWasCR = false
        var bad: [UInt8] = []
        while read < offset + 4 {
            let got = try input.read(into: buffer, count: capacity)
            if got == 0 { break }
            let bytes = UnsafeRawBufferPointer(start: buffer, count: got)
            for (index, byte) in bytes.enumerated() {
                let position = read + index
                if position < offset {
                    if byte == 0x0D || (byte == 0x0A && !lastWasCR) { line += 1 }
                    lastWasCR = byte == 0x0D
                } else if position < offset + 4 {
                    bad.append(byte)
                }
            }
            read += got
        }
        try input.rewind()
        return CSVError(
            .invalidUTF8,
            "the file is UTF-8 but the bytes \(hexDump(bad)) here are not valid UTF-8; repair the file, or pass "
                + "--encoding NAME if it is in another encoding",
            location: SourceLocation(file: input.name, line: line, byteOffset: offset),
            value: hexDump(bad)
        )
    }
}
