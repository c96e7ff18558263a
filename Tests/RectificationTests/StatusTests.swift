import Rectification
import TabularCore
import Testing

@Suite("Statuses (完成情况) and closure (销号)")
struct StatusTests {
    @Test("status wordings normalize", arguments: [
        ("已完成", Progress.done), ("已整改", .done), ("已整改完成", .done), ("完成", .done), ("已销号", .done),
        ("100%", .done), ("１００％", .done), ("已整改完成。", .done),
        ("已完成并长期坚持", .doneOngoing), ("已整改完成并长期坚持", .doneOngoing), ("已完成整改并长期坚持", .doneOngoing),
        ("正在整改", .inProgress), ("整改中", .inProgress), ("推进中", .inProgress), ("正在推进", .inProgress),
        ("部分完成", .inProgress), ("基本完成", .inProgress), ("持续整改", .inProgress), ("1%", .inProgress),
        ("60%", .inProgress), ("99%", .inProgress),
        ("未启动", .notStarted), ("未开始", .notStarted), ("", .notStarted), ("0%", .notStarted),
        ("差不多了", .unrecognized), ("长期坚持", .unrecognized), ("150%", .unrecognized),
    ])
    func wording(_ text: String, _ progress: Progress) {
        let status = Status(parsing: text)
        #expect(status.progress == progress)
        #expect(status.text == text)
    }

    @Test("number cells are percentages: fractions as Excel formats them, or whole percents", arguments: [
        (1.0, Progress.done), (0.6, .inProgress), (0.0, .notStarted), (60.0, .inProgress), (100.0, .done),
    ])
    func numbers(_ value: Double, _ progress: Progress) {
        #expect(Status(parsing: CellValue.number(value)).progress == progress)
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
