import Foundation
import TestSupport
import Testing

/// The manifest's top-level object.
func manifestObject(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// A two-row sheet: header 姓名/部门, one data row 张三/1.
let twoRowSheet = sheetXML(
    #"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>部门</t></is></c></row>"#
        + #"<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>1</v></c></row>"#)

@Suite("tracksheet batch convert: lock files and the direction by content")
struct BatchFolderEdgesTests {
    @Test("Excel's lock files are skipped with one note each and listed in the manifest; the other jobs run")
    func lockFilesSkipped() throws {
        let folder = try TemporaryDirectory()
        let share = folder.file("share")
        try FileManager.default.createDirectory(atPath: share + "/sub", withIntermediateDirectories: true)
        try writeZip(share + "/台账.xlsx", entries: minimalWorkbook(sheet: twoRowSheet))
        // A lock file as Excel writes it: a length byte, the user's name, padding; 165 bytes, not a ZIP.
        let lock: [UInt8] = [5] + Array("clerk".utf8) + Array(repeating: 0x20, count: 159)
        _ = try folder.write("share/~$台账.xlsx", bytes: lock)
        _ = try folder.write("share/sub/~$名单.xlsx", bytes: lock)
        _ = try folder.write("share/sub/名单.csv", text: "姓名,部门\n李四,2\n")
        let out = folder.file("out")
        let result = try runTracksheet(["batch", "convert", share, "-o", out, "--glob", "*.{csv,xlsx}", "--no-timing", "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        let notes = result.stderr.split(separator: "\n").filter { $0.hasPrefix("skipped ") }
        #expect(result.stderr.contains("2 jobs: 2 ok; manifest: "), "\(result.stderr)")
        #expect(notes == [
            "skipped \(share)/sub/~$名单.xlsx: Excel's lock file for 名单.xlsx (the workbook is open in Excel); not converted",
            "skipped \(share)/~$台账.xlsx: Excel's lock file for 台账.xlsx (the workbook is open in Excel); not converted",
        ])
        // The same run in Chinese (the default under a C or Chinese locale): the notes and the summary line.
        let chinese = try runTracksheet(["batch", "convert", share, "-o", folder.file("out-zh"), "--glob", "*.{csv,xlsx}"])
        #expect(chinese.stderr.contains("跳过 \(share)/~$台账.xlsx：这是 Excel 打开 台账.xlsx 时留下的锁定文件，不转换"), "\(chinese.stderr)")
        #expect(chinese.stderr.contains("2 个作业：2 ok；运行清单："), "\(chinese.stderr)")
        let manifest = try manifestObject(out + "/tracksheet-manifest.json")
        let skipped = try #require(manifest["skipped"] as? [[String: String]])
        #expect(skipped.map { $0["path"] } == ["\(share)/sub/~$名单.xlsx", "\(share)/~$台账.xlsx"])
        let jobs = try manifestJobs(out + "/tracksheet-manifest.json")
        #expect(jobs.map { $0["status"] as? String } == ["ok", "ok"])
        #expect(try String(contentsOfFile: out + "/台账.csv", encoding: .utf8) == "姓名,部门\n张三,1\n")
        #expect(FileManager.default.fileExists(atPath: out + "/sub/名单.xlsx"))

        // -q drops the notes, not the manifest's record.
        let quiet = try runTracksheet(["batch", "convert", share, "-o", folder.file("quiet"), "--glob", "*.xlsx", "-q"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr == "")
        #expect((try manifestObject(folder.file("quiet/tracksheet-manifest.json"))["skipped"] as? [Any])?.count == 2)
    }

    @Test("a run without lock files has no skipped list in its manifest")
    func noSkippedList() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("share"), withIntermediateDirectories: true)
        _ = try folder.write("share/a.csv", text: "x,y\n1,2\n")
        let out = folder.file("out")
        let result = try runTracksheet(["batch", "convert", folder.file("share"), "-o", out, "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try manifestObject(out + "/tracksheet-manifest.json")["skipped"] == nil)
    }

    @Test("the content decides the direction: a CSV named .xlsx becomes a workbook, an .xlsx named .xls a CSV")
    func directionByContent() throws {
        let folder = try TemporaryDirectory()
        let share = folder.file("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        _ = try folder.write("share/export.xlsx", text: "姓名,部门\n王五,3\n")
        try writeZip(share + "/wps.xls", entries: minimalWorkbook(sheet: twoRowSheet))
        let out = folder.file("out")
        let result = try runTracksheet(["batch", "convert", share, "-o", out, "--glob", "*.{xlsx,xls}", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: out + "/wps.csv", encoding: .utf8) == "姓名,部门\n张三,1\n")
        let cells = try #require(try workbookCells(out + "/export.xlsx")["export"])
        #expect(cells[0].map { $0[0] } == ["姓名", "部门"])
        #expect(cells[1][1] == ["3", "n", "General"])
        let jobs = try manifestJobs(out + "/tracksheet-manifest.json")
        let outputs = jobs.compactMap { ($0["outputs"] as? [[String: Any]])?.first?["path"] as? String }
        #expect(outputs == [out + "/export.xlsx", out + "/wps.csv"])
    }
}
