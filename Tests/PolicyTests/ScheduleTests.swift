import Foundation
import Testing
@testable import Policy

/// Helpers shared by the schedule and throttle tests.
enum ScheduleFixture {
    /// A Gregorian calendar in the named zone.
    static func calendar(_ zone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }

    /// An instant written in UTC, `2026-03-29T01:00:00Z`.
    static func at(_ text: String) -> Date {
        try! Date.ISO8601FormatStyle().parse(text)
    }

    static func times(_ texts: String...) -> [TimeOfDay] { texts.map { TimeOfDay($0)! } }
}

@Suite struct ScheduleTests {
    let utc = ScheduleFixture.calendar("UTC")
    let at = ScheduleFixture.at
    let times = ScheduleFixture.times

    // Two times a day; the next fire is the later time the same day, then the earlier one the next day.
    @Test func dailyTwoTimesAcrossMonthAndYearEnds() {
        let daily = Schedule.daily(times("12:00", "22:00"))
        #expect(daily.nextFire(after: at("2026-01-31T11:00:00Z"), calendar: utc) == at("2026-01-31T12:00:00Z"))
        #expect(daily.nextFire(after: at("2026-01-31T12:00:00Z"), calendar: utc) == at("2026-01-31T22:00:00Z"))
        #expect(daily.nextFire(after: at("2026-01-31T22:00:00Z"), calendar: utc) == at("2026-02-01T12:00:00Z"))
        #expect(daily.nextFire(after: at("2026-12-31T23:00:00Z"), calendar: utc) == at("2027-01-01T12:00:00Z"))
        // 2028 is a leap year: the day after 28 February is the 29th.
        #expect(daily.nextFire(after: at("2028-02-28T22:00:00Z"), calendar: utc) == at("2028-02-29T12:00:00Z"))
        #expect(daily.nextFire(after: at("2027-02-28T22:00:00Z"), calendar: utc) == at("2027-03-01T12:00:00Z"))
    }

    // 2026-12-29 is a Tuesday (1 Dec 2026 is a Tuesday), so the next Monday is 2027-01-04.
    @Test func weeklyAcrossYearEnd() {
        let weekly = Schedule.weekly(days: [.monday], times: times("06:00"))
        #expect(weekly.nextFire(after: at("2026-12-29T10:00:00Z"), calendar: utc) == at("2027-01-04T06:00:00Z"))
        #expect(weekly.lastFire(atOrBefore: at("2026-12-29T10:00:00Z"), calendar: utc) == at("2026-12-28T06:00:00Z"))
        #expect(weekly.nextFire(after: at("2027-01-04T05:59:00Z"), calendar: utc) == at("2027-01-04T06:00:00Z"))
    }

    // 2026-05-13 is a Wednesday (1 May 2026 is a Friday); saturday+wednesday fire on the 13th and 16th.
    @Test func weeklySeveralDays() {
        let weekly = Schedule.weekly(days: [.wednesday, .saturday], times: times("22:00"))
        #expect(weekly.nextFire(after: at("2026-05-12T00:00:00Z"), calendar: utc) == at("2026-05-13T22:00:00Z"))
        #expect(weekly.nextFire(after: at("2026-05-13T22:00:00Z"), calendar: utc) == at("2026-05-16T22:00:00Z"))
        #expect(weekly.nextFire(after: at("2026-05-16T22:00:00Z"), calendar: utc) == at("2026-05-20T22:00:00Z"))
    }

    // "day 31": April has 30 days, so April's firing is on the 30th; May's on the 31st.
    @Test func monthlyDay31ClampsToShortMonths() {
        let monthly = Schedule.monthly(on: .day(31), times: times("22:00"))
        #expect(monthly.nextFire(after: at("2026-04-01T00:00:00Z"), calendar: utc) == at("2026-04-30T22:00:00Z"))
        #expect(monthly.nextFire(after: at("2026-04-30T22:00:00Z"), calendar: utc) == at("2026-05-31T22:00:00Z"))
        // February 2028 has 29 days, February 2027 has 28.
        #expect(monthly.nextFire(after: at("2028-02-01T00:00:00Z"), calendar: utc) == at("2028-02-29T22:00:00Z"))
        #expect(monthly.nextFire(after: at("2027-02-01T00:00:00Z"), calendar: utc) == at("2027-02-28T22:00:00Z"))
        #expect(monthly.lastFire(atOrBefore: at("2026-05-15T00:00:00Z"), calendar: utc) == at("2026-04-30T22:00:00Z"))
    }

    // October 2026 begins on a Thursday: Saturdays 3, 10, 17, 24, 31. November begins on a Sunday:
    // last Saturday the 28th. December begins on a Tuesday: Saturdays 5, 12, 19, 26.
    @Test func monthlyLastSaturday() {
        let monthly = Schedule.monthly(on: .weekday(.last, .saturday), times: times("22:00"))
        #expect(monthly.nextFire(after: at("2026-10-01T00:00:00Z"), calendar: utc) == at("2026-10-31T22:00:00Z"))
        #expect(monthly.nextFire(after: at("2026-10-31T22:00:00Z"), calendar: utc) == at("2026-11-28T22:00:00Z"))
        #expect(monthly.nextFire(after: at("2026-11-28T22:00:00Z"), calendar: utc) == at("2026-12-26T22:00:00Z"))
        #expect(monthly.lastFire(atOrBefore: at("2026-12-20T00:00:00Z"), calendar: utc) == at("2026-11-28T22:00:00Z"))
        // In Berlin, 31 October 2026 is after the fall-back (CET, UTC+1): 22:00 local is 21:00Z.
        let berlin = ScheduleFixture.calendar("Europe/Berlin")
        #expect(monthly.nextFire(after: at("2026-10-01T00:00:00Z"), calendar: berlin) == at("2026-10-31T21:00:00Z"))
    }

    // Yearly on "day 31" of February: 28 Feb in 2027, 29 Feb in 2028 (leap year).
    @Test func yearlyDay31InFebruary() {
        let yearly = Schedule.yearly(month: .february, on: .day(31), times: times("22:00"))
        #expect(yearly.nextFire(after: at("2026-12-01T00:00:00Z"), calendar: utc) == at("2027-02-28T22:00:00Z"))
        #expect(yearly.nextFire(after: at("2027-03-01T00:00:00Z"), calendar: utc) == at("2028-02-29T22:00:00Z"))
        #expect(yearly.lastFire(atOrBefore: at("2028-02-29T21:59:00Z"), calendar: utc) == at("2027-02-28T22:00:00Z"))
        #expect(yearly.lastFire(atOrBefore: at("2028-02-29T22:00:00Z"), calendar: utc) == at("2028-02-29T22:00:00Z"))
    }

    // March 2026 begins on a Sunday: first Sunday 1 March, last Saturday 28 March.
    @Test func yearlyOnWeekdayOrdinal() {
        let yearly = Schedule.yearly(month: .march, on: .weekday(.last, .saturday), times: times("22:00"))
        #expect(yearly.nextFire(after: at("2026-01-01T00:00:00Z"), calendar: utc) == at("2026-03-28T22:00:00Z"))
        let first = Schedule.yearly(month: .march, on: .weekday(.first, .sunday), times: times("01:00"))
        #expect(first.nextFire(after: at("2026-01-01T00:00:00Z"), calendar: utc) == at("2026-03-01T01:00:00Z"))
    }

    // Catch-up: down from 2026-05-10 11:00Z to 2026-05-12 09:00Z; the missed 22:00 of the 11th is the last fire.
    @Test func lastFireForCatchUp() {
        let daily = Schedule.daily(times("12:00", "22:00"))
        let lastRun = at("2026-05-10T11:00:00Z")
        let last = daily.lastFire(atOrBefore: at("2026-05-12T09:00:00Z"), calendar: utc)
        #expect(last == at("2026-05-11T22:00:00Z"))
        #expect(last! > lastRun)
        // At exactly a scheduled time, that time is the last fire (at or before).
        #expect(daily.lastFire(atOrBefore: at("2026-05-11T22:00:00Z"), calendar: utc) == at("2026-05-11T22:00:00Z"))
        #expect(daily.lastFire(atOrBefore: at("2026-05-11T21:59:59Z"), calendar: utc) == at("2026-05-11T12:00:00Z"))
        // Saturday 2026-05-16 is the weekly day; from Wednesday the 20th the last fire is that Saturday.
        let weekly = Schedule.weekly(days: [.saturday], times: times("22:00"))
        #expect(weekly.lastFire(atOrBefore: at("2026-05-20T12:00:00Z"), calendar: utc) == at("2026-05-16T22:00:00Z"))
    }

    // 1970-1999 is 30 years with 7 leap days (10,957 days); January and February 2000 add 31 + 29.
    @Test func localDatesCountDaysAndWeekdays() {
        #expect(LocalDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(LocalDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(LocalDate(daysSinceEpoch: 11_017) == LocalDate(year: 2000, month: 3, day: 1))
        #expect(LocalDate(daysSinceEpoch: -1) == LocalDate(year: 1969, month: 12, day: 31))
        #expect(LocalDate(year: 1969, month: 12, day: 31).weekday == .wednesday)
        #expect(LocalDate(year: 2026, month: 3, day: 29).weekday == .sunday)
        #expect(LocalDate(year: 2026, month: 12, day: 31).adding(days: 1) == LocalDate(year: 2027, month: 1, day: 1))
        #expect(LocalDate(year: 2026, month: 12, day: 15).firstOfMonth(adding: 1) == LocalDate(year: 2027, month: 1, day: 1))
        #expect(LocalDate(year: 2026, month: 1, day: 15).firstOfMonth(adding: -1) == LocalDate(year: 2025, month: 12, day: 1))
        // 23:30Z on 31 December is 00:30 CET on 1 January in Berlin; 03:00Z on 1 March is 22:00 EST on 28 February.
        #expect(LocalDate(ScheduleFixture.at("2026-12-31T23:30:00Z"), in: TimeZone(identifier: "Europe/Berlin")!) == LocalDate(year: 2027, month: 1, day: 1))
        #expect(LocalDate(ScheduleFixture.at("2026-03-01T03:00:00Z"), in: TimeZone(identifier: "America/New_York")!) == LocalDate(year: 2026, month: 2, day: 28))
    }

    @Test func emptySchedulesNeverFire() {
        #expect(Schedule.daily([]).nextFire(after: at("2026-05-10T11:00:00Z"), calendar: utc) == nil)
        #expect(Schedule.weekly(days: [], times: times("22:00")).nextFire(after: at("2026-05-10T11:00:00Z"), calendar: utc) == nil)
        #expect(Schedule.daily([]).lastFire(atOrBefore: at("2026-05-10T11:00:00Z"), calendar: utc) == nil)
    }
}
