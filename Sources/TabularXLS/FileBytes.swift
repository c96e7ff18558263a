#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TabularCore

/// A file opened for positioned reads (`pread`), closed when the last reference goes.
final class FileBytes {
    /// The file's size in bytes when opened.
    let size: Int
    private let descriptor: Int32
    private let path: String

    /// Opens a regular file for reading.
    ///
    /// - Throws: `fileUnreadable` when it cannot be opened or is not a regular file; `emptyFile` when empty.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw XLSReadError(.fileUnreadable, "cannot open the file: \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw XLSReadError(.fileUnreadable, "not a regular file", location: SourceLocation(file: path))
        }
        descriptor = fd
        size = Int(info.st_size)
        guard size > 0 else {
            close(fd)
            throw XLSReadError(.emptyFile, "the file is empty", location: SourceLocation(file: path))
        }
    }

    deinit { close(descriptor) }

    /// Reads exactly `count` bytes at `offset` into `buffer` starting at `start`.
    ///
    /// - Throws: `corruptContainer` when the range is past the end of the file; `fileUnreadable` on an I/O error.
    func read(at offset: Int, count: Int, into buffer: inout [UInt8], start: Int) throws {
        guard offset >= 0, count >= 0, offset <= size - count else {
            throw XLSReadError(.corruptContainer, "the compound file refers to bytes \(offset)..<\(offset + count), past its end (\(size) bytes); the file is truncated or corrupt", location: SourceLocation(file: path, byteOffset: offset))
        }
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + start + done, count - done, off_t(offset + done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw XLSReadError(.fileUnreadable, "cannot read the file at byte \(offset + done): \(got < 0 ? String(cString: strerror(errno)) : "unexpected end")", location: SourceLocation(file: path, byteOffset: offset + done))
            }
            done += got
        }
    }

    /// Reads exactly `count` bytes at `offset`.
    ///
    /// - Throws: as `read(at:count:into:start:)`.
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try read(at: offset, count: count, into: &bytes, start: 0)
        return bytes
    }
}

/// Little-endian integer reads from byte arrays; the caller has checked the bounds.
extension Array where Element == UInt8 {
    @inline(__always) func u16(_ at: Int) -> Int { Int(self[at]) | Int(self[at + 1]) << 8 }
    @inline(__always) func u32(_ at: Int) -> UInt32 {
        UInt32(self[at]) | UInt32(self[at + 1]) << 8 | UInt32(self[at + 2]) << 16 | UInt32(self[at + 3]) << 24
    }
    @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
