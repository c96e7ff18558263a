import Batch
import Foundation
import TabularCore
import TestSupport
import Testing

@Suite("Batch plans: manifests, folders and shards")
struct BatchPlanTests {
    @Test("file digests match the FIPS 180-4 SHA-256 test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(input: String, digest: String) throws {
        let folder = try TemporaryDirectory()
        #expect(RunManifest.fileDigest(try folder.write("in.txt", text: input)) == digest)
    }

    @Test("a file of a million 'a's hashes across several 1 MiB reads")
    func sha256Long() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("a.txt", bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(RunManifest.fileDigest(path) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        let large = try folder.write("large.bin", bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20))
        #expect(RunManifest.fileDigest(large) == "6f850bc94ae6f7de14297c01616c36d712d22864497b28a63b81d776b035e656")
        #expect(RunManifest.fileDigest(folder.file("missing")) == nil)
    }

    @Test("fingerprints keep the values earlier manifests recorded, so --changed-only still recognises their jobs")
    func fingerprintStable() throws {
        let folder = try TemporaryDirectory()
        let input = try folder.write("a.csv", text: "名称,数量\n苹果,1\n")
        let job = BatchJob(kind: .convert, inputs: [input], outputs: ["out/a.xlsx"], options: ["--no-infer"])
        // Recorded by tracksheet 0.1.0 with its own SHA-256, for `batch convert share -o out -- --no-infer`.
        #expect(RunManifest.fileDigest(input) == "819b58d53b60a89ade08d8cf10f2d0b077f84c92092b27e28d7f3846ad017ff2")
        #expect(RunManifest.fingerprint(of: job, toolVersion: "0.1.0")
            == "e3fe164e85b086cd79b9bbbc23c264df3b04c73006b14b113ddd80c817c49906")
    }

    @Test("every job lands in exactly one of N shards", arguments: 1...4)
    func shardsCoverEveryJobOnce(count: Int) throws {
        let jobs = (0..<200).map { BatchJob(kind: .convert, inputs: ["dir/file\($0).csv"], outputs: ["out/file\($0).xlsx"]) }
        var seen: [String: Int] = [:]
        for index in 1...count {
            let shard = try #require(Shard("\(index)/\(count)"))
            for job in jobs where shard.contains(job) { seen[job.id, default: 0] += 1 }
        }
        #expect(seen.count == jobs.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test("shard specifications outside 1 ≤ K ≤ N are refused", arguments: ["0/3", "4/3", "1/0", "x/2", "1", "1/2/3"])
    func badShards(text: String) {
        #expect(Shard(text) == nil)
    }

    @Test("a TOML manifest lists jobs with defaults, relative paths taken from the manifest's folder")
    func tomlManifest() throws {
        let text = """
            # jobs for the county's units
            [defaults]
            options = ["--as-of", "2025-06-30"]

            [[job]]
            kind = "report"   # the ledger
            inputs = ["a/issues.csv", "a/tasks.csv"]
            output = "out/a.xlsx"
            options = ["--unit", "县科协 #1"]

            [[job]]
            kind = 'check'
            inputs = ["/abs/tasks.csv"]
            id = "abs-check"
            """
        let jobs = try ManifestParser.jobs(fromText: text, file: "ci/jobs.toml")
        #expect(jobs.count == 2)
        #expect(jobs[0].kind == .report)
        #expect(jobs[0].inputs == ["ci/a/issues.csv", "ci/a/tasks.csv"])
        #expect(jobs[0].outputs == ["ci/out/a.xlsx"])
        #expect(jobs[0].options == ["--as-of", "2025-06-30", "--unit", "县科协 #1"])
        #expect(jobs[1].id == "abs-check")
        #expect(jobs[1].inputs == ["/abs/tasks.csv"])
        #expect(jobs[1].arguments == ["check", "/abs/tasks.csv", "--as-of", "2025-06-30", "--format", "json"])
    }

    @Test("a JSON manifest reads the same way")
    func jsonManifest() throws {
        let text = #"{"jobs": [{"kind": "convert", "inputs": ["a.csv"], "output": "a.xlsx", "options": ["--no-infer"]}]}"#
        let jobs = try ManifestParser.jobs(fromText: text, file: "jobs.json")
        #expect(jobs == [BatchJob(kind: .convert, inputs: ["a.csv"], outputs: ["a.xlsx"], options: ["--no-infer"])])
    }

    @Test("manifest mistakes name the file and line", arguments: [
        ("[[job]]\nkind = \"explode\"\ninputs = [\"a\"]\n", 1),
        ("[[job]]\nkind = \"convert\"\ninputs = [\"a.csv\"]\n", 1),
        ("[[job]]\nkind = \"check\"\ninputs = [\"a.csv\"\n", 3),
        ("[[job]]\nkind = 1.5\n", 2),
        ("[[job]]\njust words\n", 2),
    ])
    func manifestErrors(text: String, line: Int) throws {
        let error = try #require(throws: BatchError.self) { try ManifestParser.jobs(fromText: text, file: "m.toml") }
        #expect(error.location?.file == "m.toml")
        #expect(error.location?.line == line)
    }

    @Test("full TOML: multi-line arrays with trailing commas, inline tables, dotted keys and jobs as inline tables")
    func fullTOML() throws {
        let text = """
            defaults.options = [
              "--as-of",     # the as-of date
              "2025-06-30",
            ]

            [[job]]
            kind = "report"
            inputs = [
              "a/issues.csv",
              "a/tasks.csv",
            ]
            output = "out/a.xlsx"

            [[job]]
            kind = "check"
            inputs = ["b/tasks.csv"]
            options = ["--expect", "measures=44"]
            """
        let jobs = try ManifestParser.jobs(fromText: text, file: "ci/jobs.toml")
        #expect(jobs.map(\.inputs) == [["ci/a/issues.csv", "ci/a/tasks.csv"], ["ci/b/tasks.csv"]])
        #expect(jobs[1].options == ["--as-of", "2025-06-30", "--expect", "measures=44"])

        let inline = """
            defaults = { options = ["--as-of", "2025-06-30"] }
            job = [
              { kind = "convert", input = "x.csv", output = "x.xlsx", id = "x" },
              { kind = "check", inputs = ["t.csv"], options = ["--strict"] },
            ]
            """
        let inlineJobs = try ManifestParser.jobs(fromText: inline, file: "jobs.toml")
        #expect(inlineJobs == [
            BatchJob(kind: .convert, inputs: ["x.csv"], outputs: ["x.xlsx"], options: ["--as-of", "2025-06-30"], id: "x"),
            BatchJob(kind: .check, inputs: ["t.csv"], outputs: [], options: ["--as-of", "2025-06-30", "--strict"]),
        ])
    }

    @Test("defaults per kind: [defaults.KIND] options follow the common ones and come before the job's own")
    func defaultsPerKind() throws {
        let toml = """
            [defaults]
            options = ["--strict"]
            [defaults.check]
            options = ["--as-of", "2025-06-30"]
            [defaults.report]
            options = ["--as-of", "2025-06-30", "--unit", "县科协"]

            [[job]]
            kind = "check"
            inputs = ["t.csv"]
            options = ["--due-soon", "7"]

            [[job]]
            kind = "convert"
            inputs = ["a.csv"]
            output = "a.xlsx"

            [[job]]
            kind = "report"
            inputs = ["t.csv"]
            output = "l.xlsx"
            """
        let json = """
            {"defaults": {"options": ["--strict"], "check": {"options": ["--as-of", "2025-06-30"]},
                          "report": {"options": ["--as-of", "2025-06-30", "--unit", "县科协"]}},
             "jobs": [{"kind": "check", "inputs": ["t.csv"], "options": ["--due-soon", "7"]},
                      {"kind": "convert", "inputs": ["a.csv"], "output": "a.xlsx"},
                      {"kind": "report", "inputs": ["t.csv"], "output": "l.xlsx"}]}
            """
        #expect(try ManifestParser.decodeTOML(toml, file: "m.toml") == ManifestParser.decodeJSON(json, file: "m.json"))
        for (text, file) in [(toml, "m.toml"), (json, "m.json")] {
            let jobs = try ManifestParser.jobs(fromText: text, file: file)
            #expect(jobs.map(\.options) == [
                ["--strict", "--as-of", "2025-06-30", "--due-soon", "7"],
                ["--strict"],
                ["--strict", "--as-of", "2025-06-30", "--unit", "县科协"],
            ])
        }
        #expect(throws: BatchError.self) {
            try ManifestParser.jobs(fromText: "[defaults.check]\noptions = \"--strict\"\n[[job]]\nkind = \"check\"\ninputs = [\"t.csv\"]\n",
                                    file: "m.toml")
        }
    }

    @Test("brace alternatives expand as a shell expands them", arguments: [
        ("*.csv", ["*.csv"]),
        ("*.{csv,txt}", ["*.csv", "*.txt"]),
        ("{a,b}*.{csv,tsv}", ["a*.csv", "a*.tsv", "b*.csv", "b*.tsv"]),
        ("*.{x{ls,lsx},csv}", ["*.xls", "*.xlsx", "*.csv"]),
        ("*.{csv", ["*.{csv"]),
        ("t{}.csv", ["t.csv"]),
    ])
    func braces(pattern: String, expected: [String]) {
        #expect(JobPlanner.expandBraces(pattern) == expected)
    }

    @Test("TOML and JSON decode into the same manifest")
    func sameManifest() throws {
        let toml = try ManifestParser.decodeTOML("""
            [defaults]
            options = ["--no-infer"]
            [[job]]
            kind = "convert"
            inputs = ["a.csv"]
            output = "a.xlsx"
            """, file: "m.toml")
        let json = try ManifestParser.decodeJSON("""
            {"defaults": {"options": ["--no-infer"]},
             "jobs": [{"kind": "convert", "inputs": ["a.csv"], "output": "a.xlsx"}]}
            """, file: "m.json")
        #expect(toml == json)
        #expect(toml == JobManifest(defaults: .init(options: ["--no-infer"]),
                                    jobs: [.init(kind: .convert, inputs: ["a.csv"], output: "a.xlsx")]))
    }

    @Test("errors name the line of the bad value, deep in a file, and say what is wrong", arguments: [
        ("[[job]]\nkind = \"check\"\ninputs = [\"a.csv\"]\n\n[[job]]\nkind = \"check\"\n# inputs follow\ninputs = [\n  \"b.csv\",\n  7,\n]\n",
         8, "job 2: inputs must be a list of strings"),
        ("[defaults]\n\noptions = \"--strict\"\n", 3, "defaults.options: options must be a list of strings"),
        ("[defaults]\noptions = []\n[defaults.check]\n\noptions = \"--strict\"\n", 5,
         "defaults.check.options: options must be a list of strings"),
        ("[[job]]\nkind = \"check\"\ninputs = [\"a.csv\"]\nid = 3\n", 4, "job 1: id must be a string"),
        ("[[job]]\nkind = \"check\"\ninputs = [\"a.csv\"]\n[[job]]\ninputs = [\"b.csv\"]\n", 4, "job 2: needs kind"),
        ("[[job]]\nkind = \"check\"\ninputs = [\"a.csv\"]\nid = \"x\"\n[[job]]\nkind = \"check\"\ninputs = [\"b.csv\"]\nid = \"x\"\n",
         5, "two jobs share the id 'x'"),
        ("[[job]]\nkind = \"check\"\ninputs = [\"a.csv\"]\nkind = \"report\"\n", 4, "not valid TOML"),
    ])
    func errorLines(text: String, line: Int, message: String) throws {
        let error = try #require(throws: BatchError.self) { try ManifestParser.jobs(fromText: text, file: "m.toml") }
        #expect(error.location?.file == "m.toml")
        #expect(error.location?.line == line)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test("JSON mistakes name the file and the job")
    func jsonErrors() throws {
        let error = try #require(throws: BatchError.self) {
            try ManifestParser.jobs(fromText: #"{"jobs": [{"kind": "check", "inputs": ["a"]}, {"kind": "nope", "inputs": ["b"]}]}"#, file: "m.json")
        }
        #expect(error.location?.file == "m.json")
        #expect(error.message.hasPrefix("job 2: kind must be one of"))
        let syntax = try #require(throws: BatchError.self) { try ManifestParser.jobs(fromText: "{\"jobs\": [", file: "m.json") }
        #expect(syntax.message.hasPrefix("not valid JSON"))
    }

    @Test("a folder plans one convert job per matching file, outputs mirroring the tree, in sorted order")
    func folderPlan() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("in/sub"), withIntermediateDirectories: true)
        try folder.write("in/b.csv", text: "x\n")
        try folder.write("in/a.csv", text: "x\n")
        try folder.write("in/sub/c.csv", text: "x\n")
        try folder.write("in/notes.txt", text: "x\n")
        try folder.write("in/.hidden.csv", text: "x\n")
        let jobs = try JobPlanner.convertJobs(in: folder.file("in"), glob: "*.csv", outputFolder: folder.file("out"),
                                              outputExtension: "xlsx")
        #expect(jobs.map(\.id) == ["convert:a.csv", "convert:b.csv", "convert:sub/c.csv"])
        #expect(jobs[2].outputs == [folder.file("out/sub/c.xlsx")])
    }
    @Test("a folder plan skips Excel's lock files and takes the direction from the content predicate")
    func folderPlanLockFilesAndDirection() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("in"), withIntermediateDirectories: true)
        try folder.write("in/book.xls", text: "zip")
        try folder.write("in/~$book.xls", text: "lock")
        try folder.write("in/text.xlsx", text: "csv")
        let plan = try JobPlanner.convertJobs(in: folder.file("in"), globs: ["*.{xls,xlsx}"], outputFolder: folder.file("out"),
                                              isWorkbook: { $0.hasSuffix("book.xls") })
        #expect(plan.jobs.map(\.outputs) == [[folder.file("out/book.csv")], [folder.file("out/text.xlsx")]])
        #expect(plan.skippedLockFiles == [folder.file("in/~$book.xls")])
        #expect(plan.unmatchedPatterns.isEmpty)
    }

    @Test("the manifest lists skipped inputs after the totals, and has no such key without them")
    func manifestSkipped() {
        var manifest = RunManifest(toolVersion: "1.0", results: [], complete: true, shard: nil)
        #expect(!manifest.json(includeTiming: false).contains("skipped"))
        manifest.skippedInputs = [RunManifest.SkippedInput(path: "in/~$a.xlsx", reason: "lock \"file\"")]
        #expect(manifest.json(includeTiming: false) == """
            {
              "tool": "tracksheet 1.0",
              "complete": true,
              "shard": null,
              "totals": {"jobs": 0, "ok": 0, "warnings": 0, "errors": 0, "failed": 0, "unchanged": 0, "notRun": 0},
              "skipped": [
                {"path": "in/~$a.xlsx", "reason": "lock \\"file\\""}
              ],
              "jobs": []
            }

            """)
    }
}
