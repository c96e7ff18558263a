import ArgumentParser
import Foundation
import OutputSupport
import Rectification
import Reports

/// `tracksheet report`: the 整改台账 workbook leadership reviews.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",  // named, not derived from the type at every start (String(describing:) costs ms)
        abstract: "Write the rectification ledger (整改台账): a formatted, printable XLSX workbook.",
        discussion: """
            Sheets: 整改台账 (the ledger, grouped aspect → problem → issue with merged cells, deadlines as dates, a \
            status drop-down and colors that follow edits: overdue red, due soon amber, done green), 统计汇总 \
            (the summary paragraph, tables per aspect, unit and leader with formula totals, a chart), 逾期清单 \
            (overdue and due-soon measures, when there are any) and 校验结果 (every finding, linked to its row). \
            Printed on A4 landscape, one page wide, title and header repeated on every page.

            Findings are also printed on stderr, one line each.

            Examples:
              tracksheet report Samples/rectification/issues.csv Samples/rectification/tasks.csv \\
                  --unit 县科协 --as-of 2025-06-30 -o 县科协整改台账.xlsx
              tracksheet report tasks.xlsx -o 台账.xlsx --split-by unit     # also one workbook per unit
              tracksheet report issues.csv tasks.csv -o ledger.xlsx --lang en

            Exit status: 0 written (warnings allowed), 1 written but the data has errors, 2 usage, 3 an input \
            cannot be read, 5 the workbook cannot be written. With SOURCE_DATE_EPOCH and --as-of the bytes are \
            reproducible.
            """
    )

    @OptionGroup var inputs: ReconciliationOptions

    @Option(name: .shortAndLong, help: "The workbook to write (.xlsx).")
    var output: String

    @Option(help: "The title above the ledger (default: {unit}巡察反馈问题整改台账, with the kind of review from --kind or the tables).")
    var title: String?

    @Option(help: "The unit that keeps the ledger (填报单位); also the document's author.")
    var unit: String?

    @Option(help: ArgumentHelp("The report date (填报日期; default: the as-of date).", valueName: "DATE"))
    var reportDate: String?

    @Option(help: ArgumentHelp("Also write one workbook per unit or leader, into --split-dir.", valueName: "unit|leader"))
    var splitBy: Reconciliation.Grouping?

    @Option(help: ArgumentHelp("Where --split-by writes its workbooks (default: OUTPUT's name without .xlsx, plus -by-unit or -by-leader).", valueName: "DIR"))
    var splitDir: String?

    @Option(help: "The title font.")
    var titleFont = LedgerFonts().title

    @Option(help: "The header font.")
    var headerFont = LedgerFonts().header

    @Option(help: "The body font.")
    var bodyFont = LedgerFonts().body

    func validate() throws {
        guard output.lowercased().hasSuffix(".xlsx") else { throw ValidationError("-o needs a name ending in .xlsx") }
    }

    func run() throws {
        Diagnostics.language = inputs.lang.language
        try perform(console: .terminal).exitIfFailed()
    }

    /// Writes the ledger (and split workbooks) and reports the findings; `run()` and batch jobs both call it.
    func perform(console: CommandConsole) throws -> CommandOutcome {
        try OutputPath.checkNotAnInput(output, inputs: inputs.tables + [inputs.roster].compactMap { $0 })
        let result = try inputs.reconcile()
        var fonts = LedgerFonts()
        fonts.title = titleFont
        fonts.header = headerFont
        fonts.body = bodyFont
        let options = LedgerOptions(
            title: title, unit: unit, language: inputs.lang.language, fonts: fonts,
            creationTime: SourceDateEpoch.value,
            reportDate: try reportDate.map { try DateArgument.parse($0, option: "--report-date") })
        try LedgerWorkbook.write(result, to: output, options: options)
        var outputs = [output]
        if let splitBy {
            let folder = splitDir ?? (output as NSString).deletingPathExtension + "-by-\(splitBy.rawValue)"
            let paths = try LedgerWorkbook.writeSplit(result, by: splitBy, into: folder, options: options)
            console.note(inputs.lang.language.pick("已在 \(folder) 中写出 \(paths.count) 个工作簿", "wrote \(paths.count) workbooks into \(folder)"))
            outputs += paths
        }
        for finding in result.findings {
            let line = "\(finding.location): \(finding.message(inputs.lang.language)) [\(finding.code.rawValue)]"
            if finding.severity == .error { console.error(line) } else { console.warning(line) }
        }
        return CommandOutcome(findings: result.findings, outputs: outputs, language: inputs.lang.language)
    }
}

extension Reconciliation.Grouping: ExpressibleByArgument {}
