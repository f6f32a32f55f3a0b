import Daemon
import Foundation
import Policy

/// A clock whose sleeps jump: a simulated year passes in milliseconds.
actor VirtualClock: DaemonClock {
    private(set) var current: Date

    init(_ start: Date) { current = start }

    func now() async -> Date { current }

    func sleep(until date: Date) async throws {
        try Task.checkCancellation()
        if date > current { current = date }
    }

    func advance(by seconds: TimeInterval) { current = current.addingTimeInterval(seconds) }
}

/// A simulated gateway: a backup adds a point created at the job's time (unless the source is
/// set to fail then); retention runs the real evaluator over the recorded points and drops the
/// expired ones.
actor SimulatedJobs: PolicyJobs {
    let config: Configuration
    let failing: @Sendable (String, Date) -> Bool
    let history: [String: Date]
    private(set) var points: [String: [Date]] = [:]
    private(set) var attempts: [(source: String, at: Date)] = []
    private(set) var prunes: [Date] = []

    init(config: Configuration, history: [String: Date] = [:], failing: @escaping @Sendable (String, Date) -> Bool = { _, _ in false }) {
        self.config = config
        self.history = history
        self.failing = failing
    }

    struct Failure: Error {}

    func backup(source: String, now: Date) async throws -> String? {
        attempts.append((source, now))
        if failing(source, now) { throw Failure() }
        points[source, default: []].append(now)
        return "\(now)"
    }

    func applyRetention(source: String, now: Date) async throws -> Int {
        let policy = config.group(of: source)!.retention
        let all = points[source] ?? []
        let decisions = RetentionEvaluator(policy: policy, timeZone: config.timeZone).evaluate(points: all, now: now)
        points[source] = zip(all, decisions).filter { $0.1.keep }.map(\.0)
        return decisions.filter { !$0.keep }.count
    }

    func prune(now: Date) async throws { prunes.append(now) }

    func lastAttempt(source: String) async -> Date? { history[source] }
}

/// `2027-12-31T22:00:00Z` and the like.
func instant(_ iso: String) -> Date {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: iso)!
}

func configuration(_ yaml: String) throws -> Configuration { try Configuration.load(yaml: yaml) }
