/// Upload bandwidth limits (`throttle`): one rate during work hours and one at other times.
/// A missing rate means unlimited at those times.
public struct Throttle: Sendable, Hashable {
    /// The work-hours window and its rate (`work-hours`); `nil`: no work hours.
    public var workHours: WorkHours?
    /// The rate outside work hours (`other-hours`); `nil`: unlimited then.
    public var otherHours: Rate?

    /// A throttle from its parts.
    public init(workHours: WorkHours? = nil, otherHours: Rate? = nil) {
        self.workHours = workHours
        self.otherHours = otherHours
    }

    /// `work-hours: {days: [monday, …], from: "08:00", to: "18:00", rate: 20Mbps}`: on the given
    /// days, from `from` (inclusive) to `to` (exclusive), wall-clock times in the configuration's
    /// time zone, with `from` before `to` on the same day.
    public struct WorkHours: Sendable, Hashable {
        /// The work days, Monday first once loaded.
        public var days: [Weekday]
        /// When work hours begin.
        public var from: TimeOfDay
        /// When work hours end.
        public var to: TimeOfDay
        /// The rate during work hours.
        public var rate: Rate

        /// Work hours from their parts.
        public init(days: [Weekday], from: TimeOfDay, to: TimeOfDay, rate: Rate) {
            self.days = days
            self.from = from
            self.to = to
            self.rate = rate
        }
    }
}
