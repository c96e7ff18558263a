import CXlsxWriter

/// A chart in a workbook: series of values over categories, inserted into a worksheet.
public final class Chart: @unchecked Sendable {
    /// The kinds of chart tracksheet uses.
    public enum Kind: Sendable, Hashable {
        /// Vertical bars side by side.
        case column
        /// Vertical bars stacked.
        case stackedColumn
        /// Horizontal bars stacked.
        case stackedBar
        /// A pie.
        case pie

        var lxwType: UInt8 {
            switch self {
            case .column: UInt8(LXW_CHART_COLUMN.rawValue)
            case .stackedColumn: UInt8(LXW_CHART_COLUMN_STACKED.rawValue)
            case .stackedBar: UInt8(LXW_CHART_BAR_STACKED.rawValue)
            case .pie: UInt8(LXW_CHART_PIE.rawValue)
            }
        }
    }

    let pointer: UnsafeMutablePointer<lxw_chart>
    let core: WorkbookCore

    init(pointer: UnsafeMutablePointer<lxw_chart>?, core: WorkbookCore) {
        guard let pointer else { preconditionFailure("libxlsxwriter could not allocate a chart") }
        self.pointer = pointer
        self.core = core
    }

    /// Sets the chart's title.
    public func setTitle(_ title: String) {
        precondition(core.isOpen, "chart used after its workbook closed")
        title.withCString { chart_title_set_name(pointer, $0) }
    }

    /// Adds a series: its name, the categories range and the values range as sheet references
    /// (e.g. `='统计汇总'!$A$5:$A$8`), and an optional fill color 0xRRGGBB.
    public func addSeries(name: String, categories: String, values: String, color: UInt32? = nil) {
        precondition(core.isOpen, "chart used after its workbook closed")
        let series = categories.withCString { categoriesPointer in
            values.withCString { valuesPointer in chart_add_series(pointer, categoriesPointer, valuesPointer) }
        }
        guard let series else { preconditionFailure("libxlsxwriter could not allocate a chart series") }
        name.withCString { chart_series_set_name(series, $0) }
        if let color {
            var fill = lxw_chart_fill()
            fill.color = lxw_color_t(color)
            chart_series_set_fill(series, &fill)
        }
    }

    /// Sets the axis titles (category axis, value axis).
    public func setAxisTitles(categories: String?, values: String?) {
        precondition(core.isOpen, "chart used after its workbook closed")
        if let categories { categories.withCString { chart_axis_set_name(pointer.pointee.x_axis, $0) } }
        if let values { values.withCString { chart_axis_set_name(pointer.pointee.y_axis, $0) } }
    }
}
