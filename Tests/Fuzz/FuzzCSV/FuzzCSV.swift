import FuzzSupport
import TabularCSV
import TabularCore

/// One input through the CSV reader with encoding detection and delimiter sniffing, every row read and every field
/// typed. Errors are expected; crashes, hangs and unbounded memory are what the fuzzer looks for.
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
}

@main
struct FuzzTarget {
    static func main() { fuzzMain(fuzzCSV) }
}
