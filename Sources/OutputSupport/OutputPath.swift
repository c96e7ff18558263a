#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TabularCore

/// Checks on output paths that protect the user's files.
public enum OutputPath {
    /// Throws `OutputPathError.outputIsInput` when `output` is the same file as one of `inputs` (same device and
    /// inode, so `./a.csv`, `a.csv` and a hard link all count), since writing it would destroy the input.
    public static func checkNotAnInput(_ output: String, inputs: [String]) throws {
        guard output != "-" else { return }
        var outputStatus = stat()
        guard stat(output, &outputStatus) == 0 else { return }
        for input in inputs where input != "-" {
            var inputStatus = stat()
            if stat(input, &inputStatus) == 0, inputStatus.st_dev == outputStatus.st_dev, inputStatus.st_ino == outputStatus.st_ino {
                throw OutputPathError(.outputIsInput, "the output is the input file \(input); choose another -o path",
                                      location: .init(file: output))
            }
        }
    }
}
