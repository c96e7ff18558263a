import CXlsxWriter
import TabularCore

/// An error while building or saving a workbook: a code, the place (file, sheet, cell) and what to do about it.
public struct XLSXWriteError: LocatedError, Hashable {
    /// A stable identifier of the kind of error; new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, e.g. `text-too-long`.
        public let name: String
        /// The kind of failure, for exit codes.
        public let category: FailureCategory

        /// A cell's text is longer than Excel's 32,767 characters.
        public static let textTooLong = Code(name: "text-too-long", category: .limitExceeded)
        /// A row or column index is outside Excel's 1,048,576 × 16,384 grid.
        public static let outsideGrid = Code(name: "outside-grid", category: .limitExceeded)
        /// A width, height, scale, margin, page count, font size or color is outside what Excel allows.
        public static let valueOutOfRange = Code(name: "value-out-of-range", category: .limitExceeded)
        /// A format handle (`CellFormat`) or chart belongs to another workbook than the worksheet it is used on.
        public static let wrongWorkbook = Code(name: "wrong-workbook", category: .usage)
        /// A worksheet, chart or format handle is used after its workbook was closed or dropped.
        public static let workbookClosed = Code(name: "workbook-closed", category: .usage)
        /// A sheet name breaks Excel's rules (length, characters, `History`, duplicates).
        public static let invalidSheetName = Code(name: "invalid-sheet-name", category: .usage)
        /// A number is NaN or infinite, which Excel cannot store.
        public static let invalidNumber = Code(name: "invalid-number", category: .invalidData)
        /// A cell or row height is written above the row written last in a streamed worksheet (`RowStorage.streamed`),
        /// whose finished rows are on disk already.
        public static let rowOutOfOrder = Code(name: "row-out-of-order", category: .usage)
        /// An argument breaks one of Excel's other rules (a drop-down list too long, a bad range).
        public static let invalidArgument = Code(name: "invalid-argument", category: .usage)
        /// libxlsxwriter reported an error while building the workbook, or could not allocate memory.
        public static let library = Code(name: "libxlsxwriter", category: .invalidData)
        /// The file could not be created or written.
        public static let output = Code(name: "output", category: .outputFailure)

        /// The code's name.
        public var description: String { name }
    }

    /// What kind of error this is.
    public var code: Code
    /// The code's stable name, by which the message is translated.
    public var codeName: String? { code.name }
    /// What went wrong and how to fix it.
    public var message: String
    /// The output file, sheet and cell concerned, where known.
    public var location: SourceLocation?
    /// The offending value (a row index, a width, a sheet name), when there is one.
    public var value: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, location: SourceLocation? = nil, value: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.value = value
    }

    /// The kind of failure, from the code.
    public var category: FailureCategory { code.category }

    /// An error for a failed libxlsxwriter call, with the library's own message.
    static func library(_ error: lxw_error, _ what: String, location: SourceLocation?) -> XLSXWriteError {
        let reason = String(cString: lxw_strerror(error))
        let code: Code
        switch error {
        case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE,
             LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
             LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
            code = .output
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
            code = .outsideGrid
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
            code = .textTooLong
        default:
            code = .library
        }
        return XLSXWriteError(code, "\(what): \(reason)", location: location)
    }
}
