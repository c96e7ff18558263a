import TabularCore
import TabularXLSX
import TestSupport
import Testing

/// A file that must fail with a code and a message fragment, reading the first worksheet to the end.
struct HostileCase: CustomTestStringConvertible, Sendable {
    var file: String
    var code: XLSXReadError.Code
    var fragment: String
    var category: FailureCategory = .unreadableInput
    var testDescription: String { file }
}

/// Opens a fixture and reads every row of its first worksheet, returning them.
@discardableResult
func readFirstSheet(_ path: String, limits: XLSXLimits = XLSXLimits()) throws -> [Row] {
    let workbook = try XLSXWorkbook(path: path, limits: limits)
    let reader = try workbook.rows(of: workbook.worksheets[0])
    var rows: [Row] = []
    while let row = try reader.nextRow() { rows.append(row) }
    return rows
}

@Suite struct HostileInputTests {
    @Test(.timeLimit(.minutes(1)), arguments: [
        HostileCase(file: "hostile_billion_laughs.xlsx", code: .doctypeForbidden, fragment: "DOCTYPE"),
        HostileCase(file: "hostile_xxe.xlsx", code: .doctypeForbidden, fragment: "DOCTYPE"),
        HostileCase(file: "hostile_sst_out_of_range.xlsx", code: .sharedStringIndexOutOfRange, fragment: "cell B1: shared-string index 5 is outside the 2 shared strings"),
        HostileCase(file: "hostile_style_out_of_range.xlsx", code: .styleIndexOutOfRange, fragment: "cell C2: style index 9"),
        HostileCase(file: "hostile_beyond_xfd.xlsx", code: .invalidReference, fragment: "\"XFE1\""),
        HostileCase(file: "hostile_row_beyond.xlsx", code: .invalidReference, fragment: "1048577"),
        HostileCase(file: "hostile_deep_nesting.xlsx", code: .structureLimit, fragment: "deeper than 256", category: .limitExceeded),
        HostileCase(file: "hostile_unbalanced.xlsx", code: .malformedXML, fragment: "does not match"),
        HostileCase(file: "hostile_truncated_xml.xlsx", code: .malformedXML, fragment: "truncated"),
        HostileCase(file: "hostile_rows_out_of_order.xlsx", code: .invalidReference, fragment: "row 2 comes after row 3"),
        HostileCase(file: "hostile_bad_number.xlsx", code: .invalidCellValue, fragment: "cell B1: \"twelve\" is not a number"),
        HostileCase(file: "hostile_bad_entity.xlsx", code: .malformedXML, fragment: "&nbsp;"),
        HostileCase(file: "hostile_target_escape.xlsx", code: .targetOutsidePackage, fragment: "../../etc/passwd"),
        HostileCase(file: "hostile_missing_sheet.xlsx", code: .missingPart, fragment: "xl/worksheets/sheet1.xml"),
        HostileCase(file: "hostile_no_worksheet.xlsx", code: .noWorksheet, fragment: "no worksheet"),
        HostileCase(file: "hostile_no_workbook.xlsx", code: .missingPart, fragment: "workbook part"),
        HostileCase(file: "hostile_dotdot_entry.xlsx", code: .unsafeEntryName, fragment: "../evil.xml"),
        HostileCase(file: "hostile_duplicate_entry.xlsx", code: .corruptZip, fragment: "xl/worksheets/sheet1.xml twice"),
        HostileCase(file: "other_xlsb.xlsx", code: .binaryXLSB, fragment: ".xlsb"),
        HostileCase(file: "other_ods.xlsx", code: .openDocument, fragment: ".ods"),
        HostileCase(file: "other_encrypted.xlsx", code: .passwordProtected, fragment: "password-protected workbook"),
        HostileCase(file: "other_legacy.xls", code: .legacyXLS, fragment: "legacy Excel 97-2003 workbook (.xls)"),
        HostileCase(file: "other_csv_renamed.xlsx", code: .notAZipPackage, fragment: "no ZIP signature"),
        HostileCase(file: "other_empty.xlsx", code: .emptyFile, fragment: "empty"),
        HostileCase(file: "does_not_exist.xlsx", code: .fileUnreadable, fragment: "cannot open"),
        HostileCase(file: "corrupt_crc.xlsx", code: .corruptZip, fragment: "CRC"),
        HostileCase(file: "corrupt_truncated.xlsx", code: .corruptZip, fragment: "damaged"),
        HostileCase(file: "corrupt_deflate.xlsx", code: .corruptZip, fragment: "xl/worksheets/sheet1.xml"),
        HostileCase(file: "corrupt_truncated_deflate.xlsx", code: .corruptZip, fragment: "xl/worksheets/sheet1.xml"),
        HostileCase(file: "corrupt_truncated_stored.xlsx", code: .corruptZip, fragment: "xl/worksheets/sheet1.xml"),
        HostileCase(file: "bomb_lying_size.xlsx", code: .decompressionLimit, fragment: "beyond its declared size", category: .limitExceeded),
        HostileCase(file: "bomb_ratio.xlsx", code: .decompressionLimit, fragment: "zip bomb", category: .limitExceeded),
    ])
    func refusedWithOneLineMessage(testCase: HostileCase) {
        let path = fixture(testCase.file)
        let error = readError { try readFirstSheet(path) }
        #expect(error?.code == testCase.code, "\(String(describing: error))")
        #expect(error?.message.contains(testCase.fragment) == true, "\(String(describing: error))")
        #expect(error?.category == testCase.category)
        #expect(error?.location?.file == path)
        #expect(error.map { !$0.description.contains("\n") } == true)
    }

    @Test func cellErrorsNameSheetRowAndColumn() {
        let path = fixture("hostile_sst_out_of_range.xlsx")
        let error = readError { try readFirstSheet(path) }
        #expect(error?.location == SourceLocation(file: path, sheet: "Sheet1", line: 1, column: 2))
        #expect(error?.description.hasPrefix("\(path)[Sheet1]:1:2: cell B1:") == true)
    }

    static func capped(_ adjust: (inout XLSXLimits) -> Void) -> XLSXLimits {
        var limits = XLSXLimits()
        adjust(&limits)
        return limits
    }

    @Test(arguments: [
        ("per part", capped { $0.maxEntryUncompressedBytes = 1 << 20 }, "per-part limit"),
        ("total", capped { $0.maxTotalUncompressedBytes = 20 << 20 }, "limit of"),
        ("ratio", capped { $0.maxCompressionRatio = 100; $0.ratioGraceBytes = 1 << 20 }, "zip bomb"),
    ])
    func decompressionCapsApplyWhileInflating(name: String, limits: XLSXLimits, fragment: String) {
        let error = readError { try readFirstSheet(fixture("bomb_ratio.xlsx"), limits: limits) }
        #expect(error?.code == .decompressionLimit, "\(String(describing: error))")
        #expect(error?.category == .limitExceeded)
        #expect(error?.message.contains(fragment) == true, "\(String(describing: error))")
    }

    @Test func bombReadsWhenTheCapsAreRaised() throws {
        // 24 MiB of spaces deflate about 1,030:1, over the default ratio cap of 1,000; raised caps let it through,
        // and the one cell before the padding is read in full, with nothing after it.
        var limits = XLSXLimits()
        limits.maxCompressionRatio = 2_000
        let rows = try readFirstSheet(fixture("bomb_ratio.xlsx"), limits: limits)
        #expect(rows == [Row(cells: [.number(1)], line: 1)])
    }

    @Test func folderIsNotAWorkbook() throws {
        let folder = try TemporaryDirectory()
        let error = readError { try readFirstSheet(folder.path) }
        #expect(error?.code == .fileUnreadable)
        #expect(error?.message.contains("folder") == true)
    }

    @Test func errorsAreSticky() throws {
        let workbook = try XLSXWorkbook(path: fixture("hostile_bad_number.xlsx"))
        let reader = try workbook.rows(of: workbook.worksheets[0])
        let first = readError { _ = try reader.nextRow() }
        let second = readError { _ = try reader.nextRow() }
        #expect(first?.code == .invalidCellValue)
        #expect(second == first)
    }

    @Test func droppingAReaderEarlyStopsItsInflatingThread() throws {
        var limits = XLSXLimits()
        limits.maxCompressionRatio = 2_000
        let workbook = try XLSXWorkbook(path: fixture("bomb_ratio.xlsx"), limits: limits)
        for _ in 0..<20 {
            let reader = try workbook.rows(of: workbook.worksheets[0])
            #expect(try reader.nextRow() == Row(cells: [.number(1)], line: 1))
        }
    }

    @Test func twoReadersOfOneWorkbookAtOnce() throws {
        let workbook = try XLSXWorkbook(path: fixture("xlsxwriter_constant_memory.xlsx"))
        let first = try workbook.rows(of: workbook.worksheets[0])
        let second = try workbook.rows(of: workbook.worksheets[0])
        for line in 1...200 {
            let a = try first.nextRow()
            let b = try second.nextRow()
            #expect(a == b && a?.line == line)
        }
        #expect(try first.nextRow() == nil && second.nextRow() == nil)
    }

    @Test func structureLimits() {
        var limits = XLSXLimits()
        limits.maxEntries = 3
        let error = readError { try readFirstSheet(fixture("xlsxwriter_types.xlsx"), limits: limits) }
        #expect(error?.code == .structureLimit)
        limits = XLSXLimits()
        limits.maxXMLDepth = 3
        let depth = readError { try readFirstSheet(fixture("xlsxwriter_types.xlsx"), limits: limits) }
        #expect(depth?.code == .structureLimit)
    }
}
