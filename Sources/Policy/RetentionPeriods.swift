import Foundation

/// A date of the proleptic Gregorian calendar with no time of day and no time zone: the day a
/// point was created on, as seen in the configuration's time zone.
///
/// Day arithmetic is done on `number` (days since 1970-01-01), so it is independent of daylight
/// saving: a 23- or 25-hour day is still one day.
struct CivilDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int
    let day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `date` falls on in `calendar` (which carries the time zone).
    init(_ date: Date, calendar: Calendar) {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    /// Days since 1970-01-01 (negative before it); Howard Hinnant's `days_from_civil`.
    var number: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The weekday of this day (1970-01-01 was a Thursday).
    var weekday: Weekday {
        Weekday(rawValue: floorMod(number + 4, 7) + 1)!
    }

    static func < (a: CivilDay, b: CivilDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    var description: String { "\(year)-\(month)-\(day)" }
}

/// `a / b` rounded towards negative infinity (`b > 0`).
func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

/// `a mod b` in `0..<b` (`b > 0`).
func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }

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
    func position(of day: CivilDay, days: inout DesignatedDays) -> PeriodPosition {
        switch self {
        case .weekly(let weekday):
            // Day number `first` is the first day ≥ 1970-01-01 falling on `weekday`.
            let first = floorMod(weekday.rawValue - 5, 7)
            let offset = day.number - first
            return PeriodPosition(index: floorDiv(offset, 7), isFirstDay: floorMod(offset, 7) == 0)
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
