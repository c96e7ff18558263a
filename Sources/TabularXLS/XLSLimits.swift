/// Safety caps for reading untrusted `.xls` files; every default is generous for any real workbook (BIFF8 sheets
/// hold at most 65,536 rows × 256 columns).
public struct XLSLimits: Sendable, Hashable {
    /// The largest stream (the `Workbook` stream in particular) the container may declare. Default 1 GiB.
    public var maxStreamBytes: Int = 1 << 30
    /// The most directory entries the compound file may hold. Default 100,000.
    public var maxDirectoryEntries: Int = 100_000
    /// The most shared strings the SST may declare. Default 20,000,000.
    public var maxSharedStrings: Int = 20_000_000
    /// The most characters of shared strings in total (the SST is held in memory). Default 512 Mi.
    public var maxSharedStringCharacters: Int = 512 << 20
    /// The most sheets the workbook may list. Default 10,000.
    public var maxSheets: Int = 10_000
    /// The most XF (cell format) records. Default 1,000,000.
    public var maxFormats: Int = 1_000_000
    /// The most merged ranges a sheet may declare. Default 1,000,000.
    public var maxMergedRanges: Int = 1_000_000
    /// The most cells `readTable(sheet:fillMerged:)` may fill from merged ranges. Default 10,000,000.
    public var maxMergedFillCells: Int = 10_000_000

    /// The defaults.
    public init() {}
}
