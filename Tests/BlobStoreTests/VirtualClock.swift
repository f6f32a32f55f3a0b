import Foundation
import Synchronization
import Testing

/// A clock for tests: `sleep` advances virtual time at once and records the wait. While `held`,
/// a sleeper waits (cancellably) until `release()` before it advances time, so a test can line up
/// waiters in a known order.
final class VirtualClock: Sendable {
    struct State {
        var now: Date
        var slept: [Double] = []
        var held = false
        var sleeping = 0
    }

    let start: Date
    private let state: Mutex<State>

    init(start: Date = Date(timeIntervalSinceReferenceDate: 800_000_000)) {
        self.start = start
        state = Mutex(State(now: start))
    }

    var now: @Sendable () -> Date { { self.state.withLock { $0.now } } }
    var sleep: @Sendable (Double) async throws -> Void { { try await self.pause($0) } }

    /// Virtual seconds since `start`.
    var elapsed: Double { state.withLock { $0.now.timeIntervalSince(start) } }
    /// Every wait asked for, in order.
    var slept: [Double] { state.withLock { $0.slept } }
    /// Sleepers currently held.
    var sleeping: Int { state.withLock { $0.sleeping } }

    func hold() { state.withLock { $0.held = true } }
    func release() { state.withLock { $0.held = false } }

    private func pause(_ seconds: Double) async throws {
        try Task.checkCancellation()
        state.withLock { $0.sleeping += 1 }
        defer { state.withLock { $0.sleeping -= 1 } }
        while state.withLock({ $0.held }) { try await Task.sleep(for: .milliseconds(1)) }
        state.withLock {
            $0.now += seconds
            $0.slept.append(seconds)
        }
    }
}

/// Waits (in real time, up to 10 s) until `condition` holds; records an issue if it never does.
func eventually(_ what: String, _ condition: () -> Bool) async throws {
    for _ in 0..<10_000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(1))
    }
    Issue.record("timed out waiting for \(what)")
}
