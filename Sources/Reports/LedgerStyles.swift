import XLSXWriter

/// The cell styles of the ledger workbook, built from its fonts.
struct LedgerStyles {
    let fonts: LedgerFonts
    /// The big bold title.
    let title: CellStyle
    /// A section heading in the summary.
    let heading: CellStyle
    /// Meta row text (填报单位…), left aligned.
    let meta: CellStyle
    /// Meta row labels, right aligned.
    let metaLabel: CellStyle
    /// Meta row dates.
    let metaDate: CellStyle
    /// Header cells: bold, centered, wrapped, bordered, lightly filled.
    let header: CellStyle
    /// Body text: wrapped, left, vertically centered, bordered.
    let text: CellStyle
    /// Short body text (names, statuses, numbers): centered.
    let centered: CellStyle
    /// A date in the body.
    let date: CellStyle
    /// A whole number in the body.
    let number: CellStyle
    /// A percentage in the body.
    let percent: CellStyle
    /// A totals row's label, number and percentage.
    let totalLabel: CellStyle
    let totalNumber: CellStyle
    let totalPercent: CellStyle
    /// An internal link in the body.
    let link: CellStyle
    /// A paragraph of text without borders.
    let paragraph: CellStyle
    /// A small note.
    let note: CellStyle
    /// Conditional formats: overdue (red), due soon (amber), done (green), in Excel's own palette.
    let overdueMark = CellStyle { $0.fontColor = 0x9C0006; $0.fillColor = 0xFFC7CE }
    let dueSoonMark = CellStyle { $0.fontColor = 0x9C5700; $0.fillColor = 0xFFEB9C }
    let doneMark = CellStyle { $0.fontColor = 0x006100; $0.fillColor = 0xC6EFCE }

    init(fonts: LedgerFonts, dateFormat: String) {
        self.fonts = fonts
        title = CellStyle {
            $0.fontName = fonts.title
            $0.fontSize = fonts.titleSize
            $0.bold = true
            $0.horizontalAlignment = .center
            $0.verticalAlignment = .center
        }
        heading = CellStyle {
            $0.fontName = fonts.header
            $0.fontSize = fonts.headerSize + 1
            $0.bold = true
            $0.verticalAlignment = .center
        }
        meta = CellStyle {
            $0.fontName = fonts.body
            $0.fontSize = fonts.bodySize
            $0.horizontalAlignment = .left
            $0.verticalAlignment = .center
        }
        metaLabel = meta.with { $0.horizontalAlignment = .right }
        metaDate = meta.with { $0.numberFormat = dateFormat }
        header = CellStyle {
            $0.fontName = fonts.header
            $0.fontSize = fonts.headerSize
            $0.bold = true
            $0.horizontalAlignment = .center
            $0.verticalAlignment = .center
            $0.wrapsText = true
            $0.border = .thin
            $0.fillColor = 0xF2F2F2
        }
        text = CellStyle {
            $0.fontName = fonts.body
            $0.fontSize = fonts.bodySize
            $0.horizontalAlignment = .left
            $0.verticalAlignment = .center
            $0.wrapsText = true
            $0.border = .thin
        }
        centered = text.with { $0.horizontalAlignment = .center }
        date = centered.with { $0.numberFormat = dateFormat }
        number = centered.with { $0.numberFormat = "0" }
        percent = centered.with { $0.numberFormat = "0.0%" }
        totalLabel = centered.with { $0.bold = true; $0.fillColor = 0xF2F2F2 }
        totalNumber = number.with { $0.bold = true; $0.fillColor = 0xF2F2F2 }
        totalPercent = percent.with { $0.bold = true; $0.fillColor = 0xF2F2F2 }
        link = centered.with { $0.fontColor = 0x0563C1; $0.underline = true }
        paragraph = CellStyle {
            $0.fontName = fonts.body
            $0.fontSize = fonts.bodySize + 1
            $0.horizontalAlignment = .left
            $0.verticalAlignment = .top
            $0.wrapsText = true
        }
        note = paragraph.with { $0.fontSize = fonts.bodySize - 1 }
    }
}

extension PageSetup {
    /// The print setup every ledger sheet shares: A4, one page wide, centered, office margins, the page footer,
    /// and the given rows repeated at the top of each page.
    static func ledger(footer: String, landscape: Bool = true, repeatRows: ClosedRange<Int>? = nil) -> PageSetup {
        var setup = PageSetup()
        setup.landscape = landscape
        setup.paper = .a4
        setup.fitWidth = 1
        setup.fitHeight = 0
        setup.repeatRows = repeatRows
        setup.centerHorizontally = true
        setup.margins = landscape ? (left: 0.4, right: 0.4, top: 0.55, bottom: 0.65) : (left: 0.5, right: 0.5, top: 0.6, bottom: 0.7)
        setup.footer = footer
        return setup
    }
}
