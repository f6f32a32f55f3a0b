import Foundation
import Testing
@testable import Policy

/// Loading, normalized printing and round trips.
@Suite struct ConfigLoadingTests {
    /// product.md's example, verbatim.
    static let productExample = """
        store: /srv/backupstore
        state: /var/lib/tiergate
        timezone: Europe/Berlin            # IANA; schedules and retention days use it (default: UTC)
        cloud:
          connection-string-file: /etc/tiergate/connection-string
          container: tiergate
        passphrase-file: /etc/tiergate/passphrase
        groups:
          - name: fs01
            members: [fs01-bmr, fs01-systemstate]
            schedule:                      # exactly one of daily / weekly / monthly / yearly
              daily: ["12:00", "22:00"]    # weekly:  {days: [saturday], times: ["22:00"]}
                                           # monthly: {on: "last saturday", times: ["22:00"]}
                                           # yearly:  {month: march, on: "day 1", times: ["22:00"]}
            retention:
              daily: 30                    # days
              weekly: {keep: 12, on: sunday}
              monthly: {keep: 12, on: "last saturday"}          # or: on: "day 1"
              yearly: {keep: 5, month: march, on: "last saturday"}
        throttle:
          work-hours: {days: [monday, tuesday, wednesday, thursday, friday], from: "08:00", to: "18:00", rate: 20Mbps}
          other-hours: 500Mbps
        """

    @Test func loadsTheProductExample() throws {
        let config = try Configuration.load(yaml: Self.productExample)
        #expect(config.store == "/srv/backupstore")
        #expect(config.state == "/var/lib/tiergate")
        #expect(config.timeZone.identifier == "Europe/Berlin")
        #expect(config.cloud == Configuration.Cloud(connectionStringFile: "/etc/tiergate/connection-string", container: "tiergate"))
        #expect(config.passphraseFile == "/etc/tiergate/passphrase")
        #expect(config.groups.count == 1)
        let group = try #require(config.groups.first)
        #expect(group.name == "fs01")
        #expect(group.members == ["fs01-bmr", "fs01-systemstate"])
        #expect(group.schedule == .daily([TimeOfDay(hour: 12, minute: 0)!, TimeOfDay(hour: 22, minute: 0)!]))
        #expect(group.retention == RetentionPolicy(
            daily: 30,
            weekly: .init(keep: 12, on: .sunday),
            monthly: .init(keep: 12, on: .weekday(.last, .saturday)),
            yearly: .init(keep: 5, month: .march, on: .weekday(.last, .saturday))))
        let throttle = try #require(config.throttle)
        #expect(throttle.workHours == Throttle.WorkHours(
            days: [.monday, .tuesday, .wednesday, .thursday, .friday],
            from: TimeOfDay(hour: 8, minute: 0)!, to: TimeOfDay(hour: 18, minute: 0)!,
            rate: Rate(bitsPerSecond: 20_000_000)))
        #expect(throttle.otherHours == Rate(bitsPerSecond: 500_000_000))
        #expect(config.group(of: "fs01-systemstate")?.name == "fs01")
        #expect(config.group(of: "other") == nil)
    }

    // The canonical text, written by hand from product.md's example with its comments removed.
    @Test func printsTheProductExampleNormalized() throws {
        let config = try Configuration.load(yaml: Self.productExample)
        let expected = """
            store: /srv/backupstore
            state: /var/lib/tiergate
            timezone: Europe/Berlin
            cloud:
              connection-string-file: /etc/tiergate/connection-string
              container: tiergate
            passphrase-file: /etc/tiergate/passphrase
            groups:
              - name: fs01
                members: [fs01-bmr, fs01-systemstate]
                schedule:
                  daily: ["12:00", "22:00"]
                retention:
                  daily: 30
                  weekly: {keep: 12, on: sunday}
                  monthly: {keep: 12, on: "last saturday"}
                  yearly: {keep: 5, month: march, on: "last saturday"}
            throttle:
              work-hours: {days: [monday, tuesday, wednesday, thursday, friday], from: "08:00", to: "18:00", rate: 20Mbps}
              other-hours: 500Mbps

            """
        #expect(config.normalizedYAML() == expected)
        #expect(try Configuration.load(yaml: config.normalizedYAML()) == config)
    }

    @Test func emptyDocumentIsTheDefault() throws {
        let config = try Configuration.load(yaml: "")
        #expect(config == Configuration())
        #expect(config.cloud.container == "tiergate")
        #expect(config.timeZone == TimeZone(identifier: "UTC"))
        #expect(config.normalizedYAML() == "timezone: UTC\ncloud:\n  container: tiergate\ngroups: []\n")
        #expect(try Configuration.load(yaml: config.normalizedYAML()) == config)
        #expect(try Configuration.load(yaml: "# only a comment\n") == Configuration())
    }

    // Unsorted times and days, a lax "9:30", GMT for UTC, lower-case kbps and Gbps all print canonically.
    @Test func normalizesSpellings() throws {
        let config = try Configuration.load(yaml: """
            timezone: GMT
            groups:
              - name: g
                members: [a]
                schedule: {weekly: {days: [saturday, monday], times: ["22:00", "9:30"]}}
                retention: {daily: 7}
            throttle: {work-hours: {days: [friday, monday], from: "8:00", to: "17:30", rate: 1Gbps}, other-hours: 512kbps}
            """)
        let text = config.normalizedYAML()
        #expect(text.contains("timezone: UTC\n"))
        #expect(text.contains("weekly: {days: [monday, saturday], times: [\"09:30\", \"22:00\"]}"))
        #expect(text.contains("work-hours: {days: [monday, friday], from: \"08:00\", to: \"17:30\", rate: 1000Mbps}"))
        #expect(text.contains("other-hours: 512Kbps"))
        #expect(try Configuration.load(yaml: text) == config)
    }

    // Every schedule kind, optional parts left out, and names that need quoting survive the round trip.
    @Test func roundTripsEveryShape() throws {
        let config = Configuration(
            store: "/srv/backup store: #1",
            state: "null",
            timeZone: TimeZone(identifier: "America/New_York")!,
            cloud: .init(connectionStringFile: "C:\\tiergate\\\"cs\".txt", container: "tier-gate-2"),
            passphraseFile: "123",
            groups: [
                ProtectionGroup(name: "weekly, [special]", members: ["a.b_c-d", "9z"],
                                schedule: .weekly(days: [.monday, .sunday], times: ScheduleFixture.times("00:00", "23:59")),
                                retention: .init(weekly: .init(keep: 5163, on: .monday))),
                ProtectionGroup(name: "true", members: ["m"],
                                schedule: .monthly(on: .weekday(.second, .tuesday), times: ScheduleFixture.times("01:05")),
                                retention: .init(daily: 9999, monthly: .init(keep: 1188, on: .day(31)))),
                ProtectionGroup(name: "Grüße zwei", members: ["y"],
                                schedule: .yearly(month: .february, on: .day(29), times: ScheduleFixture.times("22:00")),
                                retention: .init(yearly: .init(keep: 99, month: .december, on: .weekday(.last, .friday)))),
            ],
            throttle: Throttle(workHours: nil, otherHours: Rate(bitsPerSecond: 512_500)))
        let text = config.normalizedYAML()
        #expect(try Configuration.load(yaml: text) == config)
        #expect(text.contains("state: \"null\"\n"))
        #expect(text.contains("passphrase-file: \"123\"\n"))
        let bare = Configuration(throttle: Throttle())
        #expect(bare.normalizedYAML().hasSuffix("throttle: {}\n"))
        #expect(try Configuration.load(yaml: bare.normalizedYAML()) == bare)
    }

    // The boundaries of every range are accepted: 9999 days, 5163 weeks, 1188 months, 99 years, 512Kbps, 1023Mbps.
    @Test func acceptsRangeBoundaries() throws {
        let config = try Configuration.load(yaml: """
            groups:
              - name: g
                members: [a]
                schedule: {yearly: {month: february, on: "day 31", times: ["22:00"]}}
                retention:
                  daily: 9999
                  weekly: {keep: 5163, on: sunday}
                  monthly: {keep: 1188, on: "day 1"}
                  yearly: {keep: 99, month: march, on: "day 1"}
            throttle: {other-hours: 512Kbps, work-hours: {days: [monday], from: "00:00", to: "23:59", rate: 1023Mbps}}
            """)
        #expect(config.groups[0].retention.daily == 9999)
        #expect(config.groups[0].retention.weekly?.keep == 5163)
        #expect(config.groups[0].retention.monthly?.keep == 1188)
        #expect(config.groups[0].retention.yearly?.keep == 99)
        #expect(config.throttle?.otherHours == Rate(bitsPerSecond: 512_000))
        #expect(config.throttle?.workHours?.rate == Rate(bitsPerSecond: 1_023_000_000))
    }
}
