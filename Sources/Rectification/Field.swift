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

    /// The field a header means in a kind of table, or nil: `recognition(header:in:)` without its strength.
    public static func recognizing(header: String, in kind: TableKind) -> Field? {
        recognition(header: header, in: kind)?.field
    }

    /// How a header was recognized: by one of the usual names, or by the meaning of its words.
    public struct Recognition: Sendable, Hashable {
        /// The field the header means.
        public var field: Field
        /// Creates a recognition.
        public init(field: Field, isExact: Bool) {
            self.field = field
            self.isExact = isExact
        }
        /// Whether the header is one of the field's usual names (责任单位); false when its words were read for
        /// their meaning (整改责任科室). A usual name wins over a reading by meaning when both claim a field.
        public var isExact: Bool
    }

    /// The field a header means in a kind of table, after NFKC, traditional → simplified folding, trimming and
    /// lowercasing: first the usual names, then by meaning — the words of a header name what the column holds:
    ///
    /// - 销号 → closure; 佐证, 证明材料, 附件 → evidence; 配合, 协助, 协办 → supporting units; 备注 → note;
    ///   实际完成, 完成日期, 办结时间 → the date done;
    /// - 领导 → the leader (牵头领导, 分管领导, 包联领导); 责任人, 负责人, 承办人, 经办人 → the person, unless the
    ///   header also names a unit (责任人/部门 → the unit);
    /// - 单位, 部门, 科室, 股室, 处室, 主体, 牵头 → the unit (整改责任单位, 责任科室, 牵头单位);
    /// - 时限, 期限, 时间, 节点, 截止 → the deadline (a bare 日期 is not: 審議日期 is when a case was heard);
    ///   进展, 进度, 状态, 结果, 情况, 是否完成, 办理, 成效, 落实 → the status; 措施, 举措, 任务, 对策, 办法 → the measure;
    /// - 类别, 类型, 方面, 领域, 板块 → the aspect; 问题, 事项, 描述, 案由 → the issue's text; 序号, 编号 → the
    ///   row's ID, or the issue reference when it numbers the 问题.
    ///
    /// Text in brackets is not read (县(区) reads as 县), and a header longer than 20 characters is not read for
    /// meaning (it is more likely a title or a data cell).
    public static func recognition(header: String, in kind: TableKind) -> Recognition? {
        let key = TextNormalization.headerKey(TextNormalization.simplified(header))
        guard !key.isEmpty else { return nil }
        if let field = tables(for: kind).synonyms.first(where: { $0.words.contains(key) })?.field {
            return Recognition(field: field, isExact: true)
        }
        let words = Field.withoutBrackets(key)
        guard !words.isEmpty, words.count <= 20 else { return nil }
        // The roots are CJK words: in a text of single-scalar characters a root is found by its bytes.
        let bytewise = TextNormalization.isSingleScalarText(words)
        func has(_ root: String) -> Bool { bytewise ? TextNormalization.containsBytes(words, root) : words.contains(root) }
        return tables(for: kind).meaningRules.first { rule in
            rule.roots.contains(where: has) && !rule.unless.contains(where: has)
        }.map { Recognition(field: $0.field, isExact: false) }
    }

    /// A kind of table's usual names and rules, made once (a table's first rows are recognized cell by cell).
    private struct Tables: Sendable {
        var synonyms: [(field: Field, words: Set<String>)]
        var meaningRules: [MeaningRule]

        init(_ kind: TableKind) {
            synonyms = Field.synonyms(for: kind)
            meaningRules = Field.meaningRules(for: kind)
        }
    }

    private static let issuesTables = Tables(.issues)
    private static let tasksTables = Tables(.tasks)
    private static let rosterTables = Tables(.roster)

    private static func tables(for kind: TableKind) -> Tables {
        switch kind {
        case .issues: issuesTables
        case .tasks: tasksTables
        case .roster: rosterTables
        }
    }

    /// The header key with bracketed text (`(区)`, `【必填】`) removed.
    static func withoutBrackets(_ key: String) -> String {
        // Without a bracket the key is its own result (a data cell among the rows searched for the header is
        // usually long and bracket-free); the brackets are single scalars, ASCII or led by the byte 0xE3, so the
        // bytes tell.
        guard mayContainBracket(key) else { return key }
        var result = ""
        var depth = 0
        for character in key {
            if "([【<《".contains(character) { depth += 1; continue }
            if ")]】>》".contains(character) { depth = max(0, depth - 1); continue }
            if depth == 0 { result.append(character) }
        }
        return result
    }

    /// False when no scalar of the key is one of `()[]<>` or 《》【】 (U+300A, U+300B, U+3010, U+3011), judged on the
    /// UTF-8 bytes.
    static func mayContainBracket(_ key: String) -> Bool {
        var copy = key
        return copy.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D: return true
                case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80:
                    switch bytes[index + 2] {
                    case 0x8A, 0x8B, 0x90, 0x91: return true
                    default: break
                    }
                default: break
                }
                index += 1
            }
            return false
        }
    }

    /// A reading by meaning: a header containing one of `roots` and none of `unless` means `field`.
    private struct MeaningRule: Sendable {
        var field: Field
        var roots: [String]
        var unless: [String] = []
    }

    private static let unitRoots = ["单位", "部门", "科室", "股室", "处室", "主体", "牵头", "机构"]

    /// The rules in the order they are tried; the first that matches decides.
    private static func meaningRules(for kind: TableKind) -> [MeaningRule] {
        switch kind {
        case .issues:
            return [
                MeaningRule(field: .aspect, roots: ["类别", "类型", "方面", "领域", "板块", "分类"]),
                MeaningRule(field: .id, roots: ["序号", "编号"]),
                MeaningRule(field: .issueText, roots: ["问题", "事项", "描述", "案由", "表现", "任务"]),
            ]
        case .tasks:
            return [
                MeaningRule(field: .closure, roots: ["销号"]),
                MeaningRule(field: .evidence, roots: ["佐证", "证明材料", "支撑材料", "附件"]),
                MeaningRule(field: .supportingUnits, roots: ["配合", "协助", "协办"]),
                MeaningRule(field: .note, roots: ["备注", "附注"]),
                MeaningRule(field: .dateDone, roots: ["实际完成", "完成日期", "办结时间", "办结日期"], unless: ["情况", "进展", "进度"]),
                MeaningRule(field: .leader, roots: ["领导"]),
                MeaningRule(field: .owner, roots: ["责任人", "负责人", "承办人", "经办人", "联系人"], unless: unitRoots),
                MeaningRule(field: .unit, roots: unitRoots),
                MeaningRule(field: .deadline, roots: ["时限", "期限", "时间", "节点", "截止"]),
                MeaningRule(field: .status, roots: ["进展", "进度", "状态", "结果", "情况", "是否完成", "办理", "成效", "落实"]),
                MeaningRule(field: .measure, roots: ["措施", "举措", "任务", "对策", "办法"]),
                MeaningRule(field: .aspect, roots: ["类别", "类型", "方面", "领域", "板块", "分类"]),
                MeaningRule(field: .issue, roots: ["问题编号", "问题序号", "问题号"]),
                MeaningRule(field: .id, roots: ["序号", "编号"]),
                MeaningRule(field: .issueText, roots: ["问题", "事项", "描述", "案由", "表现"]),
            ]
        case .roster:
            return [
                MeaningRule(field: .name, roots: ["姓名", "名字"]),
                MeaningRule(field: .role, roots: ["职务", "职位", "职级", "岗位", "角色"]),
                MeaningRule(field: .unit, roots: unitRoots),
            ]
        }
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
