import Foundation
import TestSupport
import Testing

/// The file's bytes decide what it is, not its name, for `convert`, `check` and `report`.
@Suite("files are recognized by their content, not their name")
struct ConvertSniffingTests {
    static let fixtures = "Tests/TabularXLSXTests/Fixtures/"

    /// Copies a committed fixture into `folder` under another name.
    func copy(_ fixture: String, as name: String, in folder: TemporaryDirectory) throws -> String {
        let path = folder.file(name)
        try FileManager.default.copyItem(atPath: packagePath(Self.fixtures + fixture), toPath: path)
        return path
    }

    @Test("an .xlsx named .xls (as WPS users send) converts as a workbook")
    func xlsxNamedXLS() throws {
        let folder = try TemporaryDirectory()
        let book = folder.file("wps.xls")
        try writeZip(book, entries: minimalWorkbook(sheet: sheetXML(#"<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1"><v>2</v></c></row>"#)))
        let output = folder.file("out.csv")
        let result = try runTracksheet(["convert", "--lang", "en", book, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "名称,2\n")
    }

    @Test("an .xlsb is named in one line with what to do (exit 3)", arguments: [
        ("other_xlsb.xlsx", "book.xlsb", ".xlsb"),
    ])
    func otherFormats(fixture: String, name: String, fragment: String) throws {
        let folder = try TemporaryDirectory()
        let input = try copy(fixture, as: name, in: folder)
        for arguments in [["convert", input, "-o", folder.file("out.xlsx")], ["convert", input, "-o", folder.file("out.csv")],
                          ["check", input], ["report", input, "-o", folder.file("ledger.xlsx")]] {
            let result = try runTracksheet(arguments)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("save it as .xlsx"), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("NUL") && !result.stderr.contains("--encoding"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.xlsx")))
    }

    /// LibreOffice's markup saves of a task table (Tests/Fixtures/markup): refused in one line by what they are,
    /// in every command and language, with nothing written; read as CSV they gave rows of tags.
    @Test("a web page named .xls, an Excel 2003 XML and a flat ODS are named in one line (exit 3), nothing written",
          arguments: [("tasks-webpage.xls", "HTML page"), ("tasks-excel2003.xml", "Excel 2003 XML"), ("tasks.fods", "flat OpenDocument")])
    func markupTables(file: String, fragment: String) throws {
        let folder = try TemporaryDirectory()
        let input = packagePath("Tests/Fixtures/markup/\(file)")
        for arguments in [["convert", input, "-o", folder.file("out.xlsx"), "--lang", "en"],
                          ["convert", input, "-o", folder.file("out.csv"), "--lang", "en"],
                          ["check", input, "--lang", "en"], ["check", input, "--lang", "zh"],
                          ["report", input, "-o", folder.file("ledger.xlsx"), "--lang", "en"]] {
            let result = try runTracksheet(arguments)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("\(input):1"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        #expect(try folder.contents().isEmpty)
    }

    @Test("an OpenDocument package without a table is named in one line (exit 3); a real .ods converts (ODSCommandTests)")
    func odsWithoutTable() throws {
        let folder = try TemporaryDirectory()
        let input = try copy("other_ods.xlsx", as: "sheet.ods", in: folder)
        for arguments in [["convert", input, "-o", folder.file("out.csv")], ["check", input]] {
            let result = try runTracksheet(arguments)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("OpenDocument content.xml holds no spreadsheet table"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test("a CSV named .xlsx is read as CSV; asked for CSV out, one line says it is text, not a workbook")
    func csvNamedXLSX() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("export.xlsx", text: "name,count\nA,1\n")
        let output = folder.file("out.xlsx")
        let converted = try runTracksheet(["convert", "--lang", "en", input, "-o", output])
        #expect(converted.status == 0, "\(converted.stderr)")
        let sheet = try #require(try workbookCells(output)["export"])
        #expect(sheet[1][1] == ["1", "n", "General"])

        let refused = try runTracksheet(["convert", "--lang", "en", input, "-o", folder.file("out.csv")])
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr.contains("text (CSV) file, not a workbook"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
    }

    @Test("check and report read a task table by its content whatever its extension")
    func checkReadsRenamedWorkbook() throws {
        let folder = try TemporaryDirectory()
        let renamed = try folder.write("tasks.xls", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: packagePath("Samples/rectification/tasks.xlsx")))))
        let original = try runTracksheet(["check", packagePath("Samples/rectification/tasks.xlsx")])
        let result = try runTracksheet(["check", renamed])
        #expect(result.status == original.status, "\(result.stderr)")
        #expect(!result.stderr.contains("encoding"), "\(result.stderr)")
    }

    @Test("Excel's lock file (~$name.xlsx) is named as such, with the workbook to use instead (exit 3)")
    func lockFile() throws {
        let folder = try TemporaryDirectory()
        // What Excel writes: the user name's length, the name padded with spaces, then the name in UTF-16LE.
        var bytes: [UInt8] = [5] + Array("Admin".utf8) + Array(repeating: 0x20, count: 49)
        bytes += [5, 0] + "Admin".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + Array(repeating: 0x20, count: 100)
        let lock = try folder.write("~$台账.xlsx", bytes: bytes)
        for arguments in [["convert", lock, "-o", folder.file("out.csv")], ["convert", lock, "-o", folder.file("out.xlsx")],
                          ["check", lock]] {
            let result = try runTracksheet(arguments)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("this is Excel's lock file for 台账.xlsx: close the workbook in Excel, or use 台账.xlsx"),
                    "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }
}
