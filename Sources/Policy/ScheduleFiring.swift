import Foundation

extension Schedule {
    /// The first scheduled instant strictly after `date`, or `nil` when the schedule gives no
    /// times (or a weekly schedule no days).
    ///
    /// `calendar` must be Gregorian; its time zone is the configuration's (``Configuration/calendar``).
    /// Times are wall-clock times in that zone. Across daylight-saving transitions:
    /// - a time skipped when clocks spring forward fires at the first instant after the gap
    ///   (02:30 on 2026-03-29 in Europe/Berlin fires at 03:00 CEST), and two times in the same gap
    ///   fire once;
    /// - a time that occurs twice when clocks fall back fires once, at its first occurrence.
    public func nextFire(after date: Date, calendar: Calendar) -> Date? {
        let zone = calendar.timeZone
        let times = self.times.sorted()
        guard !times.isEmpty else { return nil }
        // Start a day early: a time in a gap just before midnight can resolve into the next day.
        var day = LocalDate(date, in: zone).adding(days: -1)
        for _ in 0..<4 {
            guard let firing = nextFiringDay(onOrAfter: day, calendar: calendar) else { return nil }
            for time in times {
                let instant = zone.wallClockInstant(on: firing, at: time)
                if instant > date { return instant }
            }
            day = firing.adding(days: 1)
        }
        return nil
    }

    /// The last scheduled instant at or before `date` (for catch-up after downtime: the daemon
    /// runs the group once when this is later than its last run), or `nil` when the schedule
    /// gives no times. Daylight-saving transitions are handled as in ``nextFire(after:calendar:)``.
    public func lastFire(atOrBefore date: Date, calendar: Calendar) -> Date? {
        let zone = calendar.timeZone
        let times = self.times.sorted(by: >)
        guard !times.isEmpty else { return nil }
        var day = LocalDate(date, in: zone).adding(days: 1)
        for _ in 0..<4 {
            guard let firing = previousFiringDay(onOrBefore: day, calendar: calendar) else { return nil }
            for time in times {
                let instant = zone.wallClockInstant(on: firing, at: time)
                if instant <= date { return instant }
            }
            day = firing.adding(days: -1)
        }
        return nil
    }

    /// Whether the schedule fires on `day`.
    func fires(on day: LocalDate, calendar: Calendar) -> Bool {
        switch self {
        case .daily:
            return true
        case .weekly(let days, _):
            return days.contains(day.weekday)
        case .monthly(let on, _):
            return day.day == on.dayNumber(year: day.year, month: day.month, calendar: calendar)
        case .yearly(let month, let on, _):
            return day.month == month.rawValue && day.day == on.dayNumber(year: day.year, month: day.month, calendar: calendar)
        }
    }

    /// The first day on or after `start` on which the schedule fires.
    func nextFiringDay(onOrAfter start: LocalDate, calendar: Calendar) -> LocalDate? {
        switch self {
        case .daily:
            return start
        case .weekly:
            return (0..<7).lazy.map { start.adding(days: $0) }.first { fires(on: $0, calendar: calendar) }
        case .monthly(let on, _):
            return (0...1).lazy.map { designated(on, in: start.firstOfMonth(adding: $0), calendar) }.first { $0 >= start }
        case .yearly(let month, let on, _):
            return (0...1).lazy.map { yearly(month, on, year: start.year + $0, calendar) }.first { $0 >= start }
        }
    }

    /// The last day on or before `end` on which the schedule fires.
    func previousFiringDay(onOrBefore end: LocalDate, calendar: Calendar) -> LocalDate? {
        switch self {
        case .daily:
            return end
        case .weekly:
            return (0..<7).lazy.map { end.adding(days: -$0) }.first { fires(on: $0, calendar: calendar) }
        case .monthly(let on, _):
            return (0...1).lazy.map { designated(on, in: end.firstOfMonth(adding: -$0), calendar) }.first { $0 <= end }
        case .yearly(let month, let on, _):
            return (0...1).lazy.map { yearly(month, on, year: end.year - $0, calendar) }.first { $0 <= end }
        }
    }

    private func designated(_ on: DayOfMonth, in month: LocalDate, _ calendar: Calendar) -> LocalDate {
        LocalDate(year: month.year, month: month.month, day: on.dayNumber(year: month.year, month: month.month, calendar: calendar))
    }

    private func yearly(_ month: Month, _ on: DayOfMonth, year: Int, _ calendar: Calendar) -> LocalDate {
        designated(on, in: LocalDate(year: year, month: month.rawValue, day: 1), calendar)
    }
}
