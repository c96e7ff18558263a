import Foundation
import Rectification
import TabularCore
import TabularCSV
import TestSupport
import Testing

/// The status counts of a real-world case, as `expected.json` states them.
struct StatusCounts: Codable, Equatable, CustomStringConvertible {
    var done = 0
    var doneOngoing = 0
    var inProgress = 0
    var notStarted = 0
    var unrecognized = 0

    subscript(progress: Rectification.Progress) -> Int {
        get {
            switch progress {
            case .done: done
            case .doneOngoing: doneOngoing
            case .inProgress: inProgress
            case .notStarted: notStarted
            case .unrecognized: unrecognized
            }
        }
        set {
            switch progress {
            case .done: done = newValue
            case .doneOngoing: doneOngoing = newValue
            case .inProgress: inProgress = newValue
            case .notStarted: notStarted = newValue
            case .unrecognized: unrecognized = newValue
            }
        }
    }

    var description: String {
        "done \(done), done-ongoing \(doneOngoing), in progress \(inProgress), not started \(notStarted), "
            + "unrecognized \(unrecognized)"
    }
}

/// The parts of a case's `expected.json` this test reads.
struct ExpectedStatuses: Decodable {
    struct Columns: Decodable { var status: String? }
    var status: StatusCounts
    var columns: Columns
    var emptyStatusCells: Int?
}

/// A status cell where the careful reader of the fixture and the classifier disagree, kept as data so the rules are
/// never bent to fit a count: the reader used context the cell's words do not carry.
struct StatusDisagreement: Sendable {
    var folder: String
    /// The start of the cell's text.
    var cell: String
    /// What the reader counted (`expected.json`).
    var reader: Rectification.Progress
    /// What the classifier reads from the words.
    var classifier: Rectification.Progress
    /// Why they differ.
    var why: String
}

let statusDisagreements: [StatusDisagreement] = [
    StatusDisagreement(folder: "ducha-gongshi-siping-tiedong-2019", cell: "1、区委区政府", reader: .done,
                       classifier: .unrecognized,
                       why: "a standing practice (不定期召开推进会议); done only because the notice announces completion"),
    StatusDisagreement(folder: "ducha-gongshi-siping-tiedong-2019", cell: "2、每月调度预警", reader: .done,
                       classifier: .unrecognized,
                       why: "a standing practice (每月调度预警); done only from the notice's purpose"),
    StatusDisagreement(folder: "ducha-gongshi-siping-tiedong-2019", cell: "3、对于弄虚作假", reader: .done,
                       classifier: .unrecognized, why: "a rule for misconduct; no word of progress at all"),
    StatusDisagreement(folder: "minsheng-shishi-ningbo-2014", cell: "鄞州", reader: .inProgress,
                       classifier: .unrecognized,
                       why: "a table of numbers; the reader did the arithmetic (6 of 10 lines)"),
]

/// The real-world cases (Tests/Fixtures/realworld), each with or without a status column.
let realWorldCases = [
    "ducha-gongshi-siping-tiedong-2019", "ducha-renwu16-tieling-2022", "jiuzhengan-control-yuan-tw",
    "minsheng-shishi-bazhong-2017", "minsheng-shishi-ningbo-2014", "renwu-fenjie-lishan-2023",
    "shenji-zhenggai-cixi-2018", "xuncha-zhenggai-huiji-2024",
]

@Suite("Statuses of the real-world fixtures")
struct RealWorldStatusTests {
    @Test("each cell of the status column, classified, gives the careful reader's counts", arguments: realWorldCases)
    func counts(_ folder: String) throws {
        let root = packagePath("Tests/Fixtures/realworld/\(folder)")
        let json = try Data(contentsOf: URL(fileURLWithPath: root + "/expected.json"))
        let expected = try JSONDecoder().decode(ExpectedStatuses.self, from: json)
        guard let header = expected.columns.status else {
            #expect(expected.status == StatusCounts(), "a table without a status column has no status counts")
            return
        }
        let table = try CSVReader.readTable(path: root + "/tasks.csv")
        let headers = try #require(table.rows.first).cells.map { TextNormalization.normalized($0.text) }
        let column = try #require(headers.firstIndex(of: TextNormalization.normalized(header)), "no column \(header)")

        var counts = StatusCounts()
        var empty = 0
        var cells: [String: Rectification.Progress] = [:]
        for row in table.rows.dropFirst() {
            // A footer or note row (公示时间…, 联系电话…, the office, the date) has text in its first cell only.
            let filled = row.cells.indices.filter { !row.cells[$0].text.trimmingCharacters(in: .whitespaces).isEmpty }
            if filled == [0] { continue }
            let value = column < row.cells.count ? row.cells[column] : .empty
            if value.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { empty += 1 }
            let status = Status(parsing: value)
            counts[status.progress] += 1
            cells[value.text] = status.progress
        }

        // The reader's counts, moved where the classifier reads the words otherwise (listed, each with its reason).
        var adjusted = expected.status
        for disagreement in statusDisagreements where disagreement.folder == folder {
            let matches = cells.filter { $0.key.hasPrefix(disagreement.cell) }
            #expect(matches.count == 1, "one cell starts with \(disagreement.cell)")
            #expect(matches.first?.value == disagreement.classifier, "\(disagreement.cell): \(disagreement.why)")
            adjusted[disagreement.reader] -= 1
            adjusted[disagreement.classifier] += 1
        }
        // An empty status cell reads as not started (a plan's blank column: nothing reported yet). The Ningbo case
        // counts its one empty cell as unrecognized because the stored copy was cut there: the text exists but was
        // not available to transcribe, which the table itself cannot tell.
        #expect(empty == expected.emptyStatusCells ?? 0)
        adjusted.unrecognized -= expected.emptyStatusCells ?? 0
        adjusted.notStarted += expected.emptyStatusCells ?? 0
        #expect(counts == adjusted, "\(folder): classified \(counts); reader \(expected.status)")
    }
}
