import CXlsxWriter
import TabularCore

/// How a worksheet prints: paper, orientation, scaling, margins, repeated rows, header and footer.
public struct PageSetup: Sendable, Hashable {
    /// Paper sizes by Excel's paper codes.
    public enum Paper: Int, Sendable, Hashable {
        /// Let the printer choose.
        case printerDefault = 0
        /// US Letter.
        case letter = 1
        /// A3, 297 × 420 mm.
        case a3 = 8
        /// A4, 210 × 297 mm.
        case a4 = 9
    }

    /// Landscape rather than portrait.
    public var landscape = false
    /// The paper size.
    public var paper: Paper = .printerDefault
    /// Fit to this many pages wide (0 = as many as needed, at most 32,767); nil for no fitting.
    public var fitWidth: Int?
    /// Fit to this many pages tall (0 = as many as needed, at most 32,767).
    public var fitHeight = 0
    /// Print at this percentage of the normal size, 10...400; nil for 100. Excel ignores it when fitting to pages.
    public var scale: Int?
    /// Rows (0-based, inclusive) printed at the top of every page, such as the title and header rows.
    public var repeatRows: ClosedRange<Int>?
    /// Center the printout horizontally on the page.
    public var centerHorizontally = false
    /// Margins in inches (each 0 or more, below 49): left, right, top, bottom; nil keeps Excel's.
    public var margins: (left: Double, right: Double, top: Double, bottom: Double)?
    /// The page header, in Excel's `&P`/`&N` codes, at most 255 characters and without pictures (`&G`).
    public var header: String?
    /// The page footer, e.g. `&C第 &P 页 共 &N 页`, with the header's limits.
    public var footer: String?

    /// Excel's defaults.
    public init() {}

    /// Whether two setups are the same, margins compared by value.
    public static func == (lhs: PageSetup, rhs: PageSetup) -> Bool {
        lhs.landscape == rhs.landscape && lhs.paper == rhs.paper && lhs.fitWidth == rhs.fitWidth
            && lhs.fitHeight == rhs.fitHeight && lhs.scale == rhs.scale && lhs.repeatRows == rhs.repeatRows
            && lhs.centerHorizontally == rhs.centerHorizontally && lhs.header == rhs.header && lhs.footer == rhs.footer
            && lhs.margins.map { [$0.left, $0.right, $0.top, $0.bottom] } == rhs.margins.map { [$0.left, $0.right, $0.top, $0.bottom] }
    }

    /// Hashes the orientation, paper and footer (enough to tell setups apart; equal setups hash equally).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(landscape)
        hasher.combine(paper)
        hasher.combine(footer)
    }
}

extension PageSetup {
    /// The largest page count Excel fits a sheet to.
    public static let maxFitPages = 32_767
    /// Excel's print scale limits, in percent.
    public static let scaleRange = 10...400
    /// The largest margin Excel accepts, in inches (just under 49).
    public static let maxMargin = 49.0

    /// Throws the first problem Excel or libxlsxwriter would have with these settings.
    ///
    /// - Throws: `.valueOutOfRange` for page counts outside 0...32,767, a scale outside 10...400 or a margin outside
    ///   0..<49; `.outsideGrid` for repeated rows outside the grid; `.invalidArgument` for a header or footer past
    ///   255 characters or with a picture code (`&G`, `&[Picture]`).
    func validate(at location: SourceLocation) throws {
        for (what, count) in [("pages wide", fitWidth), ("pages tall", fitWidth == nil ? nil : fitHeight)] {
            if let count, !(0...PageSetup.maxFitPages).contains(count) {
                throw XLSXWriteError(.valueOutOfRange, "fitting to \(what) takes 0 (as many as needed) to 32,767", location: location,
                                     value: "\(count)")
            }
        }
        if let scale, !PageSetup.scaleRange.contains(scale) {
            throw XLSXWriteError(.valueOutOfRange, "a print scale must be 10 to 400 percent", location: location, value: "\(scale)")
        }
        if let margins {
            for (side, inches) in [("left", margins.left), ("right", margins.right), ("top", margins.top), ("bottom", margins.bottom)]
            where !(inches >= 0 && inches < PageSetup.maxMargin) {
                throw XLSXWriteError(.valueOutOfRange, "the \(side) margin must be at least 0 and below 49 inches", location: location,
                                     value: "\(inches)")
            }
        }
        if let rows = repeatRows, !(0...CellAddress.maxRow).contains(rows.lowerBound) || rows.upperBound > CellAddress.maxRow {
            throw XLSXWriteError(.outsideGrid, "repeated rows must be within Excel's rows 0...1,048,575 (0-based)",
                                 location: location, value: "\(rows.lowerBound)...\(rows.upperBound)")
        }
        for (what, text) in [("header", header), ("footer", footer)] {
            guard let text else { continue }
            guard text.utf16.count <= 255, !text.utf8.contains(0) else {
                throw XLSXWriteError(.invalidArgument, "a page \(what) has at most 255 characters", location: location,
                                     value: String(text.prefix(40)) + "…")
            }
            guard !text.contains("&G"), !text.contains("&[Picture]") else {
                throw XLSXWriteError(.invalidArgument, "a page \(what) cannot hold a picture (&G)", location: location, value: text)
            }
        }
    }
}

extension Worksheet {
    /// Applies print settings, after checking all of them (so a bad one changes nothing).
    ///
    /// - Throws: `.valueOutOfRange`, `.outsideGrid` or `.invalidArgument` for a setting Excel cannot hold (see
    ///   `PageSetup`), `.workbookClosed`, or libxlsxwriter's code.
    public func apply(_ setup: PageSetup) throws {
        let sheet = try openSheet()
        try setup.validate(at: SourceLocation(file: core.path, sheet: name))
        if setup.landscape { worksheet_set_landscape(sheet) } else { worksheet_set_portrait(sheet) }
        worksheet_set_paper(sheet, UInt8(setup.paper.rawValue))
        if let width = setup.fitWidth { worksheet_fit_to_pages(sheet, UInt16(width), UInt16(setup.fitHeight)) }
        if let scale = setup.scale { worksheet_set_print_scale(sheet, UInt16(scale)) }
        if let rows = setup.repeatRows {
            try check(worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                      "cannot repeat rows", rows.lowerBound, 0)
        }
        if setup.centerHorizontally { worksheet_center_horizontally(sheet) }
        if let margins = setup.margins {
            worksheet_set_margins(sheet, margins.left, margins.right, margins.top, margins.bottom)
        }
        if let header = setup.header {
            try check(header.withCString { worksheet_set_header(sheet, $0) }, "cannot set the page header", 0, 0)
        }
        if let footer = setup.footer {
            try check(footer.withCString { worksheet_set_footer(sheet, $0) }, "cannot set the page footer", 0, 0)
        }
    }
}
