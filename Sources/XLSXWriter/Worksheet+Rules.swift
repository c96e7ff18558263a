import CXlsxWriter
import TabularCore

/// A conditional format: a style Excel applies to cells while a formula holds, so colors follow edits.
public struct ConditionalFormat: Sendable, Hashable {
    /// A formula relative to the range's top-left cell, e.g. `=AND($H7<>"",$H7<$C$3)`.
    public var formula: String
    /// The style applied while the formula is true (fonts, fills and borders only, as Excel allows).
    public var style: CellStyle
    /// Stop evaluating lower-priority rules on cells where this one applies.
    public var stopIfTrue: Bool

    /// Creates a formula rule.
    public init(formula: String, style: CellStyle, stopIfTrue: Bool = false) {
        self.formula = formula
        self.style = style
        self.stopIfTrue = stopIfTrue
    }
}

/// A drop-down list of allowed values for a range of cells.
public struct DropDownList: Sendable, Hashable {
    /// The allowed values, in order.
    public var values: [String]
    /// Whether blank cells are allowed.
    public var allowsBlank = true
    /// A title and message shown when a user types something not in the list; nil for Excel's default.
    public var errorMessage: (title: String, message: String)?

    /// Creates a list.
    public init(values: [String], allowsBlank: Bool = true, errorMessage: (title: String, message: String)? = nil) {
        self.values = values
        self.allowsBlank = allowsBlank
        self.errorMessage = errorMessage
    }

    public static func == (lhs: DropDownList, rhs: DropDownList) -> Bool {
        lhs.values == rhs.values && lhs.allowsBlank == rhs.allowsBlank
            && lhs.errorMessage?.title == rhs.errorMessage?.title && lhs.errorMessage?.message == rhs.errorMessage?.message
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

extension Worksheet {
    /// Adds a conditional format to a range; rules added first take priority.
    public func addConditionalFormat(_ rule: ConditionalFormat, to range: CellRange) throws {
        try checkCell(range.last.row, range.last.column)
        let format = core.format(rule.style)
        var lxw = lxw_conditional_format()
        lxw.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        lxw.format = format.pointer
        lxw.stop_if_true = rule.stopIfTrue ? 1 : 0
        let error = rule.formula.withCString { formula in
            lxw.value_string = UnsafeMutablePointer(mutating: formula)
            return worksheet_conditional_format_range(
                pointer, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                lxw_row_t(range.last.row), lxw_col_t(range.last.column), &lxw)
        }
        try check(error, "cannot add the conditional format \(rule.formula)", range.first.row, range.first.column)
    }

    /// Restricts a range to a drop-down list of values.
    ///
    /// - Throws: `.invalidArgument` when the values joined by commas pass Excel's 255-character limit or contain
    ///   a comma.
    public func addDropDown(_ list: DropDownList, to range: CellRange) throws {
        try checkCell(range.last.row, range.last.column)
        let joinedLength = list.values.reduce(0) { $0 + $1.utf16.count } + max(0, list.values.count - 1)
        guard !list.values.isEmpty, joinedLength <= 255, !list.values.contains(where: { $0.contains(",") }) else {
            throw XLSXWriteError(.invalidArgument,
                                 "a drop-down list needs 1 to 255 characters of values without commas",
                                 location: location(range.first.row, range.first.column))
        }
        var owned: [UnsafeMutablePointer<CChar>?] = list.values.map { strdup($0) }
        owned.append(nil)
        var extras: [UnsafeMutablePointer<CChar>?] = []
        defer {
            owned.forEach { free($0) }
            extras.forEach { free($0) }
        }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        validation.ignore_blank = UInt8(list.allowsBlank ? LXW_VALIDATION_ON.rawValue : LXW_VALIDATION_OFF.rawValue)
        if let message = list.errorMessage {
            let title = strdup(message.title)
            let body = strdup(message.message)
            extras += [title, body]
            validation.error_title = title
            validation.error_message = body
        }
        let error = owned.withUnsafeMutableBufferPointer { buffer in
            validation.value_list = buffer.baseAddress
            return worksheet_data_validation_range(
                pointer, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                lxw_row_t(range.last.row), lxw_col_t(range.last.column), &validation)
        }
        try check(error, "cannot add a drop-down list", range.first.row, range.first.column)
    }
}
