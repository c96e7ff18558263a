#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
public import TabularCore

/// A temporary file beside a target path that becomes the target only when committed: readers of the target
/// see the old file or the complete new one, never a partial file.
///
/// The temporary name is `.NAME.tracksheet-PID-N.tmp` in the target's folder, so the final `rename(2)` is atomic.
/// `abandon()` (or never committing) removes it; `removeStaleTemporaries(besides:)` cleans what killed runs left.
public struct AtomicFile: Sendable {
    /// The path the result will have once committed.
    public let target: String
    /// The temporary path to write to.
    public let temporaryPath: String

    /// Reserves a temporary path beside `target`, creating the file empty with mode 0644.
    ///
    /// - Throws: `AtomicFileError` (category `.outputFailure`) when the folder is missing or not writable.
    public init(target: String) throws {
        self.target = target
        let (folder, name) = AtomicFile.split(target)
        var attempt = 0
        while true {
            let candidate = folder + ".\(name).tracksheet-\(getpid())-\(AtomicFile.nextSerial())-\(attempt).tmp"
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 {
                close(descriptor)
                temporaryPath = candidate
                return
            }
            let code = errno
            if code == EEXIST, attempt < 100 {
                attempt += 1
                continue
            }
            throw AtomicFileError(path: target, message: "cannot create a file in its folder: \(String(cString: strerror(code)))")
        }
    }

    /// Moves the temporary file onto the target, replacing any old file in one step.
    ///
    /// - Throws: `AtomicFileError` when the rename fails; the temporary file is removed then.
    public func commit() throws {
        if rename(temporaryPath, target) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw AtomicFileError(path: target, message: "cannot move the finished file into place: \(String(cString: strerror(code)))")
        }
    }

    /// Removes the temporary file; the target is left as it was.
    public func abandon() {
        unlink(temporaryPath)
    }

    /// Writes bytes to `target` atomically: a temporary file beside it, then a rename.
    ///
    /// - Throws: `AtomicFileError` when the file cannot be created, written in full, or moved into place; no
    ///   temporary file is left then.
    public static func write(_ bytes: [UInt8], to target: String) throws {
        let file = try AtomicFile(target: target)
        let descriptor = open(file.temporaryPath, O_WRONLY | O_TRUNC | O_CLOEXEC)
        var written = 0
        if descriptor >= 0 {
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + written, bytes.count - written) }
                if result < 0 && errno == EINTR { continue }
                guard result > 0 else { break }
                written += result
            }
        }
        let code = errno
        if descriptor < 0 || written < bytes.count || close(descriptor) != 0 {
            file.abandon()
            throw AtomicFileError(path: target, message: "cannot write: \(String(cString: strerror(code)))")
        }
        try file.commit()
    }

    /// Removes temporaries of `target` left by tracksheet processes that no longer run (killed mid-write).
    public static func removeStaleTemporaries(besides target: String) {
        let (folder, name) = split(target)
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return }
        defer { closedir(directory) }
        let prefix = ".\(name).tracksheet-"
        while let entry = readdir(directory) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix), entryName.hasSuffix(".tmp") else { continue }
            let pidText = entryName.dropFirst(prefix.count).prefix(while: { $0 != "-" })
            guard let pid = Int32(pidText), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder + entryName)
            }
        }
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// A process-wide count of temporaries reserved, so that two in one process never race for a name.
    private static let serial = Atomic<Int>(0)

    private static func nextSerial() -> Int {
        serial.add(1, ordering: .relaxed).newValue
    }
}

/// A failure to create or commit an output file.
public struct AtomicFileError: LocatedError {
    /// None: the message is the whole of it.
    public var codeName: String? { nil }
    /// The target path.
    public var path: String
    /// What went wrong.
    public var message: String
    /// Always `.outputFailure`.
    public var category: FailureCategory { .outputFailure }
    /// The target file.
    public var location: SourceLocation? { SourceLocation(file: path) }
}

/// `write(2)`, under a name that `AtomicFile.write(_:to:)` does not shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
