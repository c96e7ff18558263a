import Foundation
import Synchronization
import TabularCore
import ZIPFoundation

/// The ZIP container of a workbook: a case-insensitive index of its entries and capped, metered inflation.
///
/// Every inflation is counted while it happens: an entry may not inflate past its declared size, past
/// `maxEntryUncompressedBytes`, or past `maxCompressionRatio` × its compressed size; and all entries read through
/// one meter may not exceed `maxTotalUncompressedBytes` together.
///
/// `@unchecked Sendable`: the entry index is immutable after `init`, and the archive (ZIPFoundation's, not Sendable)
/// is read by one thread at a time — a reader hands the package to its inflating thread and waits for it.
package final class ZIPPackage: @unchecked Sendable {
    /// The file's path as the caller gave it.
    package let path: String
    package let limits: XLSXLimits
    private let archive: Archive
    private let exact: [String: Entry]
    private let folded: [String: Entry]

    /// Opens the package, sniffing the file's signature first so that non-ZIP inputs get a precise message.
    ///
    /// - Throws: `fileUnreadable`, `emptyFile`, `passwordProtected`, `legacyXLS`, `notAZipPackage`, `corruptZip`
    ///   (also for duplicate entry names), `unsafeEntryName`, `structureLimit`, `decompressionLimit`.
    package init(path: String, limits: XLSXLimits) throws {
        self.path = path
        self.limits = limits
        let location = SourceLocation(file: path)
        try ZIPPackage.sniff(path: path, location: location)
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XLSXReadError(.corruptZip, "the ZIP container is damaged (no readable central directory); the file may be truncated", location: location)
        }
        var count = 0
        var declaredTotal: Int64 = 0
        var exact: [String: Entry] = [:]
        var folded: [String: Entry] = [:]
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw XLSXReadError(.structureLimit, "the package has more than \(limits.maxEntries) ZIP entries", location: location)
            }
            let name = try ZIPPackage.normalize(entry.path, location: location)
            guard entry.type == .file else { continue }
            // Saturating: declared sizes are attacker-controlled and may add up past Int64 (found by fuzzing).
            let (sum, overflow) = declaredTotal.addingReportingOverflow(Int64(clamping: entry.uncompressedSize))
            declaredTotal = overflow ? .max : sum
            guard exact[name] == nil else {
                throw XLSXReadError(.corruptZip, "the package lists the entry \(name) twice; readers could disagree on its content, so it is refused", location: location)
            }
            exact[name] = entry
            let key = name.lowercased()
            if folded[key] == nil { folded[key] = entry }
        }
        self.exact = exact
        self.folded = folded
        if declaredTotal > limits.maxTotalUncompressedBytes {
            throw XLSXReadError(.decompressionLimit, "the package declares \(declaredTotal) uncompressed bytes, over the limit of \(limits.maxTotalUncompressedBytes); it may be a zip bomb", location: location)
        }
    }

    /// Normalizes an entry name: backslashes become slashes; absolute names and `..` segments are refused.
    static func normalize(_ raw: String, location: SourceLocation) throws -> String {
        let name = raw.replacingOccurrences(of: "\\", with: "/")
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasPrefix("/") || segments.contains("..") || name.contains("\0") {
            throw XLSXReadError(.unsafeEntryName, "the ZIP entry name \"\(raw)\" is absolute or contains `..`; refusing a package that could escape its folder", location: location)
        }
        return name
    }

    /// Rejects Excel's lock files (`~$name.xlsx`), empty files, OLE containers (encrypted OOXML or legacy .xls) and files without a ZIP signature.
    private static func sniff(path: String, location: SourceLocation) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw XLSXReadError(.fileUnreadable, "this is a folder, not a workbook file", location: location)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw XLSXReadError(.fileUnreadable, "cannot open the file; check that it exists and is readable", location: location)
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix("~$"), !head.starts(with: [0x50, 0x4B]) {
            let original = String(name.dropFirst(2))
            throw XLSXReadError(.excelLockFile, "this is Excel's lock file for \(original): close the workbook in Excel, or use \(original)", location: location)
        }
        if head.isEmpty {
            throw XLSXReadError(.emptyFile, "the file is empty; it is not a workbook", location: location)
        }
        if head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            if (try? containsEncryptedPackage(handle)) == true {
                throw XLSXReadError(.passwordProtected, "password-protected workbook: remove the password in Excel (File > Info > Protect Workbook) and save again", location: location)
            }
            throw XLSXReadError(.legacyXLS, "this is a legacy Excel 97-2003 workbook (.xls), not .xlsx; save it as .xlsx in Excel or WPS", location: location)
        }
        guard head.count >= 4, head[0] == 0x50, head[1] == 0x4B,
              (head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8)
        else {
            throw XLSXReadError(.notAZipPackage, "not an .xlsx workbook (no ZIP signature); if it is CSV or text, read it as such", location: location)
        }
    }

    /// Whether an OLE compound file has a stream named `EncryptedPackage` (UTF-16LE in a directory sector).
    private static func containsEncryptedPackage(_ handle: FileHandle) throws -> Bool {
        let needle = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        try handle.seek(toOffset: 0)
        var carry: [UInt8] = []
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            let window = carry + [UInt8](data)
            if window.count >= needle.count {
                for start in 0...(window.count - needle.count)
                where window[start] == needle[0] && window[start..<(start + needle.count)].elementsEqual(needle) {
                    return true
                }
            }
            carry = Array(window.suffix(needle.count - 1))
        }
        return false
    }

    /// Whether an entry exists, matching exactly or else case-insensitively.
    package func contains(_ name: String) -> Bool { entry(name) != nil }

    fileprivate func entry(_ name: String) -> Entry? {
        exact[name] ?? folded[name.lowercased()]
    }

    /// Reads a whole (small) part into memory through the meter.
    package func read(_ name: String, meter: Meter) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try stream(name, meter: meter) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Inflates a part in chunks on the calling thread, metering each chunk before handing it on.
    ///
    /// - Parameter verifiedChecksum: the CRC-32 an earlier read of the whole part checked it against: when the
    ///   entry declares that same checksum, it is not computed again (nil, the default, always checks).
    /// - Throws: `missingPart`, `corruptZip` (bad CRC, corrupt deflate data), `decompressionLimit`, or what
    ///   `consumer` throws.
    package func stream(_ name: String, meter: Meter, chunkSize: Int = 1 << 16, verifiedChecksum: UInt32? = nil,
                        consumer: (Data) throws -> Void) throws {
        let location = SourceLocation(file: path)
        guard let entry = entry(name) else {
            throw XLSXReadError(.missingPart, "the package has no part \(name); the workbook is incomplete", location: location)
        }
        // An entry whose data an earlier whole read checked against the same declared checksum is not checked again.
        let checks = verifiedChecksum != entry.checksum
        var inflated: Int64 = 0
        let declared = Int64(clamping: entry.uncompressedSize)
        let compressed = max(Int64(clamping: entry.compressedSize), 1)
        var crc = ZIPChecksum()
        do {
            // The CRC is ours (see `ZIPChecksum`): ZIPFoundation's own is a byte-at-a-time loop on Linux.
            _ = try archive.extract(entry, bufferSize: chunkSize, skipCRC32: true) { data in
                inflated += Int64(data.count)
                if inflated > declared {
                    throw XLSXReadError(.decompressionLimit, "the part \(name) inflates beyond its declared size of \(declared) bytes; the package is corrupt or hostile", location: location)
                }
                if inflated > limits.maxEntryUncompressedBytes {
                    throw XLSXReadError(.decompressionLimit, "the part \(name) inflates past the per-part limit of \(limits.maxEntryUncompressedBytes) bytes", location: location)
                }
                if inflated > limits.ratioGraceBytes && inflated / compressed > limits.maxCompressionRatio {
                    throw XLSXReadError(.decompressionLimit, "the part \(name) inflates more than \(limits.maxCompressionRatio) times its compressed size; it looks like a zip bomb", location: location)
                }
                try meter.add(data.count, part: name)
                if checks { data.withUnsafeBytes { crc.update($0) } }
                try consumer(data)
            }
            guard !checks || crc.value == entry.checksum else { throw Archive.ArchiveError.invalidCRC32 }
            guard inflated == declared else {
                throw XLSXReadError(.corruptZip, "the part \(name) inflates to \(inflated) bytes, not the \(declared) its header declares; the file is corrupt", location: location)
            }
        } catch let error as XLSXReadError {
            throw error
        } catch let error as Archive.ArchiveError where error == .invalidCRC32 {
            throw XLSXReadError(.corruptZip, "the part \(name) fails its CRC check; the file is corrupt", location: location)
        } catch is PipeCancelled {
            throw PipeCancelled()
        } catch {
            throw XLSXReadError(.corruptZip, "the part \(name) cannot be inflated (\(error)); the file is corrupt", location: location)
        }
    }

    /// Counts bytes inflated across parts against `maxTotalUncompressedBytes`; shared by the threads of one read.
    package final class Meter: Sendable {
        private let total: Mutex<Int64>
        private let limit: Int64
        private let file: String

        /// Creates a meter starting at `total` bytes already counted.
        package init(limit: Int64, file: String, total: Int64 = 0) {
            self.limit = limit
            self.file = file
            self.total = Mutex(total)
        }

        /// The bytes counted so far.
        package var count: Int64 { total.withLock { $0 } }

        /// A new meter continuing from this one's count.
        package func fork() -> Meter { Meter(limit: limit, file: file, total: count) }

        /// Adds inflated bytes; throws `decompressionLimit` past the limit.
        package func add(_ bytes: Int, part: String) throws {
            let now = total.withLock { total in
                total += Int64(bytes)
                return total
            }
            if now > limit {
                throw XLSXReadError(.decompressionLimit, "reading \(part) takes the workbook past the total limit of \(limit) inflated bytes; it looks like a zip bomb", location: SourceLocation(file: file))
            }
        }
    }
}

/// Thrown inside the inflating thread when the reader went away.
struct PipeCancelled: Error {}

/// A pull source of a part's bytes, inflated on a background thread into a bounded queue (16 chunks of 64 KiB).
package final class PartSource {
    /// Inflated chunks on their way from the inflating thread to the scanning one.
    private let pipe: BoundedQueue<Data>
    /// The CRC-32 the part's entry declares: once every chunk has been taken without an error, the part's bytes
    /// were checked against it (unless it was `verifiedChecksum`).
    package let checksum: UInt32

    /// Starts inflating `name` from a fresh handle on the package file (so that readers never share a file position).
    ///
    /// - Parameter verifiedChecksum: the `checksum` of an earlier source of the same part that was read to its
    ///   end: when the entry still declares it, the bytes are not checked against it again (the ZIP checksum
    ///   costs about as much as inflating). Sizes, caps and inflate errors are checked as always.
    package init(path: String, limits: XLSXLimits, part name: String, meter: ZIPPackage.Meter,
                 verifiedChecksum: UInt32? = nil) throws {
        let package = try ZIPPackage(path: path, limits: limits)
        guard let entry = package.entry(name) else {
            throw XLSXReadError(.missingPart, "the package has no part \(name); the workbook is incomplete", location: SourceLocation(file: path))
        }
        checksum = entry.checksum
        let pipe = BoundedQueue<Data>(capacity: 16)
        self.pipe = pipe
        let work: @Sendable () -> Void = {
            do {
                try package.stream(name, meter: meter, verifiedChecksum: verifiedChecksum) { chunk in
                    guard pipe.push(chunk) else { throw PipeCancelled() }
                }
                pipe.close()
            } catch {
                pipe.close(throwing: error)
            }
        }
        let thread = Thread(block: work)
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { pipe.cancel() }

    /// After the consumer found the content broken: the inflating side's own failure (bad CRC, corrupt deflate
    /// data, a cap), found by draining at most `budget` more bytes, or nil. A damaged container explains garbage
    /// content better than the garbage does, and draining makes the reported error independent of thread timing.
    package func containerFailure(budget: Int = 64 << 20) -> XLSXReadError? {
        var drained = 0
        while drained <= budget {
            do {
                guard let data = try pipe.pop() else { return nil }
                drained += data.count
            } catch let error as XLSXReadError {
                return error.code == .corruptZip || error.code == .decompressionLimit ? error : nil
            } catch {
                return nil
            }
        }
        return nil
    }

    /// The next chunk, or nil at the end of the part.
    package func next() throws -> Data? {
        try pipe.pop()
    }
}
