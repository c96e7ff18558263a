import TabularCore

/// The ranges merged on one worksheet, indexed by blocks of rows so that refusing an overlap costs the merges near
/// the new range, not every merge before it (a province's ledger merges about 11,000 ranges).
///
/// A range is entered in each block of `blockRows` rows it spans; one taller than `tallBlocks` blocks goes to a
/// short list checked on every query instead. A query spanning more blocks than there are ranges scans the ranges.
struct MergedRanges {
    /// Rows per block, as a shift: 32 rows.
    private static let blockShift = 5
    /// Ranges spanning more blocks than this (8,192 rows) are kept in `tall` rather than in every block.
    private static let tallBlocks = 256

    /// Every range, in the order merged.
    private var ranges: [CellRange] = []
    /// For each block of rows, the indexes into `ranges` of the ranges that reach into it, ascending.
    private var blocks: [Int: [Int]] = [:]
    /// The indexes of the ranges taller than `tallBlocks` blocks, ascending.
    private var tall: [Int] = []

    /// The earliest-merged range that shares a cell with `range`, or nil.
    func firstOverlap(with range: CellRange) -> CellRange? {
        let firstBlock = range.first.row >> Self.blockShift
        let lastBlock = range.last.row >> Self.blockShift
        if lastBlock - firstBlock >= ranges.count {
            return ranges.first { $0.overlaps(range) }
        }
        var earliest = tall.first { ranges[$0].overlaps(range) } ?? Int.max
        for block in firstBlock...lastBlock {
            guard let indexes = blocks[block] else { continue }
            for index in indexes {
                if index >= earliest { break }
                if ranges[index].overlaps(range) {
                    earliest = index
                    break
                }
            }
        }
        return earliest == Int.max ? nil : ranges[earliest]
    }

    /// Records a range as merged (the caller has checked it overlaps none).
    mutating func insert(_ range: CellRange) {
        let index = ranges.count
        ranges.append(range)
        let firstBlock = range.first.row >> Self.blockShift
        let lastBlock = range.last.row >> Self.blockShift
        if lastBlock - firstBlock >= Self.tallBlocks {
            tall.append(index)
        } else {
            for block in firstBlock...lastBlock {
                blocks[block, default: []].append(index)
            }
        }
    }
}
