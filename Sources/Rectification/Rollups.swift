import Dispatch
import Synchronization

/// Counts of issues and measures by progress for one group (the whole plan, an aspect, problem, unit, leader or
/// person). Every measure is in exactly one progress bucket, so
/// `measures == done + doneOngoing + inProgress + notStarted + unrecognized`; overdue and due soon are parts of the
/// unfinished ones (`overdue + dueSoon <= unfinished`).
public struct Tally: Sendable, Hashable {
    /// Distinct issues in the group.
    public var issues = 0
    /// Issues in the group whose measures are all done.
    public var rectifiedIssues = 0
    /// Measures in the group.
    public var measures = 0
    /// Measures done.
    public var done = 0
    /// Measures done and kept up (长期坚持).
    public var doneOngoing = 0
    /// Measures under way.
    public var inProgress = 0
    /// Measures not started.
    public var notStarted = 0
    /// Measures whose status wording is not understood: neither done nor counted as any other state.
    public var unrecognized = 0
    /// Unfinished measures past their due date.
    public var overdue = 0
    /// Unfinished measures due within the configured days.
    public var dueSoon = 0

    /// Creates an empty tally.
    public init() {}

    /// Measures done, with or without 长期坚持.
    public var allDone: Int { done + doneOngoing }

    /// Measures not done: in progress, not started, or of unrecognized status.
    public var unfinished: Int { inProgress + notStarted + unrecognized }

    /// Counts one measure by its progress and timing (all a tally reads of it, so that a loop need not copy it).
    @inline(__always)
    mutating func add(progress: Progress, timing: Timing) {
        measures += 1
        switch progress {
        case .done: done += 1
        case .doneOngoing: doneOngoing += 1
        case .inProgress: inProgress += 1
        case .notStarted: notStarted += 1
        case .unrecognized: unrecognized += 1
        }
        switch timing {
        case .overdue: overdue += 1
        case .dueSoon: dueSoon += 1
        case .done, .onTime, .untimed: break
        }
    }
}

/// A tally for a named group (a unit, leader or person).
public struct NamedTally: Sendable, Hashable {
    /// The group's name as written (its first spelling).
    public var name: String
    /// Its counts.
    public var tally: Tally

    /// Creates a named tally.
    public init(name: String, tally: Tally) {
        self.name = name
        self.tally = tally
    }
}

/// A tally for one record of the outline (an aspect or a problem), by its key.
public struct KeyedTally<Record>: Sendable, Hashable {
    /// The record's key.
    public var key: StableKey<Record>
    /// Its counts.
    public var tally: Tally
}

/// Counts per aspect, problem, unit, leader and person: the one rollup every output takes its numbers from.
///
/// The whole plan's tally is counted when the rollups are made; the outline's tallies (aspects, problems) and the
/// tallies by name (units, leaders, people) each when first read, once, by whichever thread reads them first (a merge
/// or diff reads few of them or none, and a plan's rollups were made for each side and the merged master).
public struct Rollups: Sendable, Hashable {
    /// The whole plan.
    public var total: Tally
    /// One tally per aspect, in the plan's order.
    public var aspects: [KeyedTally<Aspect>] {
        get { outline.value.aspects }
        set { outline.update { $0.aspects = newValue } }
    }
    /// One tally per problem, in the plan's order.
    public var problems: [KeyedTally<Problem>] {
        get { outline.value.problems }
        set { outline.update { $0.problems = newValue } }
    }
    /// One tally per responsible unit, in order of first appearance; a measure with two units counts in both.
    public var units: [NamedTally] {
        get { names.value.units }
        set { names.update { $0.units = newValue } }
    }
    /// One tally per responsible leader, in order of first appearance.
    public var leaders: [NamedTally] {
        get { names.value.leaders }
        set { names.update { $0.leaders = newValue } }
    }
    /// One tally per responsible person, in order of first appearance.
    public var people: [NamedTally] {
        get { names.value.people }
        set { names.update { $0.people = newValue } }
    }
    /// Measures under no aspect (their issue has none, or their issue reference is unknown).
    public var withoutAspect: Tally {
        get { outline.value.withoutAspect }
        set { outline.update { $0.withoutAspect = newValue } }
    }
    /// Measures naming no unit.
    public var withoutUnit: Tally {
        get { names.value.withoutUnit }
        set { names.update { $0.withoutUnit = newValue } }
    }
    /// Measures naming no leader.
    public var withoutLeader: Tally {
        get { names.value.withoutLeader }
        set { names.update { $0.withoutLeader = newValue } }
    }

    /// The outline's tallies, counted when first read.
    private var outline: Deferred<OutlineTallies>
    /// The tallies by name, counted when first read.
    private var names: Deferred<NameTallies>

    /// Computes the rollups of a plan (the whole plan's tally now, the others when first read).
    public init(plan: RectificationPlan) {
        let rectified = plan.rectifiedIssues
        var total = Tally()
        total.issues = plan.issues.count
        total.rectifiedIssues = rectified.count
        // The measures' fields are read in place: a copy of a whole measure costs a dozen retains and releases.
        plan.measures.withUnsafeBufferPointer { measures in
            for index in measures.indices {
                total.add(progress: measures[index].status.progress, timing: measures[index].timing)
            }
        }
        self.total = total
        outline = Deferred { Rollups.outlineTallies(plan, rectified: rectified) }
        names = Deferred {
            // Whether each issue (by its position in the plan) is rectified, for the tallies by name.
            let rectifiedAt = plan.issues.map { rectified.contains($0.key) }
            return Rollups.nameTallies(plan, rectified: rectifiedAt)
        }
    }

    /// Counts the tallies by name now, where the caller has a thread to spare for them (a side of a diff, before
    /// the side's reconciliation is compared with the other's).
    public func countNames() {
        _ = names.value
    }

    public static func == (lhs: Rollups, rhs: Rollups) -> Bool {
        lhs.total == rhs.total && lhs.outline.value == rhs.outline.value && lhs.names.value == rhs.names.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(total)
        hasher.combine(outline.value)
        hasher.combine(names.value)
    }

    /// The tallies of the outline: per aspect and problem, and of the measures under no aspect.
    struct OutlineTallies: Sendable, Hashable {
        var aspects: [KeyedTally<Aspect>], problems: [KeyedTally<Problem>], withoutAspect: Tally
    }

    /// Counts the tallies of the outline; `rectified` is the plan's rectified issues.
    static func outlineTallies(_ plan: RectificationPlan, rectified: Set<Issue.Key>) -> OutlineTallies {
        // Tallies by position in the plan; each issue's aspect and problem positions found once.
        var aspects = Array(repeating: Tally(), count: plan.aspects.count)
        var problems = Array(repeating: Tally(), count: plan.problems.count)
        var aspectPosition: [Aspect.Key: Int] = [:]
        for (position, aspect) in plan.aspects.enumerated() where aspectPosition[aspect.key] == nil {
            aspectPosition[aspect.key] = position
        }
        var problemPosition: [Problem.Key: Int] = [:]
        for (position, problem) in plan.problems.enumerated() where problemPosition[problem.key] == nil {
            problemPosition[problem.key] = position
        }
        var withoutAspect = Tally()
        /// Where an issue's counts go: an aspect's and a problem's position (nil when the key is not in the plan),
        /// and whether it names an aspect at all.
        struct Parents { var aspect: Int?, problem: Int?, hasAspect: Bool }
        var parents: [Issue.Key: Parents] = [:]
        parents.reserveCapacity(plan.issues.count)
        for issue in plan.issues {
            let done = rectified.contains(issue.key) ? 1 : 0
            let aspect = issue.aspect.flatMap { aspectPosition[$0] }
            let problem = issue.problem.flatMap { problemPosition[$0] }
            if let aspect {
                aspects[aspect].issues += 1
                aspects[aspect].rectifiedIssues += done
            }
            if let problem {
                problems[problem].issues += 1
                problems[problem].rectifiedIssues += done
            }
            if parents[issue.key] == nil { parents[issue.key] = Parents(aspect: aspect, problem: problem, hasAspect: issue.aspect != nil) }
        }
        // A measure without a (known) issue counts under no aspect.
        let orphan = Parents(aspect: nil, problem: nil, hasAspect: false)
        // An issue's measures mostly follow each other: the last one's parents are looked up again only when it changes.
        var lastIssue: Issue.Key?
        var lastParents = orphan
        plan.measures.withUnsafeBufferPointer { measures in
            for index in measures.indices {
                let progress = measures[index].status.progress
                let timing = measures[index].timing
                if measures[index].issue != lastIssue {
                    lastIssue = measures[index].issue
                    lastParents = lastIssue.flatMap { parents[$0] } ?? orphan
                }
                if lastParents.hasAspect {
                    if let aspect = lastParents.aspect { aspects[aspect].add(progress: progress, timing: timing) }
                } else {
                    withoutAspect.add(progress: progress, timing: timing)
                }
                if let problem = lastParents.problem { problems[problem].add(progress: progress, timing: timing) }
            }
        }
        return OutlineTallies(
            aspects: plan.aspects.map { KeyedTally(key: $0.key, tally: aspects[aspectPosition[$0.key]!]) },
            problems: plan.problems.map { KeyedTally(key: $0.key, tally: problems[problemPosition[$0.key]!]) },
            withoutAspect: withoutAspect)
    }

    /// Counts the tallies by unit, leader and person; for a large plan the units' and leaders' on another thread
    /// while this one counts the people's.
    static func nameTallies(_ plan: RectificationPlan, rectified rectifiedAt: [Bool]) -> NameTallies {
        guard plan.measures.count >= Rollups.parallelThreshold else {
            return Rollups.tallyNames(plan, rectified: rectifiedAt, units: true, leaders: true, people: true)
        }
        let byName = NamesTallied()
        let namesDone = DispatchGroup()
        DispatchQueue.global().async(group: namesDone) {
            let tallied = Rollups.tallyNames(plan, rectified: rectifiedAt, units: true, leaders: true, people: false)
            byName.tallies.withLock { $0 = tallied }
        }
        let people = Rollups.tallyNames(plan, rectified: rectifiedAt, units: false, leaders: false, people: true).people
        namesDone.wait()
        guard var names = byName.tallies.withLock({ $0 }) else { preconditionFailure("the names were tallied") }
        names.people = people
        return names
    }

    /// The fewest measures whose tallies by name are counted on a second thread.
    static let parallelThreshold = 4096

    /// The tallies by unit, leader and person, and of the measures naming no unit or no leader.
    struct NameTallies: Sendable, Hashable {
        var units: [NamedTally], leaders: [NamedTally], people: [NamedTally]
        var withoutUnit: Tally, withoutLeader: Tally
    }

    /// `NameTallies` as set by the thread that counted them.
    private final class NamesTallied: Sendable {
        let tallies = Mutex<NameTallies?>(nil)
    }

    /// Counts the measures by each name of the lists asked for, in the order the names first appear (the lists not
    /// asked for stay empty); `rectified` tells by position whether each of the plan's issues is rectified.
    static func tallyNames(
        _ plan: RectificationPlan, rectified: [Bool], units countsUnits: Bool, leaders countsLeaders: Bool,
        people countsPeople: Bool
    ) -> NameTallies {
        var units = NamedTallies()
        var leaders = NamedTallies()
        var people = NamedTallies()
        var withoutUnit = Tally()
        var withoutLeader = Tally()
        // Issues are counted by number: their position in the plan, and after those the keys the plan does not
        // define (a plan built elsewhere may name them), in order of appearance.
        var undefined: [Issue.Key: Int] = [:]
        var lastIssue: Issue.Key?
        var lastNumber: Int?
        plan.measures.withUnsafeBufferPointer { measures in
            for index in measures.indices {
                if measures[index].issue != lastIssue {
                    lastIssue = measures[index].issue
                    lastNumber = lastIssue.map { key in
                        if let position = plan.issuePosition(of: key) { return position }
                        if let known = undefined[key] { return known }
                        let number = plan.issues.count + undefined.count
                        undefined[key] = number
                        return number
                    }
                }
                let counted = NamedTallies.Counted(
                    progress: measures[index].status.progress, timing: measures[index].timing, issue: lastNumber)
                if countsUnits {
                    units.add(measures[index].units, counted, rectified: rectified)
                    if measures[index].units.isEmpty { withoutUnit.add(progress: counted.progress, timing: counted.timing) }
                }
                if countsLeaders {
                    leaders.add(measures[index].leaders, counted, rectified: rectified)
                    if measures[index].leaders.isEmpty { withoutLeader.add(progress: counted.progress, timing: counted.timing) }
                }
                if countsPeople { people.add(measures[index].owners, counted, rectified: rectified) }
            }
        }
        return NameTallies(units: units.result, leaders: leaders.result, people: people.result,
                           withoutUnit: withoutUnit, withoutLeader: withoutLeader)
    }
}

/// A value computed once, when first read, by whichever thread reads it first (the others wait for it); copies of
/// the holder share it. Setting it replaces the holder's box, so that no other copy sees the change.
struct Deferred<Value: Sendable>: Sendable {
    /// The box: the computation until it has run, then its value.
    private final class Box: Sendable {
        enum State: Sendable {
            case pending(@Sendable () -> Value)
            case computed(Value)
        }
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }

    private var box: Box

    /// A value that `compute` makes when first read.
    init(_ compute: @escaping @Sendable () -> Value) {
        box = Box(.pending(compute))
    }

    /// The value, computed now if no one has read it before.
    var value: Value {
        box.state.withLock { state in
            switch state {
            case .computed(let value):
                return value
            case .pending(let compute):
                let value = compute()
                state = .computed(value)
                return value
            }
        }
    }

    /// Changes the value of this holder alone.
    mutating func update(_ change: (inout Value) -> Void) {
        var changed = value
        change(&changed)
        box = Box(.computed(changed))
    }
}

/// Ordered named tallies that also count each group's distinct issues.
private struct NamedTallies {
    /// What a tally counts of one measure: its progress, timing and issue (by number, nil for none).
    struct Counted {
        var progress: Progress, timing: Timing, issue: Int?
    }

    var result: [NamedTally] = []
    var position: [UTF8Key: Int] = [:]
    /// The issues each tally counted, by number: bit `n % 64` of word `n / 64` (a province's few dozen names and
    /// ten thousand issues take a few kilobytes).
    var seenIssues: [[UInt64]] = []
    /// The issue each tally counted last: a measure of that issue again needs no set lookup.
    var lastIssue: [Int?] = []

    /// The tally of each name as written, so that a name seen before needs no key.
    var positionOfName: [UTF8Key: Int] = [:]
    /// The first names as written and their tallies, searched before `positionOfName` (a province's table names a
    /// few dozen units, leaders and people, and comparing bytes costs less than hashing them).
    var recent: [(name: String, index: Int)] = []
    static let recentLimit = 32
    /// The tallies of each list of names, by the address of the list's storage: the engine gives the measures whose
    /// cells read alike one shared list, so a province's lists are a few dozen. The plan holds every list while it is
    /// tallied, so an address stands for one list (an equal list elsewhere just has an entry of its own).
    var positionsOfList: [UnsafeRawPointer: [Int]] = [:]

    /// Counts a measure in the tally of each name of its list.
    mutating func add(_ names: [String], _ counted: Counted, rectified: [Bool]) {
        guard !names.isEmpty else { return }
        let address = names.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
        let positions: [Int]
        if let known = positionsOfList[address] {
            positions = known
        } else {
            positions = names.map { index(of: $0) }
            positionsOfList[address] = positions
        }
        for index in positions {
            result[index].tally.add(progress: counted.progress, timing: counted.timing)
            guard let issue = counted.issue, lastIssue[index] != issue else { continue }
            lastIssue[index] = issue
            let word = issue >> 6, bit: UInt64 = 1 << UInt64(issue & 63)
            if word >= seenIssues[index].count {
                seenIssues[index].append(contentsOf: repeatElement(0, count: word + 1 - seenIssues[index].count))
            }
            if seenIssues[index][word] & bit == 0 {
                seenIssues[index][word] |= bit
                result[index].tally.issues += 1
                if issue < rectified.count, rectified[issue] { result[index].tally.rectifiedIssues += 1 }
            }
        }
    }

    /// The tally of a name, made when the name (by its text key) is new.
    mutating func index(of name: String) -> Int {
        if let known = recent.first(where: { UTF8Key.same($0.name, name) })?.index {
            return known
        } else if let known = positionOfName[UTF8Key(name)] {
            return known
        } else if let known = position[UTF8Key(TextNormalization.textKey(name))] {
            positionOfName[UTF8Key(name)] = known
            if recent.count < NamedTallies.recentLimit { recent.append((name, known)) }
            return known
        }
        let index = result.count
        position[UTF8Key(TextNormalization.textKey(name))] = index
        positionOfName[UTF8Key(name)] = index
        if recent.count < NamedTallies.recentLimit { recent.append((name, index)) }
        result.append(NamedTally(name: name, tally: Tally()))
        seenIssues.append([])
        lastIssue.append(nil)
        return index
    }
}

/// The headline counts of a reconciliation: the outline's size and the whole plan's tally.
public struct Summary: Sendable, Hashable {
    /// Aspects (方面).
    public var aspects: Int
    /// Problems (问题).
    public var problems: Int
    /// Problems whose issues are all rectified.
    public var rectifiedProblems: Int
    /// The whole plan's counts of issues and measures.
    public var tally: Tally

    /// Leaf issues (具体问题).
    public var issues: Int { tally.issues }
    /// Issues whose measures are all done.
    public var rectifiedIssues: Int { tally.rectifiedIssues }
    /// Measures (整改措施).
    public var measures: Int { tally.measures }
    /// Measures done (without 长期坚持).
    public var done: Int { tally.done }
    /// Measures done and kept up (已整改完成并长期坚持).
    public var doneOngoing: Int { tally.doneOngoing }
    /// Measures under way.
    public var inProgress: Int { tally.inProgress }
    /// Measures not started.
    public var notStarted: Int { tally.notStarted }
    /// Measures whose status is not understood.
    public var unrecognized: Int { tally.unrecognized }
    /// Unfinished measures past due.
    public var overdue: Int { tally.overdue }
    /// Unfinished measures due soon.
    public var dueSoon: Int { tally.dueSoon }
    /// Measures done, with or without 长期坚持.
    public var allDone: Int { tally.allDone }
    /// Measures not done.
    public var unfinished: Int { tally.unfinished }

    /// Computes the summary of a plan from its rollups.
    public init(plan: RectificationPlan, rollups: Rollups) {
        aspects = plan.aspects.count
        problems = plan.problems.count
        rectifiedProblems = plan.rectifiedProblems.count
        tally = rollups.total
    }
}
