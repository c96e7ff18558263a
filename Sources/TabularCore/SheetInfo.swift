/// A sheet of a workbook as the workbook lists it (in `workbook.xml`, the BIFF sheet records or `content.xml`).
public struct SheetInfo: Sendable, Hashable {
    /// Whether Excel shows the sheet's tab.
    public enum Visibility: Sendable, Hashable {
        /// Shown.
        case visible
        /// Hidden; the user can unhide it.
        case hidden
        /// Hidden so that only code can unhide it.
        case veryHidden
    }

    /// What the sheet holds.
    public enum Kind: Sendable, Hashable {
        /// A grid of cells; the only kind that has rows.
        case worksheet
        /// A chart occupying a whole tab; it has no cells.
        case chartsheet
        /// A legacy dialog sheet or Excel 4 macro sheet, or an unknown relationship type.
        case other
    }

    /// The 0-based position in workbook order (tab order).
    public var index: Int
    /// The sheet's name as on its tab.
    public var name: String
    /// Whether the tab is visible.
    public var visibility: Visibility
    /// Worksheet, chart sheet, or other.
    public var kind: Kind
    /// Where the sheet's cells are in the file, for its reader: a package part (`xl/worksheets/sheet1.xml`), or
    /// a reader's own locator (a BIFF stream offset, an ODF table's position).
    public var partName: String

    /// Creates a sheet entry.
    public init(index: Int, name: String, visibility: Visibility, kind: Kind, partName: String) {
        self.index = index
        self.name = name
        self.visibility = visibility
        self.kind = kind
        self.partName = partName
    }
}
