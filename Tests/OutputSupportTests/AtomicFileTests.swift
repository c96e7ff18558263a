import Foundation
import OutputSupport
import TabularCore
import TestSupport
import Testing

@Suite("Atomic output files: the target is the old file or the complete new one")
struct AtomicFileTests {
    @Test("write replaces the target in one step and leaves no temporary file")
    func writeReplaces() throws {
        let folder = try TemporaryDirectory()
        let target = try folder.write("out.json", text: "old")
        try AtomicFile.write(Array("new".utf8), to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        #expect(try folder.contents() == ["out.json"])
    }

    @Test("an abandoned file leaves the target as it was")
    func abandonKeepsTheOldFile() throws {
        let folder = try TemporaryDirectory()
        let target = try folder.write("out.csv", text: "old")
        let file = try AtomicFile(target: target)
        #expect(file.temporaryPath.hasPrefix(folder.file(".out.csv.tracksheet-")))
        #expect(FileManager.default.fileExists(atPath: file.temporaryPath))
        file.abandon()
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")
        #expect(try folder.contents() == ["out.csv"])
    }

    @Test("a missing folder is an output failure naming the target")
    func missingFolder() throws {
        let folder = try TemporaryDirectory()
        let target = folder.file("missing/out.csv")
        let error = #expect(throws: AtomicFileError.self) { try AtomicFile.write([1, 2, 3], to: target) }
        #expect(error?.category == .outputFailure)
        #expect(error?.location == SourceLocation(file: target))
        #expect(error?.message.hasPrefix("cannot create a file in its folder") == true)
    }

    @Test("temporaries reserved at once from many threads get distinct names")
    func concurrentReservations() async throws {
        let folder = try TemporaryDirectory()
        let target = folder.file("out.csv")
        let paths = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<64 {
                group.addTask { try AtomicFile(target: target).temporaryPath }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(paths.count == 64)
        #expect(try folder.contents().count == 64)
    }

    @Test("temporaries of processes that no longer run are removed, others kept")
    func staleTemporaries() throws {
        let folder = try TemporaryDirectory()
        let target = folder.file("out.xlsx")
        // PID 2^22 + 1 is above Linux's pid_max limit, so no process has it.
        let stale = try folder.write(".out.xlsx.tracksheet-4194305-1-0.tmp", text: "partial")
        let live = try AtomicFile(target: target)
        AtomicFile.removeStaleTemporaries(besides: target)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live.temporaryPath))
        live.abandon()
    }
}

@Suite("JSON and XML text escaping")
struct TextEscapingTests {
    @Test("JSON string literals", arguments: [
        ("plain", #""plain""#),
        ("引号\"与\\", #""引号\"与\\""#),
        ("a\nb\tc\r", #""a\nb\tc\r""#),
        ("\u{01}\u{1F}", #""\u0001\u001f""#),
        ("\u{2028}\u{2029}", #""\u2028\u2029""#),
    ])
    func json(text: String, expected: String) {
        #expect(JSONText.quote(text) == expected)
    }

    @Test("XML text drops characters XML 1.0 forbids and keeps line breaks as references")
    func xml() {
        #expect(XMLText.escape("<a href='x'>&\"</a>\n\u{01}") == "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;&#10;")
    }
}

@Suite("Output paths that would destroy an input")
struct OutputPathTests {
    @Test("the same file by another spelling or a hard link is refused; another file, a new file and - are not")
    func outputIsInput() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("in.csv", text: "a\n")
        let other = try folder.write("other.csv", text: "a\n")
        #expect(link(input, folder.file("hard.csv")) == 0)
        for output in [input, folder.path + "/./in.csv", folder.file("hard.csv")] {
            let error = #expect(throws: OutputPathError.self) { try OutputPath.checkNotAnInput(output, inputs: [other, input]) }
            #expect(error?.code == .outputIsInput)
            #expect(error?.category == .usage)
            #expect(error?.description == "\(output): the output is the input file \(input); choose another -o path")
        }
        try OutputPath.checkNotAnInput(other, inputs: [input])
        try OutputPath.checkNotAnInput(folder.file("new.xlsx"), inputs: [input])
        try OutputPath.checkNotAnInput("-", inputs: ["-", input])
    }
}
