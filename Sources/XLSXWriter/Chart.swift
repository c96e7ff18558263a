import CXlsxWriter
import TabularCore

/// A chart in a workbook: series of values over categories, inserted once into a worksheet of the same workbook.
///
/// Every method checks its arguments and libxlsxwriter's results and throws rather than traps. After the workbook
/// closed (or was dropped) every method throws `.workbookClosed`; inserting it into another workbook's worksheet
/// throws `.wrongWorkbook`. Not `Sendable`: use it from the thread that uses its workbook. Memory: the C chart
/// belongs to the workbook; the `Chart` refers to the workbook's shared state, not the other way round.
public final class Chart {
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

    /// The kind of chart.
    public let kind: Kind
    /// The libxlsxwriter chart, valid while `core` is open.
    private let pointer: UnsafeMutablePointer<lxw_chart>
    /// The workbook's shared state.
    let core: WorkbookCore
    /// The number of series added.
    public private(set) var seriesCount = 0
    /// Whether the chart was inserted into a worksheet (libxlsxwriter allows it once).
    public internal(set) var isInserted = false

    init(pointer: UnsafeMutablePointer<lxw_chart>, kind: Kind, core: WorkbookCore) {
        self.pointer = pointer
        self.kind = kind
        self.core = core
    }

    /// Sets the chart's title, taken literally.
    ///
    /// - Throws: `.invalidArgument` for an empty title or one starting with `=` (libxlsxwriter would read it as a
    ///   cell reference), `.workbookClosed`, `.library` when libxlsxwriter runs out of memory.
    public func setTitle(_ title: String) throws {
        let chart = try openChart()
        try Chart.checkLiteral(title, "chart title", core)
        title.withCString { chart_title_set_name(chart, $0) }
        try checkAllocated(chart.pointee.title.name, "the chart title")
    }

    /// Adds a series: its literal name, the categories range and the values range as single-range references to a
    /// worksheet already added to this workbook (e.g. `='统计汇总'!$A$5:$A$8`), and an optional fill color 0xRRGGBB.
    ///
    /// - Throws: `.invalidArgument` for a name that is empty or starts with `=`, or a reference that is not
    ///   `SHEET!RANGE` within Excel's grid, names no worksheet of this workbook, or names one with an apostrophe
    ///   (libxlsxwriter 1.1.4 cannot resolve those); `.valueOutOfRange` for a color above 0xFFFFFF;
    ///   `.workbookClosed`; `.library` when libxlsxwriter runs out of memory.
    public func addSeries(name: String, categories: String, values: String, color: UInt32? = nil) throws {
        let chart = try openChart()
        try Chart.checkLiteral(name, "series name", core)
        try Chart.checkReference(categories, core)
        try Chart.checkReference(values, core)
        if let color, color > 0xFF_FFFF {
            throw XLSXWriteError(.valueOutOfRange, "a color is 0xRRGGBB, at most 0xFFFFFF", location: SourceLocation(file: core.path),
                                 value: "0x" + String(color, radix: 16, uppercase: true))
        }
        let series = categories.withCString { categoriesPointer in
            values.withCString { valuesPointer in chart_add_series(chart, categoriesPointer, valuesPointer) }
        }
        guard let series else {
            throw XLSXWriteError(.library, "libxlsxwriter could not allocate a chart series (out of memory?)",
                                 location: SourceLocation(file: core.path))
        }
        seriesCount += 1
        name.withCString { chart_series_set_name(series, $0) }
        try checkAllocated(series.pointee.title.name, "a series name")
        if let color {
            var fill = lxw_chart_fill()
            fill.color = lxw_color_t(color)
            chart_series_set_fill(series, &fill)
            try checkAllocated(series.pointee.fill, "a series fill")
        }
    }

    /// Sets the axis titles (category axis, value axis), taken literally; nil leaves one untitled.
    ///
    /// - Throws: `.invalidArgument` for an empty title or one starting with `=`, `.workbookClosed`, `.library` when
    ///   libxlsxwriter runs out of memory.
    public func setAxisTitles(categories: String?, values: String?) throws {
        let chart = try openChart()
        for (title, axis) in [(categories, chart.pointee.x_axis), (values, chart.pointee.y_axis)] {
            guard let title else { continue }
            guard let axis else { throw XLSXWriteError(.library, "this chart has no such axis", location: SourceLocation(file: core.path)) }
            try Chart.checkLiteral(title, "axis title", core)
            title.withCString { chart_axis_set_name(axis, $0) }
            try checkAllocated(axis.pointee.title.name, "an axis title")
        }
    }

    // MARK: Checks

    /// The C chart while the workbook is open.
    ///
    /// - Throws: `.workbookClosed`.
    func openChart() throws -> UnsafeMutablePointer<lxw_chart> {
        _ = try core.openPointer()
        return pointer
    }

    /// The C chart for inserting into a worksheet of the workbook whose state is `owner`.
    ///
    /// - Throws: `.workbookClosed`, `.wrongWorkbook` when the chart belongs to another workbook, `.invalidArgument`
    ///   when it has no series or was inserted before.
    func pointerForInsertion(into owner: WorkbookCore, at location: SourceLocation) throws -> UnsafeMutablePointer<lxw_chart> {
        guard core === owner else {
            throw XLSXWriteError(.wrongWorkbook, "the chart belongs to the workbook \(core.path), not this one; add it with this workbook's addChart",
                                 location: location, value: core.path)
        }
        let chart = try openChart()
        guard seriesCount > 0 else {
            throw XLSXWriteError(.invalidArgument, "a chart needs at least one series before it is inserted", location: location)
        }
        guard !isInserted else {
            throw XLSXWriteError(.invalidArgument, "a chart is inserted once; add another chart for another place", location: location)
        }
        return chart
    }

    /// Throws `.library` when a libxlsxwriter setter that returns nothing could not allocate what it set.
    func checkAllocated(_ field: UnsafeMutableRawPointer?, _ what: String) throws {
        guard field != nil else {
            throw XLSXWriteError(.library, "libxlsxwriter could not store \(what) (out of memory?)", location: SourceLocation(file: core.path))
        }
    }

    func checkAllocated(_ field: UnsafeMutablePointer<some Any>?, _ what: String) throws {
        try checkAllocated(field.map { UnsafeMutableRawPointer($0) }, what)
    }

    /// Throws `.invalidArgument` unless `text` is non-empty literal text (libxlsxwriter reads a leading `=` as a
    /// reference).
    static func checkLiteral(_ text: String, _ what: String, _ core: WorkbookCore) throws {
        guard !text.isEmpty, !text.hasPrefix("="), !text.utf8.contains(0) else {
            throw XLSXWriteError(.invalidArgument, "a \(what) is non-empty text that does not start with '='",
                                 location: SourceLocation(file: core.path), value: text)
        }
    }

    /// Throws `.invalidArgument` unless `reference` is `=SHEET!RANGE` (the `=` optional, the sheet name quoted with
    /// `'` when needed, the range within Excel's grid) naming a worksheet of the workbook without an apostrophe.
    static func checkReference(_ reference: String, _ core: WorkbookCore) throws {
        guard let parsed = ChartReference(reference) else {
            throw XLSXWriteError(.invalidArgument, "a chart range is a sheet reference such as ='Sheet 1'!$A$2:$A$9",
                                 location: SourceLocation(file: core.path), value: reference)
        }
        guard core.sheetNames.contains(parsed.sheet.lowercased()) else {
            throw XLSXWriteError(.invalidArgument, "a chart range names the sheet '\(parsed.sheet)', which this workbook does not have (yet)",
                                 location: SourceLocation(file: core.path), value: reference)
        }
        guard !parsed.sheet.contains("'") else {
            throw XLSXWriteError(.invalidArgument, "libxlsxwriter cannot chart a sheet whose name has an apostrophe; rename the sheet",
                                 location: SourceLocation(file: core.path), value: reference)
        }
    }
}

/// A single-range sheet reference of a chart series, e.g. `='统计汇总'!$A$5:$A$8`.
struct ChartReference: Hashable {
    /// The sheet's name, unquoted.
    var sheet: String
    /// The cells.
    var range: CellRange

    /// Parses a reference; nil when it is not `=SHEET!RANGE` with a valid sheet name and a range within the grid.
    init?(_ text: String) {
        var body = Substring(text)
        if body.hasPrefix("=") { body = body.dropFirst() }
        guard let bang = body.lastIndex(of: "!") else { return nil }
        let sheetPart = body[..<bang]
        if sheetPart.hasPrefix("'") {
            // Quoted: every apostrophe inside is doubled.
            guard sheetPart.count >= 2, sheetPart.hasSuffix("'") else { return nil }
            var name = ""
            var pendingQuote = false
            for character in sheetPart.dropFirst().dropLast() {
                if pendingQuote {
                    guard character == "'" else { return nil }
                    name.append("'")
                    pendingQuote = false
                } else if character == "'" {
                    pendingQuote = true
                } else {
                    name.append(character)
                }
            }
            guard !pendingQuote else { return nil }
            sheet = name
        } else {
            guard !sheetPart.contains(where: { " '!()-,;".contains($0) }) else { return nil }
            sheet = String(sheetPart)
        }
        guard SheetName.problem(with: sheet) == nil, let range = CellRange(a1: body[body.index(after: bang)...]) else { return nil }
        self.range = range
    }
}
