/// Where a value or an error sits in an input: file, sheet, line or row, column and byte offset where known.
///
/// Lines, rows and columns are 1-based, as a text editor or Excel counts them; byte offsets are 0-based.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as the user gave it.
    public var file: String
    /// The worksheet name, for workbook inputs.
    public var sheet: String?
    /// The 1-based line (text inputs) or row (workbook inputs).
    public var line: Int?
    /// The 1-based column.
    public var column: Int?
    /// The 0-based byte offset into the file, where known.
    public var byteOffset: Int?

    /// Creates a location; every part but the file is optional.
    public init(file: String, sheet: String? = nil, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
        self.file = file
        self.sheet = sheet
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    /// `file:line:column`, `file[sheet]:row:column` or `file: byte N`, as compilers print locations.
    public var description: String {
        var text = file
        if let sheet { text += "[\(sheet)]" }
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        } else if let byteOffset {
            text += ": byte \(byteOffset)"
        }
        return text
    }
}
