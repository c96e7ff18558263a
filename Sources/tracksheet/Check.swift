import ArgumentParser
import Foundation
import OutputSupport
import Rectification
import Synchronization
import Reports
import TabularCore

/// `tracksheet check`: reconcile issue definitions with the task table and report findings.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",  // named, not derived from the type at every start (String(describing:) costs ms)
        abstract: "Check a task breakdown table (整改任务分解表) against the issue definitions.",
        discussion: """
            Every problem must be covered by measures, every measure must point at a real problem, owners \
            (责任领导, 责任单位, 责任人) and deadlines (完成时限) must be present and valid, and overdue work is found. \
            Findings go to standard output as text (grouped by severity, ending with the rollup line), JSON, JUnit XML \
            or GitHub annotations.

            Examples:
              tracksheet check Samples/rectification/issues.csv Samples/rectification/tasks.csv --as-of 2025-06-30
              tracksheet check tasks.xlsx --expect measures=44 --format json
              tracksheet check issues.csv tasks.csv --roster people.csv --format github

            Exit status: 0 no errors (warnings allowed), 1 errors (with --strict: warnings too), 2 usage, \
            3 an input cannot be read.
            """
    )

    @OptionGroup var inputs: ReconciliationOptions

    @Option(help: "Output format: text, json, junit or github.")
    var format: FindingsFormat = .text

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @Option(name: .shortAndLong, help: "Write the findings to this file instead of standard output.")
    var output: String?

    func run() throws {
        Diagnostics.language = inputs.lang.language
        try perform(console: .terminal, keepingResult: true).exitIfFailed()
    }

    /// Reconciles the tables and writes the findings to `-o` or the console; batch jobs call it.
    func perform(console: CommandConsole) throws -> CommandOutcome {
        try perform(console: console, keepingResult: false)
    }

    /// Reconciles the tables and writes the findings; with `keepingResult` (a command line's one run) the
    /// reconciliation is left to the end of the process instead of being freed (a province's is hundreds of thousands
    /// of strings and arrays, freed in 20 M instructions at 10,000 measures for nothing).
    private func perform(console: CommandConsole, keepingResult: Bool) throws -> CommandOutcome {
        let result = try inputs.reconcile()
        // The findings are written in blocks as they are made (JSON) rather than as one text, so the plan can stay.
        let colors = format == .text && output == nil && console.colors
        try OutputText.write(to: output, console: console) { write in
            format.write(result, language: inputs.lang.language, colors: colors, to: write)
        }
        let written = output.flatMap { $0 == "-" ? nil : [$0] } ?? []
        let outcome = CommandOutcome(findings: result.findings, outputs: written, failsOnWarnings: strict,
                                     language: inputs.lang.language)
        if keepingResult { ProcessLifetime.keep(result) }
        return outcome
    }
}

extension FindingsFormat: ExpressibleByArgument {}

/// Writes text to standard output (the console's), or atomically to a file.
enum OutputText {
    /// Writes a text, adding a final newline when it has none.
    static func write(_ text: String, to path: String?, console: CommandConsole = .terminal) throws {
        var text = text.hasSuffix("\n") ? text : text + "\n"
        try write(to: path, console: console) { output in
            text.withUTF8 { output(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes the blocks `produce` hands over, in order, adding a final newline when the last byte is not one: to
    /// standard output as they come (a province's findings are megabytes), or atomically to a file once all are made.
    static func write(
        to path: String?, console: CommandConsole = .terminal,
        _ produce: (_ output: (UnsafeRawBufferPointer) -> Void) -> Void
    ) throws {
        var last: UInt8?
        guard let path, path != "-" else {
            produce { block in
                guard let base = block.baseAddress, !block.isEmpty else { return }
                last = block[block.count - 1]
                // The block's own bytes, not a copy; the console writes them before returning.
                console.output(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: block.count,
                                    deallocator: .none))
            }
            if last != UInt8(ascii: "\n") { console.output(Data("\n".utf8)) }
            return
        }
        var bytes: [UInt8] = []
        produce { block in bytes.append(contentsOf: block) }
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        try AtomicFile.write(bytes, to: path)
    }
}

/// Values left to the end of the process rather than freed: a command line's reconciliation is not needed after its
/// output, and freeing it (hundreds of thousands of strings and arrays at a province's scale) would only delay the exit.
enum ProcessLifetime {
    /// What is kept; never emptied.
    private static let kept = Mutex<[any Sendable]>([])

    /// Keeps `value` until the process ends.
    static func keep(_ value: some Sendable) {
        kept.withLock { $0.append(value) }
    }
}
