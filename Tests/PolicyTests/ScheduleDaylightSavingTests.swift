import Foundation
import Testing
@testable import Policy

/// Transitions used (from the tz database): Europe/Berlin 2026 springs forward on Sunday 29 March
/// at 02:00 CET (01:00Z) to 03:00 CEST and falls back on Sunday 25 October at 03:00 CEST (01:00Z)
/// to 02:00 CET; America/New_York springs forward on Sunday 8 March at 02:00 EST (07:00Z) and falls
/// back on Sunday 1 November at 02:00 EDT (06:00Z) to 01:00 EST.
@Suite struct ScheduleDaylightSavingTests {
    let berlin = ScheduleFixture.calendar("Europe/Berlin")
    let newYork = ScheduleFixture.calendar("America/New_York")
    let at = ScheduleFixture.at
    let times = ScheduleFixture.times

    // 02:30 does not exist on 29 March in Berlin: it fires at 03:00 CEST = 01:00Z; the day after,
    // 02:30 CEST = 00:30Z.
    @Test func berlinSpringForwardFiresAfterTheGap() {
        let daily = Schedule.daily(times("02:30"))
        #expect(daily.nextFire(after: at("2026-03-28T22:00:00Z"), calendar: berlin) == at("2026-03-29T01:00:00Z"))
        #expect(daily.nextFire(after: at("2026-03-29T01:00:00Z"), calendar: berlin) == at("2026-03-30T00:30:00Z"))
        // The day before, 02:30 CET = 01:30Z.
        #expect(daily.nextFire(after: at("2026-03-27T22:00:00Z"), calendar: berlin) == at("2026-03-28T01:30:00Z"))
        #expect(daily.lastFire(atOrBefore: at("2026-03-29T05:00:00Z"), calendar: berlin) == at("2026-03-29T01:00:00Z"))
    }

    // Two times in the same gap (02:15, 02:45) both become 03:00 CEST = 01:00Z and fire once.
    @Test func berlinTwoTimesInTheGapFireOnce() {
        let daily = Schedule.daily(times("02:15", "02:45"))
        #expect(daily.nextFire(after: at("2026-03-29T00:00:00Z"), calendar: berlin) == at("2026-03-29T01:00:00Z"))
        #expect(daily.nextFire(after: at("2026-03-29T01:00:00Z"), calendar: berlin) == at("2026-03-30T00:15:00Z"))
    }

    // 02:30 occurs twice on 25 October: 02:30 CEST = 00:30Z and 02:30 CET = 01:30Z. Only the first fires;
    // the next is 26 October 02:30 CET = 01:30Z.
    @Test func berlinFallBackFiresOnce() {
        let daily = Schedule.daily(times("02:30"))
        #expect(daily.nextFire(after: at("2026-10-24T23:00:00Z"), calendar: berlin) == at("2026-10-25T00:30:00Z"))
        #expect(daily.nextFire(after: at("2026-10-25T00:30:00Z"), calendar: berlin) == at("2026-10-26T01:30:00Z"))
        // During the second pass of the repeated hour (02:45 CET = 01:45Z), the last fire is the first 02:30.
        #expect(daily.lastFire(atOrBefore: at("2026-10-25T01:45:00Z"), calendar: berlin) == at("2026-10-25T00:30:00Z"))
    }

    // Times outside the transitions shift by the offset: 22:00 CET = 21:00Z before, 22:00 CEST = 20:00Z after.
    @Test func berlinOffsetsAroundSpringForward() {
        let daily = Schedule.daily(times("22:00"))
        #expect(daily.nextFire(after: at("2026-03-28T12:00:00Z"), calendar: berlin) == at("2026-03-28T21:00:00Z"))
        #expect(daily.nextFire(after: at("2026-03-28T21:00:00Z"), calendar: berlin) == at("2026-03-29T20:00:00Z"))
    }

    // Weekly on Sunday 02:30 falls in Berlin's gap on 29 March: 03:00 CEST = 01:00Z.
    @Test func berlinWeeklyInTheGap() {
        let weekly = Schedule.weekly(days: [.sunday], times: times("02:30"))
        #expect(weekly.nextFire(after: at("2026-03-23T00:00:00Z"), calendar: berlin) == at("2026-03-29T01:00:00Z"))
    }

    // 02:15 does not exist on 8 March in New York: 03:00 EDT = 07:00Z; the next day 02:15 EDT = 06:15Z.
    @Test func newYorkSpringForward() {
        let daily = Schedule.daily(times("02:15"))
        #expect(daily.nextFire(after: at("2026-03-08T05:00:00Z"), calendar: newYork) == at("2026-03-08T07:00:00Z"))
        #expect(daily.nextFire(after: at("2026-03-08T07:00:00Z"), calendar: newYork) == at("2026-03-09T06:15:00Z"))
    }

    // 01:30 occurs twice on 1 November: 01:30 EDT = 05:30Z and 01:30 EST = 06:30Z; the next fire after
    // the first is 2 November 01:30 EST = 06:30Z.
    @Test func newYorkFallBack() {
        let daily = Schedule.daily(times("01:30", "23:00"))
        #expect(daily.nextFire(after: at("2026-11-01T04:00:00Z"), calendar: newYork) == at("2026-11-01T05:30:00Z"))
        // 23:00 EST on 1 November = 04:00Z on the 2nd.
        #expect(daily.nextFire(after: at("2026-11-01T05:30:00Z"), calendar: newYork) == at("2026-11-02T04:00:00Z"))
        #expect(daily.nextFire(after: at("2026-11-02T04:00:00Z"), calendar: newYork) == at("2026-11-02T06:30:00Z"))
        #expect(daily.lastFire(atOrBefore: at("2026-11-01T06:45:00Z"), calendar: newYork) == at("2026-11-01T05:30:00Z"))
    }
}
