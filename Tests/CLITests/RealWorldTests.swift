import Foundation
import TestSupport
import Testing

/// The real-world cases in Tests/Fixtures/realworld, each with the counts a careful reader gets (expected.json).
private let realWorldRoot = packagePath("Tests/Fixtures/realworld")
private let realWorldCases: [String] = {
    ((try? FileManager.default.contentsOfDirectory(atPath: realWorldRoot)) ?? [])
        .filter { FileManager.default.fileExists(atPath: realWorldRoot + "/" + $0 + "/expected.json") }.sorted()
}()

/// What `check --format json` reports for a case's tables (or its workbook), with what a careful reader expects.
private struct CaseReading {
    var expected: [String: Any]
    var summary: [String: Int]
    var findings: [[String: Any]]

    func count(_ code: String) -> Int { findings.filter { $0["code"] as? String == code }.count }
    func arguments(_ code: String) -> [String: Any]? {
        findings.first { $0["code"] as? String == code }?["arguments"] as? [String: Any]
    }

    init(_ name: String, workbook: Bool = false) throws {
        let folder = realWorldRoot + "/" + name
        expected = try #require(JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json"))) as? [String: Any])
        var inputs = [folder + (workbook ? "/tasks.xlsx" : "/tasks.csv")]
        if FileManager.default.fileExists(atPath: folder + "/issues.csv") { inputs.insert(folder + "/issues.csv", at: 0) }
        let asOf = expected["asOf"] as? String ?? "2025-06-30"
        let result = try runTracksheet(["check"] + inputs + ["--as-of", asOf, "--format", "json"])
        #expect([0, 1].contains(result.status), "\(name): \(result.stderr)")
        let document = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        summary = try #require(document["summary"] as? [String: Int])
        findings = try #require(document["findings"] as? [[String: Any]])
    }
}

@Suite("Real tables transcribed from published material")
struct RealWorldTests {
    @Test("every case is read: the measures a careful reader counts, statuses that add up", arguments: realWorldCases)
    func measures(_ name: String) throws {
        let reading = try CaseReading(name)
        let s = reading.summary
        #expect(s["measures"] == reading.expected["measures"] as? Int, "\(name)")
        let buckets = ["done", "doneOngoing", "inProgress", "notStarted", "unrecognized"].compactMap { s[$0] }
        #expect(buckets.reduce(0, +) == s["measures"], "\(name): nothing is dropped from the status counts")
    }

    @Test("footer rows under the table are left out and named", arguments: realWorldCases)
    func footers(_ name: String) throws {
        let reading = try CaseReading(name)
        let footerRows = reading.expected["footerRows"] as? Int ?? 0
        if footerRows == 0 {
            #expect(reading.count("footer-rows") == 0, "\(name)")
        } else {
            #expect(reading.arguments("footer-rows")?["count"] as? Int == footerRows, "\(name)")
        }
    }

    @Test("a table without a status column counts its measures as of unknown progress, with one warning",
          arguments: realWorldCases)
    func noStatusColumn(_ name: String) throws {
        let reading = try CaseReading(name)
        let columns = try #require(reading.expected["columns"] as? [String: Any])
        guard columns["status"] is NSNull else { return }
        #expect(reading.summary["unrecognized"] == reading.summary["measures"], "\(name)")
        #expect(reading.findings.contains {
            $0["code"] as? String == "missing-column" && ($0["arguments"] as? [String: Any])?["field"] as? String == "status"
        }, "\(name)")
    }

    @Test("a table without leader or person columns gets a warning, not an error per row", arguments: realWorldCases)
    func ownersByDesign(_ name: String) throws {
        let reading = try CaseReading(name)
        let columns = try #require(reading.expected["columns"] as? [String: Any])
        for (key, field) in [("leader", "leader"), ("person", "owner")] where columns[key] is NSNull {
            let finding = reading.findings.first {
                $0["code"] as? String == "missing-column" && ($0["arguments"] as? [String: Any])?["field"] as? String == field
            }
            #expect(finding?["severity"] as? String == "warning", "\(name): \(field)")
        }
        #expect(reading.count("missing-leader") == 0 && reading.count("missing-owner") == 0, "\(name)")
    }

    @Test("statuses where every cell says its progress read as a clerk reads them",
          arguments: ["jiuzhengan-control-yuan-tw", "minsheng-shishi-bazhong-2017", "shenji-zhenggai-cixi-2018"])
    func statuses(_ name: String) throws {
        // The other cases' expected counts rest on context outside the cell (see StatusTests' fixture test).
        let reading = try CaseReading(name)
        let expected = try #require(reading.expected["status"] as? [String: Int])
        for bucket in ["done", "doneOngoing", "inProgress", "notStarted", "unrecognized"] {
            #expect(reading.summary[bucket] == expected[bucket], "\(name): \(bucket)")
        }
    }

    @Test("the outline: aspects and issues as a clerk counts them", arguments: [
        "ducha-gongshi-siping-tiedong-2019", "ducha-renwu16-tieling-2022", "jiuzhengan-control-yuan-tw",
        "minsheng-shishi-bazhong-2017", "minsheng-shishi-ningbo-2014", "renwu-fenjie-lishan-2023",
        "shenji-zhenggai-cixi-2018", "xuncha-zhenggai-huiji-2024",
    ])
    func outline(_ name: String) throws {
        let reading = try CaseReading(name)
        #expect(reading.summary["issues"] == reading.expected["issues"] as? Int, "\(name)")
        #expect(reading.summary["aspects"] == reading.expected["aspects"] as? Int, "\(name)")
    }

    @Test("the workbook a WPS user keeps (title banner, merged cells) reads like its CSV", arguments: realWorldCases.filter {
        FileManager.default.fileExists(atPath: realWorldRoot + "/" + $0 + "/tasks.xlsx")
    })
    func workbooks(_ name: String) throws {
        let csv = try CaseReading(name)
        let workbook = try CaseReading(name, workbook: true)
        #expect(workbook.summary["measures"] == csv.summary["measures"], "\(name)")
        #expect(workbook.summary["unrecognized"] == csv.summary["unrecognized"], "\(name)")
        #expect(workbook.summary["issues"] == csv.summary["issues"], "\(name): merged cells group rows as blank ones do")
        #expect(workbook.summary["aspects"] == csv.summary["aspects"], "\(name)")
    }
}
