import Foundation
import Testing
@testable import Policy

/// Whole-history scenarios: a simulated year under a full GFS policy, and 9,999 points.
@Suite struct RetentionScenarioTests {
    typealias F = RetentionFixture

    /// Points at 12:00 and 22:00 Berlin time on every day of 2026, except: whole days whose
    /// day-of-year is a multiple of 10, Mar 1, Oct 31 and Dec 27; and Dec 13 has no 22:00 point.
    /// Returns each point's time and its label "MM-dd HH:mm".
    static func simulatedYear(_ calendar: Calendar) -> [(time: Date, label: String)] {
        let skippedDays: Set<String> = ["03-01", "10-31", "12-27"]
        let jan1 = calendar.date(from: DateComponents(year: 2026, month: 1, day: 1, hour: 12))!
        var points: [(Date, String)] = []
        for ordinal in 1...365 where ordinal % 10 != 0 {
            let day = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: ordinal - 1, to: jan1)!)
            let mmdd = String(format: "%02d-%02d", day.month!, day.day!)
            if skippedDays.contains(mmdd) { continue }
            for hour in [12, 22] where !(mmdd == "12-13" && hour == 22) {
                let time = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour))!
                points.append((time, "\(mmdd) \(hour):00"))
            }
        }
        return points
    }

    // Policy: daily 7, weekly {4, sunday}, monthly {3, "last saturday"}, yearly {2, march, "day 1"};
    // Europe/Berlin; now = Thursday 2026-12-31 18:00 CET. Day-of-year: Mar 1 = 60, Oct 31 = 304,
    // Nov 28 = 332, Dec 6 = 340, Dec 13 = 347, Dec 20 = 354, Dec 24 = 358, Dec 26 = 360,
    // Dec 27 = 361, Dec 31 = 365.
    // - daily 7: cutoff Dec 24 18:00 -> Dec 24 22:00, Dec 25, (26, 27 skipped), 28, 29, 30 both,
    //   Dec 31 12:00 (Dec 31 22:00 is after now).
    // - weekly: Sundays Dec 27 (skipped -> Dec 28 12:00), Dec 20 (22:00), Dec 13 (no 22:00 ->
    //   12:00), Dec 6 (day 340, skipped -> Dec 7 12:00).
    // - monthly: last Saturdays Dec 26 (day 360, skipped; Dec 27 skipped -> Dec 28 12:00),
    //   Nov 28 (22:00), Oct 31 (skipped -> Nov 1 12:00).
    // - yearly: period from Mar 1 2026 (skipped -> Mar 2 12:00) and from Mar 1 2025 (no point on
    //   its first day -> the earliest later one, Jan 1 2026 12:00).
    // - newest: Dec 31 12:00 (at or before now) and Dec 31 22:00 (after now).
    // Points: 365 days - 36 multiples of 10 - Oct 31 - Dec 27 = 327 days, x2, - Dec 13 22:00 = 653.
    @Test func simulatedYearUnderGFS() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let points = Self.simulatedYear(calendar)
        #expect(points.count == 653)

        let policy = RetentionPolicy(
            daily: 7, weekly: .init(keep: 4, on: .sunday),
            monthly: .init(keep: 3, on: .weekday(.last, .saturday)),
            yearly: .init(keep: 2, month: .march, on: .day(1)))
        let evaluator = RetentionEvaluator(policy: policy, timeZone: calendar.timeZone)
        let decisions = evaluator.evaluate(points: points.map(\.time), now: F.time("2026-12-31T18:00:00+01:00"))

        let expected: [String: [RetentionRule]] = [
            "01-01 12:00": [.yearly],
            "03-02 12:00": [.yearly],
            "11-01 12:00": [.monthly],
            "11-28 22:00": [.monthly],
            "12-07 12:00": [.weekly],
            "12-13 12:00": [.weekly],
            "12-20 22:00": [.weekly],
            "12-24 22:00": [.daily],
            "12-25 12:00": [.daily],
            "12-25 22:00": [.daily],
            "12-28 12:00": [.daily, .weekly, .monthly],
            "12-28 22:00": [.daily],
            "12-29 12:00": [.daily],
            "12-29 22:00": [.daily],
            "12-30 12:00": [.daily],
            "12-30 22:00": [.daily],
            "12-31 12:00": [.daily, .newest],
            "12-31 22:00": [.newest],
        ]
        var kept: [String: [RetentionRule]] = [:]
        for (point, decision) in zip(points, decisions) {
            #expect(decision.created == point.time)
            if decision.keep { kept[point.label] = decision.rules }
        }
        #expect(kept == expected)
    }

    // 9,999 points every 12 hours from 2000-01-01 00:00Z (a Saturday): day d (0…4999) has points
    // at 00:00 and 12:00, except day 4999 which only has 00:00. Day 4999 is 2013-09-08
    // (2013-01-01 is day 4749; +250 -> day-of-year 251 = Sep 8). now = 2013-09-08 01:00Z.
    // - weekly {5163, saturday}: every Saturday (days 0, 7, …, 4998: 715) keeps its 12:00 point.
    // - monthly {1188, "day 1"}: Jan 2000 … Sep 2013 = 13 * 12 + 9 = 165 months, each day 1 12:00.
    // - yearly {99, march "day 1"}: Mar 1 2000 … Mar 1 2013 (14 points at 12:00) plus the period
    //   from Mar 1 1999, whose earliest point is 2000-01-01 00:00: 15.
    // - daily 30: cutoff 2013-08-09 01:00 = day 4969 01:00 -> day 4969 12:00, days 4970…4998
    //   (58 points), day 4999 00:00: 60.
    // - newest: the last point only.
    @Test func ninetyNineHundredNinetyNinePoints() {
        let start = F.time("2000-01-01T00:00:00Z")
        let points = (0..<9999).map { start.addingTimeInterval(Double($0) * 43_200) }
        let policy = RetentionPolicy(
            daily: 30, weekly: .init(keep: 5163, on: .saturday), monthly: .init(keep: 1188, on: .day(1)),
            yearly: .init(keep: 99, month: .march, on: .day(1)))
        let evaluator = RetentionEvaluator(policy: policy, timeZone: TimeZone(identifier: "UTC")!)
        #expect(points.last == F.time("2013-09-08T00:00:00Z"))
        let decisions = evaluator.evaluate(points: points.reversed(), now: F.time("2013-09-08T01:00:00Z")).reversed()
        let decided = Array(decisions)
        #expect(decided.count == 9999)
        func count(_ rule: RetentionRule) -> Int { decided.filter { $0.rules.contains(rule) }.count }
        #expect(count(.weekly) == 715)
        #expect(count(.monthly) == 165)
        #expect(count(.yearly) == 15)
        #expect(count(.daily) == 60)
        #expect(count(.newest) == 1)
        #expect(decided[0].rules == [.yearly])              // 2000-01-01 00:00
        #expect(decided[1].rules == [.weekly, .monthly])    // 2000-01-01 12:00, Saturday and day 1
        #expect(decided[9998].rules == [.daily, .newest])
    }
}
