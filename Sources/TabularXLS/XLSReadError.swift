public import TabularCore

/// An error reading a legacy `.xls` workbook: a code, where it happened (file, sheet and cell, or the byte offset
/// in the file or the `Workbook` stream), and a one-line message saying what went wrong and how to fix it.
public struct XLSReadError: LocatedError, Equatable {
    /// What kind of fault this is; codes are static members so that adding one breaks no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code's stable name, e.g. `corruptContainer`.
        public let name: String
        /// The failure category this code maps to.
        public let category: FailureCategory

        /// The file does not exist or cannot be read.
        public static let fileUnreadable = Code(name: "fileUnreadable", category: .unreadableInput)
        /// The file is empty.
        public static let emptyFile = Code(name: "emptyFile", category: .unreadableInput)
        /// The file is not an OLE compound file (no `D0 CF 11 E0` signature).
        public static let notACompoundFile = Code(name: "notACompoundFile", category: .unreadableInput)
        /// The compound file is damaged: a bad header, a FAT or directory chain that loops, points past the end of
        /// the file or is too short for its stream, a directory tree that loops.
        public static let corruptContainer = Code(name: "corruptContainer", category: .unreadableInput)
        /// The compound file holds no `Workbook` (or `Book`) stream: it is another Office document.
        public static let noWorkbookStream = Code(name: "noWorkbookStream", category: .unreadableInput)
        /// The workbook is password-protected: a FILEPASS record, or an encrypted OOXML package in an OLE container.
        public static let passwordProtected = Code(name: "passwordProtected", category: .unreadableInput)
        /// The workbook is in a BIFF version this reader does not read (BIFF2, BIFF3, BIFF4).
        public static let unsupportedVersion = Code(name: "unsupportedVersion", category: .unreadableInput)
        /// A BIFF record is damaged: truncated, too short for its type, a string longer than its record, an SST
        /// whose count does not match its strings, a sheet offset outside the stream.
        public static let corruptRecord = Code(name: "corruptRecord", category: .unreadableInput)
        /// A cell lies outside the sheet grid, or cells come out of row order.
        public static let invalidReference = Code(name: "invalidReference", category: .unreadableInput)
        /// A LABELSST cell's index is outside the shared-string table.
        public static let sharedStringIndexOutOfRange = Code(
            name: "sharedStringIndexOutOfRange", category: .unreadableInput)
        /// The workbook has no worksheet.
        public static let noWorksheet = Code(name: "noWorksheet", category: .unreadableInput)
        /// The requested sheet does not exist or is not a worksheet.
        public static let noSuchSheet = Code(name: "noSuchSheet", category: .usage)
        /// A BIFF5 workbook's code page cannot be converted to Unicode on this system.
        public static let unknownCodePage = Code(name: "unknownCodePage", category: .unreadableInput)
        /// A safety cap (stream size, directory entries, shared strings, merged ranges, filled cells) was exceeded.
        public static let structureLimit = Code(name: "structureLimit", category: .limitExceeded)

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of fault.
    public var code: Code
    /// The code's stable name, by which the message is translated.
    public var codeName: String? { code.name }
    /// Where the fault is: file, sheet, row and column, or a byte offset, where known.
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
