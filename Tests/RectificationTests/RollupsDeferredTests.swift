import Dispatch
import Rectification
import Synchronization
import Testing

/// The rollups' outline and name tallies are counted when first read: the same values whoever reads them first and
/// however many threads read them at once, and a copy changed alone. Expected counts as in `SampleTests` (the
/// sample's 47 measures under four aspects and four units, counted by hand).
@Suite("Rollups counted when first read")
struct RollupsDeferredTests {
    /// The sample reconciled as `SampleTests` reconciles it.
    func reconcileSample() throws -> Reconciliation {
        try SampleTests().reconcileSample()
    }

    @Test("threads reading one plan's rollups at once all get the sample's counts")
    func concurrentReads() throws {
        let rollups = try reconcileSample().rollups
        let seen = Mutex<[[Int]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { iteration in
            // Half read the units first, half the aspects first.
            let units = iteration.isMultiple(of: 2) ? rollups.units.map(\.tally.measures) : []
            let aspects = rollups.aspects.map(\.tally.measures)
            let counts = aspects + (iteration.isMultiple(of: 2) ? units : rollups.units.map(\.tally.measures))
            seen.withLock { $0.append(counts) }
        }
        let all = seen.withLock { $0 }
        #expect(all.count == 8)
        #expect(Set(all).count == 1)
        #expect(all[0].prefix(4) == [12, 22, 10, 3])
        #expect(all[0].dropFirst(4).reduce(0, +) == 47)
        #expect(rollups.total.measures == 47)
    }

    @Test("a copy whose tallies are set differs from the rollups it was copied from, which keep theirs")
    func copySetAlone() throws {
        let rollups = try reconcileSample().rollups
        var copy = rollups
        copy.units = []
        copy.withoutAspect.measures = 5
        #expect(rollups.units.map(\.name) == ["办公室", "学会部", "科普股", "机关党支部"])
        #expect(rollups.withoutAspect.measures == 0)
        #expect(copy.units.isEmpty)
        #expect(copy.withoutAspect.measures == 5)
        #expect(copy != rollups)
        copy.units = rollups.units
        copy.withoutAspect = rollups.withoutAspect
        #expect(copy == rollups)
        #expect(copy.hashValue == rollups.hashValue)
    }
}
