import Foundation

extension Throttle {
    /// The rate in force at `date` (bits per second); `nil` means unlimited.
    ///
    /// `calendar` must be Gregorian in the configuration's time zone. Work hours begin and end at
    /// wall-clock times resolved as schedules resolve them: a boundary in the hour skipped when
    /// clocks spring forward takes effect at the end of the gap, and a boundary in the hour that
    /// repeats when clocks fall back takes effect at its first occurrence.
    public func rate(at date: Date, calendar: Calendar) -> Rate? {
        guard let workHours else { return otherHours }
        let zone = calendar.timeZone
        let today = LocalDate(date, in: zone)
        for day in [today.adding(days: -1), today, today.adding(days: 1)] {
            if let window = workHours.window(on: day, zone: zone), window.contains(date) { return workHours.rate }
        }
        return otherHours
    }

    /// The next instant strictly after `date` at which the rate may change (a work-hours
    /// boundary), or `nil` when it never changes. A running upload re-reads ``rate(at:calendar:)``
    /// at that instant.
    public func nextChange(after date: Date, calendar: Calendar) -> Date? {
        guard let workHours, !workHours.days.isEmpty else { return nil }
        let zone = calendar.timeZone
        let today = LocalDate(date, in: zone)
        for offset in -1...8 {
            guard let window = workHours.window(on: today.adding(days: offset), zone: zone) else { continue }
            if window.lowerBound > date { return window.lowerBound }
            if window.upperBound > date { return window.upperBound }
        }
        return nil
    }
}

extension Throttle.WorkHours {
    /// The work-hours instants of `day`, or `nil` when it is not a work day (or the window is empty,
    /// as when both boundaries fall in a daylight-saving gap).
    func window(on day: LocalDate, zone: TimeZone) -> Range<Date>? {
        guard days.contains(day.weekday) else { return nil }
        let start = zone.wallClockInstant(on: day, at: from)
        let end = zone.wallClockInstant(on: day, at: to)
        return start < end ? start..<end : nil
    }
}
