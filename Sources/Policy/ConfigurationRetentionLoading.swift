import Yams

extension ConfigurationReader {
    /// `daily, weekly, monthly, yearly`: the retention rules.
    static let retentionRules = "daily, weekly, monthly, yearly"

    /// A group's `retention`: at least one rule, each count within ``RetentionPolicy``'s ranges.
    mutating func retention(_ node: Node, at path: ConfigPath) -> RetentionPolicy? {
        guard let fields = mapping(node, at: path, expected: "a mapping with rules \(Self.retentionRules)",
                                   allowed: ["daily", "weekly", "monthly", "yearly"]) else { return nil }
        guard !fields.values.isEmpty else {
            if fields.unknownCount == 0 { report(path, "no rule given; give at least one of \(Self.retentionRules)") }
            return nil
        }
        var policy = RetentionPolicy()
        var valid = true
        if let node = fields["daily"] {
            policy.daily = count(node, at: path.key("daily"), range: RetentionPolicy.dailyRange)
            valid = valid && policy.daily != nil
        }
        if let node = fields["weekly"] {
            let rulePath = path.key("weekly")
            if let rule = mapping(node, at: rulePath, expected: "a mapping {keep: N, on: weekday}", allowed: ["keep", "on"]) {
                let keep = required(rule, "keep", "give how many weeks to keep (\(Self.show(RetentionPolicy.weeklyRange)))")
                    .flatMap { self.count($0, at: rulePath.key("keep"), range: RetentionPolicy.weeklyRange) }
                let on = required(rule, "on", "give the weekday weeks begin on, e.g. sunday").flatMap { self.weekday($0, at: rulePath.key("on")) }
                if let keep, let on { policy.weekly = .init(keep: keep, on: on) }
            }
            valid = valid && policy.weekly != nil
        }
        if let node = fields["monthly"] {
            let rulePath = path.key("monthly")
            if let rule = mapping(node, at: rulePath, expected: "a mapping {keep: N, on: \"day K\" | \"last saturday\"}", allowed: ["keep", "on"]) {
                let keep = required(rule, "keep", "give how many months to keep (\(Self.show(RetentionPolicy.monthlyRange)))")
                    .flatMap { self.count($0, at: rulePath.key("keep"), range: RetentionPolicy.monthlyRange) }
                let on = required(rule, "on", "give the day, e.g. \"day 1\" or \"last saturday\"").flatMap { self.dayOfMonth($0, at: rulePath.key("on")) }
                if let keep, let on { policy.monthly = .init(keep: keep, on: on) }
            }
            valid = valid && policy.monthly != nil
        }
        if let node = fields["yearly"] {
            let rulePath = path.key("yearly")
            if let rule = mapping(node, at: rulePath, expected: "a mapping {keep: N, month: M, on: \"day K\" | \"last saturday\"}",
                                  allowed: ["keep", "month", "on"]) {
                let keep = required(rule, "keep", "give how many years to keep (\(Self.show(RetentionPolicy.yearlyRange)))")
                    .flatMap { self.count($0, at: rulePath.key("keep"), range: RetentionPolicy.yearlyRange) }
                let month = required(rule, "month", "give the month, e.g. march").flatMap { self.month($0, at: rulePath.key("month")) }
                let on = required(rule, "on", "give the day, e.g. \"day 1\" or \"last saturday\"").flatMap { self.dayOfMonth($0, at: rulePath.key("on")) }
                if let keep, let month, let on { policy.yearly = .init(keep: keep, month: month, on: on) }
            }
            valid = valid && policy.yearly != nil
        }
        return valid ? policy : nil
    }
}
