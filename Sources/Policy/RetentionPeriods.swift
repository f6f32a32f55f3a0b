import Foundation

/// Where a day falls among one rule's periods.
struct PeriodPosition: Hashable, Sendable {
    /// The period's number; consecutive periods have consecutive numbers.
    let index: Int
    /// Whether the day is the period's first (designated) day.
    let isFirstDay: Bool
}

/// The periods of a `weekly`, `monthly` or `yearly` rule (product.md, "Retention"): each begins at
/// 00:00 of its designated day, so a day belongs to the period whose designated day is the latest
/// one on or before it.
enum PeriodCalendar: Sendable {
    /// A period begins on every such weekday.
    case weekly(Weekday)
    /// A period begins on the designated day of every month.
    case monthly(DayOfMonth)
    /// A period begins on the designated day of the given month every year.
    case yearly(Month, DayOfMonth)

    /// The position of `day`; `days` resolves (and caches) the designated day of a month.
    func position(of day: LocalDate, days: inout DesignatedDays) -> PeriodPosition {
        switch self {
        case .weekly(let weekday):
            // Day number `first` is the first day ≥ 1970-01-01 falling on `weekday`.
            let first = (weekday.rawValue - 5).floorModulo(7)
            let offset = day.daysSinceEpoch - first
            return PeriodPosition(index: offset.floorDivided(by: 7), isFirstDay: offset.floorModulo(7) == 0)
        case .monthly(let on):
            let designated = days.day(on, year: day.year, month: day.month)
            let monthIndex = day.year * 12 + (day.month - 1)
            if day.day >= designated {
                return PeriodPosition(index: monthIndex, isFirstDay: day.day == designated)
            }
            return PeriodPosition(index: monthIndex - 1, isFirstDay: false)
        case .yearly(let month, let on):
            let designated = days.day(on, year: day.year, month: month.rawValue)
            if (day.month, day.day) >= (month.rawValue, designated) {
                return PeriodPosition(index: day.year, isFirstDay: day.month == month.rawValue && day.day == designated)
            }
            return PeriodPosition(index: day.year - 1, isFirstDay: false)
        }
    }
}

/// Resolves `DayOfMonth` values to day numbers, remembering each (rule, year, month) it has seen:
/// a source's points span few months, so this turns thousands of look-ups into a handful.
struct DesignatedDays {
    private let calendar: Calendar
    private var cache: [Key: Int] = [:]

    private struct Key: Hashable {
        let on: DayOfMonth
        let year: Int
        let month: Int
    }

    /// The designated day does not depend on the time zone (it is a civil date), so any
    /// Gregorian calendar gives the same answer; UTC avoids daylight-saving corner cases.
    init() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        self.calendar = calendar
    }

    /// The day number `on` designates in `month` of `year`.
    mutating func day(_ on: DayOfMonth, year: Int, month: Int) -> Int {
        let key = Key(on: on, year: year, month: month)
        if let known = cache[key] { return known }
        let day = on.dayNumber(year: year, month: month, calendar: calendar)
        cache[key] = day
        return day
    }
}
