import FuzzSupport
import Rectification
import TabularCore

/// One input through the header recognizer and the table layout: the text split into lines and commas becomes a
/// small task table, which the reconciliation reads (title rows, two-row headers, fill-down, IDs, numbering).
func fuzzHeader(_ bytes: UnsafeRawBufferPointer) {
    let text = String(decoding: bytes, as: UTF8.self)
    for kind in [Field.TableKind.issues, .tasks, .roster] { _ = Field.recognizing(header: text, in: kind) }
    let rows = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(200).enumerated().map { index, line in
        Row(cells: line.split(separator: ",", omittingEmptySubsequences: false).prefix(64).map { .text(String($0)) },
            line: index + 1)
    }
    let table = Table(name: "fuzz", file: "fuzz.csv", rows: rows)
    let configuration = Reconciliation.Configuration(asOf: LocalDateTime(year: 2025, month: 6, day: 30)!)
    _ = try? Reconciliation(issues: nil, tasks: table, configuration: configuration)
}

@main
struct FuzzTarget {
    static func main() { fuzzMain(fuzzHeader) }
}
