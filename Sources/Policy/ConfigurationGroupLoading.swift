import Foundation
import Yams

extension ProtectionGroup {
    /// The keys of a group, in the order normalized output prints them.
    static let keys = ["name", "members", "schedule", "retention"]

    /// Whether `name` is a valid source (folder) name: `[A-Za-z0-9][A-Za-z0-9._-]*`.
    public static func isValidSourceName(_ name: String) -> Bool {
        name.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]*$", options: .regularExpression) != nil
    }
}

extension ConfigurationReader {
    /// The `groups` list, with the rules that span groups: unique names, a source in at most one group.
    mutating func groups(_ node: Node, at path: ConfigPath) -> [ProtectionGroup]? {
        guard let items = list(node, at: path, expected: "a list of groups") else { return nil }
        var groups: [ProtectionGroup] = []
        var valid = true
        var namesSeen: [String: Int] = [:]
        var membersSeen: [String: (group: Int, name: String)] = [:]
        for (i, item) in items.enumerated() {
            let groupPath = path.index(i)
            guard let fields = mapping(item, at: groupPath, expected: "a group mapping (name, members, schedule, retention)",
                                       allowed: ProtectionGroup.keys) else { valid = false; continue }
            let name = required(fields, "name", "every group needs a name").flatMap { self.text($0, at: groupPath.key("name"), expected: "a group name") }
            if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                report(groupPath.key("name"), "'\(Self.show(name))' contains a control character; give a one-line name")
                valid = false
            } else if let name {
                if let first = namesSeen[name] {
                    report(groupPath.key("name"), "'\(Self.show(name))' is already the name of groups[\(first)]; group names must be unique")
                    valid = false
                } else {
                    namesSeen[name] = i
                }
            }
            let listed = required(fields, "members", "list the group's sources").map { self.members($0, at: groupPath.key("members")) }
            let members = listed?.valid == true ? listed?.names.map(\.name) : nil
            for (j, member) in listed?.names ?? [] {
                if let first = membersSeen[member] {
                    let problem = first.group == i
                        ? "source '\(member)' is listed twice in this group; list each source once"
                        : "source '\(member)' is already in \(first.name.isEmpty ? "groups[\(first.group)]" : "group '\(Self.show(first.name))' (groups[\(first.group)])"); a source may be in at most one group"
                    report(groupPath.key("members").index(j), problem)
                    valid = false
                } else {
                    membersSeen[member] = (i, name ?? "")
                }
            }
            let schedule = required(fields, "schedule", "give exactly one of \(Self.scheduleKinds)").flatMap { self.schedule($0, at: groupPath.key("schedule")) }
            let retention = required(fields, "retention", "give at least one of \(Self.retentionRules)").flatMap { self.retention($0, at: groupPath.key("retention")) }
            if let name, let members, let schedule, let retention {
                groups.append(ProtectionGroup(name: name, members: members, schedule: schedule, retention: retention))
            } else {
                valid = false
            }
        }
        return valid ? groups : nil
    }

    /// A group's `members`: a non-empty list of valid source names. `names` holds the valid ones
    /// with their positions even when others are wrong, so the rules across groups are still checked.
    mutating func members(_ node: Node, at path: ConfigPath) -> (names: [(index: Int, name: String)], valid: Bool) {
        guard let items = list(node, at: path, expected: "a list of source names") else { return ([], false) }
        guard !items.isEmpty else {
            report(path, "no sources given; list at least one source name")
            return ([], false)
        }
        var names: [(index: Int, name: String)] = []
        var valid = true
        for (j, item) in items.enumerated() {
            guard let name = text(item, at: path.index(j), expected: "a source name") else { valid = false; continue }
            guard ProtectionGroup.isValidSourceName(name) else {
                report(path.index(j), "'\(Self.show(name))' is not a source name; expected letters, digits, '.', '_' and '-', beginning with a letter or digit")
                valid = false
                continue
            }
            names.append((j, name))
        }
        return (names, valid)
    }
}
