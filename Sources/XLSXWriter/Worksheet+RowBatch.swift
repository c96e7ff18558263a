import CXlsxWriter
import TabularCore

extension Worksheet {
    /// Writes a batch of rows built by a `RowBatchBuilder` (on any thread) for this worksheet: each command as the
    /// matching write method would, its styles made into this workbook's formats where the batch declares them.
    ///
    /// The batches of one builder are written in the order it made them. Texts go to libxlsxwriter as pointers
    /// into the batch's buffer, and the checks of Excel's limits were made by the builder, so a cell costs a
    /// switch, one C call and the check of its result.
    /// - Throws: `.invalidArgument` for a batch of another worksheet or out of order, or a merged range that
    ///   overlaps one merged before; `.rowOutOfOrder` on a streamed worksheet for a row above the one written last;
    ///   `.workbookClosed`; `.library` for anything libxlsxwriter refuses. The commands before the failing one are
    ///   written.
    public func write(_ batch: RowBatch) throws {
        let sheet = try openSheet()
        guard batch.sheet == name, batch.sequence == batchesWritten else {
            throw XLSXWriteError(.invalidArgument,
                                 "a batch of rows for '\(batch.sheet)' (number \(batch.sequence)) came to '\(name)' expecting number \(batchesWritten); write each builder's batches in order to their own worksheet",
                                 location: SourceLocation(file: core.path, sheet: name), value: "\(batch.sequence)")
        }
        batchesWritten += 1
        var styles = batch.styles.makeIterator()
        try batch.bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            for command in batch.commands {
                switch command {
                case .declareStyle:
                    guard let style = styles.next() else { preconditionFailure("a batch declares each of its styles once") }
                    let location = SourceLocation(file: core.path, sheet: name)
                    if let lane {
                        batchFormats.append(try lane.pointer(of: lane.handle(for: style, at: location), at: location))
                    } else {
                        batchFormats.append(try core.pointer(of: core.format(for: style, at: location), at: location))
                    }
                case .height(let row, let points):
                    try checkOrder(Int(row), 0)
                    try checkWrite(worksheet_set_row(sheet, lxw_row_t(row), points, nil), "cannot set a row height", Int(row), 0)
                case .text(let row, let column, let offset, let slot):
                    try checkOrder(Int(row), Int(column))
                    try checkWrite(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), base! + Int(offset), format(slot)),
                                   "cannot write text", Int(row), Int(column))
                case .number(let row, let column, let value, let slot):
                    try checkOrder(Int(row), Int(column))
                    try checkWrite(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, format(slot)),
                                   "cannot write a number", Int(row), Int(column))
                case .blank(let row, let column, let slot):
                    try checkOrder(Int(row), Int(column))
                    try checkWrite(worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), format(slot)),
                                   "cannot write a blank cell", Int(row), Int(column))
                case .link(let row, let column, let url, let text, let slot):
                    try checkOrder(Int(row), Int(column))
                    if slot < 0 { try refuseWhileHanded("given a link without a style (the workbook's default link format is shared)") }
                    guard links < Worksheet.maxLinks else {
                        throw XLSXWriteError(.valueOutOfRange, "a worksheet holds at most 65,530 links",
                                             location: location(Int(row), Int(column)), value: "\(links + 1)")
                    }
                    try check(worksheet_write_url_opt(sheet, lxw_row_t(row), lxw_col_t(column), base! + Int(url), format(slot),
                                                      base! + Int(text), nil),
                              "cannot write a link", Int(row), Int(column))
                    links += 1
                case .markMerged(let first, let last):
                    let range = CellRange(first, last)
                    try checkOverlap(range)
                    try checkOrder(first.row, first.column)
                    try check(worksheet_merge_range(sheet, lxw_row_t(first.row), lxw_col_t(first.column),
                                                    lxw_row_t(last.row), lxw_col_t(last.column), "", nil),
                              "cannot merge \(range)", first.row, first.column)
                    merged.insert(range)
                case .merge(let first, let last, let offset, let slot):
                    let range = CellRange(first, last)
                    try checkOverlap(range)
                    try checkOrder(first.row, first.column)
                    try checkWrite(worksheet_merge_range(sheet, lxw_row_t(first.row), lxw_col_t(first.column),
                                                         lxw_row_t(last.row), lxw_col_t(last.column), base! + Int(offset), format(slot)),
                                   "cannot merge \(range)", first.row, first.column)
                    merged.insert(range)
                }
            }
        }
    }

    /// The format of a declared slot, nil for -1.
    @inline(__always)
    private func format(_ slot: Int32) -> UnsafeMutablePointer<lxw_format>? {
        slot < 0 ? nil : batchFormats[Int(slot)]
    }

    /// Refuses a range overlapping one merged before.
    private func checkOverlap(_ range: CellRange) throws {
        if let other = merged.firstOverlap(with: range) {
            throw XLSXWriteError(.invalidArgument, "the merged range \(range) overlaps \(other), merged before",
                                 location: location(range.first.row, range.first.column), value: range.description)
        }
    }
}
