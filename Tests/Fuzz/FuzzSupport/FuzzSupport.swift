import Foundation

/// The entry point of every fuzz target: libFuzzer's driver in a fuzzing build (`-DFUZZING` with
/// `-sanitize=fuzzer`), the corpus replay otherwise.
public func fuzzMain(_ body: @escaping (UnsafeRawBufferPointer) -> Void) {
    #if FUZZING
    fuzzBody = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, count in
        fuzzBody?(UnsafeRawBufferPointer(start: data, count: count))
        return 0
    })
    #else
    replayCorpus(body)
    #endif
}

#if FUZZING
/// The body libFuzzer's callback runs (a C callback cannot capture it).
nonisolated(unsafe) private var fuzzBody: ((UnsafeRawBufferPointer) -> Void)?

/// libFuzzer's driver (LLVM 12 and later), which parses libFuzzer's options and calls back for each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// Runs a fuzz body over files named on the command line (or every file in named folders): the regression replay
/// of a fuzz corpus without libFuzzer. Prints the count and exits 0; a crash in the body fails loudly.
public func replayCorpus(_ body: (UnsafeRawBufferPointer) -> Void) {
    var files: [String] = []
    for argument in CommandLine.arguments.dropFirst() {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
            files += names.sorted().map { (argument as NSString).appendingPathComponent($0) }
        } else {
            files.append(argument)
        }
    }
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        data.withUnsafeBytes(body)
    }
    print("replayed \(files.count) inputs")
}

/// Writes the input to a per-process scratch file in /dev/shm (or the temp folder) and returns its path, for
/// readers that take paths. The same path is reused for every input.
public func scratchFile(_ bytes: UnsafeRawBufferPointer, extension name: String) -> String {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(folder)/tracksheet-fuzz-\(getpid()).\(name)"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(descriptor >= 0, "cannot write the fuzz scratch file \(path)")
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        precondition(written > 0, "cannot write the fuzz scratch file")
        offset += written
    }
    close(descriptor)
    return path
}
