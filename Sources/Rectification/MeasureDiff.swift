import TabularCore

/// What moved between two snapshots of one rectification plan (last month's task table or ledger and this
/// month's): the movements of each measure, matched by its stable key, counted per unit and in total, and the two
/// rollups side by side.
///
/// Each snapshot is judged on its own as-of date, with its own configuration: the old one's timing (overdue, due
/// soon) is what `check --as-of OLD` said then, the new one's what it says now. So a measure that was on time last
/// month and is overdue now is *newly overdue* even when its row did not change. Findings of the two
/// reconciliations are not compared or repeated; run `check` on each snapshot for them.
///
/// Pure and deterministic: both reconciliations are made by the caller.
///
/// ```swift
/// let diff = MeasureDiff(old: lastMonth, new: thisMonth)
/// print(diff.totals[.newlyDone], diff.units.map(\.name))
/// ```
public struct MeasureDiff: Sendable, Hashable {
    /// The kind of a movement, with the code JSON uses; the cases are in the order reports list them.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Not done before, done (or done and kept up) now.
        case newlyDone = "newly-done"
        /// Not overdue before (on time, due soon, untimed or done), overdue now.
        case newlyOverdue = "newly-overdue"
        /// Not due soon before, due soon now.
        case newlyDueSoon = "newly-due-soon"
        /// The progress changed in any other way: not started → in progress, done → in progress (reopened), ….
        case statusChanged = "status-changed"
        /// The deadline's wording changed (the due dates of both are given).
        case deadlineChanged = "deadline-changed"
        /// The responsible leaders changed.
        case leaderChanged = "leader-changed"
        /// The responsible units changed.
        case unitChanged = "unit-changed"
        /// The responsible people changed.
        case personChanged = "person-changed"
        /// The measure's text changed.
        case textChanged = "text-changed"
        /// A key the new snapshot has and the old one does not.
        case added = "added"
        /// A key the old snapshot has and the new one does not.
        case removed = "removed"
    }

    /// One movement, with what it moved from and to.
    public enum Movement: Sendable, Hashable {
        /// Done now; the statuses before and after.
        case newlyDone(from: Status, to: Status)
        /// Overdue now; the timing before and after (`to` is `.overdue`), and the due date now.
        case newlyOverdue(from: Timing, to: Timing, due: LocalDateTime?)
        /// Due soon now; the timing before and after (`to` is `.dueSoon`), and the due date now.
        case newlyDueSoon(from: Timing, to: Timing, due: LocalDateTime?)
        /// Another change of progress; the statuses before and after.
        case statusChanged(from: Status, to: Status)
        /// The deadline before and after, with their texts as written.
        case deadlineChanged(from: Deadline, to: Deadline)
        /// The leaders before and after, as written.
        case leaderChanged(from: [String], to: [String])
        /// The units before and after, as written.
        case unitChanged(from: [String], to: [String])
        /// The people before and after, as written.
        case personChanged(from: [String], to: [String])
        /// The measure text before and after.
        case textChanged(from: String, to: String)
        /// A new measure, as it stands now.
        case added(Measure)
        /// A measure no longer in the table, as it stood before.
        case removed(Measure)

        /// The movement's kind.
        public var kind: Kind {
            switch self {
            case .newlyDone: .newlyDone
            case .newlyOverdue: .newlyOverdue
            case .newlyDueSoon: .newlyDueSoon
            case .statusChanged: .statusChanged
            case .deadlineChanged: .deadlineChanged
            case .leaderChanged: .leaderChanged
            case .unitChanged: .unitChanged
            case .personChanged: .personChanged
            case .textChanged: .textChanged
            case .added: .added
            case .removed: .removed
            }
        }
    }

    /// One measure's movement of one kind; a measure can have several (newly done and its deadline moved).
    public struct Change: Sendable, Hashable {
        /// The measure's stable key, the same in both snapshots.
        public var key: Measure.Key
        /// The measure's running number (序号) in the new snapshot, or in the old one for a removed measure.
        public var number: Int
        /// The responsible units the change is counted for: the new snapshot's (the old one's for a removed
        /// measure); empty when the measure names none.
        public var units: [String]
        /// What moved.
        public var movement: Movement

        /// The movement's kind.
        public var kind: Kind { movement.kind }
    }

    /// Counts of changes by kind; every kind is present (0 when none).
    public struct Counts: Sendable, Hashable {
        private var counts: [Kind: Int] = [:]

        /// Creates counts of zero.
        public init() {}

        /// The count of one kind.
        public subscript(kind: Kind) -> Int {
            get { counts[kind] ?? 0 }
            set { counts[kind] = newValue }
        }

        /// The sum over all kinds.
        public var total: Int { Kind.allCases.reduce(0) { $0 + self[$1] } }
    }

    /// One responsible unit's changes and its tallies before and after.
    public struct Unit: Sendable, Hashable {
        /// The unit's name as first written (the new snapshot's spelling when it has one).
        public var name: String
        /// Its changes by kind (a change of a measure with two units counts for both).
        public var counts: Counts
        /// Its tally in the old snapshot (empty when it had no measure then).
        public var before: Tally
        /// Its tally in the new snapshot (empty when it has no measure now).
        public var after: Tally
    }

    /// The old snapshot's as-of date.
    public var oldAsOf: LocalDateTime
    /// The new snapshot's as-of date.
    public var newAsOf: LocalDateTime
    /// Every change, by kind (in `Kind` order), then by the measure's running number.
    public var changes: [Change]
    /// The changes counted by kind.
    public var totals: Counts
    /// The units of either snapshot, the new one's in their order of first appearance, then those only the old one
    /// has; a unit with no change is listed too (with its tallies). Measures naming no unit are counted in
    /// `withoutUnit`.
    public var units: [Unit]
    /// The changes of measures naming no unit.
    public var withoutUnit: Counts
    /// The whole old plan's tally.
    public var before: Tally
    /// The whole new plan's tally.
    public var after: Tally

    /// Compares two reconciliations of the same plan, measure by measure by stable key.
    ///
    /// Names (leaders, units, people) are compared as sets after `TextNormalization.textKey`, so a reordering or
    /// a full-width comma is not a change; measure text and deadline wording are compared after the same
    /// normalization. A deadline whose wording is unchanged is not a change even when its due date differs (立行立改
    /// is due on each snapshot's own date when no plan date is given). A new status wording with the same progress is
    /// not a movement. An added measure has no other movement.
    public init(old: Reconciliation, new: Reconciliation) {
        oldAsOf = old.asOf
        newAsOf = new.asOf
        before = old.rollups.total
        after = new.rollups.total
        // The new measures are compared in up to two parts side by side (a province's hundred thousand), each
        // part's changes put together by kind in position order afterwards, as one pass made them.
        let oldPlan = old.plan, newPlan = new.plan
        var byKind = Array(repeating: [Change](), count: Kind.allCases.count)
        for scan in inHalves(of: newPlan.measures.count, { MeasureDiff.compare(oldPlan, newPlan, $0) }) {
            for kind in scan.indices { byKind[kind] += scan[kind] }
        }
        let removed = MeasureDiff.kindOrder[.removed]!
        oldPlan.measures.withUnsafeBufferPointer { olds in
            newPlan.measures.withUnsafeBufferPointer { news in
                for position in olds.indices {
                    let measure = olds.baseAddress! + position
                    if position < news.count, news[position].key == measure.pointee.key { continue }
                    if newPlan.measurePosition(of: measure.pointee.key) == nil {
                        byKind[removed].append(Change(key: measure.pointee.key, number: measure.pointee.number,
                                                      units: measure.pointee.units, movement: .removed(measure.pointee)))
                    }
                }
            }
        }
        // By kind, then by running number, then in the order made (the sort is not guaranteed stable).
        self.changes = byKind.flatMap { changes in
            changes.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }.map(\.element)
        }

        var totals = Counts()
        var withoutUnit = Counts()
        var unitOrder: [String] = []
        var unitNames: [String: String] = [:]
        var unitCounts: [String: Counts] = [:]
        // A unit's key by its spelling: a few dozen spellings name the units of a hundred thousand changes.
        var keyOfSpelling: [String: String] = [:]
        func unitKey(_ name: String) -> String {
            let key: String
            if let known = keyOfSpelling[name] {
                key = known
            } else {
                key = TextNormalization.textKey(name)
                keyOfSpelling[name] = key
            }
            if unitNames[key] == nil {
                unitNames[key] = name
                unitOrder.append(key)
            }
            return key
        }
        for named in new.rollups.units { _ = unitKey(named.name) }
        for named in old.rollups.units { _ = unitKey(named.name) }
        for change in self.changes {
            totals[change.kind] += 1
            if change.units.isEmpty { withoutUnit[change.kind] += 1 }
            // A measure naming a unit twice counts once for it.
            let keys = change.units.map(unitKey)
            for (index, key) in keys.enumerated() where !keys[..<index].contains(key) {
                unitCounts[key, default: Counts()][change.kind] += 1
            }
        }
        let beforeByUnit = Dictionary(old.rollups.units.map { (TextNormalization.textKey($0.name), $0.tally) },
                                      uniquingKeysWith: { a, _ in a })
        let afterByUnit = Dictionary(new.rollups.units.map { (TextNormalization.textKey($0.name), $0.tally) },
                                     uniquingKeysWith: { a, _ in a })
        self.totals = totals
        self.withoutUnit = withoutUnit
        self.units = unitOrder.map { key in
            Unit(name: unitNames[key]!, counts: unitCounts[key] ?? Counts(),
                 before: beforeByUnit[key] ?? Tally(), after: afterByUnit[key] ?? Tally())
        }
    }

    /// Each kind's position in `Kind.allCases`.
    static let kindOrder = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })

    /// The changes of the new measures at `range` (and of their old ones), by kind in `Kind` order, each kind's in
    /// position order. The measures are read in place (a copy of a whole measure costs a dozen retains and
    /// releases). Two snapshots of one plan mostly list the same keys in the same order: a measure is matched with
    /// the old one at its own position when the keys agree (keys are unique in a plan), else looked up by key.
    static func compare(_ oldPlan: RectificationPlan, _ newPlan: RectificationPlan, _ range: Range<Int>) -> [[Change]] {
        var byKind = Array(repeating: [Change](), count: Kind.allCases.count)
        func record(_ measure: UnsafePointer<Measure>, _ movement: Movement) {
            byKind[kindOrder[movement.kind]!].append(
                Change(key: measure.pointee.key, number: measure.pointee.number, units: measure.pointee.units,
                       movement: movement))
        }
        oldPlan.measures.withUnsafeBufferPointer { olds in
            newPlan.measures.withUnsafeBufferPointer { news in
                // The old measure with the key of the new one at `position`, nil when there is none.
                func oldMeasure(matching position: Int) -> UnsafePointer<Measure>? {
                    let key = news[position].key
                    if position < olds.count, olds[position].key == key { return olds.baseAddress! + position }
                    return oldPlan.measurePosition(of: key).map { olds.baseAddress! + $0 }
                }
                for position in range {
                    let measure = news.baseAddress! + position
                    if let previous = oldMeasure(matching: position) {
                        MeasureDiff.movements(from: previous, to: measure) { record(measure, $0) }
                    } else {
                        record(measure, .added(measure.pointee))
                    }
                }
            }
        }
        return byKind
    }

    /// The changes of one kind, in order.
    public func changes(_ kind: Kind) -> [Change] { changes.filter { $0.kind == kind } }

    /// Hands each movement of one measure present in both snapshots to `found`, in `Kind` order. The measures are
    /// read in place: only the fields compared, and those a movement names, are copied.
    static func movements(
        from old: UnsafePointer<Measure>, to new: UnsafePointer<Measure>, _ found: (Movement) -> Void
    ) {
        let wasDone = old.pointee.status.progress.isDone
        let isDone = new.pointee.status.progress.isDone
        if !wasDone && isDone {
            found(.newlyDone(from: old.pointee.status, to: new.pointee.status))
        }
        if case .overdue = new.pointee.timing, !old.pointee.isOverdue {
            found(.newlyOverdue(from: old.pointee.timing, to: new.pointee.timing, due: new.pointee.deadline.due))
        }
        if case .dueSoon = new.pointee.timing, !old.pointee.isDueSoon {
            found(.newlyDueSoon(from: old.pointee.timing, to: new.pointee.timing, due: new.pointee.deadline.due))
        }
        if old.pointee.status.progress != new.pointee.status.progress && !(!wasDone && isDone) {
            found(.statusChanged(from: old.pointee.status, to: new.pointee.status))
        }
        if !sameText(old.pointee.deadline.text, new.pointee.deadline.text) {
            found(.deadlineChanged(from: old.pointee.deadline, to: new.pointee.deadline))
        }
        if !sameNames(old.pointee.leaders, new.pointee.leaders) {
            found(.leaderChanged(from: old.pointee.leaders, to: new.pointee.leaders))
        }
        if !sameNames(old.pointee.units, new.pointee.units) {
            found(.unitChanged(from: old.pointee.units, to: new.pointee.units))
        }
        if !sameNames(old.pointee.owners, new.pointee.owners) {
            found(.personChanged(from: old.pointee.owners, to: new.pointee.owners))
        }
        if !sameText(old.pointee.text, new.pointee.text) {
            found(.textChanged(from: old.pointee.text, to: new.pointee.text))
        }
    }

    /// Whether two lists of names are the same set after normalization (lists of the same bytes, as most rows of
    /// two rounds are, without normalizing).
    static func sameNames(_ a: [String], _ b: [String]) -> Bool {
        if a.count == b.count, zip(a, b).allSatisfy({ UTF8Key.same($0, $1) }) { return true }
        return Set(a.map(TextNormalization.textKey)) == Set(b.map(TextNormalization.textKey))
    }

    /// Whether two texts are the same after normalization (the same bytes, as most cells of two rounds are, without
    /// normalizing).
    static func sameText(_ a: String, _ b: String) -> Bool {
        UTF8Key.same(a, b) || TextNormalization.textKey(a) == TextNormalization.textKey(b)
    }
}
