import CXlsxWriter

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
    /// Fit to this many pages wide (0 = as many as needed); nil for no fitting.
    public var fitWidth: Int?
    /// Fit to this many pages tall (0 = as many as needed).
    public var fitHeight = 0
    /// Rows (0-based, inclusive) printed at the top of every page, such as the title and header rows.
    public var repeatRows: ClosedRange<Int>?
    /// Center the printout horizontally on the page.
    public var centerHorizontally = false
    /// Margins in inches: left, right, top, bottom; nil keeps Excel's.
    public var margins: (left: Double, right: Double, top: Double, bottom: Double)?
    /// The page header, in Excel's `&P`/`&N` codes.
    public var header: String?
    /// The page footer, e.g. `&C第 &P 页 共 &N 页`.
    public var footer: String?

    /// Excel's defaults.
    public init() {}

    public static func == (lhs: PageSetup, rhs: PageSetup) -> Bool {
        lhs.landscape == rhs.landscape && lhs.paper == rhs.paper && lhs.fitWidth == rhs.fitWidth
            && lhs.fitHeight == rhs.fitHeight && lhs.repeatRows == rhs.repeatRows
            && lhs.centerHorizontally == rhs.centerHorizontally && lhs.header == rhs.header && lhs.footer == rhs.footer
            && lhs.margins.map { [$0.left, $0.right, $0.top, $0.bottom] } == rhs.margins.map { [$0.left, $0.right, $0.top, $0.bottom] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(landscape)
        hasher.combine(paper)
        hasher.combine(footer)
    }
}

extension Worksheet {
    /// Applies print settings.
    ///
    /// - Throws: `.invalidArgument` when a header or footer is longer than Excel's 255 characters.
    public func apply(_ setup: PageSetup) throws {
        precondition(core.isOpen, "worksheet used after its workbook closed")
        if setup.landscape { worksheet_set_landscape(pointer) } else { worksheet_set_portrait(pointer) }
        worksheet_set_paper(pointer, UInt8(setup.paper.rawValue))
        if let width = setup.fitWidth { worksheet_fit_to_pages(pointer, UInt16(width), UInt16(setup.fitHeight)) }
        if let rows = setup.repeatRows {
            try check(worksheet_repeat_rows(pointer, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                      "cannot repeat rows", rows.lowerBound, 0)
        }
        if setup.centerHorizontally { worksheet_center_horizontally(pointer) }
        if let margins = setup.margins {
            worksheet_set_margins(pointer, margins.left, margins.right, margins.top, margins.bottom)
        }
        for (text, isHeader) in [(setup.header, true), (setup.footer, false)] {
            guard let text else { continue }
            guard text.utf16.count <= 255 else {
                throw XLSXWriteError(.invalidArgument, "a page header or footer has at most 255 characters", location: location(0, 0))
            }
            let error = text.withCString { isHeader ? worksheet_set_header(pointer, $0) : worksheet_set_footer(pointer, $0) }
            try check(error, "cannot set the page \(isHeader ? "header" : "footer")", 0, 0)
        }
    }
}
