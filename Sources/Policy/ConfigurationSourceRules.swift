extension Configuration {
    /// The rules that need the local store, given each source's `source.json` (`server`, `kind`):
    /// a server's `bmr` and `system-state` sources must not be in different groups (a BMR point
    /// contains the system state). Sources missing from `sourceInfo` are not checked.
    ///
    /// Returns one error line per offending system-state member, naming its key path, e.g.
    /// `groups[1].members[0]: source 'fs01-ss' is the system-state source of server 'fs01', whose
    /// bmr source 'fs01-bmr' is in group 'fs01' (groups[0]); …`. Empty when all is well.
    public func validate(sourceInfo: [String: (server: String, kind: String)]) -> [String] {
        var bmrGroups: [String: [(group: Int, source: String)]] = [:]  // server -> groups holding its bmr sources
        for (g, group) in groups.enumerated() {
            for member in group.members {
                if let info = sourceInfo[member], info.kind == "bmr" { bmrGroups[info.server, default: []].append((g, member)) }
            }
        }
        var errors: [String] = []
        for (g, group) in groups.enumerated() {
            for (m, member) in group.members.enumerated() {
                guard let info = sourceInfo[member], info.kind == "system-state" else { continue }
                for bmr in bmrGroups[info.server] ?? [] where bmr.group != g {
                    errors.append("groups[\(g)].members[\(m)]: source '\(member)' is the system-state source of server '\(ConfigurationReader.show(info.server))', "
                        + "whose bmr source '\(bmr.source)' is in group '\(ConfigurationReader.show(groups[bmr.group].name))' (groups[\(bmr.group)]); "
                        + "a server's bmr and system-state sources must be in the same group")
                }
            }
        }
        return errors
    }
}
