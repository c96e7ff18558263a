import TabularCSV
import TabularCore
import TestSupport
import Testing

@Suite("CSV rows as an asynchronous sequence")
struct RowSequenceTests {
    @Test("the loop yields the rows nextRow() yields, with their lines and byte offsets")
    func sameRowsAsNextRow() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("tasks.csv", text: "序号,措施\n1,\"整改\n完成\"\n2,督办\n")
        var looped: [Row] = []
        for try await row in try CSVReader(path: path).rows {
            looped.append(row)
        }
        let reader = try CSVReader(path: path)
        var stepped: [Row] = []
        while let row = try reader.nextRow() { stepped.append(row) }
        #expect(looped == stepped)
        #expect(looped.map(\.line) == [1, 2, 4])
        #expect(looped.map(\.byteOffset) == [0, 14, 32])
    }

    @Test("an error past the first rows is thrown from the loop, typed, after the rows before it")
    func errorMidFile() async throws {
        let directory = try TemporaryDirectory()
        // Past the 64 KiB the reader sniffs at open, so the fault surfaces while rows are read.
        let good = String(repeating: "名称,数量\n", count: 10_000)
        let path = try directory.write("nul.csv", bytes: Array(good.utf8) + Array("坏,\u{0}\n".utf8))
        let reader = try CSVReader(path: path)
        var count = 0
        do {
            for try await row in reader.rows {
                #expect(row.cells == [.text("名称"), .text("数量")])
                count += 1
            }
            Issue.record("the loop ended without the NUL byte's error")
        } catch {
            // `error` is a CSVError here: the sequence throws the reader's error type.
            #expect(error.code == .nulByte)
            #expect(error.location?.file == path)
            #expect(error.location?.line == 10_001)
        }
        #expect(count == 10_000)
    }

    @Test("a loop that stops early leaves the rest to the reader")
    func partialLoop() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("a.csv", text: "a\n1\n2\n3\n")
        let reader = try CSVReader(path: path)
        for try await row in reader.rows where row.line == 2 { break }
        #expect(try reader.nextRow()?.cells == [.text("2")])
        var rest: [Int] = []
        for try await row in reader.rows { rest.append(row.line) }
        #expect(rest == [4])
    }
}
