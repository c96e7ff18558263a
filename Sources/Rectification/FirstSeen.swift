/// The first position at which each key was seen, for finding repeats (a measure's ID or text given twice) in a
/// table read in order.
///
/// The keys are not stored: the caller gives each key's hash, made beforehand (on the thread that read the row), and
/// says whether the key at an earlier position is the same when two hashes meet. So the table holds two numbers a
/// key (a province's 100,000 IDs and texts in 3 MB each, where a `Dictionary` of the strings took 6 to 13 MB), and
/// finding a key touches neither its string nor a `Hasher`.
struct FirstSeen {
    /// Each slot's hash, valid where `positions` is not 0.
    private var hashes: [Int]
    /// Each slot's position + 1; 0 for an empty slot.
    private var positions: [Int32]
    private var count = 0

    /// An empty table with room for `capacity` keys before it grows.
    init(capacity: Int) {
        var slots = 16
        while slots < 2 * capacity { slots *= 2 }
        hashes = Array(repeating: 0, count: slots)
        positions = Array(repeating: 0, count: slots)
    }

    /// The position of the first key seen with this hash for which `isSame` is true; when there is none, `position`
    /// is recorded for the key and nil returned.
    ///
    /// - Parameters:
    ///   - hash: the key's hash; equal keys must have equal hashes.
    ///   - position: the key's own position (at most `Int32.max - 1`), recorded when the key is new.
    ///   - isSame: whether the key at an earlier position (one recorded with the same hash) is this key.
    mutating func first(hash: Int, position: Int, isSame: (Int) -> Bool) -> Int? {
        precondition(position >= 0 && position < Int(Int32.max), "a position fits the table")
        let mask = positions.count - 1
        var slot = FirstSeen.start(hash, mask)
        while positions[slot] != 0 {
            if hashes[slot] == hash {
                let earlier = Int(positions[slot]) - 1
                if isSame(earlier) { return earlier }
            }
            slot = (slot + 1) & mask
        }
        hashes[slot] = hash
        positions[slot] = Int32(position + 1)
        count += 1
        if 2 * count > positions.count { grow() }
        return nil
    }

    /// The first slot looked at for a hash: its high bits mixed into the low ones (a caller's hash may vary little
    /// in its low bits, as a combination of a text's hash and a small number can).
    private static func start(_ hash: Int, _ mask: Int) -> Int {
        let bits = UInt(bitPattern: hash)
        return Int(bitPattern: ((bits ^ (bits >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// Doubles the slots, placing every key again.
    private mutating func grow() {
        let oldHashes = hashes, oldPositions = positions
        hashes = Array(repeating: 0, count: 2 * oldPositions.count)
        positions = Array(repeating: 0, count: 2 * oldPositions.count)
        let mask = positions.count - 1
        for index in oldPositions.indices where oldPositions[index] != 0 {
            var slot = FirstSeen.start(oldHashes[index], mask)
            while positions[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = oldHashes[index]
            positions[slot] = oldPositions[index]
        }
    }
}
