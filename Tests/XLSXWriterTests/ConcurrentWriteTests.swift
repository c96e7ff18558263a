import Foundation
import Synchronization
import TabularCore
import TestSupport
import Testing
import XLSXWriter

@Suite("Writing sheets on two threads (Workbook.writeConcurrently)")
struct ConcurrentWriteTests {
    static let bold = CellStyle { $0.bold = true }
    static let filled = CellStyle { $0.fillColor = 0xFFC7CE; $0.horizontalAlignment = .center }
    static let linked = CellStyle { $0.fontColor = 0x0563C1; $0.underline = true }
    static let italic = CellStyle { $0.italic = true }

    /// Writes a workbook: sheet 甲 on this thread (bold texts, then an italic style made during the hand-over), sheets
    /// 乙 (filled numbers and a link per row) and 丙 (plain texts) on the second thread, `rows` rows each.
    static func write(_ path: String, rows: Int) throws {
        let workbook = try Workbook(path: path)
        var properties = DocumentProperties()
        properties.created = 1_764_460_800
        try workbook.setProperties(properties)
        let first = try workbook.addWorksheet(named: "甲", rows: .streamed)
        let second = try workbook.addWorksheet(named: "乙", rows: .streamed)
        let third = try workbook.addWorksheet(named: "丙", rows: .streamed)
        try first.write("标题", row: 0, column: 0, style: bold)
        try workbook.writeConcurrently(handing: [second, third], styles: [filled, linked], to: { sheets in
            for row in 0..<rows {
                try sheets[0].write(Double(row), row: row, column: 0, style: filled)
                try sheets[0].writeInternalLink(to: "'甲'!A\(row + 2)", text: "→", row: row, column: 1, style: linked)
                try sheets[1].write("第\(row)行", row: row, column: 0)
            }
        }, whileHere: {
            for row in 1...rows {
                try first.write("行\(row)", row: row, column: 0, style: bold)
                try first.write(Double(row) * 0.5, row: row, column: 1, style: italic)
            }
        })
        try third.hide()
        try workbook.close()
    }

    @Test("each thread's sheets read back with their values, styles and links")
    func readsBack() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("two.xlsx")
        try ConcurrentWriteTests.write(path, rows: 3_000)
        let read = try #require(try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            a, b, c = wb['甲'], wb['乙'], wb['丙']
            print(json.dumps({
                "a": [a.max_row, a['A1'].value, a['A1'].font.b, a['A3001'].value, a['A3001'].font.b,
                      a['B3001'].value, a['B3001'].font.i, a['B3001'].font.b],
                "b": [b.max_row, b['A3000'].value, b['A3000'].fill.fgColor.rgb, b['A3000'].alignment.horizontal,
                      b['B3000'].value, b['B3000'].hyperlink.location, b['B3000'].font.u, b['B3000'].font.color.rgb],
                "c": [c.max_row, c['A3000'].value, c.sheet_state],
            }))
            """, [path]) as? [String: [Any]])
        let a = try #require(read["a"])
        #expect(a[0] as? Int == 3_001)
        #expect(a[1] as? String == "标题")
        #expect(a[2] as? Bool == true)
        #expect(a[3] as? String == "行3000")
        #expect(a[4] as? Bool == true)
        #expect(a[5] as? Double == 1_500)
        #expect(a[6] as? Bool == true)
        #expect(a[7] as? Bool == false)
        let b = try #require(read["b"])
        #expect(b[0] as? Int == 3_000)
        #expect(b[1] as? Double == 2_999)
        #expect((b[2] as? String)?.hasSuffix("FFC7CE") == true)
        #expect(b[3] as? String == "center")
        #expect(b[4] as? String == "→")
        #expect(b[5] as? String == "'甲'!A3001")
        #expect(b[6] as? String == "single")
        #expect((b[7] as? String)?.hasSuffix("0563C1") == true)
        let c = try #require(read["c"])
        #expect(c[0] as? Int == 3_000)
        #expect(c[1] as? String == "第2999行")
        #expect(c[2] as? String == "hidden")
    }

    @Test("the same cells give the same package on every run, whichever thread runs ahead")
    func reproducible() throws {
        let folder = try TemporaryDirectory()
        var packages: Set<Data> = []
        for run in 0..<4 {
            let path = folder.file("run\(run).xlsx")
            try ConcurrentWriteTests.write(path, rows: 2_000)
            packages.insert(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(packages.count == 1)
    }

    @Test("a style libxlsxwriter finds equal to the default format is written as that format")
    func equalToDefault() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("equal.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        let plain = CellStyle { $0.fontSize = 11 }
        try workbook.writeConcurrently(handing: [sheet], styles: [plain], to: { sheets in
            try sheets[0].write("a", row: 0, column: 0, style: plain)
        }, whileHere: {})
        try workbook.close()
        let cell = try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['S']
            print(json.dumps([ws['A1'].value, ws['A1'].font.sz, ws['A1'].style_id]))
            """, [path]) as? [Any]
        #expect(cell?[0] as? String == "a")
        #expect(cell?[1] as? Double == 11)
        #expect(cell?[2] as? Int == 0)
    }

    /// What a handed sheet refuses on its thread, and every use of it on another.
    static let refusals: [(String, @Sendable (Worksheet) throws -> Void)] = [
        ("a style not handed over", { try $0.write("x", row: 0, column: 0, style: ConcurrentWriteTests.italic) }),
        ("a conditional format", {
            try $0.addConditionalFormat(ConditionalFormat(formula: "=A1>0", style: ConcurrentWriteTests.filled),
                                        to: CellRange(CellAddress(row: 0, column: 0), CellAddress(row: 9, column: 0)))
        }),
        ("hiding the sheet", { try $0.hide() }),
        ("activating the sheet", { try $0.activate() }),
        ("a link without a style", { try $0.writeInternalLink(to: "'S'!A1", text: "x", row: 0, column: 0) }),
    ]

    @Test("a handed sheet refuses what reaches the workbook's shared state", arguments: refusals.indices)
    func refusesSharedState(_ index: Int) throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("refuse.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        _ = try workbook.addWorksheet(named: "T", rows: .streamed)
        let attempt = ConcurrentWriteTests.refusals[index].1
        let code = Mutex<XLSXWriteError.Code?>(nil)
        try workbook.writeConcurrently(handing: [sheet], styles: [ConcurrentWriteTests.filled], to: { sheets in
            do {
                try attempt(sheets[0])
            } catch let error as XLSXWriteError {
                code.withLock { $0 = error.code }
            }
        }, whileHere: {})
        #expect(code.withLock { $0 } == .invalidArgument, "\(ConcurrentWriteTests.refusals[index].0)")
        // After the hand-over the sheet is this thread's again.
        try sheet.write("x", row: 0, column: 0, style: ConcurrentWriteTests.italic)
        try workbook.close()
    }

    @Test("a handed sheet used on the calling thread throws, and the second thread's error reaches the caller")
    func wrongThread() throws {
        struct Failed: Error {}
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("thread.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        var error: XLSXWriteError?
        var thrown: (any Error)?
        do {
            try workbook.writeConcurrently(handing: [sheet], styles: [], to: { _ in throw Failed() }, whileHere: {
                do {
                    try sheet.write("x", row: 0, column: 0)
                } catch let refused as XLSXWriteError {
                    error = refused
                }
            })
        } catch let failure {
            thrown = failure
        }
        #expect(thrown is Failed)
        #expect(error?.code == .invalidArgument)
        #expect(error?.location?.sheet == "S")
    }

    @Test("a sheet handed twice, or one of another workbook, is refused before any thread starts")
    func refusedSheets() throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("a.xlsx"))
        let other = try Workbook(path: folder.file("b.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        let foreign = try other.addWorksheet(named: "F", rows: .streamed)
        let twice = #expect(throws: XLSXWriteError.self) {
            try workbook.writeConcurrently(handing: [sheet, sheet], styles: [], to: { _ in }, whileHere: {})
        }
        #expect(twice?.code == .invalidArgument)
        let crossed = #expect(throws: XLSXWriteError.self) {
            try workbook.writeConcurrently(handing: [foreign], styles: [], to: { _ in }, whileHere: {})
        }
        #expect(crossed?.code == .wrongWorkbook)
        try sheet.write("still usable", row: 0, column: 0)
        try workbook.close()
        try other.close()
    }
}
