import Foundation
import TabularCore
internal import TOMLKit

/// Reads a batch manifest (TOML or JSON) into jobs, through one `Codable` type, `JobManifest`.
///
/// TOML form (all of TOML 1.0: multi-line arrays, inline tables, dotted keys, comments…):
///
/// ```toml
/// [defaults]
/// options = ["--as-of", "2025-06-30"]    # added to every job
/// [defaults.report]
/// options = ["--unit", "县科协"]          # added to every report job, after the common ones
///
/// [[job]]
/// kind = "report"                          # convert, check or report
/// inputs = [
///   "unit-a/issues.csv",
///   "unit-a/tasks.csv",
/// ]
/// output = "ledgers/unit-a.xlsx"           # not for check
/// options = ["--unit", "县科协"]
/// ```
///
/// JSON form: `{"defaults": {"options": […], "report": {"options": […]}}, "jobs": [{"kind": …, "inputs": […], "output": …, "options": […]}]}`.
/// Relative paths are taken relative to the manifest's folder.
public enum ManifestParser {
    /// Parses manifest text; `file` names it in errors and anchors relative paths.
    ///
    /// - Throws: `BatchError` (`.usage`) naming the file and, for TOML, the line of the first problem: a syntax
    ///   error where TOMLKit found it, a wrong or missing value at its key's line or its job's `[[job]]` line.
    public static func jobs(fromText text: String, file: String) throws -> [BatchJob] {
        let isJSON = file.lowercased().hasSuffix(".json") || text.drop(while: \.isWhitespace).first == "{"
        let manifest = isJSON ? try decodeJSON(text, file: file) : try decodeTOML(text, file: file)
        return try jobs(from: manifest, file: file, lines: isJSON ? nil : TOMLLines(text))
    }

    /// Decodes TOML text into the manifest type.
    ///
    /// - Throws: `BatchError` with the file and line of a syntax error or of the value that does not fit.
    public static func decodeTOML(_ text: String, file: String) throws -> JobManifest {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw BatchError("not valid TOML: \(error.description)",
                             location: SourceLocation(file: file, line: error.source.begin.line, column: error.source.begin.column))
        }
        do {
            return try TOMLDecoder().decode(JobManifest.self, from: table)
        } catch let error as DecodingError {
            throw batchError(error, file: file, lines: TOMLLines(text))
        }
    }

    /// Decodes JSON text into the manifest type.
    ///
    /// - Throws: `BatchError` naming the file and the job or key that does not fit.
    public static func decodeJSON(_ text: String, file: String) throws -> JobManifest {
        do {
            return try JSONDecoder().decode(JobManifest.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                let detail = (context.underlyingError as? NSError)?.debugDescription ?? context.debugDescription
                throw BatchError("not valid JSON: \(detail)", location: SourceLocation(file: file))
            }
            throw batchError(error, file: file, lines: nil)
        }
    }

    private static func jobs(from manifest: JobManifest, file: String, lines: TOMLLines?) throws -> [BatchJob] {
        guard !manifest.jobs.isEmpty else {
            throw BatchError("the manifest lists no jobs: add [[job]] tables (TOML) or a \"jobs\" array (JSON)",
                             location: SourceLocation(file: file))
        }
        let folder = (file as NSString).deletingLastPathComponent
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
        }
        var result: [BatchJob] = []
        var ids: Set<String> = []
        for (index, entry) in manifest.jobs.enumerated() {
            let place = SourceLocation(file: file, line: lines?.line(ofJob: index, key: nil))
            guard !entry.inputs.isEmpty else {
                throw BatchError("job \(index + 1) needs inputs = [\"…\"]", location: place)
            }
            if entry.kind != .check && entry.output == nil {
                throw BatchError("job \(index + 1) (\(entry.kind.rawValue)) needs output = \"…\"", location: place)
            }
            var job = BatchJob(kind: entry.kind, inputs: entry.inputs.map(resolve), outputs: entry.output.map { [resolve($0)] } ?? [],
                               options: manifest.defaults.options(for: entry.kind) + entry.options)
            if let id = entry.id { job.id = id }
            guard ids.insert(job.id).inserted else {
                throw BatchError("two jobs share the id '\(job.id)'; give one an id = \"…\"", location: place)
            }
            result.append(job)
        }
        return result
    }

    /// A decoding error as a `BatchError`: the job and key it concerns, in words and, for TOML, as a line.
    private static func batchError(_ error: DecodingError, file: String, lines: TOMLLines?) -> BatchError {
        let context: DecodingError.Context
        var detail: String
        switch error {
        case .keyNotFound(let key, let found):
            context = found
            detail = found.debugDescription.hasPrefix("needs") ? found.debugDescription : "needs \(key.stringValue)"
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .dataCorrupted(let found):
            context = found
            detail = found.debugDescription
        @unknown default:
            return BatchError("cannot read the manifest: \(error)", location: SourceLocation(file: file))
        }
        let path = context.codingPath
        let jobIndex = path.first.map { ["job", "jobs"].contains($0.stringValue) } == true ? path.dropFirst().first?.intValue : nil
        let key = path.count > (jobIndex == nil ? 1 : 2) ? path.last?.stringValue : nil
        var line: Int?
        if let jobIndex {
            detail = "job \(jobIndex + 1): \(detail)"
            line = lines?.line(ofJob: jobIndex, key: key)
        } else if let table = path.first?.stringValue {
            detail = "\(path.map(\.stringValue).joined(separator: ".")): \(detail)"
            // A kind's defaults (`[defaults.check]`) are a table of their own; look there first.
            let inner = path.count > 2 ? path.dropLast().map(\.stringValue).joined(separator: ".") : nil
            line = inner.flatMap { lines?.line(ofTable: $0, key: key) } ?? lines?.line(ofTable: table, key: key)
        }
        return BatchError(detail, location: SourceLocation(file: file, line: line))
    }
}

/// Where things are in a TOML manifest, for errors about values TOMLKit decoded: its tables carry no positions, so
/// this finds the line of the N-th `[[job]]` header, of a `[table]` header, and of a key within them.
///
/// Syntax errors need none of this (TOMLKit reports their line). A job written as an inline table
/// (`job = [{…}, {…}]`) is located at its `job =` line.
struct TOMLLines {
    private struct Header {
        var name: String
        var isArray: Bool
        var line: Int
    }

    private let lines: [Substring]
    private let headers: [Header]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var headers: [Header] = []
        for (index, raw) in lines.enumerated() {
            let line = TOMLLines.code(raw)
            guard line.hasPrefix("["), line.hasSuffix("]") else { continue }
            let isArray = line.hasPrefix("[[") && line.hasSuffix("]]")
            let inner = line.dropFirst(isArray ? 2 : 1).dropLast(isArray ? 2 : 1)
            let name = TOMLLines.unquoted(inner.trimmingCharacters(in: .whitespaces))
            guard !name.isEmpty, !name.contains(",") else { continue }
            headers.append(Header(name: name, isArray: isArray, line: index + 1))
        }
        self.headers = headers
    }

    /// The line of job `index` (0-based), or of `key` inside it when the key is written on a line of its own.
    func line(ofJob index: Int, key: String?) -> Int? {
        let jobs = headers.filter { $0.isArray && ($0.name == "job" || $0.name == "jobs") }
        guard index < jobs.count else { return assignment(of: "job") ?? assignment(of: "jobs") }
        return key.flatMap { line(of: $0, after: jobs[index].line) } ?? jobs[index].line
    }

    /// The line of `[table]` (or of `table = …` at the top), or of `key` inside it.
    func line(ofTable table: String, key: String?) -> Int? {
        guard let header = headers.first(where: { !$0.isArray && $0.name == table }) else {
            return assignment(of: table)
        }
        return key.flatMap { line(of: $0, after: header.line) } ?? header.line
    }

    /// The first line after `start` that assigns `key`, before the next header.
    private func line(of key: String, after start: Int) -> Int? {
        let end = headers.first { $0.line > start }?.line ?? lines.count + 1
        for number in (start + 1)..<end where TOMLLines.assigns(key, TOMLLines.code(lines[number - 1])) {
            return number
        }
        return nil
    }

    /// The line of a top-level `key = …` or `key.sub = …`.
    private func assignment(of key: String) -> Int? {
        let end = headers.first?.line ?? lines.count + 1
        for number in 1..<end {
            let line = TOMLLines.code(lines[number - 1])
            if TOMLLines.assigns(key, line) || line.hasPrefix(key + ".") { return number }
        }
        return nil
    }

    private static func assigns(_ key: String, _ line: String) -> Bool {
        for spelling in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(spelling) {
            if line.dropFirst(spelling.count).drop(while: { $0 == " " || $0 == "\t" }).first == "=" { return true }
        }
        return false
    }

    /// A line without leading and trailing blanks and without a trailing comment (a `#` after the last quote).
    private static func code(_ line: Substring) -> String {
        var text = line.trimmingCharacters(in: .whitespaces)
        if let hash = text.lastIndex(of: "#"), !text[hash...].contains("\""), !text[hash...].contains("'") {
            text = String(text[..<hash]).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    private static func unquoted(_ name: String) -> String {
        guard name.count >= 2, let first = name.first, first == "\"" || first == "'", name.last == first else { return name }
        return String(name.dropFirst().dropLast())
    }
}
