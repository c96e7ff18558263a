public import TabularCore

/// Errors of every module as one line in the user's language.
///
/// The modules below Reports write their messages in English, with the values that matter (a sheet's name, the
/// encoding to try, a limit); in Chinese the line says what went wrong and what to do by the error's code, and keeps
/// the module's own text after it as the detail, so that nothing it says is lost. The location stays in the form
/// editors and CI parse (`file[sheet]:row:column`).
public enum ErrorText {
    /// `location: message` in `language`; an error whose code has no Chinese text yet is printed as the module
    /// wrote it.
    public static func describe(_ error: any LocatedError, in language: Language) -> String {
        guard language == .chinese, let code = error.codeName, let chinese = chinese[code] else {
            return error.description
        }
        let message = "\(chinese)（详情：\(error.message)）"
        if let location = error.location { return "\(location): \(message)" }
        return message
    }

    /// Whether an error code has a Chinese text (for the test that every module's codes are covered).
    public static func hasChineseText(for code: String) -> Bool { chinese[code] != nil }

    /// What each code means in Chinese, with the usual fix, by code name. Codes shared by two modules (text-too-long)
    /// mean the same thing in both.
    private static let chinese: [String: String] = [
        // Reading CSV and text (TabularCSV).
        "unterminated-quote": "有一个字段以双引号开始却没有结束；请检查该处是否少了一个 \"",
        "markup-document": "这是网页或 XML 文档（如网页格式的“.xls”、Excel 2003 XML 表格、平面 ODS），不是 CSV 表格；请在 Excel 或 WPS 中打开后另存为 .xlsx 再读取",
        "nul-byte": "文件含 NUL 字节：可能是 UTF-16 文本或二进制文件，不是普通的 CSV；请按详情指定 --encoding，或确认文件类型",
        "record-too-large": "一条记录超过大小上限：多半是某个引号没有闭合",
        "invalid-utf8": "文件不是有效的 UTF-8 文本；如果是 GBK/GB18030 编码，请用 --encoding GB18030",
        "invalid-encoded-bytes": "文件中有不符合所选编码的字节；请用 --encoding 指定正确的编码（如 GB18030）",
        "truncated-character": "文件末尾的字符不完整（文件可能被截断）",
        "unknown-encoding": "不认识的编码名称；可用 UTF-8、GB18030、GBK、UTF-16LE、UTF-16BE 等",
        "undetectable-encoding": "无法判断文件的编码；请用 --encoding 指定",
        "file-not-found": "找不到文件",
        "is-directory": "这是文件夹，不是文件",
        "read-failed": "无法读取文件",
        "ragged-row": "此行的字段数与表头不一致",
        "invalid-configuration": "选项组合无效",
        "write-failed": "无法写出文件",
        "output-closed": "输出已被关闭",
        "unencodable-character": "有字符无法用所选编码写出；请改用 UTF-8 或 GB18030",
        "short-row": "此行的字段比表头少",
        "long-row": "此行的字段比表头多",
        // Reading workbooks (TabularXLSX, TabularFiles).
        "fileUnreadable": "无法读取工作簿文件",
        "emptyFile": "文件是空的",
        "notAZipPackage": "这不是 .xlsx 工作簿（不是 ZIP 包）",
        "passwordProtected": "工作簿有密码保护；请在 Excel 中取消密码后另存，再读取",
        "legacyXLS": "这是旧版 .xls 工作簿；请在 Excel 或 WPS 中另存为 .xlsx",
        "excelLockFile": "这是 Excel 打开工作簿时留下的锁定文件（~$…）；请在 Excel 中关闭工作簿，或使用原文件",
        "binaryXLSB": "这是二进制 .xlsb 工作簿；请在 Excel 中另存为 .xlsx",
        "openDocument": "这是 OpenDocument（.ods）表格；请在 LibreOffice 中另存为 .xlsx",
        "corruptZip": "工作簿的 ZIP 包已损坏",
        "unsafeEntryName": "工作簿包内有不安全的文件名，拒绝读取",
        "missingPart": "工作簿缺少必需的部件",
        "targetOutsidePackage": "工作簿的关系指向包外，拒绝读取",
        "noWorksheet": "工作簿中没有工作表",
        "noSuchSheet": "没有这个工作表",
        "unknown-sheet": "没有这个工作表",
        "malformedXML": "工作簿中的 XML 格式错误",
        "doctypeForbidden": "工作簿的 XML 含 DOCTYPE 声明（不安全），拒绝读取",
        "invalidReference": "单元格引用无效",
        "invalidCellValue": "单元格的值无效",
        "sharedStringIndexOutOfRange": "单元格引用了不存在的共享字符串",
        "styleIndexOutOfRange": "单元格引用了不存在的样式",
        "decompressionLimit": "解压后的大小超过安全上限",
        "structureLimit": "工作簿的结构超过安全上限",
        // Reading legacy .xls workbooks (TabularXLS).
        "notACompoundFile": "这不是旧版 .xls 工作簿（不是 OLE 复合文件）",
        "corruptContainer": ".xls 文件的复合文件结构已损坏",
        "noWorkbookStream": ".xls 文件中没有工作簿数据流（Workbook/Book）",
        "unsupportedVersion": "这是 Excel 5.0 之前的旧格式（BIFF2–4），无法读取；请在 Excel 中另存为 .xlsx",
        "corruptRecord": ".xls 文件中的记录已损坏",
        "unknownCodePage": ".xls 文件使用了不认识的代码页",
        // Writing workbooks and converting (XLSXWriter, Conversion, OutputSupport).
        "text-too-long": "文本超过 Excel 单元格的上限（32,767 个字符）",
        "outside-grid": "超出 Excel 工作表的范围（1,048,576 行 × 16,384 列）",
        "value-out-of-range": "数值超出允许的范围",
        "wrong-workbook": "格式属于另一个工作簿（程序错误）",
        "workbook-closed": "工作簿已经关闭（程序错误）",
        "invalid-sheet-name": "工作表名称不合规：最长 31 个字符，不能含 [ ] : * ? / \\",
        "invalid-number": "数字无效（不是有限数）",
        "invalid-argument": "参数无效",
        "row-out-of-order": "逐行写出的工作表只能自上而下写入，这一行已经写完（程序错误）",
        "libxlsxwriter": "写出工作簿时 libxlsxwriter 报告错误",
        "output": "无法写出工作簿文件",
        "too-many-columns": "列数超过 Excel 的上限（16,384 列）",
        "unknown-column": "没有这一列",
        "no-such-row": "--header-row 指定的行不在表内",
        "output-folder": "无法创建输出文件夹",
        "output-is-input": "输出文件就是输入文件之一；不会覆盖输入，请换一个输出路径",
        // Reading rectification tables (Rectification).
        "no-header": "找不到表头：前几行中没有一行含至少两个能识别的列名；可用 --map 列名=字段 指定",
        "missing-column": "缺少必需的列",
        "tables-swapped": "问题清单与任务分解表的顺序颠倒了；请先给问题清单，再给任务分解表",
        "mapped-header-not-found": "--map 指定的列在表中不存在",
    ]
}
