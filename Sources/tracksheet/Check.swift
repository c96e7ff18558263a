import ArgumentParser
import Dispatch
import Foundation
import OutputSupport
import Rectification
import Reports
import TabularCore

/// `tracksheet check`: reconcile issue definitions with the task table and report findings.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        try perform(console: .terminal).exitIfFailed()
    }

    /// Reconciles the tables and writes the findings to `-o` or the console; `run()` and batch jobs both call it.
    func perform(console: CommandConsole) throws -> CommandOutcome {
        var result = try inputs.reconcile()
        if format != .junit {
            // Only JUnit's test cases name measures; the other formats write the findings and the summary, so the
            // plan (a province's measures and the rows they were read from) is let go before the text is built. (Freed
            // on another thread while the text is built, its memory is not there for the text: 10 MB more at the peak.)
            result.plan = RectificationPlan(aspects: [], problems: [], issues: [], measures: [], taskColumns: [])
        }
        let text = format.render(result, language: inputs.lang.language, colors: format == .text && output == nil && console.colors)
        try OutputText.write(text, to: output, console: console)
        let written = output.flatMap { $0 == "-" ? nil : [$0] } ?? []
        return CommandOutcome(findings: result.findings, outputs: written, failsOnWarnings: strict,
                              language: inputs.lang.language)
    }
}

extension FindingsFormat: ExpressibleByArgument {}

/// Writes text to standard output (the console's), or atomically to a file.
enum OutputText {
    static func write(_ text: String, to path: String?, console: CommandConsole = .terminal) throws {
        var text = text.hasSuffix("\n") ? text : text + "\n"
        guard let path, path != "-" else {
            // The text's own bytes, not a copy: a province's findings are megabytes, and the console writes them
            // before returning.
            text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return }
                console.output(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
            }
            return
        }
        try AtomicFile.write(Array(text.utf8), to: path)
    }
}

/// Freeing a province's reconciliation (hundreds of thousands of strings and arrays) off the thread that writes the
/// output, once nothing more is built.
enum Freeing {
    /// Releases `value` on another thread; the caller passes its last reference.
    static func onAnotherThread<Value: Sendable>(_ value: consuming Value) {
        let value = value
        DispatchQueue.global().async { withExtendedLifetime(value) {} }
    }
}

