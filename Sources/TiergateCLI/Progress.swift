import Engine
import Foundation
import Synchronization

/// Bytes done, rate and ETA on a terminal (stderr), redrawn at most a few times a second;
/// silent when stderr is not a terminal.
final class ProgressMeter: Sendable {
    private struct State {
        var done: Int64 = 0
        var total: Int64
        var lastDraw: Double = 0
    }

    private let label: String
    private let start = Date()
    private let state: Mutex<State>
    private let enabled: Bool

    init(label: String, total: Int64, enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = label
        self.state = Mutex(State(total: total))
        self.enabled = enabled
    }

    /// Adds `bytes` done and redraws when due.
    func add(_ bytes: Int64) { add(bytes, of: nil) }

    /// Adds `bytes` done of a total learned while the job runs, and redraws when due.
    func add(_ bytes: Int64, of total: Int64?) {
        guard enabled else { return }
        let line: String? = state.withLock { s in
            if let total { s.total = total }
            s.done += bytes
            let t = Date().timeIntervalSince(start)
            guard t - s.lastDraw >= 0.2 || s.done >= s.total else { return nil }
            s.lastDraw = t
            return render(done: s.done, total: s.total, seconds: t)
        }
        if let line { FileHandle.standardError.write(Data(("\r" + line).utf8)) }
    }

    /// Ends the progress line.
    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func render(done: Int64, total: Int64, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let pct = total > 0 ? Double(done) * 100 / Double(total) : 100
        return String(format: "%@ %@ / %@ (%.0f%%) %@/s ETA %.0fs   ", label, ByteCount.format(done), ByteCount.format(total), pct, ByteCount.format(Int64(rate)), eta)
    }
}
