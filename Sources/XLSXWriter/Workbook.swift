import CXlsxWriter
import OutputSupport
import Synchronization
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

/// How a worksheet holds its cells until the workbook is written.
public enum RowStorage: Sendable, Hashable {
    /// Every cell stays in memory until `Workbook.close()`: cells may be written in any order, and the sheet's texts
    /// go to the workbook's shared strings.
    case inMemory
    /// Each row goes to a temporary file as soon as a later row is started (libxlsxwriter's constant memory), so the
    /// sheet's memory stays flat: rows are written top to bottom (a cell or row height above the row written last
    /// throws `.rowOutOfOrder`), texts are stored in their cells (inline strings) rather than shared, and a range of
    /// several rows is merged with `Worksheet.markMerged(_:)` before its cells are written.
    case streamed
}

/// Options for creating a workbook.
public struct WorkbookOptions: Sendable, Hashable {
    /// Stream every worksheet (`RowStorage.streamed`): rows go to disk as they are finished, so memory stays flat;
    /// rows must then be written in order. Default: off (each sheet chooses, in memory unless it asks otherwise).
    public var constantMemory = false
    /// A folder for libxlsxwriter's temporary files; nil for the system's. Default: nil.
    public var temporaryDirectory: String?
    /// Allow ZIP64 so that parts may exceed 4 GB. Default: on, since a million-row sheet can pass 4 GB of XML.
    public var useZip64 = true
    /// The stdio buffer, in bytes, of each streamed sheet's temporary file (libxlsxwriter's row storage, written
    /// row by row and copied into the package at `close()`); nil for stdio's default (the file system's block,
    /// 4 KB here: a write system call per 4 KB of row XML, and as many reads at close). Default: nil.
    /// Memory: this many bytes per streamed sheet, until the workbook and its sheets are gone.
    public var rowStorageBufferSize: Int?

    /// The defaults.
    public init() {}
}

/// An XLSX workbook being built; the sole owner of the libxlsxwriter workbook, written to disk by `close()`.
///
/// The file appears at `path` only when `close()` succeeds: it is built in a temporary file beside the target
/// and renamed into place, so a failure or a dropped workbook leaves the old file (or nothing), never a partial one.
/// A workbook is not copyable, and `close()` consumes it, so nothing can use it after it is written. Worksheets,
/// charts and format handles taken from it hold no C pointer that outlives it: used after the workbook closed (or was
/// dropped), they throw `.workbookClosed`; a chart or format handle used on another workbook's worksheet throws
/// `.wrongWorkbook`. Cell looks are best passed as `CellStyle` values, which each worksheet resolves in its own
/// workbook; `CellFormat` handles are the cheap form for hot loops.
///
/// Memory: the workbook's Swift state is freed when the workbook and every worksheet and chart taken from it are
/// gone (they refer to the workbook, never the other way round); the C workbook is freed by `close()` or on drop.
public struct Workbook: ~Copyable {
    let core: WorkbookCore
    private let destination: AtomicFile

    /// Starts a workbook that will be written to `path`.
    ///
    /// - Throws: `XLSXWriteError.Code.output` when the folder of `path` cannot hold a new file or libxlsxwriter cannot
    ///   start a workbook there.
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
            throw XLSXWriteError(.output, "cannot start a workbook (out of memory, or the temporary folder is unusable)",
                                 location: SourceLocation(file: path), value: options.temporaryDirectory)
        }
        self.destination = destination
        core = WorkbookCore(pointer: pointer, path: path, streamsEverySheet: options.constantMemory,
                            rowStorageBufferSize: options.rowStorageBufferSize)
    }

    deinit {
        if let pointer = core.release() {
            lxw_workbook_free(pointer)
            destination.abandon()
        }
    }

    /// The path the workbook will be written to.
    public var path: String { core.path }

    /// Adds a worksheet with a valid, unused name (see `SheetName`), holding its cells as `rows` says: nil for the
    /// workbook's choice (`.streamed` with `WorkbookOptions.constantMemory`, else `.inMemory`).
    ///
    /// - Throws: `.invalidSheetName` when the name breaks Excel's rules or is taken (ignoring case);
    ///   `.invalidArgument` for an in-memory sheet in a constant-memory workbook; `.library` when libxlsxwriter
    ///   refuses the sheet or runs out of memory.
    public func addWorksheet(named name: String, rows: RowStorage? = nil) throws -> Worksheet {
        let workbook = try core.openPointer()
        let storage = rows ?? (core.streamsEverySheet ? .streamed : .inMemory)
        if core.streamsEverySheet, storage == .inMemory {
            throw XLSXWriteError(.invalidArgument, "a constant-memory workbook streams every sheet; add '\(name)' without rows: .inMemory",
                                 location: SourceLocation(file: core.path), value: name)
        }
        if let problem = SheetName.problem(with: name) {
            throw XLSXWriteError(.invalidSheetName, "\(problem): '\(name)'", location: SourceLocation(file: core.path), value: name)
        }
        guard !core.sheetNames.contains(name.lowercased()) else {
            throw XLSXWriteError(.invalidSheetName, "a sheet named '\(name)' exists already",
                                 location: SourceLocation(file: core.path), value: name)
        }
        // libxlsxwriter decides a sheet's storage from the workbook's option when the sheet is added: set it for this
        // sheet only.
        let workbookStreams = workbook.pointee.options.constant_memory
        workbook.pointee.options.constant_memory = storage == .streamed ? 1 : 0
        defer { workbook.pointee.options.constant_memory = workbookStreams }
        guard let sheet = name.withCString({ workbook_add_worksheet(workbook, $0) }) else {
            throw XLSXWriteError(.library, "libxlsxwriter refused the sheet '\(name)' (out of memory?)",
                                 location: SourceLocation(file: core.path), value: name)
        }
        if storage == .streamed { try core.bufferRowStorage(of: sheet, name: name) }
        core.sheetNames.insert(name.lowercased())
        core.sheets.append((sheet, name))
        return Worksheet(pointer: sheet, name: name, core: core, rowStorage: storage)
    }

    /// The names of the worksheets added so far, lowercased, for choosing unused names.
    public var sheetNamesInUse: Set<String> { core.sheetNames }

    /// This workbook's format for a style, made on first use and cached: a cheap handle for writing many cells.
    ///
    /// - Throws: `.valueOutOfRange` or `.invalidArgument` for a style Excel cannot hold (see `CellStyle`),
    ///   `.library` when libxlsxwriter cannot allocate the format.
    public func format(_ style: CellStyle) throws -> CellFormat {
        try core.format(for: style, at: SourceLocation(file: core.path))
    }

    /// Sets the document properties.
    ///
    /// - Throws: `.library` if libxlsxwriter refuses them.
    public func setProperties(_ properties: DocumentProperties) throws {
        let workbook = try core.openPointer()
        var strings: [UnsafeMutablePointer<CChar>] = []
        defer { strings.forEach { free($0) } }
        func copy(_ text: String?) throws -> UnsafeMutablePointer<CChar>? {
            guard let text else { return nil }
            guard let pointer = strdup(text) else {
                throw XLSXWriteError(.library, "out of memory copying the document properties", location: SourceLocation(file: core.path))
            }
            strings.append(pointer)
            return pointer
        }
        var lxw = lxw_doc_properties()
        lxw.title = try copy(properties.title)
        lxw.subject = try copy(properties.subject)
        lxw.author = try copy(properties.author)
        lxw.manager = try copy(properties.manager)
        lxw.company = try copy(properties.company)
        lxw.category = try copy(properties.category)
        lxw.keywords = try copy(properties.keywords)
        lxw.comments = try copy(properties.comments)
        if let created = properties.created { lxw.created = time_t(created) }
        let error = workbook_set_properties(workbook, &lxw)
        if error != LXW_NO_ERROR {
            throw XLSXWriteError.library(error, "cannot set document properties", location: SourceLocation(file: core.path))
        }
    }

    /// Adds a chart, to be filled with series and inserted into one worksheet of this workbook.
    ///
    /// - Throws: `.library` when libxlsxwriter cannot allocate the chart.
    public func addChart(_ kind: Chart.Kind) throws -> Chart {
        let workbook = try core.openPointer()
        guard let chart = workbook_add_chart(workbook, kind.lxwType) else {
            throw XLSXWriteError(.library, "libxlsxwriter could not allocate a chart (out of memory?)",
                                 location: SourceLocation(file: core.path))
        }
        return Chart(pointer: chart, kind: kind, core: core)
    }

    /// Writes the workbook and moves it into place at `path`.
    ///
    /// - Throws: `XLSXWriteError` with `.output` when the file cannot be written (folder gone, disk full), or the
    ///   library's code otherwise. Either way no file is left at `path` that was not there before.
    public consuming func close() throws {
        // libxlsxwriter does not check its temporary-file writes: find a full disk or a file-size limit here,
        // before and after it assembles the package, rather than ship a workbook with rows missing.
        let storedRowData: [Int]
        do {
            storedRowData = try core.sheets.map { try Worksheet.flushRowStorage($0.pointer, name: $0.name, path: core.path) }
        } catch {
            if let pointer = core.release() { lxw_workbook_free(pointer) }
            destination.abandon()
            throw error
        }
        guard let pointer = core.release() else { preconditionFailure("a workbook is closed only once, by close()") }
        let error = workbook_close(pointer)
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

/// The state that worksheets and charts share with their workbook: the C pointer while the workbook is open, the
/// formats made from styles, and the C worksheets for the checks at close.
///
/// It refers to no `Worksheet` or `Chart` (they refer to it), so there is no reference cycle. Not `Sendable`: a
/// workbook, its worksheets and charts are used from one thread at a time, like any non-Sendable value, except the
/// worksheets `Workbook.writeConcurrently` hands to its second thread, which read only the formats frozen for them.
final class WorkbookCore {
    /// The libxlsxwriter workbook; nil once it was closed or freed, after which every format pointer is gone too.
    /// (Read for every cell, so without the dynamic exclusivity check: the core is not Sendable, and nothing
    /// holds an access to it across a call.)
    @exclusivity(unchecked) private var pointer: UnsafeMutablePointer<lxw_workbook>?
    /// The output path, for error locations.
    let path: String
    /// The lowercased names of the worksheets added so far.
    var sheetNames: Set<String> = []
    /// The C worksheets in the order they were added (`xl/worksheets/sheetN.xml` in the package), with their names.
    var sheets: [(pointer: UnsafeMutablePointer<lxw_worksheet>, name: String)] = []
    /// The identity that this workbook's `CellFormat` handles carry: unique in the process, never reused.
    let identity = WorkbookCore.nextIdentity.add(1, ordering: .relaxed).newValue
    /// The source of identities.
    private static let nextIdentity = Atomic<UInt64>(0)
    /// One libxlsxwriter format per distinct style, owned by the C workbook, by `CellFormat.index`.
    /// (Read for every formatted cell; unchecked for the reason given at `pointer`.)
    @exclusivity(unchecked) private var formats: [UnsafeMutablePointer<lxw_format>] = []
    /// The index in `formats` of each style made so far.
    private(set) var formatIndexes: [CellStyle: Int] = [:]
    /// Every format made so far, by `CellFormat.index`.
    var allFormats: [UnsafeMutablePointer<lxw_format>] { formats }

    /// Whether every sheet is streamed (`WorkbookOptions.constantMemory`).
    let streamsEverySheet: Bool

    init(pointer: UnsafeMutablePointer<lxw_workbook>, path: String, streamsEverySheet: Bool, rowStorageBufferSize: Int?) {
        self.pointer = pointer
        self.path = path
        self.streamsEverySheet = streamsEverySheet
        self.rowStorageBufferSize = rowStorageBufferSize
    }

    deinit {
        // The C workbook, which closes the temporary files, was closed or freed before the core goes (the Workbook
        // holds the core while it does either).
        rowStorageBuffers.forEach { free($0) }
    }

    /// The stdio buffers given to the streamed sheets' temporary files, freed with the core.
    private var rowStorageBuffers: [UnsafeMutableRawPointer] = []

    /// The size of a streamed sheet's temporary-file buffer (`WorkbookOptions.rowStorageBufferSize`); nil for stdio's.
    let rowStorageBufferSize: Int?

    /// Gives a streamed sheet's temporary file (libxlsxwriter's `optimize_tmpfile`, opened when the sheet was added
    /// and not yet written) a buffer of `rowStorageBufferSize` bytes, when the options ask for one.
    ///
    /// - Throws: `.library` when the buffer cannot be allocated or stdio refuses it.
    func bufferRowStorage(of sheet: UnsafeMutablePointer<lxw_worksheet>, name: String) throws {
        guard let size = rowStorageBufferSize, size > 0, let file = sheet.pointee.optimize_tmpfile else { return }
        guard let buffer = malloc(size) else {
            throw XLSXWriteError(.library, "out of memory for the sheet's row storage", location: SourceLocation(file: path, sheet: name))
        }
        guard setvbuf(file, buffer.assumingMemoryBound(to: CChar.self), _IOFBF, size) == 0 else {
            free(buffer)
            throw XLSXWriteError(.library, "cannot buffer the sheet's row storage", location: SourceLocation(file: path, sheet: name))
        }
        rowStorageBuffers.append(buffer)
    }

    /// Whether the C workbook is still open.
    var isOpen: Bool { pointer != nil }

    /// The C workbook.
    ///
    /// - Throws: `.workbookClosed` once the workbook was closed or dropped.
    @inline(__always)
    func openPointer(sheet: @autoclosure () -> String? = nil) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let pointer else { throw closedError(sheet: sheet()) }
        return pointer
    }

    /// The error for a use after close.
    func closedError(sheet: String?) -> XLSXWriteError {
        XLSXWriteError(.workbookClosed, "the workbook was already closed (or dropped); use its worksheets, charts and formats only before close()",
                       location: SourceLocation(file: path, sheet: sheet))
    }

    /// Hands over the C workbook for closing or freeing, exactly once; every later use throws `.workbookClosed`.
    func release() -> UnsafeMutablePointer<lxw_workbook>? {
        defer {
            pointer = nil
            formats = []
            formatIndexes = [:]
            sheets = []
        }
        return pointer
    }

    /// The handle of this workbook's format for a style, made on first use and cached.
    ///
    /// - Throws: `.workbookClosed` after close, `.valueOutOfRange`/`.invalidArgument` for a style Excel cannot hold,
    ///   `.library` when libxlsxwriter cannot allocate the format.
    func format(for style: CellStyle, at location: @autoclosure () -> SourceLocation) throws -> CellFormat {
        let workbook = try openPointer(sheet: location().sheet)
        if let index = formatIndexes[style] { return CellFormat(workbook: identity, index: index) }
        try style.validate(at: location())
        guard let format = workbook_add_format(workbook) else {
            throw XLSXWriteError(.library, "libxlsxwriter could not allocate a format (out of memory?)", location: location())
        }
        style.apply(to: format)
        formats.append(format)
        formatIndexes[style] = formats.count - 1
        return CellFormat(workbook: identity, index: formats.count - 1)
    }

    /// The C format behind a handle, checked to belong to this open workbook.
    ///
    /// - Throws: `.workbookClosed` after close, `.wrongWorkbook` for a handle of another workbook.
    @inline(__always)
    func pointer(of format: CellFormat, at location: @autoclosure () -> SourceLocation) throws -> UnsafeMutablePointer<lxw_format> {
        guard format.workbook == identity else {
            throw XLSXWriteError(.wrongWorkbook, "the format was made by another workbook; make it with this workbook's format(_:)",
                                 location: location())
        }
        _ = try openPointer(sheet: location().sheet)
        return formats[format.index]
    }
}

/// A style made into a format of one workbook: a cheap, checked handle for writing many cells with the same look.
///
/// Make one with `Workbook.format(_:)` or `Worksheet.format(_:)`. Passing it to a worksheet of another workbook throws
/// `.wrongWorkbook`; using it after its workbook closed throws `.workbookClosed`. It holds no pointer, only the
/// workbook's identity (unique in the process, never reused) and an index, so it is a plain value. Where speed does
/// not matter, pass the `CellStyle` itself (`style:`) instead.
public struct CellFormat: Hashable, Sendable {
    /// The identity of the workbook the format belongs to.
    let workbook: UInt64
    /// Its index among the workbook's formats.
    let index: Int
}
