/// A column's meaning in one of the domain's tables, recognized from its header or mapped by the user.
public enum Field: String, Sendable, Hashable, CaseIterable {
    /// The row's own number: an issue's ID in the issue definitions, a measure's ID in the task table.
    case id
    /// The task table's reference to an issue (问题编号, 问题序号, 对应问题).
    case issue
    /// The top level: 方面, 类别, 问题类别, 领域.
    case aspect
    /// The middle level: 问题, 主要问题, 反馈问题类别.
    case problem
    /// The leaf issue's text: 反馈问题, 具体问题, 问题描述, 存在问题.
    case issueText = "issue-text"
    /// The measure: 整改措施, 具体措施.
    case measure
    /// The responsible leader: 责任领导, 分管领导.
    case leader
    /// The responsible unit: 责任单位, 责任股室, 责任部门, 牵头单位.
    case unit
    /// The responsible person: 责任人, 具体责任人.
    case owner
    /// The deadline: 完成时限, 整改时限, 时限.
    case deadline
    /// The progress: 完成情况, 整改进度, 整改情况, 状态.
    case status
    /// Supporting units: 配合单位.
    case supportingUnits = "supporting-units"
    /// The rectification target: 整改目标.
    case target
    /// The date done: 完成日期.
    case dateDone = "date-done"
    /// The evidence: 佐证材料.
    case evidence
    /// The sign-off state: 销号状态, 是否销号.
    case closure
    /// A note: 备注.
    case note
    /// A roster's person name: 姓名.
    case name
    /// A roster's job or role: 职务, 角色.
    case role

    /// The kinds of table the domain reads; each has its own header words.
    public enum TableKind: Sendable, Hashable {
        /// The issue definitions (问题清单).
        case issues
        /// The task breakdown table (整改任务分解表).
        case tasks
        /// The roster of people (花名册).
        case roster
    }

    /// The field a header means in a kind of table (after NFKC, trimming and lowercasing), or nil.
    public static func recognizing(header: String, in kind: TableKind) -> Field? {
        let key = TextNormalization.headerKey(header)
        guard !key.isEmpty else { return nil }
        return synonyms(for: kind).first { $0.words.contains(key) }?.field
    }

    /// Parses a field named in a `HEADER=field` mapping: its English name (`owner`, `issue-text`) or a header word.
    public init?(named name: String) {
        let key = TextNormalization.headerKey(name)
        if let field = Field.allCases.first(where: { TextNormalization.headerKey($0.rawValue) == key }) {
            self = field
        } else if let field = Field.recognizing(header: name, in: .tasks) ?? Field.recognizing(header: name, in: .roster) {
            self = field
        } else {
            return nil
        }
    }

    private static let aspectWords: Set<String> = ["方面", "类别", "问题类别", "领域", "category", "aspect"]
    private static let problemWords: Set<String> = ["问题", "主要问题", "反馈问题类别", "problem"]
    private static let issueTextWords: Set<String> = ["反馈问题", "具体问题", "问题描述", "存在问题", "description"]

    private static func synonyms(for kind: TableKind) -> [(field: Field, words: Set<String>)] {
        switch kind {
        case .issues:
            return [
                (.id, ["序号", "编号", "问题编号", "问题序号", "id", "no", "no."]),
                (.aspect, aspectWords),
                (.problem, problemWords),
                (.issueText, issueTextWords.union(["issue"])),
            ]
        case .tasks:
            return [
                (.id, ["序号", "编号", "措施编号", "措施序号", "id", "no", "no."]),
                (.issue, ["问题编号", "问题序号", "对应问题", "对应问题编号", "issue", "issueid", "issueno", "issueref"]),
                (.aspect, aspectWords),
                (.problem, problemWords),
                (.issueText, issueTextWords),
                (.measure, ["整改措施", "具体措施", "措施", "measure", "measures"]),
                (.leader, ["责任领导", "分管领导", "牵头领导", "leader"]),
                (.unit, ["责任单位", "责任股室", "责任部门", "牵头单位", "牵头股室", "unit", "department"]),
                (.owner, ["责任人", "具体责任人", "owner", "person"]),
                (.deadline, ["完成时限", "整改时限", "时限", "完成时间", "deadline", "due"]),
                (.status, ["完成情况", "整改进度", "整改情况", "状态", "进度", "status", "progress"]),
                (.supportingUnits, ["配合单位", "配合股室", "协助单位", "supportingunits", "supporting"]),
                (.target, ["整改目标", "目标", "target"]),
                (.dateDone, ["完成日期", "实际完成时间", "datedone", "done"]),
                (.evidence, ["佐证材料", "佐证资料", "evidence"]),
                (.closure, ["销号状态", "是否销号", "销号情况", "closure"]),
                (.note, ["备注", "note", "notes", "remark"]),
            ]
        case .roster:
            return [
                (.name, ["姓名", "名字", "name"]),
                (.unit, ["单位", "股室", "科室", "部门", "所在股室", "unit", "department"]),
                (.role, ["职务", "角色", "职务职级", "职位", "role", "title"]),
            ]
        }
    }
}
