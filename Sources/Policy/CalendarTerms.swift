import Foundation

/// A day of the week, numbered as Foundation's `Calendar` numbers them (Sunday = 1).
public enum Weekday: Int, CaseIterable, Sendable, Codable, Hashable {
    case sunday = 1, monday, tuesday, wednesday, thursday, friday, saturday

    /// The lower-case English name used in the configuration (`saturday`).
    public var name: String { String(describing: self) }

    /// Parses a lower-case English weekday name; `nil` for anything else.
    public init?(name: String) {
        guard let day = Weekday.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = day
    }
}

/// A month of the year (January = 1).
public enum Month: Int, CaseIterable, Sendable, Codable, Hashable {
    case january = 1, february, march, april, may, june, july, august, september, october, november, december

    /// The lower-case English name used in the configuration (`march`).
    public var name: String { String(describing: self) }

    /// Parses a lower-case English month name; `nil` for anything else.
    public init?(name: String) {
        guard let month = Month.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = month
    }
}

/// Which occurrence of a weekday in a month: `first` … `fourth`, or `last`.
public enum WeekdayOrdinal: String, CaseIterable, Sendable, Codable, Hashable {
    case first, second, third, fourth, last
}

/// A designated day of a month, as the configuration writes it: `"day 1"` (the month's last day
/// when it has fewer days) or `"last saturday"`.
public enum DayOfMonth: Sendable, Hashable, CustomStringConvertible {
    /// Day K of the month, 1…31; clamped to the month's last day.
    case day(Int)
    /// The first…fourth or last given weekday of the month.
    case weekday(WeekdayOrdinal, Weekday)

    /// Parses `"day K"` (1…31) or `"<first|second|third|fourth|last> <weekday>"`.
    public init?(_ text: String) {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard words.count == 2 else { return nil }
        if words[0] == "day" {
            guard let k = Int(words[1]), (1...31).contains(k) else { return nil }
            self = .day(k)
        } else if let ordinal = WeekdayOrdinal(rawValue: words[0]), let weekday = Weekday(name: words[1]) {
            self = .weekday(ordinal, weekday)
        } else {
            return nil
        }
    }

    /// The configuration's spelling: `day 1`, `last saturday`.
    public var description: String {
        switch self {
        case .day(let k): "day \(k)"
        case .weekday(let ordinal, let weekday): "\(ordinal.rawValue) \(weekday.name)"
        }
    }

    /// The day number (1…31) this rule designates in the given month of the given year, in `calendar`.
    public func dayNumber(year: Int, month: Int, calendar: Calendar) -> Int {
        let first = calendar.date(from: DateComponents(year: year, month: month, day: 1, hour: 12))!
        let length = calendar.range(of: .day, in: .month, for: first)!.count
        switch self {
        case .day(let k):
            return min(k, length)
        case .weekday(let ordinal, let weekday):
            let firstWeekday = calendar.component(.weekday, from: first)
            let firstMatch = 1 + (weekday.rawValue - firstWeekday + 7) % 7
            switch ordinal {
            case .first: return firstMatch
            case .second: return firstMatch + 7
            case .third: return firstMatch + 14
            case .fourth: return firstMatch + 21
            case .last: return firstMatch + 7 * ((length - firstMatch) / 7)
            }
        }
    }
}

/// A time of day, `"HH:MM"` in the configuration's time zone.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Hour, 0…23.
    public let hour: Int
    /// Minute, 0…59.
    public let minute: Int

    /// A time of day; `nil` when out of range.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `"HH:MM"` (`"9:30"` is accepted too).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    /// `"HH:MM"`, zero-padded.
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}
