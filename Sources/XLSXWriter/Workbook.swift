import CXlsxWriter
import OutputSupport
import TabularCore

/// Document properties shown in Excel's File › Info: title, subject, author and so on.
public struct DocumentProperties: Sendable, Hashable {
    /// The document's title.
    public var title: String?
    /// The subject.
    public var subject: String?
    /// The author (for a ledger: the unit that keeps it).
    public var author: String?
    /// The manager.
    public var manager: String?
    /// The company or organization.
    public var company: String?
    /// A category.
    public var category: String?
    /// Keywords.
    public var keywords: String?
    /// A comment.
    public var comments: String?
    /// The creation time as seconds since 1970 UTC; nil for now. Fixing it makes the output byte-reproducible.
    public var created: Int?

    /// Creates empty properties.
    public init() {}
}

/// Options for creating a workbook.
public struct WorkbookOptions: Sendable, Hashable {
    /// Write rows straight to disk as they are finished, so memory stays flat (rows must then be written in order,
    /// and merged cells are not available). Default: off.
    public var constantMemory = false
    /// A folder for libxlsxwriter's temporary files; nil for the system's. Default: nil.
    public var temporaryDirectory: String?
    /// Allow ZIP64 so that parts may exceed 4 GB. Default: on, since a million-row sheet can pass 4 GB of XML.
    public var useZip64 = true

    /// The defaults.
    public init() {}
}

/// An XLSX workbook being built; the sole owner of the libxlsxwriter workbook, written to disk by `close()`.
///
/// The file appears at `path` only when `close()` succeeds: it is built in a temporary file beside the target
/// and renamed into place, so a failure or a dropped workbook leaves the old file (or nothing), never a partial one.
/// A workbook is not copyable, and `close()` consumes it, so nothing can use it after it is written. Worksheets
/// taken from it must not be used after that either (a precondition checks this).
public struct Workbook: ~Copyable {
    private let core: WorkbookCore
    private let destination: AtomicFile

    /// Starts a workbook that will be written to `path`.
    ///
    /// - Throws: `XLSXWriteError.Code.output` when the folder of `path` cannot hold a new file.
    public init(path: String, options: WorkbookOptions = WorkbookOptions()) throws {
        AtomicFile.removeStaleTemporaries(besides: path)
        let destination: AtomicFile
        do {
            destination = try AtomicFile(target: path)
        } catch let error as AtomicFileError {
            throw XLSXWriteError(.output, error.message, location: error.location)
        }
        var lxwOptions = lxw_workbook_options()
        lxwOptions.constant_memory = options.constantMemory ? 1 : 0
        lxwOptions.use_zip64 = options.useZip64 ? 1 : 0
        let pointer: UnsafeMutablePointer<lxw_workbook>? = destination.temporaryPath.withCString { file in
            if let folder = options.temporaryDirectory {
                return folder.withCString { folderPointer in
                    lxwOptions.tmpdir = UnsafeMutablePointer(mutating: folderPointer)
                    return workbook_new_opt(file, &lxwOptions)
                }
            }
            return workbook_new_opt(file, &lxwOptions)
        }
        guard let pointer else {
            destination.abandon()
            throw XLSXWriteError(.output, "cannot start a workbook (out of memory?)", location: SourceLocation(file: path))
        }
        self.destination = destination
        core = WorkbookCore(pointer: pointer, path: path, temporaryDirectory: options.temporaryDirectory)
    }

    deinit {
        if core.isOpen {
            core.isOpen = false
            lxw_workbook_free(core.pointer)
            destination.abandon()
        }
    }

    /// The path the workbook will be written to.
    public var path: String { core.path }

    /// Adds a worksheet with a valid, unused name (see `SheetName`).
    ///
    /// - Throws: `.invalidSheetName` when the name breaks Excel's rules or is taken (ignoring case).
    public func addWorksheet(named name: String) throws -> Worksheet {
        precondition(core.isOpen, "workbook used after close")
        if let problem = SheetName.problem(with: name) {
            throw XLSXWriteError(.invalidSheetName, "\(problem): '\(name)'", location: SourceLocation(file: core.path))
        }
        guard core.sheetNames.insert(name.lowercased()).inserted else {
            throw XLSXWriteError(.invalidSheetName, "a sheet named '\(name)' exists already", location: SourceLocation(file: core.path))
        }
        guard let sheet = name.withCString({ workbook_add_worksheet(core.pointer, $0) }) else {
            throw XLSXWriteError(.library, "libxlsxwriter refused the sheet '\(name)'", location: SourceLocation(file: core.path))
        }
        let worksheet = Worksheet(pointer: sheet, name: name, core: core)
        core.worksheets.append(worksheet)
        return worksheet
    }

    /// The names of the worksheets added so far, lowercased, for choosing unused names.
    public var sheetNamesInUse: Set<String> { core.sheetNames }

    /// The Excel format for a style, created once per distinct style and cached.
    public func format(_ style: CellStyle) -> Format {
        core.format(style)
    }

    /// Sets the document properties.
    ///
    /// - Throws: `.library` if libxlsxwriter refuses them.
    public func setProperties(_ properties: DocumentProperties) throws {
        precondition(core.isOpen, "workbook used after close")
        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer { strings.forEach { free($0) } }
        func copy(_ text: String?) -> UnsafeMutablePointer<CChar>? {
            guard let text else { return nil }
            let pointer = strdup(text)
            strings.append(pointer)
            return pointer
        }
        var lxw = lxw_doc_properties()
        lxw.title = copy(properties.title)
        lxw.subject = copy(properties.subject)
        lxw.author = copy(properties.author)
        lxw.manager = copy(properties.manager)
        lxw.company = copy(properties.company)
        lxw.category = copy(properties.category)
        lxw.keywords = copy(properties.keywords)
        lxw.comments = copy(properties.comments)
        if let created = properties.created { lxw.created = time_t(created) }
        let error = workbook_set_properties(core.pointer, &lxw)
        if error != LXW_NO_ERROR {
            throw XLSXWriteError.library(error, "cannot set document properties", location: SourceLocation(file: core.path))
        }
    }

    /// Adds a chart, to be filled with series and inserted into a worksheet.
    public func addChart(_ kind: Chart.Kind) -> Chart {
        precondition(core.isOpen, "workbook used after close")
        return Chart(pointer: workbook_add_chart(core.pointer, kind.lxwType), core: core)
    }

    /// Writes the workbook and moves it into place at `path`.
    ///
    /// - Throws: `XLSXWriteError` with `.output` when the file cannot be written (folder gone, disk full), or the
    ///   library's code otherwise. Either way no file is left at `path` that was not there before.
    public consuming func close() throws {
        precondition(core.isOpen, "workbook closed twice")
        // libxlsxwriter does not check its temporary-file writes: find a full disk or a file-size limit here,
        // before and after it assembles the package, rather than ship a workbook with rows missing.
        let storedRowData: [Int]
        do {
            storedRowData = try core.worksheets.map { try $0.flushRowStorage() }
        } catch {
            core.isOpen = false
            lxw_workbook_free(core.pointer)
            destination.abandon()
            throw error
        }
        core.isOpen = false
        let error = workbook_close(core.pointer)
        if error != LXW_NO_ERROR {
            destination.abandon()
            throw XLSXWriteError.library(error, "cannot write the workbook", location: SourceLocation(file: core.path))
        }
        do {
            try PackageCheck.verify(destination.temporaryPath, worksheetDataSizes: storedRowData, reportingAs: core.path)
        } catch {
            destination.abandon()
            throw error
        }
        do {
            try destination.commit()
        } catch let failure as AtomicFileError {
            throw XLSXWriteError(.output, failure.message, location: failure.location)
        }
    }
}

/// The state that worksheets, formats and charts share with their workbook: the C pointer and the format cache.
final class WorkbookCore: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<lxw_workbook>
    let path: String
    let temporaryDirectory: String?
    var isOpen = true
    var sheetNames: Set<String> = []
    /// The worksheets in the order they were added (`xl/worksheets/sheetN.xml` in the package).
    var worksheets: [Worksheet] = []
    private var formats: [CellStyle: Format] = [:]

    init(pointer: UnsafeMutablePointer<lxw_workbook>, path: String, temporaryDirectory: String?) {
        self.pointer = pointer
        self.path = path
        self.temporaryDirectory = temporaryDirectory
    }

    func format(_ style: CellStyle) -> Format {
        precondition(isOpen, "workbook used after close")
        if let cached = formats[style] { return cached }
        guard let pointer = workbook_add_format(pointer) else {
            preconditionFailure("libxlsxwriter could not allocate a format")
        }
        style.apply(to: pointer)
        let format = Format(pointer: pointer)
        formats[style] = format
        return format
    }
}
