#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Standard output or standard error, written with `write(2)` (which, with `SIGPIPE` ignored, reports a closed pipe
/// as `EPIPE` instead of ending the process; Foundation's `FileHandle.write` traps on it).
///
/// A closed pipe (`tracksheet check … | head`) is not an error: the stream stops taking bytes and the command goes
/// on. Any other failure (a full disk, `ulimit -f`) is kept as the stream's failure for the caller to report.
public final class StandardStream: Sendable {
    /// Standard output.
    public static let output = StandardStream(descriptor: 1)
    /// Standard error.
    public static let error = StandardStream(descriptor: 2)

    /// How a stream's writing stopped.
    public enum Stop: Sendable, Equatable {
        /// The reader went away (`EPIPE`): what follows is dropped, and that is not an error.
        case closed
        /// A write failed with this `errno`.
        case failed(errno: Int32)
    }

    private let descriptor: Int32
    private let stopped = Mutex<Stop?>(nil)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Why the stream stopped taking bytes, or nil while every write has gone through.
    public var stop: Stop? { stopped.withLock { $0 } }

    /// Writes all of `bytes` (retrying short writes and interruptions), unless the stream has stopped.
    /// - Returns: false when the bytes were not all written (see `stop`).
    @discardableResult
    public func write(_ bytes: some Collection<UInt8>) -> Bool {
        stopped.withLock { stop in
            guard stop == nil else { return false }
            let written = bytes.withContiguousStorageIfAvailable { writeAll($0, stop: &stop) }
            return written ?? writeAll(Array(bytes), stop: &stop)
        }
    }

    /// Writes the UTF-8 bytes of `text`.
    @discardableResult
    public func write(_ text: String) -> Bool {
        write(text.utf8)
    }

    private func writeAll(_ bytes: [UInt8], stop: inout Stop?) -> Bool {
        bytes.withUnsafeBufferPointer { writeAll($0, stop: &stop) }
    }

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, stop: inout Stop?) -> Bool {
        guard var next = bytes.baseAddress else { return true }
        var remaining = bytes.count
        while remaining > 0 {
            let count = systemWrite(descriptor, next, remaining)
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                stop = code == EPIPE ? .closed : .failed(errno: code)
                return false
            }
            next += count
            remaining -= count
        }
        return true
    }
}

/// `write(2)`, named apart from `StandardStream.write`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
