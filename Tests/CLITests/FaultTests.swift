import Foundation
import TestSupport
import Testing

@Suite("Faults: a killed or racing writer never leaves a partial file")
struct FaultTests {
    /// A CSV large enough that converting it takes a few seconds.
    func bigCSV(in folder: TemporaryDirectory) throws -> String {
        let rows = (0..<300_000).map { "第\($0)行,\($0),2025-03-31,说明文字说明文字说明文字,\($0 * 7 % 1000).5" }
        return try folder.write("big.csv", text: "名称,数量,日期,备注,金额\n" + rows.joined(separator: "\n") + "\n")
    }

    @Test("SIGKILL in the middle of writing leaves the old file, and the next run cleans the temporary file")
    func killedWriter() throws {
        let folder = try TemporaryDirectory()
        let input = try bigCSV(in: folder)
        let output = try folder.write("out.xlsx", text: "the old file")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: buildProductsDirectory + "/tracksheet")
        process.arguments = ["convert", input, "-o", output]
        try process.run()
        // Wait until the temporary output exists, then kill without warning.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, try !folder.contents().contains(where: { $0.hasSuffix(".tmp") }) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "the old file")
        #expect(try folder.contents().contains { $0.hasSuffix(".tmp") })

        let small = try folder.write("small.csv", text: "a\n1\n")
        let rerun = try runTracksheet(["convert", small, "-o", output])
        #expect(rerun.status == 0)
        #expect(try folder.contents() == ["big.csv", "out.xlsx", "small.csv"])
    }

    @Test("two processes writing the same output at once end with one complete workbook")
    func racingWriters() throws {
        let folder = try TemporaryDirectory()
        let input = try bigCSV(in: folder)
        let other = try folder.write("other.csv", text: "名称\n另一个\n")
        let output = folder.file("out.xlsx")
        let processes = [input, other, input].map { source -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: buildProductsDirectory + "/tracksheet")
            process.arguments = ["convert", source, "-o", output]
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let rows = try openpyxl("print(json.dumps(openpyxl.load_workbook(sys.argv[1]).active.max_row))", [output]) as? Int
        #expect(rows == 2 || rows == 300_001)
        #expect(try folder.contents() == ["big.csv", "other.csv", "out.xlsx"])
    }
}
