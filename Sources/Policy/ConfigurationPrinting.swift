import Foundation
import Yams

extension Configuration {
    /// The configuration in canonical form: every key with a default printed (`timezone`,
    /// `cloud.container`), keys in product.md's order, times `"HH:MM"` sorted, days lower-case
    /// Monday first, rates in `Mbps` or `Kbps`. ``load(yaml:)`` reads it back to an equal
    /// configuration. A connection string given by an option is a secret and is not printed.
    public func normalizedYAML() -> String {
        var lines: [String] = []
        if let store { lines.append("store: \(Self.yamlString(store))") }
        if let state { lines.append("state: \(Self.yamlString(state))") }
        lines.append("timezone: \(Self.yamlString(Self.timeZoneName(timeZone)))")
        lines.append("cloud:")
        if let file = cloud.connectionStringFile { lines.append("  connection-string-file: \(Self.yamlString(file))") }
        lines.append("  container: \(Self.yamlString(cloud.container))")
        if let passphraseFile { lines.append("passphrase-file: \(Self.yamlString(passphraseFile))") }
        if groups.isEmpty {
            lines.append("groups: []")
        } else {
            lines.append("groups:")
            for group in groups { lines += Self.lines(of: group) }
        }
        if let throttle {
            var entries: [String] = []
            if let work = throttle.workHours {
                entries.append("  work-hours: {days: \(Self.flow(work.days)), from: \(Self.quoted(work.from)), "
                    + "to: \(Self.quoted(work.to)), rate: \(work.rate)}")
            }
            if let other = throttle.otherHours { entries.append("  other-hours: \(other)") }
            lines += entries.isEmpty ? ["throttle: {}"] : ["throttle:"] + entries
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The time zone's name as the file writes it (Foundation calls UTC `GMT`).
    static func timeZoneName(_ zone: TimeZone) -> String {
        zone.identifier == "GMT" ? "UTC" : zone.identifier
    }

    private static func lines(of group: ProtectionGroup) -> [String] {
        var lines = [
            "  - name: \(yamlString(group.name))",
            "    members: [\(group.members.map(yamlString).joined(separator: ", "))]",
            "    schedule:",
        ]
        switch group.schedule {
        case .daily(let times):
            lines.append("      daily: \(flow(times))")
        case .weekly(let days, let times):
            lines.append("      weekly: {days: \(flow(days)), times: \(flow(times))}")
        case .monthly(let on, let times):
            lines.append("      monthly: {on: \(quoted(on)), times: \(flow(times))}")
        case .yearly(let month, let on, let times):
            lines.append("      yearly: {month: \(month.name), on: \(quoted(on)), times: \(flow(times))}")
        }
        let retention = group.retention
        lines.append("    retention:")
        if let daily = retention.daily { lines.append("      daily: \(daily)") }
        if let weekly = retention.weekly { lines.append("      weekly: {keep: \(weekly.keep), on: \(weekly.on.name)}") }
        if let monthly = retention.monthly { lines.append("      monthly: {keep: \(monthly.keep), on: \(quoted(monthly.on))}") }
        if let yearly = retention.yearly {
            lines.append("      yearly: {keep: \(yearly.keep), month: \(yearly.month.name), on: \(quoted(yearly.on))}")
        }
        return lines
    }

    private static func flow(_ times: [TimeOfDay]) -> String { "[" + times.map(quoted).joined(separator: ", ") + "]" }
    private static func flow(_ days: [Weekday]) -> String { "[" + days.map(\.name).joined(separator: ", ") + "]" }
    private static func quoted(_ value: some CustomStringConvertible) -> String { doubleQuoted(value.description) }

    /// `text` as a YAML scalar that reads back as the same string, in block or flow context:
    /// plain when that is unambiguous, else double-quoted.
    static func yamlString(_ text: String) -> String {
        let plain = text.range(of: "^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$", options: .regularExpression) != nil
        if plain, Resolver.default.resolveTag(of: Node(text)) == .str { return text }
        return doubleQuoted(text)
    }

    /// `text` in double quotes, with YAML escapes for quotes, backslashes and control characters.
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}":
                out += String(format: "\\u%04X", scalar.value)
            default:
                if scalar.properties.generalCategory == .control {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
