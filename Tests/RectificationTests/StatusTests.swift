import Rectification
import TabularCore
import Testing

/// One status cell and what it must read as.
struct StatusCase: Sendable, CustomTestStringConvertible {
    var text: String
    var progress: Progress
    var isExtension = false
    var percent: Double?
    var testDescription: String { "\(text.prefix(40)) → \(progress.rawValue)\(isExtension ? " (extension)" : "")" }

    init(_ text: String, _ progress: Progress, extension isExtension: Bool = false, percent: Double? = nil) {
        self.text = text
        self.progress = progress
        self.isExtension = isExtension
        self.percent = percent
    }
}

/// The rules of `Status(parsing:)`, one row per case, in the order the type documents them.
let statusCases: [StatusCase] = [
    // 1. Whole cells: empty, percentages, marks, English words.
    StatusCase("", .notStarted), StatusCase("  ", .notStarted),
    StatusCase("100%", .done, percent: 100), StatusCase("１００％", .done, percent: 100),
    StatusCase("60%", .inProgress, percent: 60), StatusCase("60.5%", .inProgress, percent: 60.5),
    StatusCase("1%", .inProgress), StatusCase("99%", .inProgress), StatusCase("0%", .notStarted),
    StatusCase("150%", .unrecognized),
    StatusCase("✓", .done), StatusCase("√", .done), StatusCase("✔", .done), StatusCase("×", .notStarted),
    StatusCase("done", .done), StatusCase("In progress", .inProgress), StatusCase("not started", .notStarted),
    // 2a. Negation first: not started, unless the cell says work has begun.
    StatusCase("未完成", .notStarted), StatusCase("未整改", .notStarted), StatusCase("未启动", .notStarted),
    StatusCase("未开始", .notStarted), StatusCase("尚未启动", .notStarted), StatusCase("尚未开始", .notStarted),
    StatusCase("待办理", .notStarted), StatusCase("尚未", .notStarted), StatusCase("暂未开展", .notStarted),
    StatusCase("未按期完成", .notStarted), StatusCase("问题未得到解决", .notStarted),
    StatusCase("暂无进展", .notStarted), StatusCase("整改不到位", .notStarted),
    StatusCase("尚未啟動", .notStarted), StatusCase("未開始", .notStarted), StatusCase("待辦理", .notStarted),
    StatusCase("尚未完成，正在推进", .inProgress), StatusCase("正在推进，尚未完成。", .inProgress),
    StatusCase("已完成方案制定，尚未实施", .inProgress), StatusCase("正在推进。尚未完成", .inProgress),
    StatusCase("未全部完成", .inProgress), StatusCase("尚未完全到位", .inProgress), StatusCase("部分未完成", .inProgress),
    StatusCase("已完成整改，未销号", .done), StatusCase("未销号", .unrecognized),
    StatusCase("未发现新问题", .unrecognized), StatusCase("未来将持续推进", .inProgress),
    // 2b. Partial: begun, not finished.
    StatusCase("部分整改", .inProgress), StatusCase("部分完成", .inProgress), StatusCase("阶段性", .inProgress),
    StatusCase("取得阶段性成效", .inProgress), StatusCase("基本完成", .inProgress),
    StatusCase("已基本完成", .inProgress), StatusCase("持续整改", .inProgress),
    StatusCase("达到序时进度", .inProgress), StatusCase("正在推进", .inProgress), StatusCase("推进中", .inProgress),
    StatusCase("整改中", .inProgress), StatusCase("推进缓慢", .inProgress), StatusCase("进行中", .inProgress),
    StatusCase("正在整改", .inProgress), StatusCase("已启动", .inProgress), StatusCase("进度滞后", .inProgress),
    StatusCase("進行中", .inProgress), StatusCase("推進中", .inProgress), StatusCase("階段性完成", .inProgress),
    StatusCase("持續整改", .inProgress), StatusCase("達到序時進度", .inProgress),
    StatusCase("预计6月底前完成", .inProgress), StatusCase("確保年底前完成", .inProgress),
    StatusCase("6月底前完成", .inProgress),
    // 2c. Completion.
    StatusCase("已完成", .done), StatusCase("已经完成", .done), StatusCase("已整改完成", .done),
    StatusCase("已提前完成", .done), StatusCase("该问题已完成整改", .done), StatusCase("已办结", .done),
    StatusCase("已结案", .done), StatusCase("完成", .done), StatusCase("已整改", .done), StatusCase("已销号", .done),
    StatusCase("整改到位", .done), StatusCase("按期完成", .done), StatusCase("已整改完成。", .done),
    StatusCase("已完成！", .done), StatusCase("按计划完成", .done), StatusCase("整改完毕", .done),
    StatusCase("已完成整改，正在申请销号", .done),
    StatusCase("已辦結", .done), StatusCase("已結案\n機關改善情形", .done), StatusCase("已經完成", .done),
    StatusCase("已於5月30日完成", .done),
    StatusCase("轨道交通1号线一期工程已于2014年5月30日通车试运营。", .done),
    StatusCase("出台了议事决策制度", .done), StatusCase("差不多了", .unrecognized), StatusCase("为了整改", .unrecognized),
    // A result counted at the end of a clause reports work done; a count of what exists, was found or is planned does not.
    StatusCase("在审计期间,清理往来款项15笔", .done), StatusCase("追回资金146万元", .done),
    StatusCase("清退违规资金66.57万元、追回应由个人承担的资金146万元", .done), StatusCase("修订制度3项。", .done),
    StatusCase("涉及资金15万元", .unrecognized), StatusCase("发现问题6个", .unrecognized),
    StatusCase("共有问题15个", .unrecognized), StatusCase("其中有3项", .unrecognized),
    StatusCase("计划清理往来款项15笔", .unrecognized), StatusCase("对21个问题进行整改", .unrecognized),
    StatusCase("15笔", .unrecognized), StatusCase("2025年6月", .unrecognized),
    // 3. Ongoing words make done done-and-ongoing; alone they read as in progress.
    StatusCase("已完成并长期坚持", .doneOngoing), StatusCase("已整改完成并长期坚持", .doneOngoing),
    StatusCase("已完成整改并长期坚持", .doneOngoing), StatusCase("已完成，长期坚持", .doneOngoing),
    StatusCase("已完成,长期坚持", .doneOngoing), StatusCase("已经完成,长期坚持", .doneOngoing),
    StatusCase("已经完成，长期坚持", .doneOngoing), StatusCase("已经完成　，　长期坚持。", .doneOngoing),
    StatusCase("已完成。长期坚持", .doneOngoing), StatusCase("已完成，常态化推进", .doneOngoing),
    StatusCase("已完成，持续推进", .doneOngoing), StatusCase("已完成整改，仍须持续跟踪", .doneOngoing),
    StatusCase("已經完成，長期堅持", .doneOngoing), StatusCase("√ 长期坚持", .doneOngoing),
    StatusCase("长期坚持", .inProgress), StatusCase("持续推进", .inProgress), StatusCase("常态化", .inProgress),
    StatusCase("機關檢討改善情形,仍須持續定期追蹤。", .inProgress),
    // 4. Extensions: in progress, flagged.
    StatusCase("申请延期", .inProgress, extension: true), StatusCase("已延期", .inProgress, extension: true),
    StatusCase("延期", .inProgress, extension: true), StatusCase("已申请延期至2025年底", .inProgress, extension: true),
    StatusCase("申请延长整改期限", .inProgress, extension: true), StatusCase("申請延期", .inProgress, extension: true),
    StatusCase("因资金未到位，申请延期", .inProgress, extension: true),
    StatusCase("经批准延期。现已完成整改", .done),
    // 5. Prose: the last sentence with a status marker decides; within it the least finished reading wins.
    StatusCase("3月10日，召开党组扩大会议学习…已完成整改并长期坚持", .doneOngoing),
    StatusCase("""
        3月10日，召开党组扩大会议，传达学习巡察反馈意见，研究部署整改工作，制定整改方案，明确责任分工和完成时限。\
        4月以来，正在推进制度修订，对照问题清单逐项整改，先后修订《财务管理办法》《公务接待管理规定》等制度5项，\
        组织全体干部开展专题培训2次。6月底，已完成整改并长期坚持，定期开展“回头看”，防止问题反弹。
        """, .doneOngoing),
    StatusCase("6月底前已完成制度修订。目前正在组织培训，推进缓慢。", .inProgress),
    StatusCase("已召开会议3次，正在制定方案", .inProgress),
    StatusCase("已完成整改。下一步将加强监督，防止问题反弹。", .done),
    StatusCase("中心设备调试、前端摄像机上杆安装,以及外场线路铺设、立杆基础浇筑、基础管道施工等工作整体进度已完成年度目标任务的55%,"
        + "项目按预期计划扎实有序推进。", .inProgress, percent: 55),
    StatusCase("整体进度已完成年度目标任务的55%", .inProgress, percent: 55),
    StatusCase("完成年度目标的120%", .done, percent: 120), StatusCase("同比下降15%", .unrecognized),
    StatusCase("通过制订“三张单子”,对2016年经责审计提出的21个问题进行持续整改,已清理用地款1.05亿元", .inProgress),
    StatusCase("对工程转包等问题在全集团开展针对性的专项自查,督促下属单位即查即改", .unrecognized),
    StatusCase("鄞州 海曙、江东、江北 镇海 北仑 合计\n实际完成 1 2 0 3 6", .unrecognized),
    // 6. No marker at all.
    StatusCase("差不多", .unrecognized), StatusCase("—", .unrecognized), StatusCase("是", .unrecognized),
    StatusCase("否", .unrecognized), StatusCase("完成情况良好", .unrecognized),
    StatusCase("召开任务推进会议,压实责任。", .unrecognized),
]

@Suite("Statuses (完成情况) and closure (销号)")
struct StatusTests {
    /// A status keeps its parts in a box shared between copies; it must still behave as a value.
    @Test("a status is a value: a changed copy leaves the original as it was, equal parts are equal")
    func valueSemantics() {
        let original = Status(text: "正在推进", progress: .inProgress, percent: 50)
        var copy = original
        copy.progress = .done
        copy.text = "已完成"
        copy.isExtension = true
        #expect(original.text == "正在推进" && original.progress == .inProgress && original.percent == 50 && !original.isExtension)
        #expect(copy.text == "已完成" && copy.progress == .done && copy.percent == 50 && copy.isExtension)
        let same = Status(text: "已完成", progress: .done, percent: 50, isExtension: true)
        #expect(copy == same && copy != original)
        #expect(Set([copy, same, original]).count == 2)
    }

    @Test("status text is classified by meaning", arguments: statusCases)
    func wording(_ example: StatusCase) {
        let status = Status(parsing: example.text)
        #expect(status.progress == example.progress)
        #expect(status.isExtension == example.isExtension)
        if let percent = example.percent { #expect(status.percent == percent) }
        #expect(status.text == example.text, "the cell is kept whole for display")
    }

    @Test("a text cell reads as its text", arguments: statusCases)
    func textCell(_ example: StatusCase) {
        #expect(Status(parsing: example.text.isEmpty ? .empty : .text(example.text)).progress == example.progress)
    }

    @Test("in a 是否完成 column, yes and no mean done and not started", arguments: [
        StatusCase("是", .done), StatusCase("否", .notStarted), StatusCase("√", .done), StatusCase("×", .notStarted),
        StatusCase("Y", .done), StatusCase("n", .notStarted), StatusCase("yes", .done), StatusCase("No", .notStarted),
        StatusCase("是。", .done), StatusCase("是，长期坚持", .doneOngoing), StatusCase("是(常态化)", .doneOngoing),
        StatusCase("否，正在推进", .inProgress), StatusCase("否（申请延期）", .inProgress, extension: true),
        StatusCase("已完成", .done), StatusCase("未完成", .notStarted), StatusCase("", .notStarted),
        StatusCase("不清楚", .unrecognized),
    ])
    func yesNo(_ example: StatusCase) {
        let status = Status(parsing: .text(example.text), column: .yesNo)
        #expect(status.progress == example.progress)
        #expect(status.isExtension == example.isExtension)
    }

    @Test("number cells are percentages: fractions as Excel formats them, or whole percents", arguments: [
        (1.0, Progress.done), (0.6, .inProgress), (0.0, .notStarted), (60.0, .inProgress), (100.0, .done),
        (150.0, .done),
    ])
    func numbers(_ value: Double, _ progress: Progress) {
        #expect(Status(parsing: CellValue.number(value)).progress == progress)
        #expect(Status(parsing: CellValue.number(value), column: .yesNo).progress == progress)
    }

    @Test("a checkbox cell is done when ticked")
    func booleans() {
        #expect(Status(parsing: CellValue.bool(true)).progress == .done)
        #expect(Status(parsing: CellValue.bool(false)).progress == .notStarted)
    }

    @Test("done and done-and-ongoing both count as done")
    func isDone() {
        #expect(Progress.done.isDone && Progress.doneOngoing.isDone)
        #expect(!Progress.inProgress.isDone && !Progress.notStarted.isDone && !Progress.unrecognized.isDone)
    }

    @Test("closure wordings", arguments: [
        ("未销号", Closure?.some(.open)), ("申请销号", .requested), ("已销号", .closed), ("是", .closed), ("否", .open),
        ("", nil), ("销了", nil),
    ])
    func closure(_ text: String, _ closure: Closure?) {
        #expect(Closure(parsing: text) == closure)
    }
}
