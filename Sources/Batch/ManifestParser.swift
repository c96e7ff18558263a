import Foundation
import TabularCore

/// Reads a batch manifest (TOML or JSON) into jobs.
///
/// TOML form (the subset a manifest needs: tables, arrays of tables, strings, arrays of strings, booleans,
/// integers and comments; anything else is an error naming the line):
///
/// ```toml
/// [defaults]
/// options = ["--as-of", "2025-06-30"]    # added to every job
///
/// [[job]]
/// kind = "report"                          # convert, check or report
/// inputs = ["unit-a/issues.csv", "unit-a/tasks.csv"]
/// output = "ledgers/unit-a.xlsx"           # not for check
/// options = ["--unit", "县科协"]
/// ```
///
/// JSON form: `{"defaults": {"options": […]}, "jobs": [{"kind": …, "inputs": […], "output": …, "options": […]}]}`.
/// Relative paths are taken relative to the manifest's folder.
public enum ManifestParser {
    /// Parses manifest text; `file` names it in errors and anchors relative paths.
    ///
    /// - Throws: `BatchError` naming the file and line of the first problem.
    public static func jobs(fromText text: String, file: String) throws -> [BatchJob] {
        let isJSON = file.lowercased().hasSuffix(".json") || text.drop(while: \.isWhitespace).first == "{"
        let document = isJSON ? try parseJSON(text, file: file) : try TOMLSubset.parse(text, file: file)
        return try jobs(from: document, file: file)
    }

    private static func parseJSON(_ text: String, file: String) throws -> [String: Any] {
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw BatchError("a JSON manifest must be an object with a \"jobs\" array", location: SourceLocation(file: file))
            }
            return object
        } catch let error as BatchError {
            throw error
        } catch {
            throw BatchError("not valid JSON: \(error.localizedDescription)", location: SourceLocation(file: file))
        }
    }

    private static func jobs(from document: [String: Any], file: String) throws -> [BatchJob] {
        let folder = (file as NSString).deletingLastPathComponent
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
        }
        let defaults = document["defaults"] as? [String: Any] ?? [:]
        let defaultOptions = try strings(defaults["options"], key: "defaults.options", file: file, line: nil) ?? []
        guard let entries = (document["jobs"] ?? document["job"]) as? [[String: Any]], !entries.isEmpty else {
            throw BatchError("the manifest lists no jobs: add [[job]] tables (TOML) or a \"jobs\" array (JSON)",
                             location: SourceLocation(file: file))
        }
        var result: [BatchJob] = []
        var ids: Set<String> = []
        for (number, entry) in entries.enumerated() {
            let line = entry[TOMLSubset.lineKey] as? Int
            let place = SourceLocation(file: file, line: line)
            guard let kindText = entry["kind"] as? String, let kind = JobKind(rawValue: kindText) else {
                throw BatchError("job \(number + 1) needs kind = \"convert\", \"check\" or \"report\"", location: place)
            }
            guard let inputs = try strings(entry["inputs"] ?? entry["input"].map { [$0] }, key: "inputs", file: file, line: line),
                  !inputs.isEmpty else {
                throw BatchError("job \(number + 1) needs inputs = [\"…\"]", location: place)
            }
            let output = entry["output"] as? String
            if kind != .check && output == nil {
                throw BatchError("job \(number + 1) (\(kind.rawValue)) needs output = \"…\"", location: place)
            }
            let options = try strings(entry["options"], key: "options", file: file, line: line) ?? []
            var job = BatchJob(kind: kind, inputs: inputs.map(resolve), outputs: output.map { [resolve($0)] } ?? [],
                               options: defaultOptions + options)
            if let id = entry["id"] as? String { job.id = id }
            guard ids.insert(job.id).inserted else {
                throw BatchError("two jobs share the id '\(job.id)'; give one an id = \"…\"", location: place)
            }
            result.append(job)
        }
        return result
    }

    private static func strings(_ value: Any?, key: String, file: String, line: Int?) throws -> [String]? {
        guard let value else { return nil }
        if let list = value as? [String] { return list }
        if let list = value as? [Any], list.isEmpty { return [] }
        throw BatchError("\(key) must be a list of strings", location: SourceLocation(file: file, line: line))
    }
}

/// The small part of TOML that manifests use, parsed into dictionaries like JSONSerialization's.
enum TOMLSubset {
    /// The key under which each table records the line it started on, for error messages.
    static let lineKey = "__line"

    static func parse(_ text: String, file: String) throws -> [String: Any] {
        var root: [String: Any] = [:]
        var arrays: [String: [[String: Any]]] = [:]
        var arrayOrder: [String] = []
        var current: (name: String, isArray: Bool)?
        var table: [String: Any] = [:]

        func flush() {
            guard let current else {
                root.merge(table) { $1 }
                return
            }
            if current.isArray {
                if arrays[current.name] == nil { arrayOrder.append(current.name) }
                arrays[current.name, default: []].append(table)
            } else {
                root[current.name] = table
            }
        }

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let place = SourceLocation(file: file, line: lineNumber)
            if line.hasPrefix("[[") {
                guard line.hasSuffix("]]") else { throw BatchError("unclosed [[table]] header", location: place) }
                flush()
                current = (String(line.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespaces), true)
                table = [lineKey: lineNumber]
            } else if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw BatchError("unclosed [table] header", location: place) }
                flush()
                current = (String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces), false)
                table = [lineKey: lineNumber]
            } else {
                guard let equals = line.firstIndex(of: "=") else {
                    throw BatchError("expected key = value", location: place)
                }
                var key = line[..<equals].trimmingCharacters(in: .whitespaces)
                if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
                var scanner = ValueScanner(text: Array(line[line.index(after: equals)...].unicodeScalars), place: place)
                let value = try scanner.value()
                try scanner.end()
                table[key] = value
            }
        }
        flush()
        for name in arrayOrder { root[name] = arrays[name] }
        return root
    }

    /// Removes a `#` comment that is not inside a string.
    private static func stripComment(_ line: String) -> String {
        var inBasic = false
        var inLiteral = false
        var escaped = false
        var result = ""
        for scalar in line.unicodeScalars {
            if inBasic {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inBasic = false }
            } else if inLiteral {
                if scalar == "'" { inLiteral = false }
            } else if scalar == "\"" {
                inBasic = true
            } else if scalar == "'" {
                inLiteral = true
            } else if scalar == "#" {
                break
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    private struct ValueScanner {
        let text: [Unicode.Scalar]
        let place: SourceLocation
        var index = 0

        init(text: [Unicode.Scalar], place: SourceLocation) {
            self.text = text
            self.place = place
        }

        mutating func skipSpaces() {
            while index < text.count, text[index] == " " || text[index] == "\t" { index += 1 }
        }

        mutating func end() throws {
            skipSpaces()
            if index < text.count { throw BatchError("unexpected text after the value", location: place) }
        }

        mutating func value() throws -> Any {
            skipSpaces()
            guard index < text.count else { throw BatchError("missing value after =", location: place) }
            switch text[index] {
            case "\"": return try basicString()
            case "'": return try literalString()
            case "[": return try array()
            default:
                var word = ""
                while index < text.count, !" \t,]".unicodeScalars.contains(text[index]) {
                    word.unicodeScalars.append(text[index])
                    index += 1
                }
                if word == "true" { return true }
                if word == "false" { return false }
                if let number = Int(word.replacingOccurrences(of: "_", with: "")) { return number }
                throw BatchError("unsupported value '\(word)': use a \"string\", a list, true/false or a whole number", location: place)
            }
        }

        mutating func array() throws -> [Any] {
            index += 1
            var items: [Any] = []
            while true {
                skipSpaces()
                guard index < text.count else { throw BatchError("unclosed list (lists must fit on one line)", location: place) }
                if text[index] == "]" {
                    index += 1
                    return items
                }
                items.append(try value())
                skipSpaces()
                if index < text.count, text[index] == "," { index += 1 }
            }
        }

        mutating func literalString() throws -> String {
            index += 1
            var result = ""
            while index < text.count {
                if text[index] == "'" {
                    index += 1
                    return result
                }
                result.unicodeScalars.append(text[index])
                index += 1
            }
            throw BatchError("unclosed 'string'", location: place)
        }

        mutating func basicString() throws -> String {
            index += 1
            var result = ""
            while index < text.count {
                let scalar = text[index]
                index += 1
                if scalar == "\"" { return result }
                guard scalar == "\\" else {
                    result.unicodeScalars.append(scalar)
                    continue
                }
                guard index < text.count else { break }
                let escape = text[index]
                index += 1
                switch escape {
                case "n": result += "\n"
                case "t": result += "\t"
                case "r": result += "\r"
                case "\"": result += "\""
                case "\\": result += "\\"
                case "u", "U":
                    let length = escape == "u" ? 4 : 8
                    guard index + length <= text.count,
                          let code = UInt32(String(String.UnicodeScalarView(text[index..<index + length])), radix: 16),
                          let decoded = Unicode.Scalar(code) else {
                        throw BatchError("bad \\\(escape) escape in a string", location: place)
                    }
                    result.unicodeScalars.append(decoded)
                    index += length
                default:
                    throw BatchError("unknown escape \\\(escape) in a string", location: place)
                }
            }
            throw BatchError("unclosed \"string\"", location: place)
        }
    }
}
