/// A source of rows read one at a time, so that memory stays flat however large the input is.
///
/// Read rows with `nextRow()` in synchronous code, or loop over `rows` in asynchronous code:
///
/// ```swift
/// for try await row in reader.rows {
///     print(row.line, row.cells)
/// }
/// ```
public protocol RowSource {
    /// The error `nextRow()` throws.
    associatedtype Failure: Error = any Error

    /// The next row, or nil at the end of the input.
    ///
    /// - Throws: the reader's own error type, carrying the location of the fault.
    mutating func nextRow() throws(Failure) -> Row?
}

extension RowSource {
    /// The rows not read yet, as an asynchronous sequence whose loop throws the reader's error.
    ///
    /// The loop ends after the last row, or throws where the reader fails: a failure never looks like the end of
    /// the input. The sequence reads through this source: for a reader (a class), rows the loop took are gone from
    /// the reader too. Memory: as `nextRow()`.
    public var rows: RowSequence<Self> { RowSequence(source: self) }
}

/// The rows of a `RowSource` as an `AsyncSequence`: `for try await row in reader.rows { … }`.
///
/// Each step calls the source's `nextRow()` on the caller's executor (no task or thread is started), and an error
/// it throws is thrown from the loop with its type (`Source.Failure`).
public struct RowSequence<Source: RowSource>: AsyncSequence {
    /// A row.
    public typealias Element = Row
    /// The source's error type.
    public typealias Failure = Source.Failure

    private let source: Source

    /// Creates the sequence over `source`; `source.rows` reads better.
    public init(source: Source) {
        self.source = source
    }

    /// An iterator that reads from the source.
    public func makeAsyncIterator() -> Iterator {
        Iterator(source: source)
    }

    /// Reads the next row from the source on each step.
    public struct Iterator: AsyncIteratorProtocol {
        /// A row.
        public typealias Element = Row
        /// The source's error type.
        public typealias Failure = Source.Failure

        private var source: Source

        init(source: Source) {
            self.source = source
        }

        /// The next row, or nil at the end of the input.
        ///
        /// - Throws: the source's error, as its `nextRow()` throws it.
        public mutating func next() async throws(Source.Failure) -> Row? {
            try source.nextRow()
        }

        /// The next row, or nil at the end of the input, read in the caller's isolation.
        ///
        /// - Throws: the source's error, as its `nextRow()` throws it.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Source.Failure) -> Row? {
            try source.nextRow()
        }
    }
}
