import FuzzSupport
import Rectification
import TabularCore

private let feedback = LocalDateTime(year: 2025, month: 2, day: 13)!
private let parser = DeadlineParser(year: 2025, feedbackDate: feedback, immediateDate: feedback)

/// One input (as UTF-8 text, invalid bytes repaired) through the deadline parser and the status normalizer.
func fuzzDeadline(_ bytes: UnsafeRawBufferPointer) {
    let text = String(decoding: bytes, as: UTF8.self)
    let deadline = parser.parse(text: text)
    _ = (deadline.due, deadline.fault)
    _ = Status(parsing: text).progress
}

@main
struct FuzzTarget {
    static func main() { fuzzMain(fuzzDeadline) }
}
