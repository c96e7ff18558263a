public import TabularCore

/// An error reading a workbook: a code, where it happened, and a one-line message saying what and how to fix it.
public struct XLSXReadError: LocatedError, Equatable {
    /// What kind of fault this is; codes are static members so that adding one breaks no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code's stable name, e.g. `sharedStringIndexOutOfRange`.
        public let name: String
        /// The failure category this code maps to.
        public let category: FailureCategory

        /// The file does not exist or cannot be opened.
        public static let fileUnreadable = Code(name: "fileUnreadable", category: .unreadableInput)
        /// The file is empty.
        public static let emptyFile = Code(name: "emptyFile", category: .unreadableInput)
        /// The file is not a ZIP package at all (e.g. a CSV renamed .xlsx).
        public static let notAZipPackage = Code(name: "notAZipPackage", category: .unreadableInput)
        /// The file is an encrypted (password-protected) OOXML workbook in an OLE container.
        public static let passwordProtected = Code(name: "passwordProtected", category: .unreadableInput)
        /// The file is a legacy Excel 97-2003 (BIFF) `.xls` workbook.
        public static let legacyXLS = Code(name: "legacyXLS", category: .unreadableInput)
        /// The file is Excel's lock file (`~$name.xlsx`) for a workbook open in Excel, not a workbook.
        public static let excelLockFile = Code(name: "excelLockFile", category: .unreadableInput)
        /// The file is a binary `.xlsb` workbook.
        public static let binaryXLSB = Code(name: "binaryXLSB", category: .unreadableInput)
        /// The file is an OpenDocument `.ods` spreadsheet.
        public static let openDocument = Code(name: "openDocument", category: .unreadableInput)
        /// The ZIP container is damaged: bad central directory, bad CRC, truncated or corrupt deflate data.
        public static let corruptZip = Code(name: "corruptZip", category: .unreadableInput)
        /// A ZIP entry name is absolute or contains `..`.
        public static let unsafeEntryName = Code(name: "unsafeEntryName", category: .unreadableInput)
        /// A part the workbook needs is missing from the package.
        public static let missingPart = Code(name: "missingPart", category: .unreadableInput)
        /// A relationship target points outside the package (`../../etc/passwd`).
        public static let targetOutsidePackage = Code(name: "targetOutsidePackage", category: .unreadableInput)
        /// The workbook has no worksheet.
        public static let noWorksheet = Code(name: "noWorksheet", category: .unreadableInput)
        /// The requested sheet does not exist or is not a worksheet.
        public static let noSuchSheet = Code(name: "noSuchSheet", category: .usage)
        /// An XML part is malformed: unbalanced, truncated, bad entity, bad attribute syntax, invalid UTF-8.
        public static let malformedXML = Code(name: "malformedXML", category: .unreadableInput)
        /// An XML part declares a DOCTYPE or entities, which are refused (no entity expansion, no XXE).
        public static let doctypeForbidden = Code(name: "doctypeForbidden", category: .unreadableInput)
        /// A cell or range reference is malformed or beyond XFD1048576, or rows/cells are out of order.
        public static let invalidReference = Code(name: "invalidReference", category: .unreadableInput)
        /// A cell's value cannot be read as its declared type (bad number, boolean, date, unknown type).
        public static let invalidCellValue = Code(name: "invalidCellValue", category: .unreadableInput)
        /// A cell's shared-string index is outside the shared-string table.
        public static let sharedStringIndexOutOfRange = Code(
            name: "sharedStringIndexOutOfRange", category: .unreadableInput)
        /// A cell's style index is outside the `cellXfs` table.
        public static let styleIndexOutOfRange = Code(name: "styleIndexOutOfRange", category: .unreadableInput)
        /// A decompression cap (per part, total, or compression ratio) was exceeded: a likely zip bomb.
        public static let decompressionLimit = Code(name: "decompressionLimit", category: .limitExceeded)
        /// A structural cap (ZIP entries, XML depth, token size, merged ranges, strings) was exceeded.
        public static let structureLimit = Code(name: "structureLimit", category: .limitExceeded)

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of fault.
    public var code: Code
    /// The code's stable name, by which the message is translated.
    public var codeName: String? { code.name }
    /// Where the fault is: file, sheet, row and column where known.
    public var location: SourceLocation?
    /// What went wrong and how to fix it, on one line.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, location: SourceLocation?) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// The failure category, from the code.
    public var category: FailureCategory { code.category }
}
