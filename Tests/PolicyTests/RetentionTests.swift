import Foundation
import Testing
@testable import Policy

/// Retention semantics in UTC (no daylight saving): daily boundaries, newest, points after now,
/// designated points and missed days. Every expectation is derived by hand in the comments.
@Suite struct RetentionTests {
    typealias F = RetentionFixture

    // now = 2026-05-10 12:00; daily 2 keeps (05-08 12:00, 05-10 12:00].
    @Test func dailyBoundariesExcludeNowMinusNDaysAndIncludeNow() {
        F.check(RetentionPolicy(daily: 2), now: "2026-05-10T12:00:00Z", [
            ("2026-05-08T11:59:00Z", []),                  // before the window
            ("2026-05-08T12:00:00Z", []),                  // exactly now - 2 days: excluded
            ("2026-05-08T12:00:01Z", [.daily]),            // one second inside
            ("2026-05-10T12:00:00Z", [.daily, .newest]),   // exactly now: included, and the newest
            ("2026-05-10T12:00:01Z", [.newest]),           // after now: kept as "newest" only
        ])
    }

    // daily 1 at 2026-05-10 12:00 keeps nothing from April; the newest (04-02 22:00) stays anyway.
    @Test func newestPointIsKeptWhenEverythingElseExpires() {
        F.check(RetentionPolicy(daily: 1, weekly: .init(keep: 1, on: .sunday)), now: "2026-05-10T12:00:00Z", [
            ("2026-04-01T22:00:00Z", []),
            ("2026-04-02T22:00:00Z", [.newest]),
            ("2026-03-31T22:00:00Z", []),
        ])
    }

    // A policy with no rules keeps exactly the newest point at or before now, and later points.
    @Test func emptyPolicyKeepsOnlyTheNewest() {
        F.check(RetentionPolicy(), now: "2026-05-10T12:00:00Z", [
            ("2026-05-09T12:00:00Z", []),
            ("2026-05-10T11:00:00Z", [.newest]),
            ("2026-05-11T12:00:00Z", [.newest]),
        ])
    }

    @Test func noPointsGiveNoDecisions() {
        let evaluator = RetentionEvaluator(policy: RetentionPolicy(daily: 7), timeZone: TimeZone(identifier: "UTC")!)
        #expect(evaluator.evaluate(points: [], now: F.time("2026-05-10T12:00:00Z")).isEmpty)
    }

    // Sunday 2026-05-10 at 10:00 is now. The 08:00 point exists then and is the newest on the
    // week's first day; the 20:00 point (after now) does not exist yet, so it does not take the
    // designation from 08:00 and is kept as "newest" only. The previous Sunday's point is outside
    // the last 1 week.
    @Test func pointsAfterNowAreKeptAndTakeNoPartInPeriods() {
        F.check(RetentionPolicy(weekly: .init(keep: 1, on: .sunday)), now: "2026-05-10T10:00:00Z", [
            ("2026-05-03T09:00:00Z", []),
            ("2026-05-10T08:00:00Z", [.weekly, .newest]),
            ("2026-05-10T20:00:00Z", [.newest]),
            ("2026-06-01T00:00:00Z", [.newest]),
        ])
    }

    // now = Wednesday 2026-05-20; weekly on sunday, keep 4: periods begin Sun 05-17 (current,
    // empty), 05-10, 05-03, 04-26. Sunday 04-19 is a fifth period: out. The empty current period
    // keeps nothing and does not make the rule reach back a fifth week.
    // 05-03: two points on the first day -> the newest (22:00). 05-10 was missed -> the earliest
    // later point in that week (05-11 22:00) takes its place. Input is deliberately unordered.
    @Test func missedDesignatedDayIsReplacedByTheNextBackup() {
        F.check(RetentionPolicy(weekly: .init(keep: 4, on: .sunday)), now: "2026-05-20T12:00:00Z", [
            ("2026-05-12T22:00:00Z", [.newest]),
            ("2026-05-03T10:00:00Z", []),
            ("2026-04-19T22:00:00Z", []),
            ("2026-05-11T22:00:00Z", [.weekly]),
            ("2026-04-26T22:00:00Z", [.weekly]),
            ("2026-05-04T10:00:00Z", []),
            ("2026-05-03T22:00:00Z", [.weekly]),
        ])
    }

    // now is exactly Sunday 2026-05-17 00:00, the start of the current period (keep 2: the weeks
    // of 05-17 and 05-10). Saturday 23:59:59 belongs to the 05-10 week, where the earliest point
    // (05-11 12:00, Sunday 05-10 being empty) is designated; Sunday 00:00:00 opens the new week.
    @Test func periodBeginsAtMidnightOfTheDesignatedDay() {
        F.check(RetentionPolicy(weekly: .init(keep: 2, on: .sunday)), now: "2026-05-17T00:00:00Z", [
            ("2026-05-11T12:00:00Z", [.weekly]),
            ("2026-05-16T23:59:59Z", []),
            ("2026-05-17T00:00:00Z", [.weekly, .newest]),
        ])
    }

    // Two points with the same creation time cannot be told apart: both get the same decision.
    @Test func duplicateTimesShareTheirDecision() {
        F.check(RetentionPolicy(weekly: .init(keep: 1, on: .sunday)), now: "2026-05-10T23:00:00Z", [
            ("2026-05-10T22:00:00Z", [.weekly, .newest]),
            ("2026-05-10T10:00:00Z", []),
            ("2026-05-10T22:00:00Z", [.weekly, .newest]),
        ])
    }

    // daily 3, weekly on sunday keep 1, monthly "day 10" keep 1, now Sunday 2026-05-10 23:00:
    // the 22:00 point is within 3 days, the week's and the month's designated point, and newest.
    @Test func aPointKeptByManyRulesListsThemAllInOrder() {
        let policy = RetentionPolicy(
            daily: 3, weekly: .init(keep: 1, on: .sunday), monthly: .init(keep: 1, on: .day(10)),
            yearly: .init(keep: 1, month: .may, on: .day(10)))
        F.check(policy, now: "2026-05-10T23:00:00Z", [
            ("2026-05-10T22:00:00Z", [.daily, .weekly, .monthly, .yearly, .newest]),
            ("2026-05-09T22:00:00Z", [.daily]),
        ])
    }

    @Test func decisionSortsRulesAndDerivesKeep() {
        let at = F.time("2026-05-10T22:00:00Z")
        let decision = RetentionDecision(created: at, rules: [.newest, .daily, .monthly])
        #expect(decision.rules == [.daily, .monthly, .newest])
        #expect(decision.keep)
        #expect(RetentionDecision(created: at, rules: []).keep == false)
        #expect(RetentionRule.allCases.map(\.rawValue) == ["daily", "weekly", "monthly", "yearly", "newest"])
    }

    // Day numbers: 1970-01-01 is day 0 (a Thursday); 2000-01-01 is day 10957 (946684800 s /
    // 86400), a Saturday; 2000-03-01 is 31 + 29 days later; 1969-12-31 is day -1, a Wednesday;
    // 2028-02-29 is a Tuesday.
    @Test func localDateNumbersAndWeekdays() {
        #expect(LocalDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(LocalDate(year: 1970, month: 1, day: 1).weekday == .thursday)
        #expect(LocalDate(year: 2000, month: 1, day: 1).daysSinceEpoch == 10957)
        #expect(LocalDate(year: 2000, month: 1, day: 1).weekday == .saturday)
        #expect(LocalDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11017)
        #expect(LocalDate(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        #expect(LocalDate(year: 1969, month: 12, day: 31).weekday == .wednesday)
        #expect(LocalDate(year: 2028, month: 2, day: 29).weekday == .tuesday)
    }
}
