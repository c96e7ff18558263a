import Rectification
import TestSupport
import Testing

/// Keys sort as people number things, and in one order whatever order they come in (a strict total order, which
/// the ledger's fingerprint relies on).
@Suite("Stable keys: the order people number things in")
struct StableKeyOrderTests {
    /// Written by hand: numbers by value part by part (7 = 007, the shorter text first), a lone - or . alike
    /// (3-2 and 3.2 then by text: - before .), text runs by their bytes after numbers and separators.
    /// (3.2.1 before 3-2#2: after 3-2 comes a separator in one and a text in the other; 甲 before 第: E7 94 before E7 AC.)
    static let sorted: [Measure.Key] = ["1", "2", "3", "3-1", "3-2", "3.2", "3.2.1", "3-2#2", "3-2#10", "3-10", "007", "7",
                                        "99", "100", "A1", "甲", "第3条", "第10条"]

    @Test("a list of keys sorts the same from every order it comes in")
    func oneOrder() {
        var generator = SeededGenerator(seed: 15)
        #expect(StableKeyOrderTests.sorted.reversed().sorted() == StableKeyOrderTests.sorted)
        for _ in 0..<200 {
            #expect(StableKeyOrderTests.sorted.shuffled(using: &generator).sorted() == StableKeyOrderTests.sorted)
        }
    }

    @Test("the order is strict and transitive over every pair and triple of the keys")
    func strictTotalOrder() {
        let keys = StableKeyOrderTests.sorted
        for a in keys {
            #expect(!(a < a))
            for b in keys where a != b {
                #expect((a < b) != (b < a), "\(a) \(b)")
                for c in keys where a < b && b < c { #expect(a < c, "\(a) \(b) \(c)") }
            }
        }
    }

    @Test("numbers longer than any integer still compare by value")
    func longNumbers() {
        #expect(Measure.Key("99999999999999999999") < Measure.Key("100000000000000000000"))
        #expect(Measure.Key("1-99999999999999999999") < Measure.Key("2"))
    }
}
