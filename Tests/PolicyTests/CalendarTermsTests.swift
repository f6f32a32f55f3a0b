import Foundation
import Testing
@testable import Policy

@Suite struct CalendarTermsTests {
    let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    @Test func parsesDaysOfMonth() {
        #expect(DayOfMonth("day 1") == .day(1))
        #expect(DayOfMonth("last saturday") == .weekday(.last, .saturday))
        #expect(DayOfMonth("day 32") == nil)
        #expect(DayOfMonth("fifth monday") == nil)
        #expect(DayOfMonth("last") == nil)
    }

    // November 2026 begins on a Sunday and has 30 days; February 2028 has 29 (leap year).
    @Test func resolvesDaysInMonths() {
        #expect(DayOfMonth.day(31).dayNumber(year: 2026, month: 11, calendar: utc) == 30)
        #expect(DayOfMonth.day(30).dayNumber(year: 2028, month: 2, calendar: utc) == 29)
        #expect(DayOfMonth.day(30).dayNumber(year: 2027, month: 2, calendar: utc) == 28)
        #expect(DayOfMonth.weekday(.first, .sunday).dayNumber(year: 2026, month: 11, calendar: utc) == 1)
        #expect(DayOfMonth.weekday(.first, .saturday).dayNumber(year: 2026, month: 11, calendar: utc) == 7)
        #expect(DayOfMonth.weekday(.last, .saturday).dayNumber(year: 2026, month: 11, calendar: utc) == 28)
        #expect(DayOfMonth.weekday(.last, .monday).dayNumber(year: 2026, month: 11, calendar: utc) == 30)
        #expect(DayOfMonth.weekday(.fourth, .sunday).dayNumber(year: 2026, month: 11, calendar: utc) == 22)
    }

    @Test func parsesTimesOfDay() {
        #expect(TimeOfDay("22:00")?.minutes == 22 * 60)
        #expect(TimeOfDay("9:05")?.description == "09:05")
        #expect(TimeOfDay("24:00") == nil)
        #expect(TimeOfDay("12:5") == nil)
        #expect(TimeOfDay("noon") == nil)
    }
}
