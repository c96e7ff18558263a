import Foundation

/// Runs Python code under Debian's python3 with openpyxl, an independent reader for the workbooks we write.
///
/// The script receives `sys.argv[1:]` = `arguments` and must print JSON on stdout; the decoded JSON is returned.
/// Throws when Python fails, with its stderr in the message.
public func openpyxl(_ script: String, _ arguments: [String] = []) throws -> Any {
    let prelude = "import sys, json, openpyxl\n"
    let result = try runProcess(pythonWithOpenPyXL, ["-c", prelude + script] + arguments)
    guard result.status == 0 else {
        throw PythonFailure(message: "python exited \(result.status): \(result.stderr)")
    }
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
}

/// Runs any Python script (e.g. to write fixtures with openpyxl) and returns its standard output.
public func runPython(_ script: String, _ arguments: [String] = []) throws -> String {
    let result = try runProcess(pythonWithOpenPyXL, ["-c", script] + arguments)
    guard result.status == 0 else {
        throw PythonFailure(message: "python exited \(result.status): \(result.stderr)")
    }
    return result.stdout
}

/// The interpreter that has openpyxl: Debian's `/usr/bin/python3` (`python3-openpyxl`), which the Makefile installs.
public let pythonWithOpenPyXL = ProcessInfo.processInfo.environment["TRACKSHEET_PYTHON"] ?? "/usr/bin/python3"

/// A Python helper that failed, with what it printed.
public struct PythonFailure: Error, CustomStringConvertible {
    /// Python's exit status and standard error.
    public var message: String
    /// The message.
    public var description: String { message }
}
