import Rectification
import TabularCore

/// Every word the ledger workbook prints, in one language.
struct LedgerLabels {
    let language: Language

    init(_ language: Language) { self.language = language }

    private func pick(_ chinese: String, _ english: String) -> String { language.pick(chinese, english) }

    // Sheets and document.
    var ledgerSheet: String { pick("整改台账", "Ledger") }
    var summarySheet: String { pick("统计汇总", "Summary") }
    var overdueSheet: String { pick("逾期清单", "Overdue") }
    var findingsSheet: String { pick("校验结果", "Findings") }
    func keywords(_ kind: RectificationKind?) -> String {
        let word = kind.map(\.rawValue) ?? ""
        return pick("\(word)整改, 整改台账", "rectification, ledger")
    }

    func partSuffix(_ part: LedgerPart) -> String {
        switch part.key {
        case .unit: pick("（\(part.name)）", " (\(part.name))")
        case .leader: pick("（责任领导：\(part.name)）", " (leader: \(part.name))")
        }
    }

    func noGroup(_ key: Reconciliation.Grouping) -> String {
        switch key {
        case .unit: pick("未明确责任单位", "no unit")
        case .leader: pick("未明确责任领导", "no leader")
        }
    }

    /// A part's note of where it came from, after its unit in the meta row.
    func partSource(master: String, asOf: LocalDateTime) -> String {
        pick("（分自台账 \(master.prefix(8))，截至\(date(asOf))）", " (from ledger \(master.prefix(8)) as of \(asOf.isoDate))")
    }

    // The meta row.
    var unitLabel: String { pick("填报单位：", "Unit: ") }
    var asOfLabel: String { pick("统计截止：", "As of:") }
    var reportDateLabel: String { pick("填报日期：", "Reported:") }
    var dateFormat: String { pick("yyyy\"年\"m\"月\"d\"日\"", "yyyy-mm-dd") }
    func date(_ date: LocalDateTime) -> String {
        pick("\(date.year)年\(date.month)月\(date.day)日", date.isoDate)
    }

    // Ledger headers.
    var number: String { pick("序号", "No.") }
    var aspect: String { pick("问题类别", "Aspect") }
    var problem: String { pick("反馈问题", "Problem") }
    var issue: String { pick("具体问题", "Issue") }
    var measure: String { pick("整改措施", "Measure") }
    var leader: String { pick("责任领导", "Leader") }
    var unit: String { pick("责任单位", "Unit") }
    var owner: String { pick("责任人", "Owner") }
    var deadline: String { pick("完成时限", "Deadline") }
    var progressText: String { pick("整改进度", "Progress") }
    var status: String { pick("状态", "Status") }
    var note: String { pick("备注", "Note") }
    var dateDone: String { pick("完成日期", "Date done") }
    var evidence: String { pick("佐证材料", "Evidence") }
    var closure: String { pick("销号状态", "Closure") }
    var supportingUnits: String { pick("配合单位", "Supporting units") }
    var target: String { pick("整改目标", "Target") }

    /// The hidden column holding each measure's stable key.
    var key: String { pick("编号", "Key") }

    /// The header the ledger gives a task-table field, where it has a column of its own.
    func fieldHeader(_ field: Field) -> String? {
        switch field {
        case .aspect: aspect
        case .problem: problem
        case .issueText: issue
        case .measure: measure
        case .leader: leader
        case .unit: unit
        case .owner: owner
        case .deadline: deadline
        case .status: progressText
        case .note: note
        case .dateDone: dateDone
        case .evidence: evidence
        case .closure: closure
        case .supportingUnits: supportingUnits
        case .target: target
        default: nil
        }
    }

    // The change log (变更记录).
    var changesSheet: String { pick("变更记录", "Changes") }

    /// A progress field's name in the change log.
    func changeField(_ field: MergeChange.Field) -> String {
        switch field {
        case .status: status
        case .progressText: progressText
        case .dateDone: dateDone
        case .evidence: evidence
        case .note: note
        case .closure: closure
        }
    }

    /// A change's value as the change log shows it: a status as the drop-down's word, others as they are.
    func changeValue(_ field: MergeChange.Field, _ value: String) -> String {
        guard field == .status, let progress = Progress(rawValue: value) else { return value }
        return status(progress)
    }

    // Deadlines and statuses.
    var longTerm: String { pick("长期坚持", "long-term") }
    var immediate: String { pick("立行立改", "immediate") }

    /// The status column's word for a progress; none contains a comma, so all fit a drop-down list.
    func status(_ progress: Progress) -> String {
        switch progress {
        case .notStarted: pick("未启动", "not started")
        case .inProgress: pick("正在推进", "in progress")
        case .done: pick("已完成", "done")
        case .doneOngoing: pick("已完成并长期坚持", "done and kept up")
        case .unrecognized: pick("无法识别", "not understood")
        }
    }

    /// The drop-down choices of the status column.
    var statusChoices: [String] { [Progress.notStarted, .inProgress, .done, .doneOngoing].map(status) }
    /// The statuses that count as done, for conditional formats.
    var doneStatuses: [String] { [status(.done), status(.doneOngoing)] }
    var statusErrorTitle: String { pick("状态", "Status") }
    var statusErrorMessage: String {
        pick("请从下拉列表中选择：" + statusChoices.joined(separator: "、"), "Choose one of: " + statusChoices.joined(separator: "; "))
    }

    // Print.
    var footer: String { pick("&C第 &P 页 共 &N 页", "&CPage &P of &N") }

    // Summary.
    var summaryTitle: String { pick("整改进展统计汇总", "Rectification progress summary") }
    var byAspect: String { pick("按问题类别统计", "By aspect") }
    var byUnit: String { pick("按责任单位统计", "By unit") }
    var byLeader: String { pick("按责任领导统计", "By leader") }
    var measures: String { pick("措施数", "Measures") }
    var done: String { pick("已完成", "Done") }
    var inProgress: String { pick("正在推进", "In progress") }
    var notStarted: String { pick("未启动", "Not started") }
    var overdue: String { pick("逾期", "Overdue") }
    var completionRate: String { pick("完成率", "Completion") }
    var total: String { pick("合计", "Total") }
    var unassigned: String { pick("未归类", "Unassigned") }
    var summaryNote: String {
        pick("注：已完成、正在推进、未启动、无法识别四列相加等于措施数；“其中逾期”是未完成措施的一部分，不另计入合计；"
                + "一项措施有多个责任单位（责任领导）的，分别计入各单位（领导），故其合计可能多于措施总数。",
             "Note: done, in progress, not started and unrecognized add up to the measures; overdue is a part of the "
                + "unfinished ones, not a further bucket; a measure with two units (leaders) counts for each, so those "
                + "totals can exceed the number of measures.")
    }
    var unrecognized: String { pick("无法识别", "Unrecognized") }
    var ofWhichOverdue: String { pick("其中逾期", "Of which overdue") }
    var chartTitle: String { pick("各问题类别整改进度", "Progress by aspect") }
    var chartValues: String { pick("措施数", "Measures") }

    // Overdue.
    func overdueTitle(asOf: LocalDateTime, days: Int) -> String {
        pick("逾期及\(days)日内到期措施清单（截至\(date(asOf))）", "Overdue measures and measures due within \(days) days (as of \(asOf.isoDate))")
    }
    var kind: String { pick("类别", "Kind") }
    var isOverdue: String { pick("已逾期", "overdue") }
    var isDueSoon: String { pick("临近时限", "due soon") }
    var daysLate: String { pick("逾期天数", "Days late") }
    var daysLeft: String { pick("剩余天数", "Days left") }

    // Findings.
    var findingsTitle: String { pick("台账校验结果", "Ledger checks") }
    var code: String { pick("代码", "Code") }
    var severity: String { pick("级别", "Severity") }
    var location: String { pick("位置", "Location") }
    var column: String { pick("列", "Column") }
    var message: String { pick("说明", "Message") }
    var link: String { pick("台账位置", "In ledger") }
    var noFindings: String { pick("未发现问题", "No findings") }
    func severity(_ severity: Finding.Severity) -> String {
        switch severity {
        case .error: pick("错误", "error")
        case .warning: pick("警告", "warning")
        case .info: pick("说明", "note")
        }
    }
}
