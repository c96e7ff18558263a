/// A cell's position as 0-based row and column indexes, convertible to and from Excel's A1 notation.
public struct CellAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest 0-based row index Excel allows (1,048,576 rows).
    public static let maxRow = 1_048_575
    /// The largest 0-based column index Excel allows (16,384 columns, XFD).
    public static let maxColumn = 16_383

    /// The 0-based row index.
    public var row: Int
    /// The 0-based column index.
    public var column: Int

    /// Creates an address from 0-based indexes.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `B12` or `$B$12`; nil when it is not a cell reference within Excel's grid.
    public init?(a1 text: some StringProtocol) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row >= 1, row - 1 <= CellAddress.maxRow, column - 1 <= CellAddress.maxColumn
        else { return nil }
        self.init(row: row - 1, column: column - 1)
    }

    /// The column letters for a 0-based column index: 0 → `A`, 26 → `AA`.
    public static func columnName(_ column: Int) -> String {
        var index = column + 1
        var letters: [Character] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            index = (index - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The 0-based column index of column letters (`A` → 0), or nil when they are not letters.
    public static func columnIndex(_ letters: some StringProtocol) -> Int? {
        CellAddress(a1: "\(letters)1")?.column
    }

    /// The A1 reference, e.g. `B12`.
    public var description: String { "\(CellAddress.columnName(column))\(row + 1)" }

    public static func < (lhs: CellAddress, rhs: CellAddress) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangle of cells, inclusive at both corners, e.g. a merged area `A2:A5`.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    /// The top-left cell.
    public var first: CellAddress
    /// The bottom-right cell.
    public var last: CellAddress

    /// Creates a range from two corners in any order.
    public init(_ a: CellAddress, _ b: CellAddress) {
        first = CellAddress(row: min(a.row, b.row), column: min(a.column, b.column))
        last = CellAddress(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    /// Parses `A2:C5` (or a single cell `B3`); nil when it is not a range reference.
    public init?(a1 text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let a = CellAddress(a1: parts[0]) else { return nil }
        guard let b = parts.count == 2 ? CellAddress(a1: parts[1]) : a else { return nil }
        self.init(a, b)
    }

    /// Whether the range contains a cell.
    public func contains(_ address: CellAddress) -> Bool {
        (first.row...last.row).contains(address.row) && (first.column...last.column).contains(address.column)
    }

    /// `A2:C5`, or `B3` for a single cell.
    public var description: String { first == last ? "\(first)" : "\(first):\(last)" }
}
