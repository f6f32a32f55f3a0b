import Foundation
import Testing
@testable import Policy

/// The rule that needs the local store, and command-line overrides.
@Suite struct ConfigSourceRuleTests {
    func config(_ groups: [(String, [String])]) -> Configuration {
        Configuration(groups: groups.map {
            ProtectionGroup(name: $0.0, members: $0.1, schedule: .daily(ScheduleFixture.times("22:00")), retention: .init(daily: 30))
        })
    }

    let store: [String: (server: String, kind: String)] = [
        "fs01-bmr": ("fs01.contoso.local", "bmr"),
        "fs01-ss": ("fs01.contoso.local", "system-state"),
        "fs01-files": ("fs01.contoso.local", "files"),
        "fs02-ss": ("fs02.contoso.local", "system-state"),
    ]

    @Test func bmrAndSystemStateInDifferentGroupsIsAnError() {
        let lines = config([("bmr", ["fs01-bmr"]), ("ss", ["fs02-ss", "fs01-ss"])]).validate(sourceInfo: store)
        #expect(lines == [
            "groups[1].members[1]: source 'fs01-ss' is the system-state source of server 'fs01.contoso.local', "
                + "whose bmr source 'fs01-bmr' is in group 'bmr' (groups[0]); a server's bmr and system-state sources must be in the same group",
        ])
    }

    @Test func allowedArrangements() {
        // Same group.
        #expect(config([("fs01", ["fs01-bmr", "fs01-ss"])]).validate(sourceInfo: store) == [])
        // Different servers, files sources anywhere, a system-state source in no group.
        #expect(config([("a", ["fs01-bmr", "fs01-ss"]), ("b", ["fs02-ss", "fs01-files"])]).validate(sourceInfo: store) == [])
        #expect(config([("a", ["fs01-bmr"])]).validate(sourceInfo: store) == [])
        // Members missing from the store are not checked here.
        #expect(config([("a", ["fs01-bmr"]), ("b", ["unknown"])]).validate(sourceInfo: store) == [])
    }
}
