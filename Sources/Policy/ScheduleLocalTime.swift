import Foundation

/// A day on the wall calendar (proleptic Gregorian), with no time zone. Shared by schedules and
/// throttle windows, which both name wall-clock times on local days.
struct LocalDate: Sendable, Hashable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The local day of `date` in `zone`.
    init(_ date: Date, in zone: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        self.init(daysSinceEpoch: seconds.floorDivided(by: 86_400))
    }

    /// The day `days` after 1970-01-01 (H. Hinnant's civil_from_days).
    init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day of the week (1970-01-01 was a Thursday).
    var weekday: Weekday { Weekday(rawValue: (daysSinceEpoch + 4).floorModulo(7) + 1)! }

    /// The day `days` later (earlier when negative).
    func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// The first day of the month `months` later.
    func firstOfMonth(adding months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        return LocalDate(year: index.floorDivided(by: 12), month: index.floorModulo(12) + 1, day: 1)
    }

    static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

extension TimeZone {
    /// The instant at which the wall clock in this zone shows `time` on `day`.
    ///
    /// Daylight-saving rules, shared by schedules and throttle windows:
    /// - a wall time that occurs twice (the repeated hour when clocks fall back) resolves to its
    ///   first occurrence;
    /// - a wall time that does not exist (the hour skipped when clocks spring forward) resolves to
    ///   the first instant after the gap, e.g. 02:30 on 2026-03-29 in Europe/Berlin is 03:00 CEST.
    func wallClockInstant(on day: LocalDate, at time: TimeOfDay) -> Date {
        let wall = day.daysSinceEpoch * 86_400 + time.minutes * 60
        return Date(timeIntervalSince1970: TimeInterval(wallClockInstant(ofWallSeconds: wall)))
    }

    /// Seconds since the epoch of the instant whose local wall time, counted as if it were UTC, is `wall`.
    private func wallClockInstant(ofWallSeconds wall: Int) -> Int {
        func offset(_ t: Int) -> Int { secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))) }
        // Transitions are days apart, so the offsets two days either side are the ones in play.
        let earlyOffset = offset(wall - 172_800)
        let lateOffset = offset(wall + 172_800)
        let candidates = Set([wall - earlyOffset, wall - lateOffset]).sorted()
        if let valid = candidates.first(where: { $0 + offset($0) == wall }) {
            return valid  // the earliest valid instant: the first occurrence of a repeated time
        }
        // A gap: the clock jumps from before `wall` to after it at some instant in (low, high].
        var low = wall - lateOffset, high = wall - earlyOffset
        guard low < high else { return wall - lateOffset }
        let after = offset(high)
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if offset(mid) == after { high = mid } else { low = mid }
        }
        return high
    }
}

extension Int {
    /// Division rounding toward negative infinity.
    func floorDivided(by d: Int) -> Int { (self >= 0 ? self : self - d + 1) / d }
    /// The remainder of ``floorDivided(by:)``, in 0..<d.
    func floorModulo(_ d: Int) -> Int { self - floorDivided(by: d) * d }
}
