import Foundation
import TestSupport
import Testing

/// Help texts are golden files in Tests/CLITests/Golden: a change to a help text must be recorded on purpose.
/// Record with `TRACKSHEET_RECORD_GOLDEN=1 swift test --filter HelpGoldenTests`, which rewrites the files and
/// fails, so that a recording run can never pass by accident.
@Suite("Help texts match their golden files")
struct HelpGoldenTests {
    @Test("each command's help", arguments: [
        "tracksheet", "convert", "sheets", "check", "report", "summary", "diff", "merge", "batch", "batch convert", "batch run",
    ])
    func help(command: String) throws {
        let words = command == "tracksheet" ? [] : command.split(separator: " ").map(String.init)
        let result = try runTracksheet(["help"] + words, environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        let golden = packagePath("Tests/CLITests/Golden/help-\(command.replacingOccurrences(of: " ", with: "-")).txt")
        if ProcessInfo.processInfo.environment["TRACKSHEET_RECORD_GOLDEN"] != nil {
            try result.stdout.write(toFile: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(golden); run again without TRACKSHEET_RECORD_GOLDEN")
            return
        }
        #expect(result.stdout == (try String(contentsOfFile: golden, encoding: .utf8)))
    }
}
