import ArgumentParser
import Foundation
import OutputSupport
import TabularCore
import TabularFiles

/// `tracksheet sheets BOOK.xlsx`: what is in a workbook.
struct Sheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets",  // named, not derived from the type at every start (String(describing:) costs ms)
        abstract: "List a workbook's sheets: index, name, visibility and used range.",
        discussion: """
            The used range is found by reading every cell, not taken from the file's own (often wrong) dimension. \
            Chart sheets are listed with kind "chart" and no range.

            Example:
              tracksheet sheets 台账.xlsx
              1  整改台账   visible  A1:N52
              2  统计汇总   visible  A1:H20

            Exit status: 0 ok, 3 the workbook cannot be read, 4 a safety limit is exceeded.
            """
    )

    @Argument(help: "The workbook (.xlsx, a legacy .xls, or an .ods).")
    var workbook: String

    @Option(help: "Output format: text or json.")
    var format: SheetsFormat = .text

    @Option(help: "The language of error messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG: en for an English locale, else zh). The listing's words stay as shown, for scripts.")
    var lang: LanguageOption = .fromEnvironment

    func run() throws {
        Diagnostics.language = lang.language
        let book = try TableFile.openWorkbook(workbook)
        var lines: [(index: Int, name: String, visibility: String, kind: String, range: String)] = []
        for sheet in book.sheets {
            let range = sheet.kind == .worksheet ? try book.usedRange(of: sheet).map(\.description) ?? "" : ""
            let visibility = switch sheet.visibility {
            case .visible: "visible"
            case .hidden: "hidden"
            case .veryHidden: "veryHidden"
            }
            lines.append((sheet.index + 1, sheet.name, visibility, sheet.kind == .worksheet ? "worksheet" : "chart", range))
        }
        switch format {
        case .text:
            let nameWidth = lines.map { DisplayWidth.width($0.name) }.max() ?? 0
            for line in lines {
                let padding = String(repeating: " ", count: nameWidth - DisplayWidth.width(line.name))
                let kind = line.kind == "chart" ? "  chart" : ""
                print("\(line.index)  \(line.name)\(padding)  \(line.visibility)  \(line.range)\(kind)"
                    .trimmingCharacters(in: .whitespaces))
            }
        case .json:
            let items = lines.map { line in
                "{\"index\": \(line.index), \"name\": \(JSONText.quote(line.name)), \"visibility\": \"\(line.visibility)\", "
                    + "\"kind\": \"\(line.kind)\", \"usedRange\": \(line.range.isEmpty ? "null" : JSONText.quote(line.range))}"
            }
            print("[" + items.joined(separator: ",\n ") + "]")
        }
    }
}

/// Output formats of `tracksheet sheets`.
enum SheetsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
