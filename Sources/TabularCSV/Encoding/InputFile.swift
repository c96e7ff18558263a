#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TabularCore

/// A readable file descriptor with its name for messages; closes it once when released if it owns it.
final class InputFile {
    /// The descriptor read from.
    private(set) var descriptor: Int32
    /// Whether this object closes the descriptor (not for standard input or a caller's descriptor).
    private var owned: Bool
    /// The input's name as the user gave it (`-` for standard input).
    let name: String
    /// The descriptor's offset where the stream began, for rewinding a seekable input.
    private var startPosition: off_t
    /// Whether the input can be read twice (a regular file, or a spooled copy of a pipe).
    private(set) var isSeekable: Bool

    /// Opens a path for reading; `-` means standard input.
    ///
    /// - Throws: `CSVError` `.fileNotFound`, `.isDirectory` or `.readFailed`, category `.unreadableInput`.
    init(path: String) throws(CSVError) {
        name = path
        if path == "-" {
            descriptor = STDIN_FILENO
            owned = false
        } else {
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else {
                let code = errno
                throw InputFile.openError(path: path, errno: code)
            }
            descriptor = opened
            owned = true
        }
        startPosition = 0
        isSeekable = false
        try checkDescriptor()
    }

    /// Wraps a descriptor the caller owns (it is not closed here).
    init(descriptor: Int32, name: String) throws(CSVError) {
        self.descriptor = descriptor
        self.name = name
        owned = false
        startPosition = 0
        isSeekable = false
        try checkDescriptor()
    }

    private func checkDescriptor() throws(CSVError) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw readError(errno: errno)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw CSVError(
                .isDirectory, "this is a directory, not a CSV file; name a file inside it",
                location: SourceLocation(file: name), value: name
            )
        }
        if info.st_mode & S_IFMT == S_IFREG {
            let position = lseek(descriptor, 0, SEEK_CUR)
            if position >= 0 {
                startPosition = position
                isSeekable = true
            }
        }
    }

    deinit {
        if owned { close(descriptor) }
    }

    /// Reads up to `count` bytes into `buffer`; returns 0 at the end of the input.
    ///
    /// - Throws: `CSVError.Code.readFailed` on an I/O error.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(CSVError) -> Int {
        while true {
            let got = systemRead(descriptor, buffer, count)
            if got >= 0 { return got }
            let code = errno
            if code == EINTR { continue }
            throw readError(errno: code)
        }
    }

    /// Reads until `count` bytes are in `buffer` or the input ends; returns how many were read.
    func readFully(into buffer: UnsafeMutableRawPointer, count: Int) throws(CSVError) -> Int {
        var total = 0
        while total < count {
            let got = try read(into: buffer + total, count: count - total)
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// Moves back to the start of the stream, or to `offset` bytes after it.
    func rewind(to offset: Int = 0) throws(CSVError) {
        precondition(isSeekable, "rewinding an input that cannot seek")
        guard lseek(descriptor, startPosition + off_t(offset), SEEK_SET) >= 0 else {
            throw readError(errno: errno)
        }
    }

    /// Copies the rest of a non-seekable input into an unlinked temporary file and reads from that instead,
    /// calling `observe` with every chunk on the way; afterwards the input is seekable and at its start.
    ///
    /// `prefix` holds bytes already read from the input; they come first.
    func spool(prefix: UnsafeRawBufferPointer, buffer: UnsafeMutableRawPointer, capacity: Int,
               observe: (UnsafeRawBufferPointer) -> Void) throws(CSVError) {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/tracksheet-stdin-XXXXXX".utf8CString)
        let temporary = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard temporary >= 0 else {
            throw CSVError(
                .readFailed,
                "cannot create a temporary file in \(directory) to hold standard input for encoding detection "
                    + "(\(String(cString: strerror(errno)))); set TMPDIR, or pass --encoding NAME",
                location: SourceLocation(file: name)
            )
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        func writeAll(_ bytes: UnsafeRawBufferPointer) throws(CSVError) {
            var offset = 0
            while offset < bytes.count {
                let written = write(temporary, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    close(temporary)
                    throw CSVError(
                        .readFailed,
                        "cannot copy standard input to a temporary file (\(String(cString: strerror(code)))); "
                            + "free space in TMPDIR, or pass --encoding NAME",
                        location: SourceLocation(file: name)
                    )
                }
                offset += written
            }
        }
        if !prefix.isEmpty {
            observe(prefix)
            try writeAll(prefix)
        }
        while true {
            let got: Int
            do {
                got = try read(into: buffer, count: capacity)
            } catch {
                close(temporary)
                throw error
            }
            if got == 0 { break }
            let chunk = UnsafeRawBufferPointer(start: buffer, count: got)
            observe(chunk)
            try writeAll(chunk)
        }
        if owned { close(descriptor) }
        descriptor = temporary
        owned = true
        startPosition = 0
        isSeekable = true
        try rewind()
    }

    /// An error for a failed read, naming the system's reason.
    func readError(errno code: Int32) -> CSVError {
        CSVError(
            .readFailed,
            "cannot read the input: \(String(cString: strerror(code))); check the file and its permissions",
            location: SourceLocation(file: name)
        )
    }

    static func openError(path: String, errno code: Int32) -> CSVError {
        switch code {
        case ENOENT:
            CSVError(
                .fileNotFound, "no such file; check the path", location: SourceLocation(file: path), value: path
            )
        case EACCES, EPERM:
            CSVError(
                .readFailed, "permission denied; make the file readable (chmod +r) or run as its owner",
                location: SourceLocation(file: path), value: path
            )
        case EISDIR:
            CSVError(
                .isDirectory, "this is a directory, not a CSV file; name a file inside it",
                location: SourceLocation(file: path), value: path
            )
        default:
            CSVError(
                .readFailed, "cannot open the file: \(String(cString: strerror(code)))",
                location: SourceLocation(file: path), value: path
            )
        }
    }
}
