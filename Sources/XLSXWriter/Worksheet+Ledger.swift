import CXlsxWriter

// Additions for the ledger workbook (issue #5): gridlines.
extension Worksheet {
    /// Which gridlines a worksheet shows.
    public enum Gridlines: Sendable, Hashable {
        /// None on screen or in print (a sheet whose cells carry their own borders).
        case hidden
        /// On screen only (Excel's default).
        case screen
        /// In print only.
        case print
        /// On screen and in print.
        case all

        var lxwOption: UInt8 {
            switch self {
            case .hidden: UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue)
            case .screen: UInt8(LXW_SHOW_SCREEN_GRIDLINES.rawValue)
            case .print: UInt8(LXW_SHOW_PRINT_GRIDLINES.rawValue)
            case .all: UInt8(LXW_SHOW_ALL_GRIDLINES.rawValue)
            }
        }
    }

    /// Sets which gridlines show on screen and in print.
    ///
    /// - Throws: `.workbookClosed`.
    public func setGridlines(_ gridlines: Gridlines) throws {
        let sheet = try openSheet()
        // libxlsxwriter only turns on what an option names, so start from none for `.print` to hide the screen's.
        worksheet_gridlines(sheet, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
        worksheet_gridlines(sheet, gridlines.lxwOption)
    }
}
