import Batch
import Foundation
import Synchronization
import TestSupport
import Testing

/// Counts jobs in flight and the most there ever were.
final class InFlight: Sendable {
    private let counts = Mutex((now: 0, most: 0, started: [String]()))

    func enter(_ id: String) {
        counts.withLock {
            $0.now += 1
            $0.most = max($0.most, $0.now)
            $0.started.append(id)
        }
    }

    func leave() { counts.withLock { $0.now -= 1 } }

    var most: Int { counts.withLock { $0.most } }
    var started: [String] { counts.withLock { $0.started } }
}

/// Blocks the calling thread, as real jobs do while they read and write files.
func blockingSleep(milliseconds: Int) {
    usleep(useconds_t(milliseconds * 1000))
}

func jobs(_ count: Int) -> [BatchJob] {
    (0..<count).map { BatchJob(kind: .check, inputs: ["t\($0).csv"], outputs: []) }
}

@Suite("Batch runner: in-process jobs through an executor")
struct BatchRunnerTests {
    @Test("at most N jobs run at once, N of them even beyond the core count, and results keep the plan's order",
          arguments: [1, 3, 6])
    func boundedParallelism(parallel: Int) async {
        let inFlight = InFlight()
        let runner = BatchRunner(parallelJobs: parallel) { job in
            inFlight.enter(job.id)
            defer { inFlight.leave() }
            // Later jobs finish first, so completion order differs from plan order.
            let index = Int(job.inputs[0].dropFirst().dropLast(4))!
            blockingSleep(milliseconds: 40 + (12 - index) * 5)
            return JobOutcome(exitCode: index % 4 == 3 ? 1 : 0, errorCount: index % 4 == 3 ? 1 : 0,
                              warningCount: index % 2, outputs: ["o\(index)"])
        }
        let finished = Mutex(0)
        let results = await runner.run(jobs(12)) { _, done in finished.withLock { $0 = done } }
        #expect(results.map(\.job.id) == jobs(12).map(\.id))
        #expect(results.map(\.status) == (0..<12).map { $0 % 4 == 3 ? .errors : ($0 % 2 == 1 ? .warnings : .ok) })
        #expect(results.map(\.outcome.outputs) == (0..<12).map { ["o\($0)"] })
        #expect(results.allSatisfy { $0.duration >= 0.04 })
        #expect(inFlight.most == parallel, "blocking jobs run on the batch's own threads, not the shared pool")
        #expect(finished.withLock { $0 } == 12)
    }

    @Test("cancelling the run starts no further job, stops running ones, and reports every job")
    func cancellation() async {
        let inFlight = InFlight()
        let runner = BatchRunner(parallelJobs: 2) { job in
            inFlight.enter(job.id)
            defer { inFlight.leave() }
            if job.id == "check:t0.csv" { return JobOutcome(exitCode: 0) }
            // A long job that checks for cancellation as the converters do, between batches of rows.
            for _ in 0..<1000 {
                if Task.isCancelled { return .interrupted }
                blockingSleep(milliseconds: 10)
            }
            return JobOutcome(exitCode: 0)
        }
        let task = Task { await runner.run(jobs(8)) { _, _ in } }
        while inFlight.started.count < 3 { try? await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        let results = await task.value
        #expect(inFlight.started.count == 3)
        #expect(results[0].status == .ok)
        #expect(results[1].outcome == .interrupted && results[2].outcome == .interrupted)
        #expect(results[1].exitCode == 130 && results[1].message == "interrupted")
        #expect(results[3...].allSatisfy { $0.outcome == .notStarted && $0.exitCode == nil })
    }

    @Test("an outcome's status follows from its exit code; diagnostics are kept for failing jobs only", arguments: [
        (Int32(0), 0, JobStatus.ok, false), (0, 2, .warnings, false), (1, 0, .errors, true), (2, 0, .failed, true),
        (3, 1, .failed, true), (5, 0, .failed, true),
    ])
    func outcomeStatus(exitCode: Int32, warnings: Int, status: JobStatus, keepsDiagnostics: Bool) {
        let diagnostics = String(repeating: "tracksheet: warning: x\n", count: 1000)
        let outcome = JobOutcome(exitCode: exitCode, warningCount: warnings, diagnostics: diagnostics)
        #expect(outcome.status == status)
        #expect(outcome.diagnostics.isEmpty == !keepsDiagnostics)
        #expect(outcome.diagnostics.utf8.count <= BatchRunner.keptDiagnostics)
    }

    @Test("an interrupted session still writes its manifest, marked incomplete, with the jobs that finished")
    func interruptedSession() async throws {
        let folder = try TemporaryDirectory()
        let settings = BatchSession.Settings(toolVersion: "test", parallelJobs: 1, shard: nil, changedOnly: false,
                                             outputFolder: folder.file("out"), junitPath: folder.file("junit.xml"),
                                             includeTiming: false)
        let started = InFlight()
        let session = BatchSession(settings: settings) { job in
            started.enter(job.id)
            if job.id == "check:t0.csv" { return JobOutcome(exitCode: 0) }
            while !Task.isCancelled { blockingSleep(milliseconds: 5) }
            return .interrupted
        }
        let task = Task { try await session.run(jobs(4)) { _, _, _ in } }
        while started.started.count < 2 { try? await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        let outcome = try await task.value
        #expect(outcome.interrupted && outcome.exitStatus == 130)
        let manifest = try String(contentsOfFile: outcome.manifestPath, encoding: .utf8)
        #expect(manifest.contains("\"complete\": false"))
        #expect(manifest.contains("\"ok\": 1, \"warnings\": 0, \"errors\": 0, \"failed\": 0, \"unchanged\": 0, \"notRun\": 3"))
        let junit = try String(contentsOfFile: folder.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains("skipped=\"3\""))
    }
}
