import Foundation
import TabularCore
import TestSupport
import Testing
import XLSXWriter

/// A1 range, for brevity.
private func cells(_ a1: String) throws -> CellRange {
    try #require(CellRange(a1: a1))
}

@Suite("Streamed worksheets: rows in order only, ranges of several rows merged by marking them first")
struct StreamedSheetTests {
    /// One way of touching a row of a streamed sheet, by name for the test's label.
    enum Touch: String, CaseIterable, Sendable {
        case text, number, date, boolean, blank, formula, link, rowHeight, merge

        func apply(to sheet: Worksheet, row: Int) throws {
            switch self {
            case .text: try sheet.write("x", row: row, column: 1)
            case .number: try sheet.write(1.5, row: row, column: 1)
            case .date: try sheet.write(LocalDateTime(year: 2025, month: 6, day: 30)!, row: row, column: 1)
            case .boolean: try sheet.write(true, row: row, column: 1)
            case .blank: try sheet.writeBlank(row: row, column: 1, style: CellStyle { $0.bold = true })
            case .formula: try sheet.writeFormula("=1+1", row: row, column: 1)
            case .link: try sheet.writeInternalLink(to: "S!A1", text: "go", row: row, column: 1)
            case .rowHeight: try sheet.setRowHeight(30, row: row)
            case .merge: try sheet.merge(CellRange(CellAddress(row: row, column: 1), CellAddress(row: row, column: 2)), text: "m")
            }
        }
    }

    @Test("every kind of write above the row written last throws row-out-of-order, naming the row", arguments: Touch.allCases)
    func earlierRowRefused(_ touch: Touch) throws {
        let folder = try TemporaryDirectory()
        let workbook = try Workbook(path: folder.file("order.xlsx"))
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        try sheet.write("row 1", row: 0, column: 0)
        try sheet.write("row 5", row: 4, column: 0)
        try touch.apply(to: sheet, row: 4)
        let error = try #require(throws: XLSXWriteError.self) { try touch.apply(to: sheet, row: 3) }
        #expect(error.code == .rowOutOfOrder)
        #expect(error.value == "4")
        #expect(error.location?.sheet == "S")
        #expect(error.location?.line == 4)
        try workbook.close()
    }

    @Test("an in-memory sheet of the same workbook still takes rows in any order")
    func inMemoryBeside() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("mixed.xlsx")
        let workbook = try Workbook(path: path)
        let streamed = try workbook.addWorksheet(named: "Streamed", rows: .streamed)
        let memory = try workbook.addWorksheet(named: "Memory")
        #expect(streamed.rowStorage == .streamed)
        #expect(memory.rowStorage == .inMemory)
        try memory.write("second", row: 1, column: 0)
        try memory.write("first", row: 0, column: 0)
        try streamed.write("top", row: 0, column: 0)
        try streamed.write(7, row: 1, column: 0)
        try workbook.close()
        let values = try #require(try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps({name: [[c.value for c in row] for row in wb[name].iter_rows()] for name in wb.sheetnames}))
            """, [path]) as? [String: [[Any]]])
        #expect(values["Memory"]?.map { $0.compactMap { $0 as? String } } == [["first"], ["second"]])
        #expect(values["Streamed"]?.first?.first as? String == "top")
        #expect(values["Streamed"]?.last?.first as? Int == 7)
    }

    @Test("a constant-memory workbook refuses an in-memory sheet, and streams the ones it adds")
    func constantMemoryWorkbook() throws {
        let folder = try TemporaryDirectory()
        var options = WorkbookOptions()
        options.constantMemory = true
        let workbook = try Workbook(path: folder.file("cm.xlsx"), options: options)
        let error = try #require(throws: XLSXWriteError.self) { try workbook.addWorksheet(named: "M", rows: .inMemory) }
        #expect(error.code == .invalidArgument)
        #expect(error.value == "M")
        #expect(try workbook.addWorksheet(named: "S").rowStorage == .streamed)
        try workbook.close()
    }

    @Test("a larger row-storage buffer writes the same package: rows past several buffers' worth read back by openpyxl", arguments: [nil, 4_096, 256 * 1024] as [Int?])
    func rowStorageBuffer(size: Int?) throws {
        let folder = try TemporaryDirectory()
        func write(_ name: String, buffer: Int?) throws -> String {
            let path = folder.file(name)
            var options = WorkbookOptions()
            options.rowStorageBufferSize = buffer
            let workbook = try Workbook(path: path, options: options)
            var properties = DocumentProperties()
            properties.created = 1_751_241_600
            try workbook.setProperties(properties)
            let streamed = try workbook.addWorksheet(named: "S", rows: .streamed)
            let handed = try workbook.addWorksheet(named: "T", rows: .streamed)
            // About 1.6 MB of row XML a sheet: several 256 KB buffers' worth.
            for row in 0..<20_000 {
                try streamed.write("第\(row)行 text that repeats", row: row, column: 0)
                try streamed.write(Double(row), row: row, column: 1)
                try handed.write("row \(row)", row: row, column: 0)
            }
            try workbook.close()
            return path
        }
        let plain = try write("plain.xlsx", buffer: nil)
        let buffered = try write("buffered.xlsx", buffer: size)
        #expect(FileManager.default.contents(atPath: plain) == FileManager.default.contents(atPath: buffered))
        let facts = try #require(try openpyxl("""
            wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
            s = list(wb["S"].iter_rows(values_only=True)); t = list(wb["T"].iter_rows(values_only=True))
            print(json.dumps([len(s), s[12345][0], s[19999][1], len(t), t[19999][0]], ensure_ascii=False))
            """, [buffered]) as? [Any])
        #expect(facts[0] as? Int == 20_000)
        #expect(facts[1] as? String == "第12345行 text that repeats")
        #expect(facts[2] as? Int == 19_999)
        #expect(facts[3] as? Int == 20_000)
        #expect(facts[4] as? String == "row 19999")
    }

    @Test("ranges of several rows marked while their first row is written come out merged with their cells as written")
    func markedRanges() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("marked.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S", rows: .streamed)
        let group = CellStyle { $0.bold = true; $0.verticalAlignment = .top }
        try sheet.merge(try cells("A1:C1"), text: "title", style: group)
        for row in 1...6 {
            if row == 1 || row == 4 {
                try sheet.markMerged(CellRange(CellAddress(row: row, column: 0), CellAddress(row: row + 2, column: 0)))
                try sheet.write(row == 1 ? "first group" : "second group", row: row, column: 0, style: group)
            } else {
                try sheet.writeBlank(row: row, column: 0, style: group)
            }
            try sheet.write(Double(row), row: row, column: 1)
        }
        let overlap = try #require(throws: XLSXWriteError.self) { try sheet.markMerged(try cells("A7:A8")) }
        #expect(overlap.message == "the merged range A7:A8 overlaps A5:A7, merged before")
        let finished = try #require(throws: XLSXWriteError.self) { try sheet.markMerged(try cells("D2:D3")) }
        #expect(finished.code == .rowOutOfOrder)
        let tall = try #require(throws: XLSXWriteError.self) { try sheet.merge(try cells("D7:D8"), text: "x") }
        #expect(tall.code == .invalidArgument)
        try workbook.close()
        // openpyxl shows the covered cells of a merged range as empty MergedCells, so their styles are read from the
        // sheet's XML: each covered cell carries its group's style index.
        let facts = try #require(try openpyxl("""
            import re, zipfile
            ws = openpyxl.load_workbook(sys.argv[1])['S']
            xml = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
            styles = {m.group(1): m.group(2) for m in re.finditer(r'<c r="(A[0-9]+)"(?: s="([0-9]+)")?', xml)}
            print(json.dumps({
                'merged': sorted(str(r) for r in ws.merged_cells.ranges),
                'column A': [ws.cell(row=r, column=1).value for r in range(1, 8)],
                'anchors bold and top': [[ws[a].font.b, ws[a].alignment.vertical] for a in ('A2', 'A5')],
                'styles': [styles.get('A%d' % r) for r in range(2, 8)],
                'column B': [ws.cell(row=r, column=2).value for r in range(2, 8)],
            }))
            """, [path]) as? [String: Any])
        #expect(facts["merged"] as? [String] == ["A1:C1", "A2:A4", "A5:A7"])
        #expect((facts["column A"] as? [Any])?.map { $0 as? String } == ["title", "first group", nil, nil, "second group", nil, nil])
        #expect((facts["anchors bold and top"] as? [[Any]])?.map { [$0[0] as? Bool == true, $0[1] as? String == "top"] } == [[true, true], [true, true]])
        let styles = try #require(facts["styles"] as? [String])
        #expect(styles.count == 6 && Set(styles).count == 1)
        #expect(facts["column B"] as? [Int] == [1, 2, 3, 4, 5, 6])
    }

    @Test("an in-memory sheet may mark a range after its cells are written; the cells are kept")
    func markedInMemory() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("memory.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(named: "S")
        try sheet.write("kept", row: 0, column: 0)
        try sheet.markMerged(try cells("A1:B3"))
        let single = try #require(throws: XLSXWriteError.self) { try sheet.markMerged(try cells("D1:D1")) }
        #expect(single.code == .invalidArgument)
        try workbook.close()
        let facts = try #require(try openpyxl("""
            ws = openpyxl.load_workbook(sys.argv[1])['S']
            print(json.dumps([sorted(str(r) for r in ws.merged_cells.ranges), ws['A1'].value]))
            """, [path]) as? [Any])
        #expect(facts[0] as? [String] == ["A1:B3"])
        #expect(facts[1] as? String == "kept")
    }
}
