import Yams

/// A key path into the configuration as error messages print it: `groups[0].schedule.daily`.
struct ConfigPath: Sendable, CustomStringConvertible {
    /// The printed path; empty for the document itself.
    let text: String

    /// The document itself.
    static let root = ConfigPath(text: "")

    /// The path of a key in the mapping at this path.
    func key(_ name: String) -> ConfigPath { ConfigPath(text: text.isEmpty ? name : "\(text).\(name)") }

    /// The path of an element of the list at this path.
    func index(_ i: Int) -> ConfigPath { ConfigPath(text: "\(text)[\(i)]") }

    var description: String { text }
}

/// The keys of one YAML mapping, read by ``ConfigurationReader/mapping(_:at:expected:allowed:)``.
struct ConfigFields {
    /// The mapping's path.
    let path: ConfigPath
    /// Its known keys and their values.
    let values: [String: Node]
    /// How many keys were unknown (each already reported).
    var unknownCount = 0
    /// Allowed keys that an unknown key was reported as a near miss of: their absence is not reported again.
    var suggested: Set<String> = []

    /// The value of `key`, if given.
    subscript(key: String) -> Node? { values[key] }

    /// Whether `key` is given.
    func has(_ key: String) -> Bool { values[key] != nil }
}

/// Walks a composed YAML tree, turns its values into configuration terms and collects every
/// problem as a one-line message instead of stopping at the first.
struct ConfigurationReader {
    /// The problems found so far, in the order they were found.
    private(set) var errors: [String] = []

    /// Records a problem with the value at `path`.
    mutating func report(_ path: ConfigPath, _ problem: String) {
        errors.append(path.text.isEmpty ? problem : "\(path.text): \(problem)")
    }

    // MARK: Structure

    /// The keys of the mapping at `path`, reporting a value that is not a mapping and every key
    /// that is not in `allowed`.
    mutating func mapping(_ node: Node, at path: ConfigPath, expected: String, allowed: [String]) -> ConfigFields? {
        guard case .mapping(let mapping) = node else {
            report(path, "expected \(expected), got \(Self.describe(node))")
            return nil
        }
        var values: [String: Node] = [:]
        var unknownCount = 0
        var suggested: Set<String> = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key, allowed.contains(scalar.string) else {
                let name = key.scalar?.string ?? Self.describe(key)
                let suggestion = Self.suggestion(for: name, among: allowed)
                let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
                report(path, "unknown key '\(Self.show(name))'\(hint); allowed: \(allowed.joined(separator: ", "))")
                unknownCount += 1
                if let suggestion { suggested.insert(suggestion) }
                continue
            }
            values[scalar.string] = value
        }
        return ConfigFields(path: path, values: values, unknownCount: unknownCount, suggested: suggested)
    }

    /// The value of a key every such mapping needs, reporting it as missing when absent.
    mutating func required(_ fields: ConfigFields, _ key: String, _ need: String) -> Node? {
        guard let node = fields[key] else {
            if !fields.suggested.contains(key) { report(fields.path.key(key), "missing; \(need)") }
            return nil
        }
        return node
    }

    /// The elements of the list at `path`.
    mutating func list(_ node: Node, at path: ConfigPath, expected: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(path, "expected \(expected), got \(Self.describe(node))")
            return nil
        }
        return Array(sequence)
    }

    /// The text of the scalar at `path`; a mapping, a list or an empty value is reported.
    mutating func text(_ node: Node, at path: ConfigPath, expected: String) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(scalar) else {
            report(path, "expected \(expected), got \(Self.describe(node))")
            return nil
        }
        guard !scalar.string.isEmpty else {
            report(path, "empty; expected \(expected)")
            return nil
        }
        return scalar.string
    }

    // MARK: Terms

    /// A whole number in `range`.
    mutating func count(_ node: Node, at path: ConfigPath, range: ClosedRange<Int>) -> Int? {
        guard let value = parsed(node, at: path, expected: "a whole number \(Self.show(range))",
                                 notA: "a whole number; expected one in \(Self.show(range))", Int.init) else { return nil }
        guard range.contains(value) else {
            report(path, "\(value) is out of range \(Self.show(range))")
            return nil
        }
        return value
    }

    /// A scalar turned into a value by `parse`; when `parse` refuses the text, the error says
    /// "'text' is not `notA`" at the key.
    mutating func parsed<T>(_ node: Node, at path: ConfigPath, expected: String, notA: String, _ parse: (String) -> T?) -> T? {
        guard let text = text(node, at: path, expected: expected) else { return nil }
        guard let value = parse(text) else {
            report(path, "'\(Self.show(text))' is not \(notA)")
            return nil
        }
        return value
    }

    /// A time of day, `"HH:MM"`.
    mutating func time(_ node: Node, at path: ConfigPath) -> TimeOfDay? {
        let expected = "a time \"HH:MM\" (00:00–23:59)"
        return parsed(node, at: path, expected: expected, notA: "a time; expected \(expected)", TimeOfDay.init)
    }

    /// One or two distinct times of day, sorted: a schedule's `times` (or `daily`).
    mutating func times(_ node: Node, at path: ConfigPath) -> [TimeOfDay]? {
        guard let items = list(node, at: path, expected: "a list of one or two times \"HH:MM\"") else { return nil }
        guard !items.isEmpty else {
            report(path, "no times given; give one or two times \"HH:MM\"")
            return nil
        }
        guard items.count <= Schedule.maxTimesPerDay else {
            report(path, "\(items.count) times given; at most two backups a day are allowed")
            return nil
        }
        var times: [TimeOfDay] = []
        var valid = true
        for (i, item) in items.enumerated() {
            guard let time = time(item, at: path.index(i)) else { valid = false; continue }
            if times.contains(time) {
                report(path.index(i), "\(time) is given twice; give distinct times")
                valid = false
            }
            times.append(time)
        }
        return valid ? times.sorted() : nil
    }

    /// A weekday name.
    mutating func weekday(_ node: Node, at path: ConfigPath) -> Weekday? {
        parsed(node, at: path, expected: "a weekday (\(Self.weekdayNames))",
               notA: "a weekday; expected one of \(Self.weekdayNames)") { Weekday(name: $0) }
    }

    /// A non-empty list of distinct weekdays, Monday first.
    mutating func weekdays(_ node: Node, at path: ConfigPath) -> [Weekday]? {
        guard let items = list(node, at: path, expected: "a list of weekdays (\(Self.weekdayNames))") else { return nil }
        guard !items.isEmpty else {
            report(path, "no days given; give at least one of \(Self.weekdayNames)")
            return nil
        }
        var days: [Weekday] = []
        var valid = true
        for (i, item) in items.enumerated() {
            guard let day = weekday(item, at: path.index(i)) else { valid = false; continue }
            if days.contains(day) {
                report(path.index(i), "\(day.name) is given twice; give distinct days")
                valid = false
            }
            days.append(day)
        }
        return valid ? days.sorted { $0.mondayFirstIndex < $1.mondayFirstIndex } : nil
    }

    /// A month name.
    mutating func month(_ node: Node, at path: ConfigPath) -> Month? {
        let names = Month.allCases.map(\.name).joined(separator: ", ")
        return parsed(node, at: path, expected: "a month (\(names))", notA: "a month; expected one of \(names)") { Month(name: $0) }
    }

    /// A designated day of a month: `"day K"` or `"last saturday"`.
    mutating func dayOfMonth(_ node: Node, at path: ConfigPath) -> DayOfMonth? {
        let expected = "a day of the month: \"day 1\"…\"day 31\" or \"<first|second|third|fourth|last> <weekday>\""
        return parsed(node, at: path, expected: expected, notA: expected, DayOfMonth.init)
    }

    /// A bandwidth in ``Rate/allowedRange``.
    mutating func rate(_ node: Node, at path: ConfigPath) -> Rate? {
        let range = "\(Rate.allowedRange.lowerBound)–\(Rate.allowedRange.upperBound)"
        let expected = "a rate in bits per second with unit Kbps, Mbps or Gbps, e.g. 20Mbps (\(range))"
        guard let text = text(node, at: path, expected: expected) else { return nil }
        guard let rate = Rate(text) else {
            report(path, "'\(Self.show(text))' is not a rate; expected \(expected)")
            return nil
        }
        guard Rate.allowedRange.contains(rate) else {
            report(path, "\(Self.show(text)) is out of range \(range)")
            return nil
        }
        return rate
    }

    // MARK: Message parts

    static let weekdayNames = Weekday.allCases.sorted { $0.mondayFirstIndex < $1.mondayFirstIndex }.map(\.name).joined(separator: ", ")

    /// `1–5163`.
    static func show(_ range: ClosedRange<Int>) -> String { "\(range.lowerBound)–\(range.upperBound)" }

    /// A value as messages quote it: one line, at most 60 characters.
    static func show(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": shown += "\\n"
            case "\t": shown += "\\t"
            case "\r": shown += "\\r"
            default: shown.unicodeScalars.append(scalar.properties.generalCategory == .control ? "?" : scalar)
            }
        }
        return shown.count > 60 ? String(shown.prefix(57)) + "..." : shown
    }

    /// What a node is, for "expected …, got …".
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(scalar) ? "nothing" : "'\(show(scalar.string))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// A plain `~`, `null` or empty value.
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The allowed key that `name` is a near miss of (`retension` → `retention`), if any.
    static func suggestion(for name: String, among allowed: [String]) -> String? {
        let scored = allowed.map { ($0, distance(name.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let (best, score) = scored, score <= max(1, min(2, best.count / 3)) else { return nil }
        return best
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
