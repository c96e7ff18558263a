import Foundation
import TabularCSV
import TabularCore
import TestSupport
import Testing

/// The minimum throughput in MB/s to assert, from `TRACKSHEET_BENCH`; the benchmark runs only when it is set.
/// Run in release: `TRACKSHEET_BENCH=100 swift test -c release --filter Throughput`.
let benchmarkFloor = ProcessInfo.processInfo.environment["TRACKSHEET_BENCH"].flatMap(Double.init)

/// CPU seconds used by the process so far (the machine may be shared, so wall time is noisy).
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The process's peak resident memory so far, in MiB.
func peakResidentMegabytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
}

@Suite("Throughput", .enabled(if: benchmarkFloor != nil), .serialized)
struct ThroughputTests {
    /// A typical ledger file of about `megabytes` MB: ASCII and Chinese text, numbers, dates, some quoting.
    static func makeFile(_ directory: TemporaryDirectory, megabytes: Int) throws -> (String, Int) {
        let path = directory.file("bench.csv")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var block = "编号,单位,问题描述,整改措施,责任人,期限,金额,状态\n"
        for index in 0..<2000 {
            block += "\(100000 + index),财务部,\"报销审批不规范, 缺少附件\",完善审批流程并补充附件,张三,2025-03-31,\(index * 37).50,已整改\n"
            block += "\(200000 + index),IT Department,Password policy too weak,Enforce 12 characters,Li Si,2025/6/30,1234,In progress\n"
        }
        let data = Data(block.utf8)
        var total = 0
        while total < megabytes << 20 {
            try handle.write(contentsOf: data)
            total += data.count
        }
        try handle.close()
        return (path, total)
    }

    @Test("the reader turns a file into rows at the target speed")
    func reader() throws {
        let directory = try TemporaryDirectory()
        let (path, bytes) = try ThroughputTests.makeFile(directory, megabytes: 100)
        let memoryBefore = peakResidentMegabytes()
        let start = cpuSeconds()
        let reader = try CSVReader(path: path)
        var cells = 0
        while let row = try reader.nextRow() { cells += row.cells.count }
        let memoryGrowth = peakResidentMegabytes() - memoryBefore
        print("CSVReader peak memory growth over a \(bytes >> 20) MiB file: \(memoryGrowth) MiB")
        #expect(memoryGrowth < 32)
        let seconds = cpuSeconds() - start
        let rate = Double(bytes) / 1_048_576 / seconds
        print("CSVReader: \(bytes >> 20) MiB, \(cells) cells in \(seconds) CPU s = \(Int(rate)) MB/s (detection pass included)")
        #expect(rate >= benchmarkFloor ?? 0)

        let explicitStart = cpuSeconds()
        let explicit = try CSVReader(path: path, configuration: .init(encoding: "UTF-8"))
        var rows = 0
        while try explicit.nextRow() != nil { rows += 1 }
        let explicitRate = Double(bytes) / 1_048_576 / (cpuSeconds() - explicitStart)
        print("CSVReader with --encoding UTF-8 (one pass): \(rows) rows, \(Int(explicitRate)) MB/s")
        #expect(explicitRate >= benchmarkFloor ?? 0)
    }

    @Test("the reader decodes GB18030 through iconv at a usable speed")
    func gb18030() throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try ThroughputTests.makeFile(directory, megabytes: 50)
        let encoded = directory.file("gb.csv")
        let result = try runProcess("/usr/bin/iconv", ["-f", "UTF-8", "-t", "GB18030", "-o", encoded, path])
        #expect(result.status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: encoded)[.size] as? Int ?? 0
        let start = cpuSeconds()
        let reader = try CSVReader(path: encoded)
        var rows = 0
        while try reader.nextRow() != nil { rows += 1 }
        let rate = Double(size) / 1_048_576 / (cpuSeconds() - start)
        print("CSVReader GB18030 (detection + iconv): \(rows) rows, \(Int(rate)) MB/s of input")
        #expect(reader.encoding == "GB18030")
        let original = try CSVReader(path: path, configuration: .init(encoding: "UTF-8"))
        var originalRows = 0
        while try original.nextRow() != nil { originalRows += 1 }
        #expect(rows == originalRows)
    }

    @Test("the parser alone, on bytes in memory")
    func parser() throws {
        let directory = try TemporaryDirectory()
        let (path, bytes) = try ThroughputTests.makeFile(directory, megabytes: 100)
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let start = cpuSeconds()
        var parser = CSVParser()
        var fields = 0
        var length = 0
        try data.withUnsafeBufferPointer { buffer throws(CSVError) in
            var position = 0
            while try parser.parse(buffer, position: &position) == .record {
                fields += parser.fieldCount
                for index in 0..<parser.fieldCount { length += parser.field(index).utf8.count }
            }
        }
        let seconds = cpuSeconds() - start
        let rate = Double(bytes) / 1_048_576 / seconds
        print("CSVParser + String per field: \(fields) fields in \(seconds) CPU s = \(Int(rate)) MB/s")
        #expect(length > 0)
    }

    @Test("type inference keeps up with the reader")
    func inference() throws {
        let fields = ["100001", "财务部", "报销审批不规范, 缺少附件", "2025-03-31", "1234.50", "已整改", "511425199001011234", "85%"]
        let inference = TypeInference()
        let rounds = 1_000_000
        let start = cpuSeconds()
        var numbers = 0
        for _ in 0..<rounds {
            for field in fields {
                if case .number = inference.infer(field) { numbers += 1 }
            }
        }
        let seconds = cpuSeconds() - start
        let perSecond = Double(rounds * fields.count) / seconds
        print("TypeInference: \(Int(perSecond / 1_000_000)) M fields/s")
        #expect(numbers == rounds * 3)
        #expect(perSecond > 5_000_000)
    }
}
