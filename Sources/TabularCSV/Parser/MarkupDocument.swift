/// Markup documents that offices send as tables but that are not delimited text: told from the first bytes of the
/// text, so that one is refused in one line instead of read as rows of tags.
enum MarkupDocument: Sendable, Equatable, CustomStringConvertible {
    /// An HTML page (some systems export tables as web pages named .xls).
    case webPage
    /// Excel 2003's XML spreadsheet (SpreadsheetML).
    case excel2003XML
    /// A flat OpenDocument spreadsheet (.fods).
    case flatOpenDocument
    /// Any other XML document.
    case xml

    /// How much of the start is looked at.
    static let sampleSize = 4096

    /// What the document is, for messages.
    var description: String {
        switch self {
        case .webPage: "an HTML page (as some systems export tables, often named .xls)"
        case .excel2003XML: "an Excel 2003 XML spreadsheet"
        case .flatOpenDocument: "a flat OpenDocument spreadsheet (.fods)"
        case .xml: "an XML document"
        }
    }

    /// What to do with it.
    var advice: String {
        switch self {
        case .webPage, .excel2003XML: "open it in Excel or WPS and save it as .xlsx, then give that"
        case .flatOpenDocument: "save it as .ods or .xlsx (soffice --headless --convert-to ods FILE), then give that"
        case .xml: "give the table as CSV, .xlsx, .xls or .ods"
        }
    }

    /// The kind of markup the text starts with (after ASCII white space), or nil for text that does not start with
    /// a tag: a table whose first cell starts with `<` (`<5万元`) is still delimited text.
    static func kind(_ text: UnsafeBufferPointer<UInt8>) -> MarkupDocument? {
        var start = 0
        while start < text.count, text[start] == 0x20 || text[start] == 0x09 || text[start] == 0x0A || text[start] == 0x0D {
            start += 1
        }
        guard start < text.count, text[start] == UInt8(ascii: "<") else { return nil }
        let sample = UnsafeBufferPointer(rebasing: text[start..<min(text.count, start + sampleSize)])
        let head = String(decoding: sample.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.hasPrefix("<table") { return .webPage }
        guard head.hasPrefix("<?xml") else { return nil }
        if head.contains("urn:schemas-microsoft-com:office:spreadsheet") { return .excel2003XML }
        if head.contains("<office:document") { return .flatOpenDocument }
        if head.contains("<html") { return .webPage }
        return .xml
    }
}
