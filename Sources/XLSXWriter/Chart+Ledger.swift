import CXlsxWriter

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
    public func setLegendPosition(_ position: LegendPosition) {
        precondition(core.isOpen, "chart used after its workbook closed")
        chart_legend_set_position(pointer, position.lxwPosition)
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
    public func setTitleFont(_ font: Font) {
        precondition(core.isOpen, "chart used after its workbook closed")
        font.withLxwFont { chart_title_set_name_font(pointer, &$0) }
    }

    /// Sets the font of the legend.
    public func setLegendFont(_ font: Font) {
        precondition(core.isOpen, "chart used after its workbook closed")
        font.withLxwFont { chart_legend_set_font(pointer, &$0) }
    }

    /// Sets the font of the category (x) axis labels and, optionally, of the value (y) axis labels.
    public func setAxisFonts(categories: Font?, values: Font?) {
        precondition(core.isOpen, "chart used after its workbook closed")
        if let categories { categories.withLxwFont { chart_axis_set_num_font(pointer.pointee.x_axis, &$0) } }
        if let values { values.withLxwFont { chart_axis_set_num_font(pointer.pointee.y_axis, &$0) } }
    }
}
