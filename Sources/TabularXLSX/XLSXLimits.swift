/// Safety caps for reading untrusted workbooks; every default is generous enough for a full 1,048,576 × 50 sheet.
public struct XLSXLimits: Sendable, Hashable {
    /// The most bytes one ZIP entry may inflate to. Default 8 GiB.
    public var maxEntryUncompressedBytes: Int64 = 8 << 30
    /// The most bytes inflated while opening a workbook plus reading one sheet from it. Default 16 GiB.
    public var maxTotalUncompressedBytes: Int64 = 16 << 30
    /// The largest inflated/compressed ratio allowed for an entry once it has inflated past
    /// `ratioGraceBytes`. Default 1,000 (real sheets stay far below; zip bombs go above).
    public var maxCompressionRatio: Int64 = 1_000
    /// Bytes an entry may inflate to before the ratio check applies. Default 16 MiB.
    public var ratioGraceBytes: Int64 = 16 << 20
    /// The most entries the ZIP central directory may list. Default 100,000.
    public var maxEntries: Int = 100_000
    /// The deepest XML element nesting accepted. Default 256.
    public var maxXMLDepth: Int = 256
    /// The longest single XML token (a tag, or one text node) in bytes. Default 64 MiB.
    public var maxTokenBytes: Int = 64 << 20
    /// The most shared strings a workbook may declare. Default 20,000,000.
    public var maxSharedStrings: Int = 20_000_000
    /// The most merged ranges a sheet may declare. Default 1,000,000.
    public var maxMergedRanges: Int = 1_000_000

    /// The most cells `readTable(sheet:fillMerged:)` may fill from merged ranges. Default 10,000,000.
    public var maxMergedFillCells: Int = 10_000_000

    /// The defaults.
    public init() {}
}
