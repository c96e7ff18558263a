#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming conversion between two encodings through glibc's iconv; the sole owner of its `iconv_t`.
final class IconvConverter {
    /// Why a conversion stopped.
    enum Failure: Error {
        /// The bytes at this index of the input are not valid in the source encoding (or not representable in
        /// the target encoding).
        case invalidSequence(at: Int)
    }

    private let descriptor: iconv_t
    /// The source encoding's name as given.
    let from: String
    /// The target encoding's name as given.
    let to: String
    private let scratch: UnsafeMutablePointer<UInt8>
    private let scratchSize = 64 << 10

    /// Opens a converter, or returns nil when iconv does not know one of the names.
    init?(from: String, to: String) {
        let opened = iconv_open(to, from)
        guard let opened, opened != iconv_t(bitPattern: -1) else { return nil }
        descriptor = opened
        self.from = from
        self.to = to
        scratch = .allocate(capacity: scratchSize)
    }

    deinit {
        iconv_close(descriptor)
        scratch.deallocate()
    }

    /// Whether iconv can convert between two encodings.
    static func canConvert(from: String, to: String) -> Bool {
        IconvConverter(from: from, to: to) != nil
    }

    /// Converts as much of `input` as forms whole characters, handing converted bytes to `sink`.
    ///
    /// - Returns: the number of input bytes consumed; the rest (fewer than a character) is an incomplete
    ///   sequence to be passed again, followed by more input.
    /// - Throws: `Failure.invalidSequence` with the index in `input` of the bad bytes.
    func convert(_ input: UnsafeRawBufferPointer, into sink: (UnsafeBufferPointer<UInt8>) -> Void) throws(Failure) -> Int {
        guard let start = input.baseAddress, !input.isEmpty else { return 0 }
        var inPointer = UnsafeMutablePointer(mutating: start.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        while inLeft > 0 {
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: CChar.self)
            var outLeft = scratchSize
            var inOptional: UnsafeMutablePointer<CChar>? = inPointer
            let result = iconv(descriptor, &inOptional, &inLeft, &outPointer, &outLeft)
            let savedErrno = errno
            inPointer = inOptional!
            let produced = scratchSize - outLeft
            if produced > 0 { sink(UnsafeBufferPointer(start: scratch, count: produced)) }
            if result == -1 {
                switch savedErrno {
                case E2BIG:
                    continue
                case EINVAL:
                    // An incomplete sequence at the end: keep it for the next call.
                    return input.count - inLeft
                case EILSEQ:
                    throw .invalidSequence(at: input.count - inLeft)
                default:
                    throw .invalidSequence(at: input.count - inLeft)
                }
            }
        }
        return input.count
    }

    /// Writes any shift sequence a stateful encoding (e.g. ISO-2022-JP) needs at the end of the output.
    func finish(into sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: CChar.self)
        var outLeft = scratchSize
        _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
        let produced = scratchSize - outLeft
        if produced > 0 { sink(UnsafeBufferPointer(start: scratch, count: produced)) }
    }
}
