import ArgumentParser
import Conversion
import Foundation
import Reports
import TabularCSV
import TabularCore
import TabularFiles

/// `tracksheet convert`: CSV to XLSX, or XLSX to CSV.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",  // named, not derived from the type at every start (String(describing:) costs ms)
        abstract: "Convert CSV files to an XLSX workbook, or a workbook's sheets to CSV.",
        discussion: """
            The direction follows the files: CSV (or TXT/TSV) inputs with -o BOOK.xlsx write a workbook, one sheet \
            per input; a workbook input (.xlsx, a legacy Excel 97-2003 .xls, or an OpenDocument .ods) with -o \
            OUT.csv (or --all-sheets -o DIR/) writes CSV, with -o BOOK.xlsx a copy of its worksheets' values as \
            .xlsx (every worksheet, or the one --sheet names). A file's content decides what it is, not its name: an \
            .xlsx named .xls is read as an .xlsx, a CSV named .xlsx as CSV, an .ods by its package; an .xlsb is named \
            in one line with how to save it as .xlsx.

            CSV to XLSX: the encoding (UTF-8, UTF-16 with BOM, GB18030/GBK) and delimiter are detected; numbers, \
            percentages and dates become real Excel values; ID numbers, codes with leading zeros and phone numbers \
            stay text. The header row is bold, frozen and filtered. Title rows above the header (a banner such as \
            2025年第一季度职工花名册, or blank lines) are found among the first 12 rows and kept above it as a title, \
            with one warning; --header-row N names the header row instead (--header-row 1 when the first row is \
            the header although it looks like a title).

            XLSX to CSV: plain UTF-8 with LF line ends, for pipelines; --excel writes what Excel on Windows opens \
            directly (UTF-8 with a byte order mark, CRLF line ends).

            Examples:
              tracksheet convert 名单.csv -o 名单.xlsx
              tracksheet convert a.csv b.csv -o book.xlsx
              tracksheet convert export.txt --encoding BIG5 --delimiter tab -o out.xlsx
              tracksheet convert ids.csv --type 身份证号=text --type 5=date -o out.xlsx
              tracksheet convert 花名册.csv --header-row 3 -o 花名册.xlsx
              tracksheet convert 台账.xlsx --sheet 2 --excel -o 台账.csv
              tracksheet convert book.xlsx --all-sheets -o csv/
              tracksheet convert 旧台账.xls -o 台账.xlsx

            Exit status: 0 ok (warnings allowed), 1 a row of another width than the header with --strict, 2 usage, 3 unreadable or undecodable input, 4 an Excel limit \
            exceeded, 5 the output cannot be written. On any error no output file is left behind.
            """
    )

    @Argument(help: "Input files (CSV/TXT, or one workbook: XLSX, XLS or ODS); - reads standard input.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The output file (.xlsx or .csv), a folder with --all-sheets, or - for stdout.")
    var output: String

    @Option(help: "CSV encoding: of the input when writing XLSX (default: detect), of the output when writing CSV (default UTF-8). Any iconv name: GB18030, BIG5, SHIFT_JIS, UTF-16LE, LATIN1.")
    var encoding: String?

    @Option(help: "CSV delimiter: comma, semicolon, tab, pipe or one ASCII character (default: detect; comma when writing).")
    var delimiter: String?

    @Flag(help: "Make rows with a different number of fields than the header an error instead of a warning.")
    var strict = false

    @Flag(help: "Write every cell as text: no numbers or dates.")
    var noInfer = false

    @Option(name: .customLong("type"), help: ArgumentHelp("Force a column's type: COLUMN=text|number|date, COLUMN a header or 1-based number. Repeatable.", valueName: "COLUMN=TYPE"))
    var types: [String] = []

    @Flag(help: "Cut text longer than Excel's 32,767 characters, with a warning, instead of failing.")
    var truncate = false

    @Option(help: "The sheet to write as CSV, by name or 1-based index (default: the first visible sheet).")
    var sheet: String?

    @Flag(help: "Write every worksheet to its own CSV in the folder given by -o.")
    var allSheets = false

    @Option(help: ArgumentHelp("The 1-based row of the CSV's header; rows above it are kept as a title (default: found below a banner or blank lines).", valueName: "N"))
    var headerRow: Int?

    @Flag(help: "Start the CSV with a UTF-8 byte order mark, so Excel on Windows opens Chinese text correctly.")
    var bom = false

    @Flag(help: "Write CSV for Excel on Windows: UTF-8 with a byte order mark and CRLF line ends.")
    var excel = false

    @Flag(help: "Prefix ' to CSV text starting with = + - @ (and their full-width forms), against CSV injection.")
    var escapeFormulas = false

    @Flag(help: "Copy a merged area's value into every cell of it when writing CSV.")
    var fillMerged = false

    @Flag(name: .shortAndLong, help: "Print no line saying what was written; warnings and errors still print.")
    var quiet = false

    func validate() throws {
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
        for type in types where ColumnTypeOverride(argument: type) == nil {
            throw ValidationError("--type takes COLUMN=text|number|date, got '\(type)'")
        }
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row takes a row number from 1, got \(headerRow)") }
        if excel, let encoding, !Self.isUTF8(encoding) {
            throw ValidationError("--excel writes UTF-8 with a byte order mark; it cannot be combined with --encoding \(encoding)")
        }
        if let delimiter, CSVDelimiter.byte(named: delimiter) == nil {
            throw ValidationError("--delimiter takes comma, semicolon, tab, pipe or one ASCII character, got '\(delimiter)'")
        }
    }

    @Option(help: "The language of messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG: en for an English locale, else zh).")
    var lang: LanguageOption = .fromEnvironment

    func run() throws {
        Diagnostics.language = lang.language
        let outcome = try perform(console: .terminal)
        if !quiet, let summary = outcome.summary { Diagnostics.note(summary) }
        try outcome.exitIfFailed()
    }

    /// Converts in the direction the files call for, warnings to the console; `run()` and batch jobs both call it.
    func perform(console: CommandConsole) throws -> CommandOutcome {
        // The bytes decide, not the name: an .xlsx named .xls is a workbook, a CSV named .xlsx is text.
        let toCSV = inputs.contains(where: TableFile.looksLikeWorkbook)
        if !toCSV, !writesWorkbook {
            // Text that cannot become CSV: a markup document (a web page named .xls, a flat .fods) is named as such.
            var csv = CSVReader.Configuration()
            csv.encoding = encoding
            for input in inputs where input != "-" {
                do { _ = try CSVReader(path: input, configuration: csv) } catch where error.code == .markupDocument {
                    throw error
                } catch {
                    // Any other failure to read it waits: the line below says what -o needs first.
                }
            }
        }
        if !toCSV, !writesWorkbook, let misnamed = inputs.first(where: TableFile.isNamedLikeWorkbook) {
            throw CommandFailure(code: 3, message: language.pick(
                "\(misnamed): 这是文本（CSV）文件，不是工作簿，无论它的名字是什么；要转换为工作簿，请给 -o 一个以 .xlsx 结尾的名字",
                "\(misnamed): this is a text (CSV) file, not a workbook, whatever its name says; to convert it to a workbook give -o a name ending in .xlsx"))
        }
        let (written, what) = toCSV
            ? (writesWorkbook && output != "-" ? try convertWorkbookToWorkbook() : try convertWorkbookToCSV(console: console))
            : try convertCSVToWorkbook(console: console)
        var outcome = CommandOutcome(warningCount: console.warningCount, outputs: written.filter { $0 != "-" })
        let target = output == "-" ? language.pick("标准输出", "standard output") : output
        let warnings = Self.counted(console.warningCount, .warning, language)
        outcome.summary = language.pick("已写出 \(target)：\(what)，\(warnings)", "wrote \(target): \(what), \(warnings)")
        return outcome
    }

    /// What the summary line counts.
    enum Counted { case sheet, row, dataRow, warning }

    /// `1 sheet` / `3 sheets`, `12 rows`, `12 data rows`, `1 warning` (Chinese: `3 个工作表`, `12 行`, `12 行数据`, `1 条警告`).
    static func counted(_ count: Int, _ noun: Counted, _ language: Language) -> String {
        switch (noun, language) {
        case (.sheet, .chinese): "\(count) 个工作表"
        case (.row, .chinese): "\(count) 行"
        case (.dataRow, .chinese): "\(count) 行数据"
        case (.warning, .chinese): "\(count) 条警告"
        case (.sheet, .english): "\(count) sheet\(count == 1 ? "" : "s")"
        case (.row, .english): "\(count) row\(count == 1 ? "" : "s")"
        case (.dataRow, .english): "\(count) data row\(count == 1 ? "" : "s")"
        case (.warning, .english): "\(count) warning\(count == 1 ? "" : "s")"
        }
    }

    /// The language of this command's messages.
    private var language: Language { lang.language }

    /// The files written, and what they hold for the summary line (`2 sheets, 120 rows`).
    private func convertWorkbookToCSV(console: CommandConsole) throws -> ([String], String) {
        guard inputs.count == 1 else {
            throw CommandFailure.usage(language.pick("一次只能把一个工作簿转换为 CSV（给了 \(inputs.count) 个输入）",
                                                     "convert one workbook at a time to CSV (got \(inputs.count) inputs)"))
        }
        if headerRow != nil {
            throw CommandFailure.usage(language.pick(
                "--header-row 只用于把 CSV 写成工作簿；工作表写成 CSV 时逐行照写",
                "--header-row applies to CSV inputs written to a workbook; a sheet is written to CSV row for row"))
        }
        var options = WorkbookToCSV.Options()
        options.csv.delimiter = delimiter.flatMap(CSVDelimiter.byte(named:)) ?? UInt8(ascii: ",")
        options.csv.encoding = encoding
        options.csv.includesByteOrderMark = bom || excel
        if excel { options.csv.lineEnding = .crlf }
        options.csv.escapesFormulas = escapeFormulas
        options.fillMerged = fillMerged
        let converter = WorkbookToCSV(options: options) { [language] in console.warning($0.message(language)) }
        if allSheets {
            guard output != "-" else {
                throw CommandFailure.usage(language.pick(
                    "--all-sheets 把每个工作表写成文件夹中的一个 CSV：请给 -o 一个文件夹；要把一个工作表写到标准输出，请用 --sheet",
                    "--all-sheets writes one CSV per sheet into a folder: give -o a folder; for one sheet on standard output use --sheet"))
            }
            let result = try converter.convertAll(workbook: inputs[0], folder: output)
            if !quiet { for path in result.written { console.note(language.pick("已写出 \(path)", "wrote \(path)")) } }
            for name in result.skippedChartSheets {
                console.note(language.pick("跳过图表工作表“\(name)”：它没有单元格", "skipped the chart sheet '\(name)': it has no cells"))
            }
            return (result.written, language.pick(
                "\(Self.counted(result.written.count, .sheet, language))（CSV），\(Self.counted(result.rows, .row, language))",
                "\(Self.counted(result.written.count, .sheet, language)) as CSV, \(Self.counted(result.rows, .row, language))"))
        }
        let rows = try converter.convert(workbook: inputs[0], sheet: sheet, output: output)
        return ([output], language.pick("1 个工作表（CSV），\(Self.counted(rows, .row, language))",
                                        "1 sheet as CSV, \(Self.counted(rows, .row, language))"))
    }

    /// Whether an encoding name means UTF-8 (`UTF-8`, `utf8`).
    private static func isUTF8(_ name: String) -> Bool {
        ["utf-8", "utf8"].contains(name.lowercased())
    }

    /// Every worksheet (or the one --sheet names) of a workbook (an .xls, an .ods, an .xlsx) copied into a new .xlsx.
    private func convertWorkbookToWorkbook() throws -> ([String], String) {
        guard inputs.count == 1 else {
            throw CommandFailure.usage(language.pick("一次只能把一个工作簿转换为 .xlsx（给了 \(inputs.count) 个输入）",
                                                     "convert one workbook at a time to .xlsx (got \(inputs.count) inputs)"))
        }
        var options = WorkbookToXLSX.Options()
        options.creationTime = SourceDateEpoch.value
        let (sheets, rows) = try WorkbookToXLSX(options: options).convert(workbook: inputs[0], sheet: sheet, output: output)
        return ([output], Self.counted(sheets.count, .sheet, language) + language.pick("，", ", ") + Self.counted(rows, .row, language))
    }

    /// Whether `-o` names a workbook (or standard output), as CSV inputs need.
    private var writesWorkbook: Bool { output == "-" || output.lowercased().hasSuffix(".xlsx") }

    private func convertCSVToWorkbook(console: CommandConsole) throws -> ([String], String) {
        guard writesWorkbook else {
            throw CommandFailure.usage(language.pick("CSV 输入转换为工作簿：请给 -o 一个以 .xlsx 结尾的名字",
                                                     "CSV inputs convert to a workbook: give -o a name ending in .xlsx"))
        }
        if excel {
            throw CommandFailure.usage(language.pick("--excel 只用于写 CSV；工作簿本身就能在 Excel 中打开",
                                                     "--excel applies when writing CSV; a workbook opens in Excel as it is"))
        }
        var options = CSVToWorkbook.Options()
        options.csv.encoding = encoding
        options.csv.delimiter = delimiter.flatMap(CSVDelimiter.byte(named:))
        options.csv.strict = strict
        options.inferTypes = !noInfer
        options.columnTypes = types.compactMap(ColumnTypeOverride.init(argument:))
        options.truncateLongText = truncate
        options.creationTime = SourceDateEpoch.value
        options.headerRow = headerRow
        let converter = CSVToWorkbook(options: options) { [language] in console.warning($0.message(language)) }
        var summary: CSVToWorkbook.Summary?
        try StandardOutput.write(to: output, extension: "xlsx", console: console) { path in
            summary = try converter.convert(inputs: inputs, output: path)
        }
        let sheets = summary?.sheets.reduce(0) { $0 + $1.sheetNames.count } ?? 0
        let rows = summary?.sheets.reduce(0) { $0 + $1.rows } ?? 0
        return ([output], Self.counted(sheets, .sheet, language) + language.pick("，", ", ") + Self.counted(rows, .dataRow, language))
    }
}

/// `SOURCE_DATE_EPOCH` (reproducible builds' convention) as seconds since 1970, when set and valid.
enum SourceDateEpoch {
    static var value: Int? {
        ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
    }
}

/// Output to `-` (standard output) goes through a temporary file, so that stdout gets a complete file or nothing.
enum StandardOutput {
    /// Runs `body` with the real path, or with a temporary path whose contents are then copied to stdout.
    static func write(to output: String, extension: String, console: CommandConsole, _ body: (String) throws -> Void) throws {
        guard output == "-" else {
            try body(output)
            return
        }
        // Unique per call: batch jobs writing to standard output run side by side in one process.
        let temporary = NSTemporaryDirectory() + "tracksheet-stdout-\(getpid())-\(UUID().uuidString).\(`extension`)"
        defer { unlink(temporary) }
        try body(temporary)
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw CommandFailure(code: 5, message: Diagnostics.language.pick("无法读回要写到标准输出的内容", "cannot read back the output for standard output"))
        }
        console.output(data)
    }
}
