import Foundation
import OutputSupport

/// Prints batch progress on stderr: a one-line bar on a terminal (jobs done/total, rate, ETA), one plain line per
/// finished job otherwise (CI logs), or nothing but failures when quiet. Reports come one at a time (the batch
/// calls `report` from one task), so it keeps no state to guard.
public final class BatchProgress: Sendable {
    /// How progress is shown.
    public enum Style: Sendable {
        /// A bar redrawn in place.
        case bar
        /// A line per job.
        case lines
        /// Only failed jobs.
        case quiet
    }

    private let style: Style
    private let start = DispatchTime.now()

    /// Creates a printer; `.bar` only makes sense when stderr is a terminal.
    public init(style: Style) {
        self.style = style
    }

    /// The style for this process: a bar when stderr is a terminal, lines otherwise, quiet when asked.
    public static func style(quiet: Bool) -> Style {
        quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .bar : .lines)
    }

    /// Reports one finished job.
    public func report(_ result: JobResult, done: Int, total: Int) {
        let failed = result.status == .failed || result.status == .errors
        let detail = result.message.map { ": \($0)" } ?? ""
        switch style {
        case .quiet:
            if failed { write("tracksheet: \(result.status.rawValue): \(result.job.id)\(detail)\n") }
        case .lines:
            write("[\(done)/\(total)] \(result.status.rawValue) \(result.job.id)\(failed ? detail : "")\n")
        case .bar:
            if failed { write("\r\u{1B}[K\(result.status.rawValue) \(result.job.id)\(detail)\n") }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let remaining = rate > 0 ? Double(total - done) / rate : 0
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            write(String(format: "\r\u{1B}[K%@ %d/%d  %.1f jobs/s  ETA %.0fs", bar, done, total, rate, remaining))
            if done == total { write("\n") }
        }
    }

    private func write(_ text: String) {
        StandardStream.error.write(text)
    }
}
