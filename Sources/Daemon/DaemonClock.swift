import Foundation

/// The daemon's time: the present, and sleeping until a moment. Tests inject a virtual clock
/// that jumps instead of waiting, so a year of schedules runs in seconds.
public protocol DaemonClock: Sendable {
    /// The present.
    func now() async -> Date
    /// Returns at `date` (at once when it has passed); throws when the task is cancelled.
    func sleep(until date: Date) async throws
}

/// The real clock.
public struct SystemDaemonClock: DaemonClock {
    public init() {}

    public func now() async -> Date { Date() }

    public func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
        try Task.checkCancellation()
    }
}
