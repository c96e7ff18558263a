import CXlsxWriter
import TabularCore

// Additions for the ledger workbook (issue #5): legend placement.
extension Chart {
    /// Where a chart's legend goes.
    public enum LegendPosition: Sendable, Hashable {
        /// No legend.
        case none
        /// Right of the plot area (Excel's default).
        case right
        /// Left of the plot area.
        case left
        /// Above the plot area.
        case top
        /// Below the plot area, which leaves the plot its full width.
        case bottom

        var lxwPosition: UInt8 {
            switch self {
            case .none: UInt8(LXW_CHART_LEGEND_NONE.rawValue)
            case .right: UInt8(LXW_CHART_LEGEND_RIGHT.rawValue)
            case .left: UInt8(LXW_CHART_LEGEND_LEFT.rawValue)
            case .top: UInt8(LXW_CHART_LEGEND_TOP.rawValue)
            case .bottom: UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)
            }
        }
    }

    /// Places the chart's legend (or hides it with `.none`).
    ///
    /// - Throws: `.workbookClosed`.
    public func setLegendPosition(_ position: LegendPosition) throws {
        chart_legend_set_position(try openChart(), position.lxwPosition)
    }
}

// Additions for the ledger workbook (issue #5): fonts of a chart's text.
extension Chart {
    /// A font for a chart's title, legend or axis labels.
    public struct Font: Sendable, Hashable {
        /// The font's name; nil keeps the chart's default.
        public var name: String?
        /// The size in points; nil keeps the default.
        public var size: Double?
        /// Bold text.
        public var bold = false
        /// Horizontal text, overriding the rotation Excel and LibreOffice pick for crowded axis labels.
        public var horizontal = false

        /// Creates a font.
        public init(name: String? = nil, size: Double? = nil, bold: Bool = false, horizontal: Bool = false) {
            self.name = name
            self.size = size
            self.bold = bold
            self.horizontal = horizontal
        }

        /// Throws `.valueOutOfRange` for a size outside 1...409 points, `.invalidArgument` for an empty name or one
        /// longer than 31 characters.
        func validate(_ core: WorkbookCore) throws {
            if let size, !(1...CellStyle.maxFontSize).contains(size) {
                throw XLSXWriteError(.valueOutOfRange, "a font size must be 1 to 409 points", location: SourceLocation(file: core.path),
                                     value: "\(size)")
            }
            if let name, name.isEmpty || name.utf16.count > CellStyle.maxFontNameLength || name.utf8.contains(0) {
                throw XLSXWriteError(.invalidArgument, "a font name has 1 to 31 characters", location: SourceLocation(file: core.path),
                                     value: name)
            }
        }

        /// Calls `body` with the libxlsxwriter font (which copies what it needs).
        func withLxwFont<Result>(_ body: (inout lxw_chart_font) -> Result) -> Result {
            var font = lxw_chart_font()
            if let size { font.size = size }
            font.bold = bold ? 1 : 0
            // 360 is libxlsxwriter's explicit angle of 0.
            if horizontal { font.rotation = 360 }
            guard let name else { return body(&font) }
            return name.withCString { pointer in
                font.name = UnsafeMutablePointer(mutating: pointer)
                return body(&font)
            }
        }
    }

    /// Sets the font of the chart's title.
    ///
    /// - Throws: `.valueOutOfRange`/`.invalidArgument` for a bad font (see `Font`), `.workbookClosed`, `.library`
    ///   when libxlsxwriter runs out of memory.
    public func setTitleFont(_ font: Font) throws {
        let chart = try openChart()
        try font.validate(core)
        font.withLxwFont { chart_title_set_name_font(chart, &$0) }
        try checkAllocated(chart.pointee.title.font, "the title font")
    }

    /// Sets the font of the legend.
    ///
    /// - Throws: as `setTitleFont(_:)`.
    public func setLegendFont(_ font: Font) throws {
        let chart = try openChart()
        try font.validate(core)
        font.withLxwFont { chart_legend_set_font(chart, &$0) }
        try checkAllocated(chart.pointee.legend.font, "the legend font")
    }

    /// Sets the font of the category (x) axis labels and, optionally, of the value (y) axis labels.
    ///
    /// - Throws: as `setTitleFont(_:)`.
    public func setAxisFonts(categories: Font?, values: Font?) throws {
        let chart = try openChart()
        for (font, axis) in [(categories, chart.pointee.x_axis), (values, chart.pointee.y_axis)] {
            guard let font else { continue }
            guard let axis else { throw XLSXWriteError(.library, "this chart has no such axis", location: SourceLocation(file: core.path)) }
            try font.validate(core)
            font.withLxwFont { chart_axis_set_num_font(axis, &$0) }
            try checkAllocated(axis.pointee.num_font, "an axis font")
        }
    }
}
