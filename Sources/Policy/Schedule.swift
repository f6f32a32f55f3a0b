import Foundation

/// When a group's online backups run, in the configuration's time zone: at most two times a day,
/// on every day, on some weekdays, on one day a month or on one day a year.
///
/// The times are kept sorted and distinct (``Configuration/load(yaml:)`` makes them so); weekly
/// days are kept Monday first. See ``nextFire(after:calendar:)`` for how daylight-saving
/// transitions are handled.
public enum Schedule: Sendable, Hashable {
    /// Every day at the given times (`daily: ["12:00", "22:00"]`).
    case daily([TimeOfDay])
    /// On the given weekdays at the given times (`weekly: {days: [saturday], times: ["22:00"]}`).
    case weekly(days: [Weekday], times: [TimeOfDay])
    /// On one day of every month (`monthly: {on: "last saturday", times: ["22:00"]}`).
    case monthly(on: DayOfMonth, times: [TimeOfDay])
    /// On one day of one month every year (`yearly: {month: march, on: "day 1", times: ["22:00"]}`).
    case yearly(month: Month, on: DayOfMonth, times: [TimeOfDay])

    /// The most times a schedule may give for one day (product.md: at most two backups a day).
    public static let maxTimesPerDay = 2

    /// The times of day the schedule fires on its days.
    public var times: [TimeOfDay] {
        switch self {
        case .daily(let times), .weekly(_, let times), .monthly(_, let times), .yearly(_, _, let times): times
        }
    }

    /// The configuration key of this kind of schedule: `daily`, `weekly`, `monthly` or `yearly`.
    public var kind: String {
        switch self {
        case .daily: "daily"
        case .weekly: "weekly"
        case .monthly: "monthly"
        case .yearly: "yearly"
        }
    }
}

extension Weekday {
    /// The position of the day in a week that begins on Monday (Monday = 0 … Sunday = 6), the order
    /// in which normalized configurations list days.
    var mondayFirstIndex: Int { (rawValue + 5) % 7 }
}
