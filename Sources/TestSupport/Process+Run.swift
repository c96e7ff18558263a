import Foundation

/// The outcome of running a program: its exit status and everything it printed.
public struct ProcessResult: Sendable {
    /// The exit status (or 128 + signal number when killed by a signal).
    public var status: Int32
    /// Standard output, decoded as UTF-8.
    public var stdout: String
    /// Standard error, decoded as UTF-8.
    public var stderr: String
}

/// Runs a program to completion with arguments, an optional working folder, environment additions and stdin.
public func runProcess(
    _ executable: String,
    _ arguments: [String],
    in directory: String? = nil,
    environment: [String: String] = [:],
    stdin: Data? = nil
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    // The same messages whatever the machine's locale: C.UTF-8 unless the test gives one.
    env["LANG"] = "C.UTF-8"
    env["LC_ALL"] = nil
    env["LC_MESSAGES"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let outPipe = Pipe()
    let errPipe = Pipe()
    let inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    try process.run()
    if let stdin { inPipe.fileHandleForWriting.write(stdin) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes concurrently so that a chatty child cannot block on a full pipe.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
    let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return ProcessResult(
        status: status,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self)
    )
}

/// The folder holding the package's build products (where the test bundle and `tracksheet` are).
public var buildProductsDirectory: String {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var directory = (executable as NSString).deletingLastPathComponent
    // On Linux the test runner is `…/debug/TrackSheetPackageTests.xctest`; the products sit beside it.
    if directory.hasSuffix(".xctest") { directory = (directory as NSString).deletingLastPathComponent }
    return directory
}

/// Runs the built `tracksheet` binary; tests of the command line go through this, never through its code.
public func runTracksheet(
    _ arguments: [String],
    in directory: String? = nil,
    environment: [String: String] = [:],
    stdin: Data? = nil
) throws -> ProcessResult {
    let binary = (buildProductsDirectory as NSString).appendingPathComponent("tracksheet")
    return try runProcess(binary, arguments, in: directory, environment: environment, stdin: stdin)
}

/// The package's root folder, found from this source file's path.
public let packageRoot: String = {
    var path = #filePath as NSString
    for _ in 0..<3 { path = path.deletingLastPathComponent as NSString }
    return path as String
}()

/// The absolute path of a file under the package root, e.g. `fixture("Samples/issues.csv")`.
public func packagePath(_ relative: String) -> String {
    (packageRoot as NSString).appendingPathComponent(relative)
}
