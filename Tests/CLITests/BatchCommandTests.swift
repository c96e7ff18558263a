import Foundation
import TestSupport
import Testing

/// A folder of CSV files for batch runs: `count` good ones in two sub-folders, and optionally a broken one.
func makeShare(_ folder: TemporaryDirectory, count: Int, broken: Bool) throws -> String {
    let share = folder.file("share")
    for sub in ["a", "b"] {
        try FileManager.default.createDirectory(atPath: "\(share)/\(sub)", withIntermediateDirectories: true)
    }
    for index in 0..<count {
        try folder.write("share/\(index % 2 == 0 ? "a" : "b")/t\(index).csv", text: "名称,数量,日期\n苹果,\(index),2025-03-31\n")
    }
    if broken {
        // Invalid UTF-8 that is not GB18030 either: an undecodable input in the middle of the batch.
        try folder.write("share/a/t1-broken.csv", bytes: [0x61, 0x0A, 0xFF, 0xFF, 0xFF, 0x0A])
    }
    return share
}

/// A manifest with one check job on the seed report whose `--expect measures=44` is an error (1 error, 2 warnings).
func writeSampleCheckManifest(_ folder: TemporaryDirectory) throws -> String {
    try folder.write("jobs.toml", text: """
        [defaults]
        options = ["--as-of", "2025-06-30", "--plan-date", "2025-03-11"]

        [[job]]
        kind = "check"
        inputs = ["\(packagePath("Samples/rectification/issues.csv"))", "\(packagePath("Samples/rectification/tasks.csv"))"]
        options = ["--expect", "measures=44"]
        id = "sample"
        """)
}

/// The manifest's jobs as dictionaries.
func manifestJobs(_ path: String) throws -> [[String: Any]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(object["jobs"] as? [[String: Any]])
}

@Suite("tracksheet batch")
struct BatchCommandTests {
    @Test("a failing job in the middle is recorded, the others finish, and the exit status is 1")
    func failingJob() throws {
        let folder = try TemporaryDirectory()
        let share = try makeShare(folder, count: 6, broken: true)
        let out = folder.file("out")
        let result = try runTracksheet(["batch", "convert", share, "-o", out, "-j", "2", "--junit", folder.file("junit.xml")])
        #expect(result.status == 1, "\(result.stderr)")
        let jobs = try manifestJobs("\(out)/tracksheet-manifest.json")
        #expect(jobs.count == 7)
        let failed = jobs.filter { $0["status"] as? String == "failed" }
        #expect(failed.count == 1)
        #expect(failed.first?["id"] as? String == "convert:a/t1-broken.csv")
        #expect(failed.first?["exitCode"] as? Int == 3)
        #expect(jobs.filter { $0["status"] as? String == "ok" }.count == 6)
        #expect(FileManager.default.fileExists(atPath: "\(out)/b/t5.xlsx"))
        #expect(!FileManager.default.fileExists(atPath: "\(out)/a/t1-broken.xlsx"))
        let ok = try #require(jobs.first { $0["id"] as? String == "convert:a/t0.csv" })
        let outputs = try #require(ok["outputs"] as? [[String: Any]])
        #expect((outputs.first?["sha256"] as? String)?.count == 64)
        let junit = try String(contentsOfFile: folder.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains("tests=\"7\" failures=\"1\""))
    }

    @Test("outputs and the manifest are byte-identical whatever -j is", arguments: [1, 2, 4])
    func deterministic(jobs: Int) throws {
        let folder = try TemporaryDirectory()
        let share = try makeShare(folder, count: 8, broken: true)
        let environment = ["SOURCE_DATE_EPOCH": "1735689600"]
        var manifests: [Data] = []
        var workbooks: [Data] = []
        for j in [1, jobs] {
            let out = folder.file("out-\(j)")
            let result = try runTracksheet(["batch", "convert", share, "-o", out, "-j", "\(j)", "--no-timing", "-q"],
                                           environment: environment)
            #expect(result.status == 1)
            let text = try String(contentsOfFile: "\(out)/tracksheet-manifest.json", encoding: .utf8)
            manifests.append(Data(text.replacingOccurrences(of: out, with: "OUT").utf8))
            workbooks.append(try Data(contentsOf: URL(fileURLWithPath: "\(out)/a/t2.xlsx")))
        }
        #expect(manifests[0] == manifests[1])
        #expect(workbooks[0] == workbooks[1])
    }

    @Test("shards 1..N together run every job exactly once", arguments: 1...4)
    func shardCoverage(count: Int) throws {
        let folder = try TemporaryDirectory()
        let share = try makeShare(folder, count: 10, broken: false)
        var seen: [String: Int] = [:]
        for index in 1...count {
            let out = folder.file("out-\(index)")
            let result = try runTracksheet(["batch", "convert", share, "-o", out, "--shard", "\(index)/\(count)", "-q"])
            #expect(result.status == 0, "\(result.stderr)")
            for job in try manifestJobs("\(out)/tracksheet-manifest.json") {
                let id = try #require(job["id"] as? String)
                seen[id, default: 0] += 1
            }
        }
        #expect(seen.count == 10)
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test("--changed-only skips jobs whose inputs did not change")
    func changedOnly() throws {
        let folder = try TemporaryDirectory()
        let share = try makeShare(folder, count: 3, broken: false)
        let out = folder.file("out")
        #expect(try runTracksheet(["batch", "convert", share, "-o", out, "-q"]).status == 0)
        try folder.write("share/b/t1.csv", text: "名称,数量\n梨,9\n")
        #expect(try runTracksheet(["batch", "convert", share, "-o", out, "--changed-only", "-q"]).status == 0)
        let statuses = Dictionary(uniqueKeysWithValues: try manifestJobs("\(out)/tracksheet-manifest.json").map {
            (try #require($0["id"] as? String), try #require($0["status"] as? String))
        })
        #expect(statuses == ["convert:a/t0.csv": "ok", "convert:a/t2.csv": "ok", "convert:b/t1.csv": "ok"])
        let unchanged = try manifestJobs("\(out)/tracksheet-manifest.json").filter { $0["unchanged"] as? Bool == true }
        #expect(unchanged.compactMap { $0["id"] as? String } == ["convert:a/t0.csv", "convert:a/t2.csv"])
    }

    @Test("--changed-only never turns a failure green: a skipped job keeps its errors in the manifest, JUnit and exit status")
    func changedOnlyKeepsFailures() throws {
        let folder = try TemporaryDirectory()
        let manifest = try writeSampleCheckManifest(folder)
        let first = try runTracksheet(["batch", "run", manifest, "-q", "--junit", folder.file("junit-1.xml")])
        #expect(first.status == 1, "\(first.stderr)")
        let rerun = try runTracksheet(["batch", "run", manifest, "--changed-only", "--junit", folder.file("junit-2.xml")])
        #expect(rerun.status == 1, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("1 errors，其中 1 个与上次运行相同"), "\(rerun.stderr)")
        let job = try #require(try manifestJobs(folder.file("tracksheet-manifest.json")).first)
        #expect(job["status"] as? String == "errors")
        #expect(job["unchanged"] as? Bool == true)
        #expect(job["exitCode"] as? Int == 1)
        #expect(job["errors"] as? Int == 1)
        #expect(job["warnings"] as? Int == 2)
        let junit = try String(contentsOfFile: folder.file("junit-2.xml"), encoding: .utf8)
        #expect(junit.contains("tests=\"1\" failures=\"1\""), "\(junit)")
        #expect(junit.contains("unchanged since the previous run"))
    }

    @Test("options a job kind does not take are a usage error naming the job, before anything runs")
    func defaultsAJobDoesNotTake() throws {
        let folder = try TemporaryDirectory()
        let manifest = try folder.write("jobs.toml", text: """
            [defaults]
            options = ["--as-of", "2025-06-30"]

            [[job]]
            kind = "check"
            inputs = ["\(packagePath("Samples/rectification/tasks.csv"))"]
            id = "tasks"

            [[job]]
            kind = "convert"
            inputs = ["\(packagePath("Samples/convert/contacts-gbk.csv"))"]
            output = "contacts.xlsx"
            id = "contacts"
            """)
        let result = try runTracksheet(["batch", "run", manifest, "-q"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("tracksheet: error: job 'contacts' (convert): Unknown option '--as-of'; "
            + "'tracksheet convert --help' lists the options a convert job takes (options for one kind go in "
            + "[defaults.convert] or in the job)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("tracksheet-manifest.json")))
        #expect(!FileManager.default.fileExists(atPath: folder.file("contacts.xlsx")))
    }

    @Test("a bad option after -- is one usage error, not a failed job per file")
    func badPassThroughOption() throws {
        let folder = try TemporaryDirectory()
        let share = try makeShare(folder, count: 4, broken: false)
        let out = folder.file("out")
        let result = try runTracksheet(["batch", "convert", share, "-o", out, "--", "--bogus"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("tracksheet: error: job 'convert:a/t0.csv' (convert): Unknown option '--bogus'"),
                "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/tracksheet-manifest.json"))
    }

    @Test("the README's batch manifest runs, per-kind defaults and all")
    func readmeManifest() throws {
        let folder = try TemporaryDirectory()
        for part in ["ci", "rectification", "convert"] {
            try FileManager.default.copyItem(atPath: packagePath("Samples/\(part)"), toPath: folder.file("Samples/\(part)"))
        }
        let readme = try String(contentsOfFile: packagePath("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Batch runs in CI"))
        let start = try #require(readme.range(of: "```toml\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let manifest = try folder.write("Samples/ci/readme.toml", text: String(readme[start.upperBound..<end.lowerBound]))
        #expect(manifest.hasSuffix("readme.toml"))
        let result = try runTracksheet(["batch", "run", manifest, "-o", folder.file("out/ci"), "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let jobs = try manifestJobs(folder.file("out/ci/tracksheet-manifest.json"))
        #expect(jobs.map { $0["kind"] as? String } == ["check", "report", "convert"])
        #expect(jobs.allSatisfy { ["ok", "warnings"].contains($0["status"] as? String) })
        #expect(FileManager.default.fileExists(atPath: folder.file("out/ci/县科协整改台账.xlsx")))
    }

    @Test("--format github annotates each finding at its file and line, warnings included; JUnit has a case per finding")
    func findingsReachCI() throws {
        let folder = try TemporaryDirectory()
        let manifest = try writeSampleCheckManifest(folder)
        let tasks = packagePath("Samples/rectification/tasks.csv")
        let single = try runTracksheet(["check", packagePath("Samples/rectification/issues.csv"), tasks, "--as-of",
                                        "2025-06-30", "--plan-date", "2025-03-11", "--expect", "measures=44",
                                        "--format", "github"])
        let result = try runTracksheet(["batch", "run", manifest, "--format", "github", "-q", "--junit", folder.file("junit.xml")])
        #expect(result.status == 1)
        let annotations = result.stdout.split(separator: "\n").map(String.init)
        // The same annotations as `check --format github`: one error and two warnings, each at its line.
        #expect(annotations == single.stdout.split(separator: "\n").map(String.init), "\(result.stdout)")
        #expect(annotations.count == 3)
        #expect(annotations.filter { $0.hasPrefix("::error file=") }.count == 1)
        #expect(annotations.filter { $0.hasPrefix("::warning file=") && $0.contains(",line=") }.count == 2)
        let junit = try String(contentsOfFile: folder.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains("tests=\"3\" failures=\"1\""), "\(junit)")
        #expect(junit.contains("<failure type=\"count-mismatch\" message=\"声称措施 44 个，表中实有 47 个\">"), "\(junit)")
        #expect(junit.components(separatedBy: "<system-out>").count == 3)
        #expect(!junit.contains("error(s)"))
    }

    @Test("--glob is repeatable and takes brace alternatives; a workbook converts to CSV, anything else to a workbook")
    func globs() throws {
        let folder = try TemporaryDirectory()
        for sub in ["in/a", "in/b"] {
            try FileManager.default.createDirectory(atPath: folder.file(sub), withIntermediateDirectories: true)
        }
        try folder.write("in/a/x.csv", text: "名称,数量\n苹果,1\n")
        try folder.write("in/a/y.txt", text: "名称\t数量\n梨\t2\n")
        try folder.write("in/b/z.tsv", text: "名称\t数量\n桃\t3\n")
        try folder.write("in/b/skip.md", text: "# not a table\n")
        let out = folder.file("out")
        let result = try runTracksheet(["batch", "convert", folder.file("in"), "-o", out, "--glob", "*.{csv,txt}",
                                        "--glob", "*.tsv", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let ids = try manifestJobs("\(out)/tracksheet-manifest.json").compactMap { $0["id"] as? String }
        #expect(ids == ["convert:a/x.csv", "convert:a/y.txt", "convert:b/z.tsv"])
        for path in ["a/x.xlsx", "a/y.xlsx", "b/z.xlsx"] { #expect(FileManager.default.fileExists(atPath: "\(out)/\(path)")) }

        let back = try runTracksheet(["batch", "convert", out, "-o", folder.file("csv"), "--glob", "*.xlsx", "-q"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("csv/a/x.csv")))
    }

    @Test("a pattern that matches nothing is a warning, and exit 1 with --strict", arguments: [false, true])
    func unmatchedGlob(strict: Bool) throws {
        let folder = try TemporaryDirectory()
        let share = try makeShare(folder, count: 2, broken: false)
        let out = folder.file("out")
        let result = try runTracksheet(["batch", "convert", share, "-o", out, "--glob", "*.csv", "--glob", "*.ods"]
                                       + (strict ? ["--strict"] : []) + (strict ? ["--lang", "en"] : []))
        let message = strict ? "--glob '*.ods' matches no file under \(share)" : "--glob '*.ods' 在 \(share) 下没有匹配的文件"
        #expect(result.status == (strict ? 1 : 0), "\(result.stderr)")
        #expect(result.stderr.contains(strict ? "tracksheet: error: \(message)" : "tracksheet: warning: \(message)"),
                "\(result.stderr)")
        #expect(try manifestJobs("\(out)/tracksheet-manifest.json").count == 2)
    }

    @Test("durations are measured: per job, in the totals and in JUnit; --no-timing drops them")
    func durations() throws {
        let folder = try TemporaryDirectory()
        let manifest = try writeSampleCheckManifest(folder)
        _ = try runTracksheet(["batch", "run", manifest, "-q", "--junit", folder.file("junit.xml")])
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.file("tracksheet-manifest.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect((totals["durationSeconds"] as? Double ?? 0) > 0)
        let job = try #require(try manifestJobs(folder.file("tracksheet-manifest.json")).first)
        #expect((job["durationSeconds"] as? Double ?? 0) > 0)
        let junit = try String(contentsOfFile: folder.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains(" time=\""))
        #expect(!junit.contains("time=\"0.000\""), "\(junit)")

        _ = try runTracksheet(["batch", "run", manifest, "-q", "--no-timing", "--junit", folder.file("junit.xml")])
        let untimed = try String(contentsOfFile: folder.file("tracksheet-manifest.json"), encoding: .utf8)
        #expect(!untimed.contains("durationSeconds"))
        #expect(!(try String(contentsOfFile: folder.file("junit.xml"), encoding: .utf8)).contains(" time="))
    }

    @Test("a manifest runs check jobs; counts come from the findings")
    func manifestRun() throws {
        let folder = try TemporaryDirectory()
        let manifest = try folder.write("jobs.toml", text: """
            [defaults]
            options = ["--as-of", "2025-06-30", "--plan-date", "2025-03-11"]

            [[job]]
            kind = "check"
            inputs = ["\(packagePath("Samples/rectification/issues.csv"))", "\(packagePath("Samples/rectification/tasks.csv"))"]
            options = ["--expect", "measures=44"]
            id = "sample"
            """)
        let result = try runTracksheet(["batch", "run", manifest, "--format", "github", "-q"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file="))
        let job = try #require(try manifestJobs(folder.file("tracksheet-manifest.json")).first)
        #expect(job["status"] as? String == "errors")
        #expect(job["errors"] as? Int == 1)
        #expect(job["warnings"] as? Int == 2)
    }

    @Test("jobs run in this process and print nothing of their own: findings, warnings and errors go to the record")
    func jobOutputStaysInTheRecord() throws {
        let folder = try TemporaryDirectory()
        let issues = packagePath("Samples/rectification/issues.csv")
        let tasks = packagePath("Samples/rectification/tasks.csv")
        let manifest = try folder.write("jobs.toml", text: """
            [defaults]
            options = ["--as-of", "2025-06-30", "--plan-date", "2025-03-11"]

            [[job]]
            kind = "check"
            inputs = ["\(issues)", "\(tasks)"]
            options = ["--format", "text"]
            id = "text"

            [[job]]
            kind = "check"
            inputs = ["\(issues)", "\(tasks)"]
            options = ["--format", "text", "-o", "findings.txt"]
            id = "to-file"

            [[job]]
            kind = "report"
            inputs = ["\(issues)", "\(tasks)"]
            output = "ledger.xlsx"
            options = ["--expect", "measures=44"]
            id = "ledger"

            [[job]]
            kind = "check"
            inputs = ["missing.csv"]
            id = "unreadable"
            """)
        let result = try runTracksheet(["batch", "run", manifest, "-q", "-j", "4", "--junit", folder.file("junit.xml")],
                                       in: folder.path)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        // Only the batch's own lines (in finishing order): no job's findings, warnings or notes.
        let lines = result.stderr.split(separator: "\n").sorted()
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(lines.first == "tracksheet: errors: ledger: \(tasks): 声称措施 44 个，表中实有 47 个 [count-mismatch]")
        #expect(lines.last?.hasPrefix("tracksheet: failed: unreadable: ") == true, "\(result.stderr)")
        #expect(lines.last?.contains("missing.csv") == true, "\(result.stderr)")
        let jobs = try manifestJobs(folder.file("tracksheet-manifest.json"))
        let byID = Dictionary(uniqueKeysWithValues: jobs.map { ($0["id"] as! String, $0) })
        // Counts come from the findings' severities, also when the findings text went to a file.
        for id in ["text", "to-file"] {
            #expect(byID[id]?["status"] as? String == "warnings")
            #expect(byID[id]?["warnings"] as? Int == 2)
        }
        #expect(try String(contentsOfFile: folder.file("findings.txt"), encoding: .utf8).contains("(missing-number)"))
        #expect(byID["ledger"]?["status"] as? String == "errors")
        #expect(byID["ledger"]?["errors"] as? Int == 1)
        #expect(byID["unreadable"]?["exitCode"] as? Int == 3)
        let junit = try String(contentsOfFile: folder.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<failure message=\"") && junit.contains("tracksheet: error: "), "\(junit)")
        // The ledger's findings are test cases of their own; its error fails one of them.
        #expect(junit.contains("<testcase classname=\"report.ledger\" name=\"count-mismatch \(tasks)"), "\(junit)")
        #expect(junit.contains("<failure type=\"count-mismatch\""))
    }

    @Test("SIGTERM stops the batch: no partial outputs, and a manifest saying which jobs finished")
    func interruption() throws {
        let folder = try TemporaryDirectory()
        let share = folder.file("share")
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        let rows = (0..<60_000).map { "第\($0)行,\($0),2025-03-31,说明文字说明文字" }.joined(separator: "\n")
        for index in 0..<6 { try folder.write("share/big\(index).csv", text: "名称,数量,日期,备注\n" + rows + "\n") }
        let out = folder.file("out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: buildProductsDirectory + "/tracksheet")
        process.arguments = ["batch", "convert", share, "-o", out, "-j", "2", "-q"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Stopped once a job is writing (not after a fixed time, which a loaded machine may spend starting up, before
        // the batch handles signals at all).
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning,
              !((try? FileManager.default.contentsOfDirectory(atPath: out))?.contains { $0.hasSuffix(".tmp") } ?? false) {
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let jobs = try manifestJobs("\(out)/tracksheet-manifest.json")
        #expect(jobs.count == 6)
        #expect(jobs.contains { $0["status"] as? String == "not-run" })
        // Running jobs stop between batches of rows; they do not run to their end: the job that was writing when the
        // batch was stopped (60,000 rows to go) is interrupted.
        #expect(jobs.contains { $0["exitCode"] as? Int == 130 && $0["message"] as? String == "interrupted" })
        for job in jobs where job["status"] as? String == "not-run" {
            // Stopped midway (exit 130, "interrupted") or never started (null).
            #expect(job["exitCode"] is NSNull || (job["exitCode"] as? Int == 130 && job["message"] as? String == "interrupted"))
        }
        #expect(jobs.allSatisfy { ["ok", "not-run"].contains($0["status"] as? String) })
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers == [])
        for job in jobs where job["status"] as? String == "ok" {
            let path = try #require((job["outputs"] as? [[String: Any]])?.first?["path"] as? String)
            #expect(FileManager.default.fileExists(atPath: path))
        }
    }
}

@Suite("The CI sample")
struct CISampleTests {
    @Test("Samples/ci/jobs.toml runs cleanly: a check, a ledger and a conversion")
    func sampleManifest() throws {
        let folder = try TemporaryDirectory()
        for part in ["ci", "rectification", "convert"] {
            try FileManager.default.copyItem(atPath: packagePath("Samples/\(part)"), toPath: folder.file("Samples/\(part)"))
        }
        let result = try runTracksheet(["batch", "run", folder.file("Samples/ci/jobs.toml"), "-o", folder.file("out/ci"), "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        let statuses = try manifestJobs(folder.file("out/ci/tracksheet-manifest.json")).map { try #require($0["status"] as? String) }
        #expect(statuses == ["warnings", "warnings", "ok"])
        #expect(FileManager.default.fileExists(atPath: folder.file("out/ci/县科协整改台账.xlsx")))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/ci/contacts.xlsx")))
    }
}
