import Yams

extension ConfigurationReader {
    /// The `throttle` section: optional `work-hours` and `other-hours`.
    mutating func throttle(_ node: Node, at path: ConfigPath) -> Throttle? {
        guard let fields = mapping(node, at: path, expected: "a mapping with work-hours and other-hours",
                                   allowed: ["work-hours", "other-hours"]) else { return nil }
        var throttle = Throttle()
        var valid = true
        if let node = fields["work-hours"] {
            throttle.workHours = workHours(node, at: path.key("work-hours"))
            valid = valid && throttle.workHours != nil
        }
        if let node = fields["other-hours"] {
            throttle.otherHours = rate(node, at: path.key("other-hours"))
            valid = valid && throttle.otherHours != nil
        }
        return valid ? throttle : nil
    }

    /// `work-hours: {days: [monday, …], from: "08:00", to: "18:00", rate: 20Mbps}` with from < to.
    private mutating func workHours(_ node: Node, at path: ConfigPath) -> Throttle.WorkHours? {
        guard let fields = mapping(node, at: path, expected: "a mapping {days: [weekday…], from: \"HH:MM\", to: \"HH:MM\", rate: R}",
                                   allowed: ["days", "from", "to", "rate"]) else { return nil }
        let days = required(fields, "days", "give the work days, e.g. [monday, tuesday, wednesday, thursday, friday]")
            .flatMap { self.weekdays($0, at: path.key("days")) }
        let from = required(fields, "from", "give when work hours begin, \"HH:MM\"").flatMap { self.time($0, at: path.key("from")) }
        let to = required(fields, "to", "give when work hours end, \"HH:MM\"").flatMap { self.time($0, at: path.key("to")) }
        let rate = required(fields, "rate", "give the work-hours rate, e.g. 20Mbps").flatMap { self.rate($0, at: path.key("rate")) }
        if let from, let to, from >= to {
            report(path.key("to"), "\(to) is not after from \(from); work hours must begin and end on the same day (from < to)")
            return nil
        }
        guard let days, let from, let to, let rate else { return nil }
        return Throttle.WorkHours(days: days, from: from, to: to, rate: rate)
    }
}
