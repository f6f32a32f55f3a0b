import Yams

extension ConfigurationReader {
    /// `daily, weekly, monthly, yearly`: the kinds of schedule.
    static let scheduleKinds = "daily, weekly, monthly, yearly"

    /// A group's `schedule`: exactly one of `daily`, `weekly`, `monthly`, `yearly`, each with one
    /// or two distinct times.
    mutating func schedule(_ node: Node, at path: ConfigPath) -> Schedule? {
        guard let fields = mapping(node, at: path, expected: "a mapping with one of \(Self.scheduleKinds)",
                                   allowed: ["daily", "weekly", "monthly", "yearly"]) else { return nil }
        let given = ["daily", "weekly", "monthly", "yearly"].filter { fields.has($0) }
        if given.isEmpty, fields.unknownCount == 0 {
            report(path, "no schedule given; give exactly one of \(Self.scheduleKinds)")
        } else if given.count > 1 {
            report(path, "\(given.joined(separator: " and ")) given; give exactly one of \(Self.scheduleKinds)")
        }
        // Check every kind given, so that all their problems are reported at once.
        var schedules: [Schedule?] = []
        if let node = fields["daily"] {
            schedules.append(times(node, at: path.key("daily")).map(Schedule.daily))
        }
        if let node = fields["weekly"] {
            schedules.append(weekly(node, at: path.key("weekly")))
        }
        if let node = fields["monthly"] {
            schedules.append(monthly(node, at: path.key("monthly")))
        }
        if let node = fields["yearly"] {
            schedules.append(yearly(node, at: path.key("yearly")))
        }
        guard schedules.count == 1, let schedule = schedules[0] else { return nil }
        return schedule
    }

    /// `weekly: {days: [saturday], times: ["22:00"]}`.
    private mutating func weekly(_ node: Node, at path: ConfigPath) -> Schedule? {
        guard let fields = mapping(node, at: path, expected: "a mapping {days: [weekday…], times: [\"HH:MM\"…]}",
                                   allowed: ["days", "times"]) else { return nil }
        let days = required(fields, "days", "give the weekdays, e.g. [saturday]").flatMap { self.weekdays($0, at: path.key("days")) }
        let times = required(fields, "times", "give one or two times \"HH:MM\"").flatMap { self.times($0, at: path.key("times")) }
        guard let days, let times else { return nil }
        return .weekly(days: days, times: times)
    }

    /// `monthly: {on: "last saturday", times: ["22:00"]}`.
    private mutating func monthly(_ node: Node, at path: ConfigPath) -> Schedule? {
        guard let fields = mapping(node, at: path, expected: "a mapping {on: \"day K\" | \"last saturday\", times: [\"HH:MM\"…]}",
                                   allowed: ["on", "times"]) else { return nil }
        let on = required(fields, "on", "give the day, e.g. \"day 1\" or \"last saturday\"").flatMap { self.dayOfMonth($0, at: path.key("on")) }
        let times = required(fields, "times", "give one or two times \"HH:MM\"").flatMap { self.times($0, at: path.key("times")) }
        guard let on, let times else { return nil }
        return .monthly(on: on, times: times)
    }

    /// `yearly: {month: march, on: "day 1", times: ["22:00"]}`.
    private mutating func yearly(_ node: Node, at path: ConfigPath) -> Schedule? {
        guard let fields = mapping(node, at: path, expected: "a mapping {month: M, on: \"day K\" | \"last saturday\", times: [\"HH:MM\"…]}",
                                   allowed: ["month", "on", "times"]) else { return nil }
        let month = required(fields, "month", "give the month, e.g. march").flatMap { self.month($0, at: path.key("month")) }
        let on = required(fields, "on", "give the day, e.g. \"day 1\" or \"last saturday\"").flatMap { self.dayOfMonth($0, at: path.key("on")) }
        let times = required(fields, "times", "give one or two times \"HH:MM\"").flatMap { self.times($0, at: path.key("times")) }
        guard let month, let on, let times else { return nil }
        return .yearly(month: month, on: on, times: times)
    }
}
