import FuzzSupport
import TabularCSV
import TabularCore

/// One input through the CSV reader with encoding detection and delimiter sniffing, every row read and every field
/// typed. Errors are expected; crashes, hangs and unbounded memory are what the fuzzer looks for.
///
/// Then, in fuzzing builds (not when `make fuzz-replay` replays the corpus, where it would take minutes), the input
/// repeated to at least 1 MiB, which `CSVReader.readTable` reads in two halves on two threads: its rows, warnings or
/// error must be exactly those of reading the same file as a stream.
func fuzzCSV(_ bytes: UnsafeRawBufferPointer) {
    let path = scratchFile(bytes, extension: "csv")
    let inference = TypeInference()
    do {
        let reader = try CSVReader(path: path, configuration: .init(maxRecordSize: 1 << 20))
        while let row = try reader.nextRow() {
            for case let .text(text) in row.cells { _ = inference.infer(text) }
        }
    } catch {
        _ = error.description
    }
    #if FUZZING
    guard !bytes.isEmpty else { return }
    var repeated: [UInt8] = []
    repeated.reserveCapacity((1 << 20) + bytes.count)
    while repeated.count < 1 << 20 { repeated.append(contentsOf: bytes) }
    let large = repeated.withUnsafeBytes { scratchFile($0, extension: "large.csv") }
    let configuration = CSVReader.Configuration(maxRecordSize: 1 << 20, maxWarnings: 50)
    var warnings: [CSVWarning] = []
    let whole = Result { () throws(CSVError) -> [Row] in
        try CSVReader.readTable(path: large, configuration: configuration, warnings: &warnings).rows
    }
    var streamWarnings: [CSVWarning] = []
    let stream = Result { () throws(CSVError) -> [Row] in
        let reader = try CSVReader(path: large, configuration: configuration)
        var rows: [Row] = []
        while let row = try reader.nextRow() { rows.append(row) }
        streamWarnings = reader.warnings
        return rows
    }
    precondition(whole == stream, "reading in two halves gave other rows or another error than reading as a stream")
    if case .success = whole {
        precondition(warnings == streamWarnings, "reading in two halves gave other warnings than reading as a stream")
    }
    #endif
}

@main
struct FuzzTarget {
    static func main() { fuzzMain(fuzzCSV) }
}
