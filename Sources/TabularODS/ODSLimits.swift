public import TabularXLSX

/// Safety caps for reading untrusted OpenDocument spreadsheets: the container and XML caps shared with the XLSX
/// reader, and a cap on the cells that repetition attributes expand to.
public struct ODSLimits: Sendable, Hashable {
    /// The ZIP, XML, token-size and merged-range caps, as for an .xlsx. Default `XLSXLimits()`.
    public var container = XLSXLimits()
    /// The most cells one sheet may gain from `table:number-columns-repeated` and `table:number-rows-repeated` on
    /// cells that hold a value (each repetition past the first counts; empty runs cost nothing, however long).
    /// Default 50,000,000: a full 1,048,576-row sheet of 47 repeated columns.
    public var maxRepeatedCells = 50_000_000
    /// The most tables a spreadsheet may hold. Default 10,000 (LibreOffice's own limit); each sheet read scans
    /// `content.xml` up to its table, so this also bounds the work of reading every sheet.
    public var maxSheets = 10_000

    /// The defaults.
    public init() {}

    /// The defaults with the container caps of an XLSX read (what `TableFile.openWorkbook` passes on).
    public init(container: XLSXLimits) {
        self.container = container
    }
}
