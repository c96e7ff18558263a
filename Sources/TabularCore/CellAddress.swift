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
        guard let parsed = text.utf8.withContiguousStorageIfAvailable({ CellAddress(a1UTF8: $0) })
            ?? Array(text.utf8).withUnsafeBufferPointer({ CellAddress(a1UTF8: $0) }) else { return nil }
        self = parsed
    }

    /// Parses the UTF-8 bytes of `B12` or `$B$12` as `init(a1:)` parses its text (up to three letters of either case,
    /// then up to seven digits, `$` anywhere ignored); nil when they are not a cell reference within Excel's grid.
    public init?(a1UTF8 bytes: UnsafeBufferPointer<UInt8>) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in bytes where byte != UInt8(ascii: "$") {
            if byte &- UInt8(ascii: "0") < 10 {
                guard letters > 0 else { return nil }
                row = row * 10 + Int(byte &- UInt8(ascii: "0"))
                digits += 1
                if digits > 7 { return nil }
            } else if (byte | 0x20) &- UInt8(ascii: "a") < 26 {
                guard digits == 0 else { return nil }
                column = column * 26 + Int((byte | 0x20) &- UInt8(ascii: "a")) + 1
                letters += 1
                if letters > 3 { return nil }
            } else {
                return nil
            }
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
        guard let parsed = text.utf8.withContiguousStorageIfAvailable({ CellRange(a1UTF8: $0) })
            ?? Array(text.utf8).withUnsafeBufferPointer({ CellRange(a1UTF8: $0) }) else { return nil }
        self = parsed
    }

    /// Parses the UTF-8 bytes of `A2:C5` (or of a single cell `B3`, two corners around the only colon) as
    /// `init(a1:)` parses its text; nil when they are not a range reference within Excel's grid.
    public init?(a1UTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else {
            guard let cell = CellAddress(a1UTF8: bytes) else { return nil }
            self.init(cell, cell)
            return
        }
        let rest = UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])
        guard !rest.contains(UInt8(ascii: ":")),
              let a = CellAddress(a1UTF8: UnsafeBufferPointer(rebasing: bytes[..<colon])),
              let b = CellAddress(a1UTF8: rest) else { return nil }
        self.init(a, b)
    }

    /// Whether the range contains a cell.
    public func contains(_ address: CellAddress) -> Bool {
        (first.row...last.row).contains(address.row) && (first.column...last.column).contains(address.column)
    }

    /// `A2:C5`, or `B3` for a single cell.
    public var description: String { first == last ? "\(first)" : "\(first):\(last)" }
}
