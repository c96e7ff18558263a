import Rectification
import TabularCore
import Testing

@Suite("MeasureCell: header, field, text and value behave as four independent stored parts")
struct MeasureCellTests {
    @Test("a text given apart from the value is kept, whatever the value")
    func textApartFromValue() {
        let cell = MeasureCell(header: "完成时限", field: .deadline, text: "2025-03-31", value: .number(45747))
        #expect(cell.text == "2025-03-31")
        #expect(cell.value == .number(45747))
        let empty = MeasureCell(header: "备注", field: nil, text: "", value: .text("x"))
        #expect(empty.text == "")
        #expect(empty.value == .text("x"))
        let same = MeasureCell(header: "备注", field: nil, text: "x", value: .text("x"))
        #expect(same.text == "x")
    }

    @Test("setting the value leaves the text, and setting the text leaves the value")
    func settersAreIndependent() {
        var cell = MeasureCell(header: "整改措施", field: .measure, text: "建立台账", value: .text("建立台账"))
        cell.value = .number(3)
        #expect(cell.text == "建立台账")
        #expect(cell.value == .number(3))
        cell.text = "3"
        cell.value = .text("3")
        #expect(cell.text == "3")
        cell.value = .empty
        #expect(cell.text == "3")
        cell.text = ""
        #expect(cell == MeasureCell(header: "整改措施", field: .measure, text: "", value: .empty))
    }

    @Test("a copy's header and field change alone")
    func valueSemantics() {
        let original = MeasureCell(header: "责任单位", field: .unit, text: "县财政局", value: .text("县财政局"))
        var copy = original
        copy.header = "牵头单位"
        copy.field = nil
        #expect(original.header == "责任单位")
        #expect(original.field == .unit)
        #expect(copy.header == "牵头单位")
        #expect(copy.field == nil)
        #expect(copy.text == "县财政局")
        #expect(copy != original)
    }

    @Test("cells equal in all four parts are equal and hash alike; a difference in any part tells them apart")
    func equality() {
        let base = MeasureCell(header: "a", field: nil, text: "t", value: .text("t"))
        let variants = [
            MeasureCell(header: "b", field: nil, text: "t", value: .text("t")),
            MeasureCell(header: "a", field: .status, text: "t", value: .text("t")),
            MeasureCell(header: "a", field: nil, text: "u", value: .text("t")),
            MeasureCell(header: "a", field: nil, text: "t", value: .text("u")),
        ]
        #expect(Set([base, MeasureCell(header: "a", field: nil, text: "t", value: .text("t"))]).count == 1)
        for variant in variants { #expect(variant != base) }
        #expect(Set(variants + [base]).count == 5)
    }
}
