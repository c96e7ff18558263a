import ArgumentParser
import Batch
import Foundation
import Reports
import TabularCore
import TabularFiles

/// `tracksheet batch`: many jobs at once, in parallel, for CI.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",  // named, not derived from the type at every start (String(describing:) costs ms)
        abstract: "Run many convert, check and report jobs in parallel, with a manifest of what happened.",
        discussion: """
            Jobs come from a folder (batch convert) or a manifest file (batch run). Each job runs isolated: a job that \
            fails is recorded and the others go on. OUTDIR/tracksheet-manifest.json records every job's inputs and \
            outputs with SHA-256, status (ok, warnings, errors, failed, not-run), finding counts and duration. With \
            --changed-only a skipped job is marked unchanged and keeps the status and counts of its last run, so a \
            job with errors still fails the run.

            Exit status: 0 when every job is ok (warnings allowed), 1 when any job has errors or failed, 2 for a bad \
            invocation or manifest, 130 when interrupted (finished jobs stay recorded).
            """,
        subcommands: [BatchConvert.self, BatchRun.self]
    )
}

/// Options every batch subcommand shares.
struct BatchOptions: ParsableArguments {
    @Option(name: .short, help: "How many jobs run at once; the default is the number of cores.")
    var j: Int?

    /// The number of jobs to run at once.
    var parallelJobs: Int { j ?? ProcessInfo.processInfo.activeProcessorCount }

    @Option(help: ArgumentHelp("Run only shard K of N (stable by job), so N CI runners cover every job once.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Skip jobs whose inputs, options and tool version match the previous manifest.")
    var changedOnly = false

    @Option(help: ArgumentHelp("Also write a JUnit XML report of all jobs to this file.", valueName: "FILE"))
    var junit: String?

    @Option(help: "How to print job results: text or github (annotations).")
    var format: BatchFormat = .text

    @Flag(help: "Leave durations out of the manifest, so that it is byte-identical across runs.")
    var noTiming = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Option(help: "The language of the batch's own lines and of job errors: zh or en (default: from LC_ALL, LC_MESSAGES or LANG: en for an English locale, else zh). Jobs' findings follow each job's own --lang.")
    var lang: LanguageOption = .fromEnvironment

    func validate() throws {
        if let j, j < 1 { throw ValidationError("-j needs at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. 2/4") }
    }
}

/// How batch results are printed.
enum BatchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, github
}

/// `tracksheet batch convert DIR -o OUTDIR`.
struct BatchConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert every matching file under a folder, mirroring the tree into OUTDIR.",
        discussion: """
            Examples:
              tracksheet batch convert shares/ -o converted/ --glob '*.csv'
              tracksheet batch convert books/ -o csv/ --glob '*.xlsx' -j 4 --shard 1/2
              tracksheet batch convert shares/ -o converted/ --glob '*.{csv,txt}' --glob '*.tsv' --strict
              tracksheet batch convert shares/ -o converted/ -- --no-infer
            A workbook converts to CSV, any other file to a workbook; the file's content decides, not its name (a CSV \
            named .xlsx becomes a workbook, an .xlsx named .xls a CSV). Excel's lock files (~$name.xlsx, left beside \
            a workbook open in Excel) are skipped with a note, also in the manifest's "skipped" list. A pattern that \
            matches no file is a warning (exit 1 with --strict). Options after -- go to every convert job; they are checked before any \
            job starts.
            """
    )

    @Argument(help: "The folder to search, recursively.")
    var folder: String

    @Option(name: .shortAndLong, help: "The output folder (created if missing).")
    var output: String

    @Option(help: ArgumentHelp("Which files to convert, by name pattern, with brace alternatives (*.{csv,txt}); repeatable; default *.csv.",
                               valueName: "pattern"))
    var glob: [String] = []

    @Flag(help: "Exit 1 when a --glob pattern matches no file (otherwise a warning).")
    var strict = false

    @OptionGroup var batch: BatchOptions

    @Argument(parsing: .postTerminator, help: "Options for every convert job.")
    var jobOptions: [String] = []

    func run() throws {
        let plan = try JobPlanner.convertJobs(in: folder, globs: glob.isEmpty ? ["*.csv"] : glob, outputFolder: output,
                                              options: jobOptions, isWorkbook: TableFile.looksLikeWorkbook)
        Diagnostics.language = batch.lang.language
        let language = batch.lang.language
        let unmatched = plan.unmatchedPatterns.map {
            language.pick("--glob '\($0)' 在 \(folder) 下没有匹配的文件", "--glob '\($0)' matches no file under \(folder)")
        }
        if !strict && !batch.quiet { unmatched.forEach(Diagnostics.warning) }
        let skipped = plan.skippedLockFiles.map { path in
            let name = String((path as NSString).lastPathComponent.dropFirst(2))
            return RunManifest.SkippedInput(
                path: path, reason: "Excel's lock file for \(name) (the workbook is open in Excel); not converted")
        }
        if !batch.quiet {
            for file in skipped {
                let name = String((file.path as NSString).lastPathComponent.dropFirst(2))
                Diagnostics.note(language.pick("跳过 \(file.path)：这是 Excel 打开 \(name) 时留下的锁定文件，不转换",
                                               "skipped \(file.path): \(file.reason)"))
            }
        }
        try BatchExecution(options: batch, outputFolder: output, skippedInputs: skipped)
            .run(plan.jobs, failure: strict && !unmatched.isEmpty ? unmatched.joined(separator: "; ") : nil)
    }
}

/// `tracksheet batch run jobs.toml`.
struct BatchRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the jobs a manifest (TOML or JSON) lists.",
        discussion: """
            Example manifest (Samples/ci/jobs.toml):
              [defaults.report]
              options = ["--as-of", "2025-06-30"]
              [[job]]
              kind = "report"
              inputs = ["../rectification/issues.csv", "../rectification/tasks.csv"]
              output = "out/ledger.xlsx"
            Relative paths are relative to the manifest's folder. [defaults] options go to every job; \
            [defaults.check], [defaults.convert] and [defaults.report] options to the jobs of that kind. Every job's \
            options are checked before any job starts: one a kind does not take is a usage error (exit 2).
            """
    )

    @Argument(help: "The manifest file (.toml or .json).")
    var manifest: String

    @Option(name: .shortAndLong, help: "Where tracksheet-manifest.json goes (default: the manifest's folder).")
    var output: String?

    @OptionGroup var batch: BatchOptions

    func run() throws {
        Diagnostics.language = batch.lang.language
        guard let data = FileManager.default.contents(atPath: manifest) else {
            throw BatchError("cannot read the manifest", location: SourceLocation(file: manifest), category: .unreadableInput)
        }
        let jobs = try ManifestParser.jobs(fromText: String(decoding: data, as: UTF8.self), file: manifest)
        let folder = output ?? (manifest as NSString).deletingLastPathComponent
        try BatchExecution(options: batch, outputFolder: folder.isEmpty ? "." : folder).run(jobs)
    }
}
