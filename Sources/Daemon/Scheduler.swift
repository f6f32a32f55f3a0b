import Foundation
import Logging
import Policy

/// The daemon's loop: fires each group's online backups at their times in the configured time
/// zone, one job at a time (so never two jobs of one source at once), applies retention after
/// each job, retries failed jobs, and prunes on its own schedule, until cancelled.
///
/// - Catch-up: when the last scheduled time of a group (at or before now) is later than the last
///   backup attempted for it — after downtime, or a group that never ran — the group runs once
///   at once, however many times it missed.
/// - Retry: a failed backup is tried again `retryDelay` later, at most `maxRetries` times, and
///   not past the group's next scheduled time (which tries it anyway).
/// - Prune: at most once per `pruneInterval`, and only when retention expired points since the
///   last prune.
public struct Scheduler<Jobs: PolicyJobs, Clock: DaemonClock>: Sendable {
    public let config: Configuration
    public let jobs: Jobs
    public let clock: Clock
    public var retryDelay: TimeInterval = 600
    public var maxRetries = 3
    public var pruneInterval: TimeInterval = 86_400
    public var logger = Logger(label: "tiergate.scheduler")

    public init(config: Configuration, jobs: Jobs, clock: Clock) {
        self.config = config
        self.jobs = jobs
        self.clock = clock
    }

    struct Retry {
        var attempts: Int
        var due: Date
    }

    /// Runs until cancelled (or, for tests, until the clock reaches `end`).
    public func run(until end: Date? = nil) async throws {
        let calendar = config.calendar
        var handled: [String: Date] = [:]
        for group in config.groups {
            var last = Date.distantPast
            for source in group.members { if let t = await jobs.lastAttempt(source: source), t > last { last = t } }
            handled[group.name] = last
        }
        var retries: [String: Retry] = [:]
        var prunePending = false
        var lastPrune: Date?

        while true {
            let now = await clock.now()
            if let end, now >= end { return }
            for group in config.groups {
                guard let fire = group.schedule.lastFire(atOrBefore: now, calendar: calendar), fire > handled[group.name]! else { continue }
                handled[group.name] = fire
                for source in group.members {
                    retries[source] = nil
                    if try await runJob(source: source, group: group) {
                        prunePending = try await expire(source) || prunePending
                    } else {
                        retries[source] = Retry(attempts: 0, due: await clock.now().addingTimeInterval(retryDelay))
                    }
                }
            }
            for (source, retry) in retries.sorted(by: { $0.key < $1.key }) where retry.due <= now {
                guard let group = config.group(of: source) else { continue }
                if try await runJob(source: source, group: group) {
                    retries[source] = nil
                    prunePending = try await expire(source) || prunePending
                } else if retry.attempts + 1 >= maxRetries {
                    logger.error("giving up on \(source) until its next scheduled time", metadata: ["attempts": "\(retry.attempts + 2)"])
                    retries[source] = nil
                } else {
                    retries[source] = Retry(attempts: retry.attempts + 1, due: await clock.now().addingTimeInterval(retryDelay))
                }
            }
            let afterJobs = await clock.now()
            if prunePending, lastPrune.map({ afterJobs.timeIntervalSince($0) >= pruneInterval }) ?? true {
                do {
                    try await jobs.prune(now: afterJobs)
                    lastPrune = afterJobs
                    prunePending = false
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    logger.error("prune failed: \(error)")
                    lastPrune = afterJobs
                }
            }
            // Sleep until the next scheduled time, retry or prune.
            let wake = nextWake(after: afterJobs, calendar: calendar, retries: retries, prunePending: prunePending, lastPrune: lastPrune)
            guard let wake else { return }
            try await clock.sleep(until: end.map { min($0, wake) } ?? wake)
        }
    }

    func nextWake(after now: Date, calendar: Calendar, retries: [String: Retry], prunePending: Bool, lastPrune: Date?) -> Date? {
        var candidates = config.groups.compactMap { $0.schedule.nextFire(after: now, calendar: calendar) }
        for (source, retry) in retries {
            // A retry past the group's next scheduled time is left to that time.
            if let next = config.group(of: source)?.schedule.nextFire(after: now, calendar: calendar), retry.due >= next { continue }
            candidates.append(max(retry.due, now))
        }
        if prunePending, let lastPrune { candidates.append(lastPrune.addingTimeInterval(pruneInterval)) }
        return candidates.min()
    }

    /// One backup; false when it failed (logged). Cancellation ends the daemon.
    func runJob(source: String, group: ProtectionGroup) async throws -> Bool {
        let started = await clock.now()
        do {
            let point = try await jobs.backup(source: source, now: started)
            logger.info("backup of \(source) done", metadata: ["group": "\(group.name)", "point": "\(point ?? "nothing new")"])
            return true
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error("backup of \(source) failed: \(error)", metadata: ["group": "\(group.name)"])
            return false
        }
    }

    /// Retention after a job; true when points expired.
    func expire(_ source: String) async throws -> Bool {
        do {
            return try await jobs.applyRetention(source: source, now: await clock.now()) > 0
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error("retention of \(source) failed: \(error)")
            return false
        }
    }
}
