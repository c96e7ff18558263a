import Foundation
import TabularCore

/// Plans batch jobs from a folder tree: one job per matching file, outputs mirroring the input tree.
public enum JobPlanner {
    /// The jobs planned from a folder, and the patterns that matched no file there (worth a warning: a typo, or a
    /// folder of the wrong files).
    public struct FolderPlan: Sendable {
        /// One convert job per matching file, in sorted path order.
        public var jobs: [BatchJob]
        /// The patterns, as given, that matched no file.
        public var unmatchedPatterns: [String]
        /// Matching files left out because they are Excel's lock files (`~$name.xlsx`, which Excel keeps beside a
        /// workbook while it is open), as paths under the folder, in sorted order.
        public var skippedLockFiles: [String]
    }

    /// Whether a file name is an Office lock file's: `~$` and the name of the open document (`~$台账.xlsx`).
    public static func isLockFileName(_ name: String) -> Bool {
        name.hasPrefix("~$")
    }

    /// One `convert` job per file under `folder` whose name matches any of `globs` (each may hold brace
    /// alternatives, `*.{csv,txt}`), recursively, in sorted path order. The file's content decides the direction,
    /// not its name: a file `isWorkbook` accepts converts to `.csv`, anything else to `.xlsx`, at the file's
    /// relative path under `outputFolder` (so a CSV named .xlsx becomes a workbook, an .xlsx named .xls a CSV).
    ///
    /// Hidden files and folders (starting with `.`) and the output folder itself are skipped, and so are Excel's
    /// lock files (`~$name.xlsx`), listed in `skippedLockFiles`.
    /// - Parameter isWorkbook: whether a file's bytes are a workbook (the CLI passes `TableFile.looksLikeWorkbook`,
    ///   so every workbook format the readers know is included).
    /// - Throws: `BatchError` (`.unreadableInput`) when the folder cannot be listed.
    public static func convertJobs(in folder: String, globs: [String], outputFolder: String,
                                   options: [String] = [], isWorkbook: (String) -> Bool) throws -> FolderPlan {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BatchError("not a folder", location: SourceLocation(file: folder), category: .unreadableInput)
        }
        let patterns = globs.map { (pattern: $0, alternatives: expandBraces($0)) }
        var names: [String] = []
        try collect(folder: folder, relative: "", skipping: URL(fileURLWithPath: outputFolder).standardizedFileURL.path,
                    into: &names)
        var matched = Set<Int>()
        var relativePaths: [String] = []
        var lockFiles: [String] = []
        for relative in names {
            let name = (relative as NSString).lastPathComponent
            let hits = patterns.indices.filter { index in patterns[index].alternatives.contains { fnmatch($0, name, 0) == 0 } }
            guard !hits.isEmpty else { continue }
            matched.formUnion(hits)
            if isLockFileName(name) {
                lockFiles.append((folder as NSString).appendingPathComponent(relative))
            } else {
                relativePaths.append(relative)
            }
        }
        let jobs = relativePaths.sorted().map { relative in
            let input = (folder as NSString).appendingPathComponent(relative)
            let outputExtension = isWorkbook(input) ? "csv" : "xlsx"
            let output = ((outputFolder as NSString).appendingPathComponent(relative) as NSString)
                .deletingPathExtension + "." + outputExtension
            return BatchJob(kind: .convert, inputs: [input], outputs: [output], options: options, id: "convert:\(relative)")
        }
        let unmatched = patterns.indices.filter { !matched.contains($0) }.map { patterns[$0].pattern }
        return FolderPlan(jobs: jobs, unmatchedPatterns: unmatched, skippedLockFiles: lockFiles.sorted())
    }

    /// A pattern's brace alternatives, as a shell expands them: `*.{csv,txt}` is `*.csv` and `*.txt`; braces may nest
    /// and repeat; a pattern without a closed brace pair is itself.
    public static func expandBraces(_ pattern: String) -> [String] {
        let characters = Array(pattern)
        guard let open = characters.firstIndex(of: "{") else { return [pattern] }
        var depth = 0
        var commas: [Int] = []
        var close: Int?
        for index in open..<characters.count {
            switch characters[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close else { return [pattern] }
        let prefix = String(characters[..<open])
        let suffix = String(characters[(close + 1)...])
        let bounds = [open] + commas + [close]
        var result: [String] = []
        for index in 0..<(bounds.count - 1) {
            let alternative = String(characters[(bounds[index] + 1)..<bounds[index + 1]])
            result += expandBraces(prefix + alternative + suffix)
        }
        return result
    }

    /// One `convert` job per file under `folder` whose name matches `glob` (e.g. `*.csv`), recursively, in
    /// sorted path order; each output is the file's relative path under `outputFolder` with `outputExtension`.
    ///
    /// Hidden files and folders (starting with `.`) and the output folder itself are skipped.
    /// - Throws: `BatchError` (`.unreadableInput`) when the folder cannot be listed.
    public static func convertJobs(
        in folder: String, glob: String, outputFolder: String, outputExtension: String, options: [String] = []
    ) throws -> [BatchJob] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BatchError("not a folder", location: SourceLocation(file: folder), category: .unreadableInput)
        }
        var names: [String] = []
        try collect(folder: folder, relative: "", skipping: URL(fileURLWithPath: outputFolder).standardizedFileURL.path,
                    into: &names)
        return names.filter { fnmatch(glob, ($0 as NSString).lastPathComponent, 0) == 0 }.sorted().map { relative in
            let input = (folder as NSString).appendingPathComponent(relative)
            let output = ((outputFolder as NSString).appendingPathComponent(relative) as NSString)
                .deletingPathExtension + "." + outputExtension
            return BatchJob(kind: .convert, inputs: [input], outputs: [output], options: options, id: "convert:\(relative)")
        }
    }

    /// Every file's path relative to `folder`, hidden ones and the `skipping` folder left out.
    private static func collect(folder: String, relative: String, skipping: String, into paths: inout [String]) throws {
        let here = relative.isEmpty ? folder : (folder as NSString).appendingPathComponent(relative)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: here).sorted()
        } catch {
            throw BatchError("cannot list the folder: \(error.localizedDescription)", location: SourceLocation(file: here),
                             category: .unreadableInput)
        }
        for name in names where !name.hasPrefix(".") {
            let childRelative = relative.isEmpty ? name : (relative as NSString).appendingPathComponent(name)
            let childPath = (folder as NSString).appendingPathComponent(childRelative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: childPath, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if URL(fileURLWithPath: childPath).standardizedFileURL.path == skipping { continue }
                try collect(folder: folder, relative: childRelative, skipping: skipping, into: &paths)
            } else {
                paths.append(childRelative)
            }
        }
    }
}
