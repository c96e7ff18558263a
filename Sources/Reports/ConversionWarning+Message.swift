public import Conversion
import TabularCSV

extension ConversionWarning {
    /// The warning as one line in `language` (the English line is `description`); the location stays first, in the
    /// form editors and CI parse.
    public func message(_ language: Language) -> String {
        guard language == .chinese else { return description }
        switch self {
        case .titleRows(let input, let rows, let headerRow):
            let above = rows.count == 1 ? "第 \(rows.lowerBound) 行" : "第 \(rows.lowerBound)–\(rows.upperBound) 行"
            return "\(input): \(above)是表头上方的标题，表头在第 \(headerRow) 行；可用 --header-row N 指定表头所在的行"
        case .continuedOnSheet(let input, let rowsPerSheet, let sheet):
            return "\(input): 超过 \(rowsPerSheet - 1) 行，其余各行续写在工作表“\(sheet)”，表头重复"
        case .csv(let warning):
            let what = warning.actualFields < warning.expectedFields ? "已用空单元格补齐" : "多出的字段已保留"
            return "\(warning.location): 此行有 \(warning.actualFields) 个字段，表头有 \(warning.expectedFields) 个；\(what)"
        case .omitted(let input, let count):
            return "\(input): 另有 \(count) 条同类警告未显示"
        case .textCut(let location):
            return "\(location): 超过 32,767 个字符的字段已截断，以适应 Excel"
        case .formulasWithoutValue(let count, let first):
            return "\(count) 个公式单元格没有保存计算结果（第一个：\(first)），已按空值读取；请在 Excel 中打开并保存文件，以计算它们"
        }
    }
}
