import FuzzSupport
import TabularCore
import TabularXLS

/// One input through the .xls reader: the compound file, the workbook globals, every worksheet's rows with merged
/// cells filled, and its used range. Errors are expected; crashes, hangs and unbounded memory are what the fuzzer
/// looks for.
func fuzzXLS(_ bytes: UnsafeRawBufferPointer) {
    let path = scratchFile(bytes, extension: "xls")
    var limits = XLSLimits()
    limits.maxStreamBytes = 32 << 20
    limits.maxMergedFillCells = 1_000_000
    do {
        let book = try XLSWorkbook(path: path, limits: limits)
        for sheet in book.worksheets {
            _ = try book.readTable(sheet: sheet, fillMerged: true)
            _ = try book.usedRange(of: sheet)
        }
    } catch {
        _ = "\(error)"
    }
}

@main
struct FuzzTarget {
    static func main() { fuzzMain(fuzzXLS) }
}
