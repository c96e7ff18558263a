import FuzzSupport
import TabularCore
import TabularXLSX

/// One input through the XLSX reader: the zip, every structural part, every worksheet's rows and its used range.
/// Errors are expected; crashes, hangs and unbounded memory are what the fuzzer looks for.
func fuzzXLSX(_ bytes: UnsafeRawBufferPointer) {
    let path = scratchFile(bytes, extension: "xlsx")
    var limits = XLSXLimits()
    limits.maxTotalUncompressedBytes = 64 << 20
    limits.maxEntryUncompressedBytes = 32 << 20
    do {
        let book = try XLSXWorkbook(path: path, limits: limits)
        for sheet in book.worksheets {
            _ = try book.readTable(sheet: sheet, fillMerged: true)
        }
    } catch {
        _ = "\(error)"
    }
}

@main
struct FuzzTarget {
    static func main() { fuzzMain(fuzzXLSX) }
}
