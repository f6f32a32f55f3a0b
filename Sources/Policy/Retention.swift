import Foundation

/// A reason a point is kept, as `tiergate retention apply --json` names it.
public enum RetentionRule: String, Sendable, Codable, CaseIterable {
    /// Created within the last N days (`daily: N`).
    case daily
    /// The designated point of one of the last N weekly periods.
    case weekly
    /// The designated point of one of the last N monthly periods.
    case monthly
    /// The designated point of one of the last N yearly periods.
    case yearly
    /// The newest point created at or before `now`, or a point created after `now`.
    case newest
}

/// What retention decides for one point.
public struct RetentionDecision: Sendable, Hashable {
    /// The point's creation time, as given to the evaluator.
    public let created: Date
    /// Whether the point is kept; `false` means it expires.
    public let keep: Bool
    /// Every rule that keeps the point, in `RetentionRule.allCases` order; empty when it expires.
    public let rules: [RetentionRule]

    /// A decision; `keep` is true exactly when some rule keeps the point.
    public init(created: Date, rules: [RetentionRule]) {
        self.created = created
        self.rules = RetentionRule.allCases.filter(rules.contains)
        self.keep = !rules.isEmpty
    }
}

/// Evaluates a `RetentionPolicy` for the points of one source, exactly as product.md's
/// "Retention (exact semantics)" defines it, in a given time zone.
///
/// - Periods (`weekly`, `monthly`, `yearly`) begin at 00:00 of their designated day in the time
///   zone; a point belongs to a period by the calendar day it was created on, so daylight-saving
///   days of 23 or 25 hours are still one day.
/// - A period's designated point is the newest point created on the period's first day, else the
///   earliest point created later in the period; a period may have none. The last N periods are
///   the one containing `now` and the N-1 before it.
/// - `daily: N` keeps `now - N days < created <= now`, where `now - N days` is the same wall-clock
///   time N calendar days earlier in the time zone (Foundation's `Calendar` day arithmetic). When
///   that wall-clock time does not exist (the spring-forward gap) it moves forward by the length
///   of the gap (02:30 becomes 03:30); when it occurs twice (the fall-back hour) the later
///   occurrence is used.
/// - The newest point created at or before `now` is kept (rule `newest`), and so is every point
///   created after `now` (rule `newest` too, and no other rule): at `now` such a point does not
///   exist yet, so it takes no part in periods or in the daily window and is never deleted.
/// - Points with equal creation times cannot be told apart and always get the same decision.
///
/// Cost: one calendar conversion per point plus a dictionary pass per rule, O(n) in the number
/// of points whatever the keep counts.
public struct RetentionEvaluator: Sendable {
    /// The policy evaluated.
    public let policy: RetentionPolicy
    /// The time zone periods and days are taken in.
    public let timeZone: TimeZone
    private let calendar: Calendar

    /// An evaluator for `policy` in `timeZone` (the configuration's `timezone`).
    public init(policy: RetentionPolicy, timeZone: TimeZone) {
        self.policy = policy
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The start of the `daily` window at `now` (exclusive): the same wall-clock time `days`
    /// calendar days earlier in the time zone (see the type's documentation for DST gaps/overlaps).
    public func dailyCutoff(days: Int, now: Date) -> Date {
        calendar.date(byAdding: .day, value: -days, to: now)!
    }

    /// One decision per element of `points` (the creation times of one source's points), in the
    /// same order, evaluated at `now`.
    public func evaluate(points: [Date], now: Date) -> [RetentionDecision] {
        var rules = [[RetentionRule]](repeating: [], count: points.count)
        let past = points.indices.filter { points[$0] <= now }

        // newest: the newest point at or before now (all of them on a tie), and every later point.
        if let newest = past.map({ points[$0] }).max() {
            for i in past where points[i] == newest { rules[i].append(.newest) }
        }
        for i in points.indices where points[i] > now { rules[i].append(.newest) }

        if let days = policy.daily {
            let cutoff = dailyCutoff(days: days, now: now)
            for i in past where points[i] > cutoff { rules[i].append(.daily) }
        }

        var periodic: [(RetentionRule, PeriodCalendar, Int)] = []
        if let weekly = policy.weekly { periodic.append((.weekly, .weekly(weekly.on), weekly.keep)) }
        if let monthly = policy.monthly { periodic.append((.monthly, .monthly(monthly.on), monthly.keep)) }
        if let yearly = policy.yearly { periodic.append((.yearly, .yearly(yearly.month, yearly.on), yearly.keep)) }
        if !periodic.isEmpty {
            let nowDay = LocalDate(now, in: calendar.timeZone)
            let days = past.map { LocalDate(points[$0], in: calendar.timeZone) }
            var designatedDays = DesignatedDays()
            for (rule, periods, keep) in periodic {
                let kept = designatedPoints(
                    of: past, days: days, in: periods, keep: keep, nowDay: nowDay,
                    points: points, designatedDays: &designatedDays)
                for i in kept { rules[i].append(rule) }
            }
        }

        return points.indices.map { RetentionDecision(created: points[$0], rules: rules[$0]) }
    }

    /// The indices (into `points`) of the designated points of the last `keep` periods.
    /// `past` are the indices of points at or before now, `days[k]` the day of `points[past[k]]`.
    private func designatedPoints(
        of past: [Int], days: [LocalDate], in periods: PeriodCalendar, keep: Int, nowDay: LocalDate,
        points: [Date], designatedDays: inout DesignatedDays
    ) -> [Int] {
        let current = periods.position(of: nowDay, days: &designatedDays).index
        let oldest = current - (keep - 1)
        // Per period: whether its candidate was created on the first day, and its creation time.
        var best: [Int: (firstDay: Bool, created: Date)] = [:]
        var positions: [(index: Int, position: PeriodPosition)] = []
        positions.reserveCapacity(past.count)
        for (k, i) in past.enumerated() {
            let position = periods.position(of: days[k], days: &designatedDays)
            guard position.index >= oldest, position.index <= current else { continue }
            positions.append((i, position))
            let created = points[i]
            if let known = best[position.index] {
                let better: Bool
                switch (known.firstDay, position.isFirstDay) {
                case (false, true): better = true                  // the first day beats later days
                case (true, false): better = false
                case (true, true): better = created > known.created   // newest on the first day
                case (false, false): better = created < known.created // else earliest later on
                }
                if better { best[position.index] = (position.isFirstDay, created) }
            } else {
                best[position.index] = (position.isFirstDay, created)
            }
        }
        return positions.compactMap { entry in
            guard let chosen = best[entry.position.index], chosen.firstDay == entry.position.isFirstDay,
                  chosen.created == points[entry.index] else { return nil }
            return entry.index
        }
    }
}
