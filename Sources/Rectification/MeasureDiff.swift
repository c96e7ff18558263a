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
        var changes: [Change] = []
        for measure in new.plan.measures {
            func record(_ movement: Movement) {
                changes.append(Change(key: measure.key, number: measure.number, units: measure.units, movement: movement))
            }
            guard let previous = old.plan.measure(measure.key) else {
                record(.added(measure))
                continue
            }
            for movement in MeasureDiff.movements(from: previous, to: measure) { record(movement) }
        }
        for measure in old.plan.measures where new.plan.measure(measure.key) == nil {
            changes.append(Change(key: measure.key, number: measure.number, units: measure.units, movement: .removed(measure)))
        }
        let order = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })
        self.changes = changes.enumerated().sorted { a, b in
            let ka = (order[a.element.kind]!, a.element.number, a.offset)
            let kb = (order[b.element.kind]!, b.element.number, b.offset)
            return ka < kb
        }.map(\.element)

        var totals = Counts()
        var withoutUnit = Counts()
        var unitOrder: [String] = []
        var unitNames: [String: String] = [:]
        var unitCounts: [String: Counts] = [:]
        func unitKey(_ name: String) -> String {
            let key = TextNormalization.textKey(name)
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
            for key in Set(change.units.map(unitKey)) { unitCounts[key, default: Counts()][change.kind] += 1 }
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

    /// The changes of one kind, in order.
    public func changes(_ kind: Kind) -> [Change] { changes.filter { $0.kind == kind } }

    /// The movements of one measure present in both snapshots, in `Kind` order.
    static func movements(from old: Measure, to new: Measure) -> [Movement] {
        var movements: [Movement] = []
        let wasDone = old.status.progress.isDone
        let isDone = new.status.progress.isDone
        if !wasDone && isDone {
            movements.append(.newlyDone(from: old.status, to: new.status))
        }
        if case .overdue = new.timing, !old.isOverdue {
            movements.append(.newlyOverdue(from: old.timing, to: new.timing, due: new.deadline.due))
        }
        if case .dueSoon = new.timing, !old.isDueSoon {
            movements.append(.newlyDueSoon(from: old.timing, to: new.timing, due: new.deadline.due))
        }
        if old.status.progress != new.status.progress && !(!wasDone && isDone) {
            movements.append(.statusChanged(from: old.status, to: new.status))
        }
        if !sameText(old.deadline.text, new.deadline.text) {
            movements.append(.deadlineChanged(from: old.deadline, to: new.deadline))
        }
        if !sameNames(old.leaders, new.leaders) { movements.append(.leaderChanged(from: old.leaders, to: new.leaders)) }
        if !sameNames(old.units, new.units) { movements.append(.unitChanged(from: old.units, to: new.units)) }
        if !sameNames(old.owners, new.owners) { movements.append(.personChanged(from: old.owners, to: new.owners)) }
        if !sameText(old.text, new.text) {
            movements.append(.textChanged(from: old.text, to: new.text))
        }
        return movements
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
