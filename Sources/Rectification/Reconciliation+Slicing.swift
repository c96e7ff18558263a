extension Reconciliation {
    /// What a reconciliation can be split by, for handing each unit or leader its own share.
    public enum Grouping: String, Sendable, Hashable, CaseIterable {
        /// By responsible unit (责任单位).
        case unit
        /// By responsible leader (责任领导).
        case leader
    }

    /// One group's share of a reconciliation.
    public struct Slice: Sendable, Hashable {
        /// The unit or leader as first written; nil for the measures that name none.
        public var name: String?
        /// The share: its measures, the definitions above them, the findings about them and the file-level
        /// findings, with the master's keys and running numbers and its own rollups.
        public var result: Reconciliation
    }

    /// The reconciliation restricted to some measures: the issues, problems and aspects above them, the findings
    /// about any of these, and every file-level finding (a claimed count that does not match concerns all shares).
    /// Keys and running numbers stay those of the whole; rollups and summary are the share's own.
    public func restricted(to measures: Set<Measure.Key>) -> Reconciliation {
        let keptMeasures = plan.measures.filter { measures.contains($0.key) }
        let issueKeys = Set(keptMeasures.compactMap(\.issue))
        let keptIssues = plan.issues.filter { issueKeys.contains($0.key) }
        let problemKeys = Set(keptIssues.compactMap(\.problem))
        let keptProblems = plan.problems.filter { problemKeys.contains($0.key) }
        let aspectKeys = Set(keptIssues.compactMap(\.aspect)).union(keptProblems.compactMap(\.aspect))
        let keptAspects = plan.aspects.filter { aspectKeys.contains($0.key) }
        let keptFindings = findings.filter { finding in
            switch finding.subject {
            case nil: true
            case .measure(let key): measures.contains(key)
            case .issue(let key): issueKeys.contains(key)
            case .problem(let key): problemKeys.contains(key)
            case .aspect(let key): aspectKeys.contains(key)
            }
        }
        let share = RectificationPlan(
            aspects: keptAspects, problems: keptProblems, issues: keptIssues, measures: keptMeasures,
            taskColumns: plan.taskColumns)
        return Reconciliation(configuration: configuration, plan: share, findings: keptFindings, kind: kind)
    }

    /// The shares by unit or leader, in order of first appearance (names compared as `TextNormalization.textKey`);
    /// a measure naming two units is in both, and the measures naming none form a last share with a nil name.
    public func slices(by grouping: Grouping) -> [Slice] {
        var names: [String] = []
        var members: [String: Set<Measure.Key>] = [:]
        var unnamed: Set<Measure.Key> = []
        for measure in plan.measures {
            let groups = grouping == .unit ? measure.units : measure.leaders
            if groups.isEmpty { unnamed.insert(measure.key) }
            for name in groups {
                let key = TextNormalization.textKey(name)
                if members[key] == nil { names.append(name) }
                members[key, default: []].insert(measure.key)
            }
        }
        var slices = names.map { name in
            Slice(name: name, result: restricted(to: members[TextNormalization.textKey(name)] ?? []))
        }
        if !unnamed.isEmpty { slices.append(Slice(name: nil, result: restricted(to: unnamed))) }
        return slices
    }
}
