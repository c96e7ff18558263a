import CXlsxWriter
import Dispatch
import Foundation
import Synchronization
import TabularCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Workbook {
    /// Writes some worksheets on a second thread while the calling thread goes on with the rest of the workbook:
    /// `second` is given `sheets` (and may use nothing else of the workbook), `first` runs here at the same time.
    ///
    /// libxlsxwriter is not documented as thread-safe, but with streamed sheets a cell write touches nothing another
    /// sheet touches except the cell's format. Read in libxlsxwriter 1.1.4's source: `worksheet_write_string` (inline
    /// strings in a streamed sheet: no shared-string table), `_write_number`/`_write_blank`/`worksheet_set_row`,
    /// `worksheet_write_url_opt` (the sheet's own hyperlink tree and relationship count), `worksheet_merge_range`
    /// (the sheet's merged-range list), `worksheet_data_validation_range`, `worksheet_autofilter`,
    /// `worksheet_freeze_panes` and the page setup all change the `lxw_worksheet` alone, and a finished row is
    /// written by `_write_single_row` into the sheet's own temporary file. The one workbook-wide state a row
    /// reaches is `lxw_format_get_xf_index`, called for each styled cell when its row is written: on a format's
    /// first use it inserts the format into the workbook's table of used formats and stores the index in the format.
    /// So before `second` starts, every format this workbook has made (and one for each of `styles`, made now)
    /// gets its index here, in the order the formats were made, which makes the workbook the same on every run;
    /// `second`'s sheets then resolve styles only from that frozen set (a style not in it throws
    /// `.invalidArgument`), and `lxw_format_get_xf_index` only reads the index the format holds. A style that
    /// libxlsxwriter finds equal to an earlier one is written with the earlier format, so that no lookup in the
    /// shared table happens on the second thread. The calling thread may meanwhile do anything it could do
    /// before, including making new formats and conditional formats (the table insertions and the dxf table stay
    /// on this one thread). What would reach shared state from `second`'s sheets is refused there: conditional
    /// formats (the workbook's dxf table), charts (shared chart objects), and links without a style (the
    /// workbook's default link format).
    ///
    /// Each of `sheets` may be used only on the second thread until this returns: a call on any other thread
    /// throws `.invalidArgument`, as does any use of a sheet already handed to a running `writeConcurrently`.
    /// The second thread's error is thrown after `first` returns; if both fail, `first`'s error is thrown.
    /// - Throws: `.wrongWorkbook` for a sheet of another workbook, `.invalidArgument` for a sheet given twice or
    ///   already handed over, the codes of `CellStyle`'s checks for `styles`, `.workbookClosed`, then what `first`
    ///   or `second` throws.
    public func writeConcurrently(
        handing sheets: [Worksheet], styles: [CellStyle],
        to second: @escaping @Sendable (HandedSheets) throws -> Void,
        whileHere first: () throws -> Void
    ) throws {
        let workbook = try core.openPointer()
        let location = SourceLocation(file: core.path)
        for (index, sheet) in sheets.enumerated() {
            guard sheet.core === core else {
                throw XLSXWriteError(.wrongWorkbook, "the worksheet '\(sheet.name)' belongs to another workbook",
                                     location: location, value: sheet.name)
            }
            guard sheet.lane == nil, !sheets[..<index].contains(where: { $0 === sheet }) else {
                throw XLSXWriteError(.invalidArgument, "the worksheet '\(sheet.name)' is handed to a second thread twice",
                                     location: location, value: sheet.name)
            }
        }
        for style in styles { _ = try core.format(for: style, at: location) }
        let lane = try SheetLane(frozen: core, workbook: workbook)
        for sheet in sheets { sheet.lane = lane }
        defer { for sheet in sheets { sheet.lane = nil } }

        let handed = HandedSheets(sheets: sheets)
        let failure = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            lane.claim()
            do {
                try second(handed)
            } catch {
                failure.withLock { $0 = error }
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
        let firstError: (any Error)?
        do {
            try first()
            firstError = nil
        } catch {
            firstError = error
        }
        done.wait()
        if let firstError { throw firstError }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// The worksheets `Workbook.writeConcurrently` hands to its second thread, to be used there alone.
///
/// It is `Sendable` because the hand-over is checked: each sheet refuses calls from any thread but the one it was
/// handed to until `writeConcurrently` returns, and what the sheets share with the workbook (its formats) is frozen
/// for them first.
public struct HandedSheets: @unchecked Sendable {
    /// The sheets, in the order they were given.
    public let sheets: [Worksheet]

    /// The sheet at `index` of `sheets`.
    public subscript(index: Int) -> Worksheet { sheets[index] }
}

/// What the worksheets handed to a second thread share: the thread that may use them, and the workbook's formats
/// frozen when they were handed over (each with its index assigned), which they resolve styles from.
final class SheetLane: Sendable {
    /// Until the second thread claims the lane: no thread may use its sheets.
    private static let unclaimed: UInt = .max
    /// The thread that may use the lane's sheets.
    private let owner = Atomic<UInt>(SheetLane.unclaimed)
    /// The workbook's identity, as its `CellFormat`s carry it.
    let identity: UInt64
    /// The C format of each `CellFormat.index`: the workbook's, or for a style libxlsxwriter finds equal to an
    /// earlier one, that one's.
    private let pointers: [UInt]
    /// The index of each style's format.
    private let indexes: [CellStyle: Int]

    /// Freezes the formats `core` made so far, giving each its index in the workbook's table of used formats (a
    /// format made before for a conditional format only gets one too, unused).
    ///
    /// - Throws: `.library` when libxlsxwriter could not index a format (out of memory).
    init(frozen core: WorkbookCore, workbook: UnsafeMutablePointer<lxw_workbook>) throws {
        identity = core.identity
        indexes = core.formatIndexes
        var pointers: [UInt] = []
        for format in core.allFormats {
            let xf = lxw_format_get_xf_index(format)
            if format.pointee.xf_index != LXW_PROPERTY_UNSET {
                pointers.append(UInt(bitPattern: format))
                continue
            }
            // libxlsxwriter found an equal format with an index already and left this one without: use that one.
            guard let equal = SheetLane.format(indexed: xf, in: workbook) else {
                throw XLSXWriteError(.library, "libxlsxwriter could not index a format (out of memory?)",
                                     location: SourceLocation(file: core.path))
            }
            pointers.append(UInt(bitPattern: equal))
        }
        self.pointers = pointers
    }

    /// The workbook's format holding `xf` as its index.
    private static func format(indexed xf: Int32, in workbook: UnsafeMutablePointer<lxw_workbook>)
        -> UnsafeMutablePointer<lxw_format>?
    {
        var next = workbook.pointee.formats?.pointee.stqh_first
        while let format = next {
            if format.pointee.xf_index == xf { return format }
            next = format.pointee.list_pointers.stqe_next
        }
        return nil
    }

    /// The calling thread becomes the one that may use the lane's sheets.
    func claim() {
        owner.store(SheetLane.currentThread, ordering: .relaxed)
    }

    /// An identifier of the calling thread.
    static var currentThread: UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }

    /// Refuses a call on a thread other than the lane's.
    ///
    /// - Throws: `.invalidArgument`.
    @inline(__always)
    func checkThread(sheet: String, path: String) throws {
        guard owner.load(ordering: .relaxed) == SheetLane.currentThread else {
            throw XLSXWriteError(.invalidArgument,
                                 "the worksheet '\(sheet)' is handed to another thread (Workbook.writeConcurrently); use it only in the closure it was handed to",
                                 location: SourceLocation(file: path, sheet: sheet), value: sheet)
        }
    }

    /// The frozen format of a style.
    ///
    /// - Throws: `.invalidArgument` for a style not made before the hand-over.
    func handle(for style: CellStyle, at location: @autoclosure () -> SourceLocation) throws -> CellFormat {
        guard let index = indexes[style] else {
            throw XLSXWriteError(.invalidArgument,
                                 "a style was not among the workbook's formats when this sheet was handed to another thread; pass it in writeConcurrently's styles",
                                 location: location(), value: "\(style)")
        }
        return CellFormat(workbook: identity, index: index)
    }

    /// The C format behind a handle made before the hand-over.
    ///
    /// - Throws: `.wrongWorkbook` for a handle of another workbook, `.invalidArgument` for one made after.
    @inline(__always)
    func pointer(of format: CellFormat, at location: @autoclosure () -> SourceLocation) throws -> UnsafeMutablePointer<lxw_format> {
        guard format.workbook == identity else {
            throw XLSXWriteError(.wrongWorkbook, "the format was made by another workbook; make it with this workbook's format(_:)",
                                 location: location())
        }
        guard format.index < pointers.count, let pointer = UnsafeMutablePointer<lxw_format>(bitPattern: pointers[format.index]) else {
            throw XLSXWriteError(.invalidArgument,
                                 "the format was made after this sheet was handed to another thread; pass its style in writeConcurrently's styles",
                                 location: location())
        }
        return pointer
    }
}
