#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization
import TabularCore

/// Reading a large UTF-8 file whole on two cores: the file is split at a line break near its middle, and each
/// half is validated and parsed on its own thread; the halves' rows are joined and the second half's lines
/// renumbered, so the table, its positions and its warnings are the ones reading the file in one pass gives.
///
/// Whenever the result could differ from that pass (the break falls inside a quoted field, a half has an error or
/// a byte that is not UTF-8, the file is not a plain file of at least `parallelThreshold` bytes, another encoding
/// is named), the split is not used: the first half's reader reads on through the second half, or `readRows…`
/// returns nil and the caller reads the file in one pass from its start, which throws the error that pass throws.
extension CSVReader {
    /// The smallest file read in two halves (1 MiB): below it, starting a thread costs more than it saves.
    static let parallelThreshold = 1 << 20

    /// The rows and warnings of a whole UTF-8 file, read as two halves in parallel; nil when the file must be read in
    /// one pass instead (see the extension's comment). Never throws: every failure is left to that pass.
    static func readRowsInParallel(path: String, configuration: Configuration) -> ([Row], [CSVWarning])? {
        if let encoding = configuration.encoding {
            guard (try? InputDecoding.named(encoding, file: path)) == .utf8 else { return nil }
        }
        guard path != "-", let file = WholeFile(path: path, minimumSize: parallelThreshold) else { return nil }
        defer { file.release() }
        let size = file.count
        let prefix = Array(UnsafeBufferPointer(start: file.bytes, count: 4))
        if let decoding = EncodingDetector.byteOrderMarkDecoding(prefix), decoding != .utf8 { return nil }
        let split = rowSplit(file.bytes, count: size)
        do {
            let first = try CSVReader(
                memory: file.bytes, count: split, fileSize: size, name: path, configuration: configuration,
                startOffset: nil, delimiter: UInt8(ascii: ",")
            )
            first.interner = FieldInterner()
            first.pausesAtEnd = split < size
            // The header sets the width the second half's rows are padded to and checked against.
            var rows: [Row] = []
            while first.headerWidth == nil, !configuration.defersWidthCheck, let row = try first.nextRow() {
                rows.append(row)
            }
            let parallel = split < size && (first.headerWidth != nil || configuration.defersWidthCheck)
            // The second half on another thread, the first on this one; the second's outcome is taken after both.
            let second = SecondHalf()
            let done = DispatchGroup()
            if parallel {
                let (delimiter, headerWidth) = (first.delimiter, first.headerWidth)
                DispatchQueue.global().async(group: done) {
                    let half = readSecondHalf(
                        file: file, from: split, name: path, configuration: configuration,
                        delimiter: delimiter, headerWidth: headerWidth
                    )
                    second.outcome.withLock { $0 = half }
                }
            }
            let head = readFirstHalf(first, upTo: split, file: file)
            done.wait()
            let tail = second.outcome.withLock { $0 }
            guard head.isValidUTF8, head.error == nil else { return nil }
            rows += head.rows
            if let tail, tail.isValidUTF8, tail.error == nil, first.isAtRowBoundary {
                let shift = first.parser.line - 1
                var warnings = first.warnings
                let room = configuration.maxWarnings - warnings.count
                for var warning in tail.warnings.prefix(max(0, room)) {
                    warning.location.line = warning.location.line.map { $0 + shift }
                    warnings.append(warning)
                }
                rows.reserveCapacity(rows.count + tail.rows.count)
                for var row in tail.rows {
                    row.line += shift
                    rows.append(row)
                }
                return (rows, warnings)
            }
            // One pass through the rest: the split was inside a quoted field, or the second half has an error
            // whose line only this reader can tell.
            if split < size {
                guard tail?.isValidUTF8 ?? validate(file.bytes + split, count: size - split, offset: split) else {
                    return nil
                }
                first.resume(through: size, pausing: false)
                while let row = try first.nextRow() { rows.append(row) }
            }
            return (rows, first.warnings)
        } catch {
            return nil
        }
    }

    /// What reading one half gave.
    private struct Half: Sendable {
        var rows: [Row] = []
        var warnings: [CSVWarning] = []
        var isValidUTF8 = true
        var error: CSVError?
    }

    /// The second half's outcome, set by its thread and read after it ended.
    private final class SecondHalf: Sendable {
        let outcome = Mutex<Half?>(nil)
    }

    /// Validates the first half and reads its rows up to the split, where the reader pauses.
    private static func readFirstHalf(_ reader: CSVReader, upTo split: Int, file: WholeFile) -> Half {
        var half = Half()
        guard validate(file.bytes, count: split, offset: 0) else {
            half.isValidUTF8 = false
            return half
        }
        // Validated: the rows' texts are copied without validating them again (the header, read before, was not).
        reader.interner?.bytesAreValid = true
        do {
            while let row = try reader.nextRow() { half.rows.append(row) }
        } catch {
            half.error = error
        }
        return half
    }

    /// Validates the second half and reads its rows, numbered from line 1.
    private static func readSecondHalf(
        file: WholeFile, from split: Int, name: String, configuration: Configuration, delimiter: UInt8,
        headerWidth: Int?
    ) -> Half {
        var half = Half()
        guard validate(file.bytes + split, count: file.count - split, offset: split) else {
            half.isValidUTF8 = false
            return half
        }
        do {
            let reader = try CSVReader(
                memory: file.bytes + split, count: file.count - split, fileSize: file.count, name: name,
                configuration: configuration, startOffset: split, delimiter: delimiter
            )
            reader.interner = FieldInterner(bytesAreValid: true)  // validated above
            reader.headerWidth = headerWidth
            while let row = try reader.nextRow() { half.rows.append(row) }
            half.warnings = reader.warnings
        } catch {
            half.error = error
        }
        return half
    }

    /// Whether the bytes are whole, valid UTF-8 sequences.
    private static func validate(_ bytes: UnsafeMutablePointer<UInt8>, count: Int, offset: Int) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(UnsafeBufferPointer(start: bytes, count: count)) == nil && !validator.isInsideSequence
    }

    /// Where the second half starts: just after the first LF from the middle on, or `count` when there is none.
    static func rowSplit(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        guard let found = memchr(bytes + count / 2, 0x0A, count - count / 2) else { return count }
        return bytes.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
    }
}

/// A plain file's bytes read whole into memory the caller releases.
///
/// The memory is mapped for the file alone (anonymous, not the file itself: a file cut short while mapped would kill
/// the process) rather than taken from malloc, since glibc's malloc, once a block this large it had mapped is freed,
/// serves every later block up to that size from its heaps (its dynamic mmap threshold): at 100,000 measures the
/// 30 MB buffer so raised the commands' peak RSS by 10 MB.
struct WholeFile: @unchecked Sendable {
    /// The bytes; read-only once read, so both halves' threads may read them.
    let bytes: UnsafeMutablePointer<UInt8>
    /// How many.
    let count: Int

    /// Unmaps the bytes; nothing may read them after.
    func release() {
        munmap(bytes, count)
    }

    /// Reads a regular file of at least `minimumSize` bytes; nil for anything else or on any failure (the caller
    /// then reads the file as a stream, which reports the failure).
    init?(path: String, minimumSize: Int) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) >= minimumSize
        else { return nil }
        let size = Int(info.st_size)
        guard let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED
        else { return nil }
        let bytes = mapped.bindMemory(to: UInt8.self, capacity: size)
        var total = 0
        while total < size {
            let got = pread(descriptor, bytes + total, size - total, off_t(total))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            total += got
        }
        guard total == size else {
            munmap(mapped, size)
            return nil
        }
        self.bytes = bytes
        count = size
    }
}
