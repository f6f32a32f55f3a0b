import Foundation

/// What the scheduler asks of the gateway. The real implementation (`GatewayJobs`) backs up to
/// the cloud repository; tests use a simulated one.
public protocol PolicyJobs: Sendable {
    /// Backs up the newest complete point of `source` not yet in the cloud, at `now`; returns the
    /// point uploaded, or nil when there was nothing new. Throws when the job fails.
    func backup(source: String, now: Date) async throws -> String?
    /// Applies the source's retention at `now`; returns how many points expired.
    func applyRetention(source: String, now: Date) async throws -> Int
    /// Deletes data no point references.
    func prune(now: Date) async throws
    /// When a backup of `source` was last attempted (from the job history), for catch-up after a restart.
    func lastAttempt(source: String) async -> Date?
}
