import Foundation
import Testing
@testable import Policy

/// Retention over tricky calendars: month ends, the leap day, "last saturday", and
/// daylight-saving days in Europe/Berlin and America/New_York. Expectations derived by hand.
@Suite struct RetentionCalendarTests {
    typealias F = RetentionFixture

    // monthly "day 31", keep 4, now 2026-05-15. Designated days: Jan 31, Feb 28, Mar 31, Apr 30,
    // May 31. May 15 < May 31, so the current period began Apr 30; the last 4 begin Apr 30,
    // Mar 31, Feb 28, Jan 31. Mar 31 was missed: Apr 1 22:00 is the earliest later point.
    @Test func monthlyDay31ClampsToShortMonths() {
        F.check(RetentionPolicy(monthly: .init(keep: 4, on: .day(31))), now: "2026-05-15T12:00:00Z", [
            ("2026-01-30T22:00:00Z", []),           // period of Dec 31: too old
            ("2026-01-31T22:00:00Z", [.monthly]),   // first day of the Jan 31 period
            ("2026-02-27T22:00:00Z", []),           // still the Jan 31 period
            ("2026-02-28T22:00:00Z", [.monthly]),   // "day 31" in February is the 28th
            ("2026-03-30T22:00:00Z", []),           // Feb 28 period, not its first day
            ("2026-04-01T22:00:00Z", [.monthly]),   // replaces the missed Mar 31
            ("2026-04-02T22:00:00Z", []),
            ("2026-04-30T10:00:00Z", []),           // "day 31" in April is the 30th; not the newest that day
            ("2026-04-30T22:00:00Z", [.monthly]),
            ("2026-05-14T22:00:00Z", [.newest]),
        ])
    }

    // yearly {february, "day 31"} keep 3 and monthly "day 30" keep 2, now 2028-03-01 12:00.
    // Yearly designated days: 2026-02-28, 2027-02-28, 2028-02-29 (leap year): the last 3 periods
    // begin on exactly those. 2028-02-28 is NOT a first day in 2028 (the 29th is).
    // Monthly "day 30": Jan 30 2028, Feb 29 2028 (clamped), Mar 30 2028; now (Mar 1) is in the
    // period that began Feb 29, the one before began Jan 30 and holds only 2028-02-28 22:00,
    // which is therefore its designated point.
    @Test func leapDayIsTheDesignatedDay() {
        let policy = RetentionPolicy(
            monthly: .init(keep: 2, on: .day(30)), yearly: .init(keep: 3, month: .february, on: .day(31)))
        F.check(policy, now: "2028-03-01T12:00:00Z", [
            ("2026-02-27T22:00:00Z", []),                  // yearly period of 2025: too old
            ("2026-02-28T22:00:00Z", [.yearly]),
            ("2027-02-27T22:00:00Z", []),
            ("2027-02-28T22:00:00Z", [.yearly]),
            ("2028-02-28T22:00:00Z", [.monthly]),          // yearly: period 2027, not first day
            ("2028-02-29T22:00:00Z", [.monthly, .yearly]),
            ("2028-03-01T10:00:00Z", [.newest]),
        ])
    }

    // monthly "last saturday" keep 3, now 2026-04-10. Last Saturdays: 2025-12-27, 2026-01-31,
    // 02-28, 03-28, 04-25. Apr 10 < Apr 25: current period began Mar 28; the last 3 begin Mar 28,
    // Feb 28, Jan 31. Feb 28 was missed: Mar 1 12:00 replaces it.
    @Test func monthlyLastSaturday() {
        F.check(RetentionPolicy(monthly: .init(keep: 3, on: .weekday(.last, .saturday))), now: "2026-04-10T12:00:00Z", [
            ("2026-01-24T22:00:00Z", []),           // a Saturday, not the last: Dec 27 period, too old
            ("2026-01-31T12:00:00Z", []),           // first day, but not its newest point
            ("2026-01-31T22:00:00Z", [.monthly]),
            ("2026-02-21T22:00:00Z", []),
            ("2026-03-01T12:00:00Z", [.monthly]),
            ("2026-03-02T12:00:00Z", []),
            ("2026-03-21T22:00:00Z", []),           // Saturday, not the last one
            ("2026-03-28T22:00:00Z", [.monthly]),
            ("2026-04-09T22:00:00Z", [.newest]),
        ])
    }

    // yearly {march, "last saturday"} keep 2, now 2027-06-01. Last Saturday of March: 2026-03-28,
    // 2027-03-27. Periods: 2027-03-27 (current), 2026-03-28. 2027-03-27 was missed: the
    // earliest later point (03-28 00:00) replaces it.
    @Test func yearlyLastSaturday() {
        F.check(
            RetentionPolicy(yearly: .init(keep: 2, month: .march, on: .weekday(.last, .saturday))),
            now: "2027-06-01T12:00:00Z", [
                ("2026-03-27T22:00:00Z", []),          // 2025's period: too old
                ("2026-03-28T12:00:00Z", [.yearly]),
                ("2026-12-31T22:00:00Z", []),
                ("2027-03-26T22:00:00Z", []),          // still 2026's period
                ("2027-03-28T00:00:00Z", [.yearly]),
                ("2027-05-31T22:00:00Z", [.newest]),
            ])
    }

    // Europe/Berlin, Sunday 2026-03-29 is 23 hours long (02:00 CET -> 03:00 CEST); 03-22 was 24.
    // weekly sunday keep 2 and daily 1, now Tuesday 03-31 12:00 CEST. Periods begin Sun 03-29
    // (00:00 CET = 03-28 23:00Z) and Sun 03-22 (00:00 CET = 03-21 23:00Z).
    @Test func berlinSpringForwardWeek() {
        let policy = RetentionPolicy(daily: 1, weekly: .init(keep: 2, on: .sunday))
        F.check(policy, zone: "Europe/Berlin", now: "2026-03-31T12:00:00+02:00", [
            ("2026-03-22T00:15:00+01:00", [.weekly]),         // Sunday in Berlin (Saturday in UTC)
            ("2026-03-28T23:30:00+01:00", []),                // Saturday
            ("2026-03-29T00:15:00+01:00", []),                // Sunday, not its newest point
            ("2026-03-29T23:45:00+02:00", [.weekly]),         // Sunday's newest point
            // Monday 00:10 CEST = 03-29 22:10Z: less than 86400 s after Sunday 00:00 CET
            // (03-28 23:00Z), yet Monday; and before the daily cutoff (03-30 12:00).
            ("2026-03-30T00:10:00+02:00", []),
            ("2026-03-31T10:00:00+02:00", [.daily, .newest]),
        ])
    }

    // Europe/Berlin, Sunday 2026-10-25 is 25 hours long (03:00 CEST -> 02:00 CET); it is also the
    // last Sunday of October. weekly sunday keep 1 and monthly "last sunday" keep 1, now Monday
    // 10-26 12:00 CET: both rules' current period began 10-25 00:00 CEST (10-24 22:00Z).
    @Test func berlinFallBackWeek() {
        let policy = RetentionPolicy(
            weekly: .init(keep: 1, on: .sunday), monthly: .init(keep: 1, on: .weekday(.last, .sunday)))
        F.check(policy, zone: "Europe/Berlin", now: "2026-10-26T12:00:00+01:00", [
            ("2026-10-24T23:30:00+02:00", []),                    // Saturday: previous periods
            ("2026-10-25T00:30:00+02:00", []),                    // Sunday (Saturday in UTC), not newest
            // 23:30 CET = 22:30Z, past 86400 s after Sunday 00:00 CEST (10-24 22:00Z) yet Sunday.
            ("2026-10-25T23:30:00+01:00", [.weekly, .monthly]),
            ("2026-10-26T00:30:00+01:00", []),                    // Monday here (Sunday 23:30 in UTC)
            ("2026-10-26T10:00:00+01:00", [.newest]),
        ])
    }

    // daily 1 in Berlin across the short day: now Sunday 03-29 12:00 CEST (10:00Z); the cutoff is
    // Saturday 12:00 CET (11:00Z), only 23 hours earlier.
    @Test func berlinDailyWindowOverTheShortDay() {
        F.check(RetentionPolicy(daily: 1), zone: "Europe/Berlin", now: "2026-03-29T12:00:00+02:00", [
            ("2026-03-28T11:30:00+01:00", []),          // 22.5 h before now, but before the cutoff
            ("2026-03-28T12:00:00+01:00", []),          // exactly the cutoff
            ("2026-03-28T12:00:01+01:00", [.daily]),
            ("2026-03-29T12:00:00+02:00", [.daily, .newest]),
        ])
    }

    // daily 1 in Berlin across the long day: now Sunday 10-25 12:00 CET (11:00Z); the cutoff is
    // Saturday 12:00 CEST (10:00Z), 25 hours earlier.
    @Test func berlinDailyWindowOverTheLongDay() {
        F.check(RetentionPolicy(daily: 1), zone: "Europe/Berlin", now: "2026-10-25T12:00:00+01:00", [
            ("2026-10-24T11:59:59+02:00", []),
            ("2026-10-24T12:00:00+02:00", []),          // exactly the cutoff
            ("2026-10-24T12:30:00+02:00", [.daily]),    // 24.5 h before now, still inside
            ("2026-10-25T11:00:00+01:00", [.daily, .newest]),
        ])
    }

    // The cutoff's wall-clock time may not exist or may occur twice.
    // Monday 2026-03-30 02:30 CEST minus one day is Sunday 03-29 02:30, which was skipped
    // (02:00 CET -> 03:00 CEST): the cutoff moves forward by the gap, to 03:30 CEST (01:30Z).
    // Monday 2026-10-26 02:30 CET minus one day is Sunday 10-25 02:30, which occurred twice
    // (00:30Z in CEST, 01:30Z in CET): the later occurrence, 02:30 CET (01:30Z), is the cutoff.
    @Test func berlinDailyCutoffInSkippedAndRepeatedHours() {
        let evaluator = RetentionEvaluator(policy: RetentionPolicy(daily: 1), timeZone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(evaluator.dailyCutoff(days: 1, now: F.time("2026-03-30T02:30:00+02:00")) == F.time("2026-03-29T01:30:00Z"))
        #expect(evaluator.dailyCutoff(days: 1, now: F.time("2026-10-26T02:30:00+01:00")) == F.time("2026-10-25T01:30:00Z"))
        F.check(RetentionPolicy(daily: 1), zone: "Europe/Berlin", now: "2026-10-26T02:30:00+01:00", [
            ("2026-10-25T02:45:00+02:00", []),          // first 02:45 (00:45Z): before the cutoff
            ("2026-10-25T02:45:00+01:00", [.daily]),    // second 02:45 (01:45Z): inside
            ("2026-10-26T02:00:00+01:00", [.daily, .newest]),
        ])
    }

    // America/New_York: DST ends Sunday 2026-11-01 (02:00 EDT -> 01:00 EST; 01:30 happens twice).
    // monthly "day 1" keep 2 and weekly sunday keep 1, now Monday 11-02 12:00 EST. Monthly periods
    // begin Nov 1 (current) and Oct 1; weekly begins Sun Nov 1.
    @Test func newYorkFallBack() {
        let policy = RetentionPolicy(weekly: .init(keep: 1, on: .sunday), monthly: .init(keep: 2, on: .day(1)))
        F.check(policy, zone: "America/New_York", now: "2026-11-02T12:00:00-05:00", [
            ("2026-09-30T22:00:00-04:00", []),                    // Oct 1 in UTC, Sep 30 in New York
            ("2026-10-01T08:00:00-04:00", []),                    // Oct 1, not its newest point
            ("2026-10-01T21:00:00-04:00", [.monthly]),            // Oct 2 in UTC, Oct 1 in New York
            ("2026-11-01T01:30:00-04:00", []),                    // first 01:30 (EDT)
            ("2026-11-01T01:30:00-05:00", []),                    // second 01:30 (EST)
            ("2026-11-01T23:30:00-05:00", [.weekly, .monthly]),   // Nov 2 04:30Z, still Sunday here
            ("2026-11-02T10:00:00-05:00", [.newest]),
        ])
    }

    // America/New_York: DST begins Sunday 2026-03-08 (02:00 EST -> 03:00 EDT). weekly sunday
    // keep 1, now Monday 03-09 12:00 EDT. 01:59 EST and 03:00 EDT are one minute apart and both
    // Sunday: the later is the newest on the first day.
    @Test func newYorkSpringForward() {
        F.check(RetentionPolicy(weekly: .init(keep: 1, on: .sunday)), zone: "America/New_York", now: "2026-03-09T12:00:00-04:00", [
            ("2026-03-07T23:59:00-05:00", []),          // Saturday
            ("2026-03-08T01:59:00-05:00", []),
            ("2026-03-08T03:00:00-04:00", [.weekly]),
            ("2026-03-09T10:00:00-04:00", [.newest]),
        ])
    }
}
