import Dispatch
import Foundation
import Synchronization
import TabularCore
import XLSXWriter

/// What the row-building thread hands the writing thread: the ledger sheet's rows, then their end (a sink that
/// writes its own batches gets the same pieces).
enum LedgerPiece: Sendable {
    /// Rows for the sheet under way.
    case rows(RowBatch)
    /// The sheet under way has all its rows; for the ledger, `count` is its number of data rows, for the overdue
    /// list its number of entries.
    case end(count: Int)
}

/// Where a sheet's rows go while they are built: a `RowBatchBuilder` whose batches are handed on whenever they reach
/// `batchCommands` commands (about that many cells), so memory holds a few batches at most: into the queue to the
/// writing thread (the ledger's rows), or straight into the sheet where the thread that builds them writes them too.
struct LedgerRowSink {
    /// Commands per batch: large enough that a hand-over costs nothing next to the batch, small enough that the
    /// writing thread starts early.
    static let batchCommands = 4_096

    var rows: RowBatchBuilder
    private let deliver: (LedgerPiece) throws -> Void

    /// A sink for the sheet `sheet` of the workbook at `path` whose pieces go into `queue`.
    init(sheet: String, path: String, queue: BoundedQueue<LedgerPiece>) {
        rows = RowBatchBuilder(sheet: sheet, path: path, streamed: true)
        deliver = { piece in
            guard queue.push(piece) else { throw LedgerPipeline.Stopped() }
        }
    }

    /// A sink whose batches are written into `sheet` at once, on the calling thread.
    init(writingInto sheet: Worksheet, path: String) {
        rows = RowBatchBuilder(sheet: sheet.name, path: path, streamed: true)
        deliver = { piece in
            if case .rows(let batch) = piece { try sheet.write(batch) }
        }
    }

    /// Called after each sheet row: hands the batch over when it is full.
    ///
    /// - Throws: `LedgerPipeline.Stopped` when the writing thread has stopped taking rows, or what writing the
    ///   batch into its sheet throws.
    mutating func endRow() throws {
        if rows.count >= LedgerRowSink.batchCommands { try deliver(.rows(rows.takeBatch())) }
    }

    /// Hands over what is left of the sheet's rows and the sheet's end.
    mutating func finish(count: Int) throws {
        if rows.count > 0 { try deliver(.rows(rows.takeBatch())) }
        try deliver(.end(count: count))
    }
}

/// The ledger sheet's row-building thread: the layout and the ledger's rows built on a thread of their own, into a
/// bounded queue, while the calling thread writes the workbook's fixed parts and then those rows (the other streamed
/// sheets are built and written on a second writing thread, `Workbook.writeConcurrently`).
///
/// The calling thread writes the ledger's cells and merges in the order they were built, so the sheet is the same as
/// one thread would write. Memory: at most `capacity` batches wait in the queue.
final class LedgerPipeline {
    /// Thrown on the building thread when the writing thread stopped taking rows (it failed).
    struct Stopped: Error {}

    /// Batches waiting at most (16 × 4,096 cells, a few MB): the building thread is ahead of the writing one for all
    /// but the first batch, so a longer queue would only hold more memory.
    static let capacity = 16

    private let queue = BoundedQueue<LedgerPiece>(capacity: LedgerPipeline.capacity)
    private let done = DispatchSemaphore(value: 0)
    private var joined = false

    /// Starts `build` on its own thread; it pushes pieces into the queue it is given, and an error it throws reaches
    /// the writing thread after the pieces pushed before it.
    init(build: @escaping @Sendable (BoundedQueue<LedgerPiece>) throws -> Void) {
        let queue = queue
        let done = done
        let thread = Thread {
            defer { done.signal() }
            do {
                try build(queue)
                queue.close()
            } catch is Stopped {
                queue.close()
            } catch {
                queue.close(throwing: error)
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    deinit {
        stop()
    }

    /// The next piece.
    ///
    /// - Throws: the building thread's error.
    func next() throws -> LedgerPiece {
        guard let piece = try queue.pop() else {
            preconditionFailure("the ledger's row-building thread ended before the pieces the workbook expects")
        }
        return piece
    }

    /// Writes the batches of one sheet into `sheet` until its end; returns the count the end carries.
    ///
    /// - Throws: the building thread's error, or what `Worksheet.write(_:)` throws.
    func write(into sheet: Worksheet) throws -> Int {
        while true {
            switch try next() {
            case .rows(let batch): try sheet.write(batch)
            case .end(let count): return count
            }
        }
    }

    /// Stops the building thread (if it is still running) and waits for it.
    func stop() {
        guard !joined else { return }
        joined = true
        queue.cancel()
        done.wait()
    }
}

/// A value computed on one thread and waited for on another (the ledger's layout, made on the row-building thread
/// while the writing thread writes the workbook's fixed parts).
final class LedgerPromise<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    /// Sets the value, once.
    func fulfill(_ newValue: Value) {
        value.withLock { value in
            precondition(value == nil, "a promise is fulfilled once")
            value = newValue
        }
        ready.signal()
    }

    /// Waits for the value.
    func wait() -> Value {
        ready.wait()
        ready.signal()
        return value.withLock { $0! }
    }
}
