import ArgumentParser
import Rectification
import Reports

/// `tracksheet summary`: the progress paragraph a unit publishes.
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",  // named, not derived from the type at every start (String(describing:) costs ms)
        abstract: "Print the rectification progress report: aspects, problems, measures, done, in progress, overdue, per unit.",
        discussion: """
            Writes the paragraph a unit publishes (in Chinese by default, --lang en for English), as plain text, \
            Markdown or JSON.

            Example:
              tracksheet summary Samples/rectification/issues.csv Samples/rectification/tasks.csv --as-of 2025-06-30

            Exit status: 0 ok, 2 usage, 3 an input cannot be read.
            """
    )

    @OptionGroup var inputs: ReconciliationOptions

    @Option(help: "Output format: text, markdown or json.")
    var format: SummaryText.Format = .text

    func run() throws {
        Diagnostics.language = inputs.lang.language
        let result = try inputs.reconcile()
        let text = SummaryText.render(result, format: format, language: inputs.lang.language)
        ProcessLifetime.keep(result)
        try OutputText.write(text, to: nil)
    }
}

extension SummaryText.Format: ExpressibleByArgument {}
