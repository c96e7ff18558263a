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

    /// Whether two lists are the same, error messages compared by value.
    public static func == (lhs: DropDownList, rhs: DropDownList) -> Bool {
        lhs.values == rhs.values && lhs.allowsBlank == rhs.allowsBlank
            && lhs.errorMessage?.title == rhs.errorMessage?.title && lhs.errorMessage?.message == rhs.errorMessage?.message
    }

    /// Hashes the values (equal lists hash equally).
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

extension Worksheet {
    /// Adds a conditional format to a range; rules added first take priority.
    ///
    /// - Throws: `.invalidArgument` for an empty formula, `.outsideGrid`, `.workbookClosed`, the codes of
    ///   `CellStyle`'s checks, or libxlsxwriter's code.
    public func addConditionalFormat(_ rule: ConditionalFormat, to range: CellRange) throws {
        let sheet = try cells(range)
        try refuseWhileHanded("given a conditional format (the workbook's dxf table is shared)")
        guard !rule.formula.isEmpty, rule.formula != "=", rule.formula.utf16.count <= 8_192, !rule.formula.utf8.contains(0) else {
            throw XLSXWriteError(.invalidArgument, "a conditional format needs a formula of 1 to 8,192 characters",
                                 location: location(range.first.row, range.first.column), value: rule.formula)
        }
        var lxw = lxw_conditional_format()
        lxw.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        lxw.format = try format(rule.style, range.first.row, range.first.column)
        lxw.stop_if_true = rule.stopIfTrue ? 1 : 0
        let error = rule.formula.withCString { formula in
            lxw.value_string = UnsafeMutablePointer(mutating: formula)
            return worksheet_conditional_format_range(
                sheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                lxw_row_t(range.last.row), lxw_col_t(range.last.column), &lxw)
        }
        try check(error, "cannot add the conditional format \(rule.formula)", range.first.row, range.first.column)
    }

    /// Restricts a range to a drop-down list of values.
    ///
    /// - Throws: `.invalidArgument` when the values joined by commas pass Excel's 255-character limit or contain
    ///   a comma, or the error title passes 32 characters or the message 255; `.outsideGrid`, `.workbookClosed`,
    ///   `.library` when memory runs out, or libxlsxwriter's code.
    public func addDropDown(_ list: DropDownList, to range: CellRange) throws {
        let sheet = try cells(range)
        let place = location(range.first.row, range.first.column)
        let joinedLength = list.values.reduce(0) { $0 + $1.utf16.count } + max(0, list.values.count - 1)
        guard !list.values.isEmpty, joinedLength <= 255,
              !list.values.contains(where: { $0.contains(",") || $0.utf8.contains(0) }) else {
            throw XLSXWriteError(.invalidArgument, "a drop-down list needs 1 to 255 characters of values without commas",
                                 location: place, value: list.values.joined(separator: ","))
        }
        if let message = list.errorMessage {
            guard message.title.utf16.count <= 32, message.message.utf16.count <= 255,
                  !message.title.utf8.contains(0), !message.message.utf8.contains(0) else {
                throw XLSXWriteError(.invalidArgument, "a drop-down's error title has at most 32 characters and its message 255",
                                     location: place, value: message.title)
            }
        }
        var owned: [UnsafeMutablePointer<CChar>?] = []
        defer { owned.forEach { free($0) } }
        func copy(_ text: String) throws -> UnsafeMutablePointer<CChar> {
            guard let pointer = strdup(text) else {
                throw XLSXWriteError(.library, "out of memory copying a drop-down list", location: place)
            }
            owned.append(pointer)
            return pointer
        }
        var values: [UnsafeMutablePointer<CChar>?] = try list.values.map { try copy($0) }
        values.append(nil)
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        validation.ignore_blank = UInt8(list.allowsBlank ? LXW_VALIDATION_ON.rawValue : LXW_VALIDATION_OFF.rawValue)
        if let message = list.errorMessage {
            validation.error_title = try copy(message.title)
            validation.error_message = try copy(message.message)
        }
        let error = values.withUnsafeMutableBufferPointer { buffer in
            validation.value_list = buffer.baseAddress
            return worksheet_data_validation_range(
                sheet, lxw_row_t(range.first.row), lxw_col_t(range.first.column),
                lxw_row_t(range.last.row), lxw_col_t(range.last.column), &validation)
        }
        try check(error, "cannot add a drop-down list", range.first.row, range.first.column)
    }
}
