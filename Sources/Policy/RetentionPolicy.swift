/// A group's retention policy, as product.md's "Retention (exact semantics)" defines it.
/// Every rule is optional; the newest point is always kept whatever the rules say.
public struct RetentionPolicy: Sendable, Hashable {
    /// Keep points created within the last N days (1…9999).
    public var daily: Int?
    /// Keep the designated point of each of the last `keep` weeks (1…5163), weeks beginning on `on`.
    public var weekly: WeeklyRule?
    /// Keep the designated point of each of the last `keep` months (1…1188), periods beginning on `on`.
    public var monthly: MonthlyRule?
    /// Keep the designated point of each of the last `keep` years (1…99), periods beginning on `on` of `month`.
    public var yearly: YearlyRule?

    /// A policy from its rules.
    public init(daily: Int? = nil, weekly: WeeklyRule? = nil, monthly: MonthlyRule? = nil, yearly: YearlyRule? = nil) {
        self.daily = daily
        self.weekly = weekly
        self.monthly = monthly
        self.yearly = yearly
    }

    /// `weekly: {keep: N, on: D}`.
    public struct WeeklyRule: Sendable, Hashable {
        public var keep: Int
        public var on: Weekday
        public init(keep: Int, on: Weekday) { self.keep = keep; self.on = on }
    }

    /// `monthly: {keep: N, on: "day K" | "last saturday"}`.
    public struct MonthlyRule: Sendable, Hashable {
        public var keep: Int
        public var on: DayOfMonth
        public init(keep: Int, on: DayOfMonth) { self.keep = keep; self.on = on }
    }

    /// `yearly: {keep: N, month: M, on: "day K" | "last saturday"}`.
    public struct YearlyRule: Sendable, Hashable {
        public var keep: Int
        public var month: Month
        public var on: DayOfMonth
        public init(keep: Int, month: Month, on: DayOfMonth) { self.keep = keep; self.month = month; self.on = on }
    }

    /// The ranges product.md allows for each rule's count.
    public static let dailyRange = 1...9999
    public static let weeklyRange = 1...5163
    public static let monthlyRange = 1...1188
    public static let yearlyRange = 1...99
    /// At most this many points a source.
    public static let maxPointsPerSource = 9999
}
