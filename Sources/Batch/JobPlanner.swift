import Foundation
import TabularCore

/// Plans batch jobs from a folder tree: one job per matching file, outputs mirroring the input tree.
public enum JobPlanner {
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
        let outputRoot = URL(fileURLWithPath: outputFolder).standardizedFileURL.path
        var relativePaths: [String] = []
        try collect(folder: folder, relative: "", glob: glob, skipping: outputRoot, into: &relativePaths)
        return relativePaths.sorted().map { relative in
            let input = (folder as NSString).appendingPathComponent(relative)
            let output = ((outputFolder as NSString).appendingPathComponent(relative) as NSString)
                .deletingPathExtension + "." + outputExtension
            return BatchJob(kind: .convert, inputs: [input], outputs: [output], options: options, id: "convert:\(relative)")
        }
    }

    private static func collect(folder: String, relative: String, glob: String, skipping: String, into paths: inout [String]) throws {
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
                try collect(folder: folder, relative: childRelative, glob: glob, skipping: skipping, into: &paths)
            } else if fnmatch(glob, name, 0) == 0 {
                paths.append(childRelative)
            }
        }
    }
}
