import CXlsxWriter
import TabularCore

/// How a cell looks: font, fill, borders, alignment and number format. A value, passed to the worksheet's write
/// methods; each workbook turns each distinct style into one Excel format of its own, made on first use and cached.
public struct CellStyle: Hashable, Sendable {
    /// Horizontal alignment of a cell's content.
    public enum HorizontalAlignment: Hashable, Sendable {
        /// Excel's default: text left, numbers right.
        case general
        /// Left aligned.
        case left
        /// Centered.
        case center
        /// Right aligned.
        case right
        /// Centered across the selection.
        case centerAcross
    }

    /// Vertical alignment of a cell's content.
    public enum VerticalAlignment: Hashable, Sendable {
        /// At the top.
        case top
        /// In the middle.
        case center
        /// At the bottom (Excel's default).
        case bottom
    }

    /// A border line's style.
    public enum Border: Hashable, Sendable {
        /// No border.
        case none
        /// A thin line.
        case thin
        /// A medium line.
        case medium
        /// A thick line.
        case thick
    }

    /// The font's name, e.g. `仿宋_GB2312`; nil keeps Excel's default (Calibri).
    public var fontName: String?
    /// The font size in points; nil keeps 11.
    public var fontSize: Double?
    /// Bold text.
    public var bold = false
    /// Italic text.
    public var italic = false
    /// The font color as 0xRRGGBB; nil for automatic.
    public var fontColor: UInt32?
    /// A solid background fill as 0xRRGGBB; nil for none.
    public var fillColor: UInt32?
    /// The border on all four sides.
    public var border: Border = .none
    /// Horizontal alignment.
    public var horizontalAlignment: HorizontalAlignment = .general
    /// Vertical alignment.
    public var verticalAlignment: VerticalAlignment = .bottom
    /// Whether long text wraps within the cell.
    public var wrapsText = false
    /// An Excel number format such as `0.00%` or `yyyy"年"m"月"d"日"`; nil for General.
    public var numberFormat: String?
    /// Whether the format applies to hyperlinks (blue, underlined), for internal links.
    public var underline = false

    /// The default style: Excel's General format and font.
    public init() {}

    /// Creates a style by editing the default in a closure: `CellStyle { $0.bold = true }`.
    public init(_ configure: (inout CellStyle) -> Void) {
        configure(&self)
    }

    /// A copy of this style with changes applied.
    public func with(_ configure: (inout CellStyle) -> Void) -> CellStyle {
        var copy = self
        configure(&copy)
        return copy
    }

    /// Excel's largest font size in points.
    public static let maxFontSize = 409.0
    /// The longest font name Excel accepts, in UTF-16 code units.
    public static let maxFontNameLength = 31
    /// The longest number format libxlsxwriter stores, in UTF-8 bytes (it would cut a longer one short).
    public static let maxNumberFormatBytes = 127

    /// Throws when Excel or libxlsxwriter cannot hold this style.
    ///
    /// - Throws: `.valueOutOfRange` for a font size outside 1...409 or a color above 0xFFFFFF; `.invalidArgument`
    ///   for an empty or too long font name or number format, or one with a NUL character.
    func validate(at location: SourceLocation) throws {
        if let fontSize, !(1...CellStyle.maxFontSize).contains(fontSize) {
            throw XLSXWriteError(.valueOutOfRange, "a font size must be 1 to 409 points", location: location, value: "\(fontSize)")
        }
        for color in [fontColor, fillColor].compactMap({ $0 }) where color > 0xFF_FFFF {
            throw XLSXWriteError(.valueOutOfRange, "a color is 0xRRGGBB, at most 0xFFFFFF", location: location,
                                 value: "0x" + String(color, radix: 16, uppercase: true))
        }
        if let fontName,
           fontName.isEmpty || fontName.utf16.count > CellStyle.maxFontNameLength
            || fontName.utf8.count > CellStyle.maxNumberFormatBytes || fontName.utf8.contains(0) {
            throw XLSXWriteError(.invalidArgument, "a font name has 1 to 31 characters", location: location, value: fontName)
        }
        if let numberFormat, numberFormat.isEmpty || numberFormat.utf8.count > CellStyle.maxNumberFormatBytes || numberFormat.utf8.contains(0) {
            throw XLSXWriteError(.invalidArgument, "a number format has 1 to 127 bytes of UTF-8", location: location, value: numberFormat)
        }
    }

    /// Applies every set property to a libxlsxwriter format.
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if let fontName { fontName.withCString { format_set_font_name(format, $0) } }
        if let fontSize { format_set_font_size(format, fontSize) }
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let fontColor { format_set_font_color(format, lxw_color_t(fontColor)) }
        if let fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fillColor))
        }
        switch border {
        case .none: break
        case .thin: format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .medium: format_set_border(format, UInt8(LXW_BORDER_MEDIUM.rawValue))
        case .thick: format_set_border(format, UInt8(LXW_BORDER_THICK.rawValue))
        }
        switch horizontalAlignment {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case .centerAcross: format_set_align(format, UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue))
        }
        switch verticalAlignment {
        case .bottom: break
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        if wrapsText { format_set_text_wrap(format) }
        if let numberFormat { numberFormat.withCString { format_set_num_format(format, $0) } }
    }
}
