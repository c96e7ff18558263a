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
