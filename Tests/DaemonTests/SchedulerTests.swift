import Daemon
import Foundation
import Policy
import Testing

/// A scheduler that logs only critical messages (the failures tests provoke are expected).
func quiet<J, C>(_ scheduler: Scheduler<J, C>) -> Scheduler<J, C> {
    var s = scheduler
    s.logger.logLevel = .critical
    return s
}

@Suite struct SchedulerTests {
    static let yearYAML = """
        timezone: UTC
        groups:
          - name: fs01
            members: [fs01-bmr]
            schedule:
              daily: ["12:00", "22:00"]
            retention:
              daily: 7
              weekly: {keep: 4, on: sunday}
              monthly: {keep: 3, on: "last saturday"}
              yearly: {keep: 2, month: march, on: "day 1"}
        """

    // A simulated 2027: two backups a day, every attempt on Sunday 2027-12-26 fails (the
    // designated weekly day), retention after every job. Kept at the end, derived by hand
    // (2027-12-31 is a Friday; the last Saturdays of Oct/Nov/Dec 2027 are the 30th/27th/25th):
    // - daily 7: after 2027-12-24T22:00 — Dec 25, 27, 28, 29, 30, 31 at 12:00 and 22:00 (Dec 26 failed);
    // - weekly 4 on sunday: Dec 5, 12, 19 at 22:00 (newest on the Sunday) and, for the week of
    //   the failed Sunday Dec 26, the next successful backup, Dec 27 12:00;
    // - monthly 3 on the last saturday: Oct 30 and Nov 27 22:00 (and Dec 25 22:00, already daily);
    // - yearly 2 on March 1: 2027-03-01 22:00, and for the period that began 2026-03-01 (no
    //   point that day) the earliest later one: the catch-up backup at start, 2027-01-01 00:00;
    // - newest: Dec 31 22:00.
    @Test func aSimulatedYearKeepsWhatTheRulesSay() async throws {
        let config = try configuration(Self.yearYAML)
        let failDay = instant("2027-12-26T00:00:00Z")...instant("2027-12-26T23:59:59Z")
        let jobs = SimulatedJobs(config: config, failing: { _, t in failDay.contains(t) })
        let clock = VirtualClock(instant("2027-01-01T00:00:00Z"))
        try await quiet(Scheduler(config: config, jobs: jobs, clock: clock)).run(until: instant("2028-01-01T00:00:00Z"))

        var expected = [
            "2027-01-01T00:00:00Z", "2027-03-01T22:00:00Z", "2027-10-30T22:00:00Z", "2027-11-27T22:00:00Z",
            "2027-12-05T22:00:00Z", "2027-12-12T22:00:00Z", "2027-12-19T22:00:00Z",
        ]
        for day in [25, 27, 28, 29, 30, 31] { expected += ["2027-12-\(day)T12:00:00Z", "2027-12-\(day)T22:00:00Z"] }
        let kept = await jobs.points["fs01-bmr"] ?? []
        #expect(kept.sorted() == expected.map(instant).sorted())

        // 365 days × 2 + the catch-up at start, each once; the 2 failures of Dec 26 retried 3 times each, 10 minutes apart.
        let attempts = await jobs.attempts
        #expect(attempts.count == 731 + 6)
        #expect(attempts.filter { failDay.contains($0.at) }.map(\.at) == [
            "2027-12-26T12:00:00Z", "2027-12-26T12:10:00Z", "2027-12-26T12:20:00Z", "2027-12-26T12:30:00Z",
            "2027-12-26T22:00:00Z", "2027-12-26T22:10:00Z", "2027-12-26T22:20:00Z", "2027-12-26T22:30:00Z",
        ].map(instant))
        // Pruned at most once a day, and only after retention expired something.
        let prunes = await jobs.prunes
        #expect(prunes.count >= 350 && prunes.count <= 365)
        #expect(zip(prunes, prunes.dropFirst()).allSatisfy { $1.timeIntervalSince($0) >= 86_400 })
    }

    @Test func afterDowntimeAGroupCatchesUpOnceNotOncePerMissedTime() async throws {
        let config = try configuration(Self.yearYAML)
        // Last backup three days ago; six scheduled times were missed.
        let jobs = SimulatedJobs(config: config, history: ["fs01-bmr": instant("2027-06-07T22:00:00Z")])
        let clock = VirtualClock(instant("2027-06-10T09:00:00Z"))
        try await quiet(Scheduler(config: config, jobs: jobs, clock: clock)).run(until: instant("2027-06-10T23:00:00Z"))
        #expect(await jobs.attempts.map(\.at) == ["2027-06-10T09:00:00Z", "2027-06-10T12:00:00Z", "2027-06-10T22:00:00Z"].map(instant))
    }

    @Test func aGroupThatAlreadyRanSinceItsLastTimeWaits() async throws {
        let config = try configuration(Self.yearYAML)
        let jobs = SimulatedJobs(config: config, history: ["fs01-bmr": instant("2027-06-10T12:00:05Z")])
        let clock = VirtualClock(instant("2027-06-10T13:00:00Z"))
        try await quiet(Scheduler(config: config, jobs: jobs, clock: clock)).run(until: instant("2027-06-11T00:00:00Z"))
        #expect(await jobs.attempts.map(\.at) == [instant("2027-06-10T22:00:00Z")])
    }

    // Europe/Berlin springs forward on 2027-03-28 (02:00 CET → 03:00 CEST) and falls back on
    // 2027-10-31 (03:00 CEST → 02:00 CET). A 02:30 backup: 01:30Z on the 27th (CET), 01:00Z on
    // the 28th (the gap: first instant after it, 03:00 CEST), 00:30Z on the 29th (CEST); in
    // autumn 00:30Z on the 30th (CEST), 00:30Z on the 31st (first of the two 02:30s), 01:30Z on
    // Nov 1 (CET).
    @Test func timesFollowTheConfiguredTimeZoneAcrossDaylightSaving() async throws {
        let config = try configuration("""
            timezone: Europe/Berlin
            groups:
              - name: g
                members: [a]
                schedule: {daily: ["02:30"]}
                retention: {daily: 30}
            """)
        for (start, end, expected) in [
            ("2027-03-27T00:00:00Z", "2027-03-29T12:00:00Z", ["2027-03-27T01:30:00Z", "2027-03-28T01:00:00Z", "2027-03-29T00:30:00Z"]),
            ("2027-10-30T00:00:00Z", "2027-11-01T12:00:00Z", ["2027-10-30T00:30:00Z", "2027-10-31T00:30:00Z", "2027-11-01T01:30:00Z"]),
        ] {
            let jobs = SimulatedJobs(config: config, history: ["a": instant(start)])
            try await quiet(Scheduler(config: config, jobs: jobs, clock: VirtualClock(instant(start)))).run(until: instant(end))
            #expect(await jobs.attempts.map(\.at) == expected.map(instant))
        }
    }

    @Test func cancellingTheDaemonStopsItWhileItWaits() async throws {
        let config = try configuration(Self.yearYAML)
        let jobs = SimulatedJobs(config: config, history: ["fs01-bmr": Date()])
        let started = Date()
        let task = Task { try await quiet(Scheduler(config: config, jobs: jobs, clock: SystemDaemonClock())).run() }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(await jobs.attempts.isEmpty)
    }
}
