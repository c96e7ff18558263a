import Foundation
import Rectification
import TabularCore

/// One unit's or leader's share of a reconciliation, for `LedgerWorkbook.writeSplit`: only its measures, the
/// definitions above them and the findings about them, with rollups and summary recomputed.
struct LedgerPart {
    /// Whether the part is a unit's or a leader's.
    let key: LedgerWorkbook.SplitKey
    /// The unit or leader as written (or the "none named" label).
    let name: String
    /// The reduced reconciliation.
    let result: Reconciliation

    /// The parts in order of first appearance; measures naming no unit (leader) form a last part.
    static func parts(of result: Reconciliation, by key: LedgerWorkbook.SplitKey, language: Language) -> [LedgerPart] {
        var names: [String] = []
        var members: [String: [Int]] = [:]
        var unnamed: [Int] = []
        for (index, measure) in result.plan.measures.enumerated() {
            let groups = key == .unit ? measure.units : measure.leaders
            if groups.isEmpty { unnamed.append(index) }
            var seen: Set<String> = []
            for name in groups {
                let groupKey = TextNormalization.textKey(name)
                guard seen.insert(groupKey).inserted else { continue }
                if members[groupKey] == nil { names.append(name) }
                members[groupKey, default: []].append(index)
            }
        }
        var parts = names.map { name in
            LedgerPart(key: key, name: name, result: reduced(result, keeping: members[TextNormalization.textKey(name)] ?? []))
        }
        if !unnamed.isEmpty {
            parts.append(LedgerPart(key: key, name: LedgerLabels(language).noGroup(key), result: reduced(result, keeping: unnamed)))
        }
        return parts
    }

    /// A reconciliation with only some measures (indexes in table order), their issues, problems and aspects
    /// (reindexed, in their order) and the findings matched to those measures.
    static func reduced(_ result: Reconciliation, keeping measureIndexes: [Int]) -> Reconciliation {
        let plan = result.plan
        let kept = Set(measureIndexes)
        let issueSet = Set(measureIndexes.compactMap { plan.measures[$0].issueIndex })
        let issueIndexes = plan.issues.indices.filter { issueSet.contains($0) }
        let problemSet = Set(issueIndexes.compactMap { plan.issues[$0].problemIndex })
        let problemIndexes = plan.problems.indices.filter { problemSet.contains($0) }
        let aspectSet = Set(issueIndexes.compactMap { plan.issues[$0].aspectIndex })
            .union(problemIndexes.compactMap { plan.problems[$0].aspectIndex })
        let aspectIndexes = plan.aspects.indices.filter { aspectSet.contains($0) }
        func map(_ indexes: [Int]) -> [Int: Int] {
            Dictionary(uniqueKeysWithValues: indexes.enumerated().map { ($0.element, $0.offset) })
        }
        let newIssue = map(issueIndexes)
        let newProblem = map(problemIndexes)
        let newAspect = map(aspectIndexes)
        let problems = problemIndexes.map { index -> Problem in
            var problem = plan.problems[index]
            problem.aspectIndex = problem.aspectIndex.flatMap { newAspect[$0] }
            return problem
        }
        let issues = issueIndexes.map { index -> Issue in
            var issue = plan.issues[index]
            issue.problemIndex = issue.problemIndex.flatMap { newProblem[$0] }
            issue.aspectIndex = issue.aspectIndex.flatMap { newAspect[$0] }
            return issue
        }
        let measures = measureIndexes.map { index -> Measure in
            var measure = plan.measures[index]
            measure.issueIndex = measure.issueIndex.flatMap { newIssue[$0] }
            return measure
        }
        let reducedPlan = RectificationPlan(
            aspects: aspectIndexes.map { plan.aspects[$0] }, problems: problems, issues: issues, measures: measures,
            taskColumns: plan.taskColumns)
        let matcher = FindingMatcher(plan: plan)
        var copy = result
        copy.plan = reducedPlan
        copy.findings = result.findings.compactMap { finding in
            guard let measure = matcher.measure(for: finding), kept.contains(measure) else { return nil }
            var moved = finding
            moved.issueIndex = finding.issueIndex.flatMap { newIssue[$0] }
            return moved
        }
        copy.rollups = Rollups(plan: reducedPlan)
        copy.summary = Summary(plan: reducedPlan)
        return copy
    }

    /// A file name (without extension) for a group: characters file systems refuse become `_`, at most 80 characters.
    static func fileName(_ name: String) -> String {
        let forbidden: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var result = String(name.map { forbidden.contains($0) || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) ? "_" : $0 })
        result = result.trimmingCharacters(in: .whitespaces)
        while result.hasPrefix(".") { result.removeFirst() }
        while result.hasSuffix(".") { result.removeLast() }
        if result.count > 80 { result = String(result.prefix(80)) }
        return result.isEmpty ? "_" : result
    }
}

/// Finds the measure (or issue, problem, aspect) a finding is about.
///
/// A measure's findings carry its task-table line and its issue index; the issue definitions' findings carry an
/// issue index (an issue without measures) or the line of an aspect or problem. Matching on line *and* issue keeps a
/// definitions-file line from being taken for a task-table line.
struct FindingMatcher {
    private struct Key: Hashable {
        var line: Int
        var issue: Int?
    }

    private let measures: [Key: Int]
    private let plan: RectificationPlan

    init(plan: RectificationPlan) {
        self.plan = plan
        var measures: [Key: Int] = [:]
        for (index, measure) in plan.measures.enumerated() {
            let key = Key(line: measure.line, issue: measure.issueIndex)
            if measures[key] == nil { measures[key] = index }
        }
        self.measures = measures
    }

    /// The measure a finding is about, if any.
    func measure(for finding: Finding) -> Int? {
        guard let line = finding.line else { return nil }
        return measures[Key(line: line, issue: finding.issueIndex)]
    }

    /// The aspect or problem defined at the finding's file and line (numbering findings), if any.
    func definition(for finding: Finding) -> (aspect: Int?, problem: Int?) {
        guard let line = finding.line else { return (nil, nil) }
        if let problem = plan.problems.firstIndex(where: { $0.line == line && $0.file == finding.file }) {
            return (nil, problem)
        }
        if let aspect = plan.aspects.firstIndex(where: { $0.line == line && $0.file == finding.file }) {
            return (aspect, nil)
        }
        return (nil, nil)
    }
}
