import Foundation
import TabularCore

/// One relationship from a `.rels` part, its target resolved to a part name inside the package.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var isExternal: Bool

    /// Whether the relationship type ends with `/suffix` (transitional and Strict OOXML share suffixes).
    func isType(_ suffix: String) -> Bool { type.hasSuffix("/" + suffix) }
}

/// Parsers for the small package parts: `[Content_Types].xml`, `.rels`, `workbook.xml`. Each is read whole.
enum PackageStructure {
    /// The `.rels` part name for a source part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relsName(for part: String) -> String {
        let slash = part.lastIndex(of: "/")
        let folder = slash.map { String(part[...$0]) } ?? ""
        let file = slash.map { String(part[part.index(after: $0)...]) } ?? part
        return "\(folder)_rels/\(file).rels"
    }

    /// Resolves a relationship target against its source part: `/x` from the package root, otherwise relative.
    ///
    /// - Throws: `targetOutsidePackage` when `..` climbs above the package root.
    static func resolve(_ target: String, from source: String, location: SourceLocation) throws -> String {
        var cleaned = target.replacingOccurrences(of: "\\", with: "/")
        if let hash = cleaned.firstIndex(of: "#") { cleaned = String(cleaned[..<hash]) }
        cleaned = cleaned.removingPercentEncoding ?? cleaned
        var segments: [Substring]
        if cleaned.hasPrefix("/") {
            segments = []
        } else {
            segments = source.split(separator: "/", omittingEmptySubsequences: false)
            segments.removeLast()
        }
        for segment in cleaned.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else {
                    throw XLSXReadError(.targetOutsidePackage, "the relationship target \"\(target)\" in \(relsName(for: source)) points outside the package; refusing it", location: location)
                }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// Reads the relationships of a source part; an absent `.rels` part means none.
    static func relationships(of source: String, package: ZIPPackage, meter: ZIPPackage.Meter) throws -> [Relationship] {
        let name = relsName(for: source)
        guard package.contains(name) else { return [] }
        let location = SourceLocation(file: package.path)
        var scanner = XMLScanner(partName: name, location: location, limits: package.limits,
                                 bytes: try package.read(name, meter: meter))
        var result: [Relationship] = []
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            guard event == .start, scanner.nameIs("Relationship") else { continue }
            guard let id = try scanner.attribute("Id"), let type = try scanner.attribute("Type"),
                  let target = try scanner.attribute("Target")
            else { throw scanner.error(.malformedXML, "a Relationship lacks Id, Type or Target") }
            let external = try scanner.attribute("TargetMode") == "External"
            let resolved = external ? target : try resolve(target, from: source, location: location)
            result.append(Relationship(id: id, type: type, target: resolved, isExternal: external))
        }
        return result
    }

    /// Finds the workbook part: `_rels/.rels` officeDocument, then `[Content_Types].xml`, then `xl/workbook.xml`.
    static func workbookPart(package: ZIPPackage, meter: ZIPPackage.Meter) throws -> String {
        let location = SourceLocation(file: package.path)
        for relationship in try relationships(of: "", package: package, meter: meter)
        where relationship.isType("officeDocument") && !relationship.isExternal {
            return relationship.target
        }
        if package.contains("[Content_Types].xml") {
            var scanner = XMLScanner(partName: "[Content_Types].xml", location: location, limits: package.limits,
                                     bytes: try package.read("[Content_Types].xml", meter: meter))
            while true {
                let event = try scanner.next()
                if event == .endOfDocument { break }
                guard event == .start, scanner.nameIs("Override"),
                      let type = try scanner.attribute("ContentType"), let part = try scanner.attribute("PartName")
                else { continue }
                if type.hasPrefix("application/vnd.ms-excel.sheet.binary") {
                    throw XLSXReadError(.binaryXLSB, "this is a binary .xlsb workbook; save it as .xlsx in Excel", location: location)
                }
                if type.hasSuffix(".sheet.main+xml") || type.hasSuffix(".template.main+xml")
                    || type.hasSuffix("sheet.macroEnabled.main+xml") || type.hasSuffix("template.macroEnabled.main+xml") {
                    return try resolve(part, from: "", location: location)
                }
            }
        }
        if package.contains("xl/workbook.xml") { return "xl/workbook.xml" }
        throw XLSXReadError(.missingPart, "the package has no workbook part (no officeDocument relationship, no xl/workbook.xml); it is not an .xlsx workbook", location: location)
    }

    /// What `workbook.xml` says: its sheets in order and the date system.
    struct WorkbookPart {
        struct SheetEntry {
            var name: String
            var relationshipID: String
            var state: String?
        }
        var sheets: [SheetEntry] = []
        var date1904 = false
    }

    /// Parses `workbook.xml`.
    static func parseWorkbook(_ name: String, package: ZIPPackage, meter: ZIPPackage.Meter) throws -> WorkbookPart {
        var scanner = XMLScanner(partName: name, location: SourceLocation(file: package.path), limits: package.limits,
                                 bytes: try package.read(name, meter: meter))
        var part = WorkbookPart()
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            guard event == .start else { continue }
            if scanner.nameIs("workbookPr") {
                let value = try scanner.attribute("date1904")
                part.date1904 = value == "1" || value == "true"
            } else if scanner.nameIs("sheet") {
                guard let sheetName = try scanner.attribute("name"), let id = try scanner.attribute("id") else {
                    throw scanner.error(.malformedXML, "a <sheet> lacks its name or r:id")
                }
                part.sheets.append(.init(name: sheetName, relationshipID: id, state: try scanner.attribute("state")))
            }
        }
        return part
    }
}
