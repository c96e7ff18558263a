/// Counts of issues and measures by progress for one group (an aspect, problem, unit, leader or person).
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
    /// Measures whose status wording is unknown (counted as not done).
    public var unrecognized = 0
    /// Measures past their due date and not done.
    public var overdue = 0
    /// Measures due within the configured days and not done.
    public var dueSoon = 0

    /// Creates an empty tally.
    public init() {}

    /// Measures done, with or without 长期坚持.
    public var allDone: Int { done + doneOngoing }

    /// Counts one measure.
    mutating func add(_ measure: Measure) {
        measures += 1
        switch measure.status.progress {
        case .done: done += 1
        case .doneOngoing: doneOngoing += 1
        case .inProgress: inProgress += 1
        case .notStarted: notStarted += 1
        case .unrecognized: unrecognized += 1
        }
        if measure.isOverdue { overdue += 1 }
        if measure.isDueSoon { dueSoon += 1 }
    }
}

/// A tally for a named group (a unit, leader or person).
public struct NamedTally: Sendable, Hashable {
    /// The group's name as written.
    public var name: String
    /// Its counts.
    public var tally: Tally

    /// Creates a named tally.
    public init(name: String, tally: Tally) {
        self.name = name
        self.tally = tally
    }
}

/// Counts per aspect, problem, unit, leader and person.
public struct Rollups: Sendable, Hashable {
    /// One tally per aspect, parallel to `RectificationPlan.aspects`.
    public var aspects: [Tally]
    /// One tally per problem, parallel to `RectificationPlan.problems`.
    public var problems: [Tally]
    /// One tally per responsible unit, in order of first appearance; a measure with two units counts in both.
    public var units: [NamedTally]
    /// One tally per responsible leader, in order of first appearance.
    public var leaders: [NamedTally]
    /// One tally per responsible person, in order of first appearance.
    public var people: [NamedTally]

    /// Computes the rollups of a plan.
    public init(plan: RectificationPlan) {
        aspects = Array(repeating: Tally(), count: plan.aspects.count)
        problems = Array(repeating: Tally(), count: plan.problems.count)
        var units = NamedTallies()
        var leaders = NamedTallies()
        var people = NamedTallies()
        let rectified = plan.rectifiedIssues
        for (index, issue) in plan.issues.enumerated() {
            if let aspect = issue.aspectIndex {
                aspects[aspect].issues += 1
                if rectified[index] { aspects[aspect].rectifiedIssues += 1 }
            }
            if let problem = issue.problemIndex {
                problems[problem].issues += 1
                if rectified[index] { problems[problem].rectifiedIssues += 1 }
            }
        }
        for measure in plan.measures {
            let issue = measure.issueIndex.map { plan.issues[$0] }
            if let aspect = issue?.aspectIndex { aspects[aspect].add(measure) }
            if let problem = issue?.problemIndex { problems[problem].add(measure) }
            for name in measure.units { units.add(measure, to: name, rectified: rectified) }
            for name in measure.leaders { leaders.add(measure, to: name, rectified: rectified) }
            for name in measure.owners { people.add(measure, to: name, rectified: rectified) }
        }
        self.units = units.result
        self.leaders = leaders.result
        self.people = people.result
    }
}

/// Ordered named tallies that also count each group's distinct issues.
private struct NamedTallies {
    var result: [NamedTally] = []
    var position: [String: Int] = [:]
    var seenIssues: [Int: Set<Int>] = [:]

    mutating func add(_ measure: Measure, to name: String, rectified: [Bool]) {
        let key = TextNormalization.textKey(name)
        let index: Int
        if let known = position[key] {
            index = known
        } else {
            index = result.count
            position[key] = index
            result.append(NamedTally(name: name, tally: Tally()))
        }
        result[index].tally.add(measure)
        if let issue = measure.issueIndex, seenIssues[index, default: []].insert(issue).inserted {
            result[index].tally.issues += 1
            if rectified[issue] { result[index].tally.rectifiedIssues += 1 }
        }
    }
}

/// The headline counts of a reconciliation.
public struct Summary: Sendable, Hashable {
    /// Aspects (方面).
    public var aspects: Int
    /// Problems (问题).
    public var problems: Int
    /// Leaf issues (具体问题).
    public var issues: Int
    /// Measures (整改措施).
    public var measures: Int
    /// Measures done (without 长期坚持).
    public var done: Int
    /// Measures done and kept up (已整改完成并长期坚持).
    public var doneOngoing: Int
    /// Measures under way.
    public var inProgress: Int
    /// Measures not started.
    public var notStarted: Int
    /// Measures past due and not done.
    public var overdue: Int
    /// Measures due soon and not done.
    public var dueSoon: Int
    /// Issues whose measures are all done.
    public var rectifiedIssues: Int
    /// Problems whose issues are all rectified.
    public var rectifiedProblems: Int

    /// Measures done, with or without 长期坚持.
    public var allDone: Int { done + doneOngoing }

    /// Computes the summary of a plan.
    public init(plan: RectificationPlan) {
        var tally = Tally()
        for measure in plan.measures { tally.add(measure) }
        aspects = plan.aspects.count
        problems = plan.problems.count
        issues = plan.issues.count
        measures = tally.measures
        done = tally.done
        doneOngoing = tally.doneOngoing
        inProgress = tally.inProgress
        notStarted = tally.notStarted
        overdue = tally.overdue
        dueSoon = tally.dueSoon
        rectifiedIssues = plan.rectifiedIssues.filter { $0 }.count
        rectifiedProblems = plan.rectifiedProblems.filter { $0 }.count
    }
}
