import Foundation
import Testing
@testable import Policy

/// Each rule has a failing example; the message names the key path.
@Suite struct ConfigErrorTests {
    /// The error lines `yaml` produces; empty when it loads.
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try Configuration.load(yaml: yaml)
            return []
        } catch {
            return error.lines
        }
    }

    /// A document with one group whose schedule and retention are given as flow mappings.
    func oneGroup(schedule: String = "{daily: [\"22:00\"]}", retention: String = "{daily: 30}", extra: String = "") -> String {
        """
        groups:
          - name: fs01
            members: [fs01-bmr, fs01-systemstate]
            schedule: \(schedule)
            retention: \(retention)
        \(extra)
        """
    }

    /// Expects exactly one error line, starting with `prefix`.
    func expectOne(_ yaml: String, _ prefix: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = errors(yaml)
        #expect(lines.count == 1, "\(lines)", sourceLocation: sourceLocation)
        #expect(lines.first?.hasPrefix(prefix) == true, "\(lines)", sourceLocation: sourceLocation)
    }

    @Test func atMostTwoTimesADay() {
        expectOne(oneGroup(schedule: "{daily: [\"06:00\", \"12:00\", \"22:00\"]}"),
                  "groups[0].schedule.daily: 3 times given; at most two backups a day are allowed")
        expectOne(oneGroup(schedule: "{weekly: {days: [saturday], times: [\"01:00\", \"02:00\", \"03:00\"]}}"),
                  "groups[0].schedule.weekly.times: 3 times given; at most two backups a day are allowed")
        expectOne(oneGroup(schedule: "{monthly: {on: \"day 1\", times: []}}"), "groups[0].schedule.monthly.times: no times given")
    }

    @Test func duplicateAndMalformedTimes() {
        expectOne(oneGroup(schedule: "{daily: [\"22:00\", \"22:00\"]}"), "groups[0].schedule.daily[1]: 22:00 is given twice")
        expectOne(oneGroup(schedule: "{daily: [\"9:30\", \"09:30\"]}"), "groups[0].schedule.daily[1]: 09:30 is given twice")
        expectOne(oneGroup(schedule: "{daily: [\"25:00\"]}"), "groups[0].schedule.daily[0]: '25:00' is not a time")
        expectOne(oneGroup(schedule: "{daily: \"22:00\"}"), "groups[0].schedule.daily: expected a list of one or two times")
    }

    @Test func exactlyOneScheduleKind() {
        expectOne(oneGroup(schedule: "{daily: [\"22:00\"], weekly: {days: [saturday], times: [\"22:00\"]}}"),
                  "groups[0].schedule: daily and weekly given; give exactly one of daily, weekly, monthly, yearly")
        expectOne(oneGroup(schedule: "{}"), "groups[0].schedule: no schedule given")
        expectOne(oneGroup(schedule: "{hourly: [\"22:00\"]}"),
                  "groups[0].schedule: unknown key 'hourly'")
    }

    @Test func scheduleParts() {
        expectOne(oneGroup(schedule: "{weekly: {days: [caturday], times: [\"22:00\"]}}"),
                  "groups[0].schedule.weekly.days[0]: 'caturday' is not a weekday")
        expectOne(oneGroup(schedule: "{weekly: {days: [saturday, saturday], times: [\"22:00\"]}}"),
                  "groups[0].schedule.weekly.days[1]: saturday is given twice")
        expectOne(oneGroup(schedule: "{weekly: {times: [\"22:00\"]}}"), "groups[0].schedule.weekly.days: missing")
        expectOne(oneGroup(schedule: "{monthly: {on: \"fifth monday\", times: [\"22:00\"]}}"),
                  "groups[0].schedule.monthly.on: 'fifth monday' is not a day of the month")
        expectOne(oneGroup(schedule: "{yearly: {month: march, times: [\"22:00\"]}}"), "groups[0].schedule.yearly.on: missing")
        expectOne(oneGroup(schedule: "{yearly: {on: \"day 1\", times: [\"22:00\"]}}"), "groups[0].schedule.yearly.month: missing")
        expectOne(oneGroup(schedule: "{yearly: {month: marsch, on: \"day 1\", times: [\"22:00\"]}}"),
                  "groups[0].schedule.yearly.month: 'marsch' is not a month")
    }

    @Test func aSourceInAtMostOneGroup() {
        expectOne("""
            groups:
              - {name: fs01, members: [fs01-bmr], schedule: {daily: ["22:00"]}, retention: {daily: 30}}
              - {name: fs02, members: [fs02-bmr, fs01-bmr], schedule: {daily: ["22:00"]}, retention: {daily: 30}}
            """, "groups[1].members[1]: source 'fs01-bmr' is already in group 'fs01' (groups[0]); a source may be in at most one group")
        // Still found when the first group's other member is wrong, at the member's own position.
        let lines = errors("""
            groups:
              - {name: fs01, members: [-bad, fs01-bmr], schedule: {daily: ["22:00"]}, retention: {daily: 30}}
              - {members: [x, fs01-bmr], schedule: {daily: ["22:00"]}, retention: {daily: 30}}
              - {name: fs03, members: [x], schedule: {daily: ["22:00"]}, retention: {daily: 30}}
            """)
        #expect(lines == [
            "groups[0].members[0]: '-bad' is not a source name; expected letters, digits, '.', '_' and '-', beginning with a letter or digit",
            "groups[1].name: missing; every group needs a name",
            "groups[1].members[1]: source 'fs01-bmr' is already in group 'fs01' (groups[0]); a source may be in at most one group",
            "groups[2].members[0]: source 'x' is already in groups[1]; a source may be in at most one group",
        ])
        expectOne(oneGroup().replacingOccurrences(of: "[fs01-bmr, fs01-systemstate]", with: "[a, a]"),
                  "groups[0].members[1]: source 'a' is listed twice")
    }

    @Test func groupNames() {
        expectOne("""
            groups:
              - {name: fs01, members: [a], schedule: {daily: ["22:00"]}, retention: {daily: 30}}
              - {name: fs01, members: [b], schedule: {daily: ["22:00"]}, retention: {daily: 30}}
            """, "groups[1].name: 'fs01' is already the name of groups[0]; group names must be unique")
        expectOne(oneGroup().replacingOccurrences(of: "name: fs01", with: "name: \"\""), "groups[0].name: empty")
        expectOne(oneGroup().replacingOccurrences(of: "name: fs01", with: "name:"), "groups[0].name: expected a group name, got nothing")
        expectOne("groups:\n  - {members: [a], schedule: {daily: [\"22:00\"]}, retention: {daily: 1}}",
                  "groups[0].name: missing; every group needs a name")
    }

    @Test func memberNames() {
        expectOne(oneGroup().replacingOccurrences(of: "[fs01-bmr, fs01-systemstate]", with: "[fs01-bmr, -bad]"),
                  "groups[0].members[1]: '-bad' is not a source name")
        expectOne(oneGroup().replacingOccurrences(of: "[fs01-bmr, fs01-systemstate]", with: "[\"a b\"]"),
                  "groups[0].members[0]: 'a b' is not a source name")
        expectOne(oneGroup().replacingOccurrences(of: "[fs01-bmr, fs01-systemstate]", with: "fs01-bmr"),
                  "groups[0].members: expected a list of source names")
        expectOne(oneGroup().replacingOccurrences(of: "[fs01-bmr, fs01-systemstate]", with: "[]"), "groups[0].members: no sources given")
    }

    @Test func retentionRanges() {
        expectOne(oneGroup(retention: "{daily: 0}"), "groups[0].retention.daily: 0 is out of range 1–9999")
        expectOne(oneGroup(retention: "{daily: 10000}"), "groups[0].retention.daily: 10000 is out of range 1–9999")
        expectOne(oneGroup(retention: "{weekly: {keep: 6000, on: sunday}}"), "groups[0].retention.weekly.keep: 6000 is out of range 1–5163")
        expectOne(oneGroup(retention: "{monthly: {keep: 1189, on: \"day 1\"}}"), "groups[0].retention.monthly.keep: 1189 is out of range 1–1188")
        expectOne(oneGroup(retention: "{yearly: {keep: 100, month: march, on: \"day 1\"}}"),
                  "groups[0].retention.yearly.keep: 100 is out of range 1–99")
        expectOne(oneGroup(retention: "{daily: thirty}"), "groups[0].retention.daily: 'thirty' is not a whole number")
        expectOne(oneGroup(retention: "{}"), "groups[0].retention: no rule given")
    }

    @Test func retentionDays() {
        expectOne(oneGroup(retention: "{weekly: {keep: 4, on: funday}}"), "groups[0].retention.weekly.on: 'funday' is not a weekday")
        expectOne(oneGroup(retention: "{weekly: {keep: 4, on: \"last sunday\"}}"),
                  "groups[0].retention.weekly.on: 'last sunday' is not a weekday")
        expectOne(oneGroup(retention: "{monthly: {keep: 4, on: \"day 32\"}}"), "groups[0].retention.monthly.on: 'day 32' is not a day of the month")
        expectOne(oneGroup(retention: "{monthly: {keep: 4, on: saturday}}"), "groups[0].retention.monthly.on: 'saturday' is not a day of the month")
        expectOne(oneGroup(retention: "{yearly: {keep: 4, on: \"day 1\"}}"), "groups[0].retention.yearly.month: missing")
        expectOne(oneGroup(retention: "{yearly: {keep: 4, month: march}}"), "groups[0].retention.yearly.on: missing")
        expectOne(oneGroup(retention: "{weekly: {on: sunday}}"), "groups[0].retention.weekly.keep: missing")
    }

    @Test func throttleRates() {
        expectOne("throttle: {other-hours: 2Gbps}", "throttle.other-hours: 2Gbps is out of range 512Kbps–1023Mbps")
        expectOne("throttle: {other-hours: 511Kbps}", "throttle.other-hours: 511Kbps is out of range 512Kbps–1023Mbps")
        expectOne("throttle: {other-hours: 1024Mbps}", "throttle.other-hours: 1024Mbps is out of range 512Kbps–1023Mbps")
        expectOne("throttle: {other-hours: 20MBps}", "throttle.other-hours: '20MBps' is not a rate")
        expectOne("throttle: {other-hours: 20}", "throttle.other-hours: '20' is not a rate")
        #expect(errors("throttle: {other-hours: 1Gbps}") == [])
    }

    @Test func workHours() {
        expectOne("throttle: {work-hours: {days: [monday], from: \"18:00\", to: \"08:00\", rate: 20Mbps}}",
                  "throttle.work-hours.to: 08:00 is not after from 18:00")
        expectOne("throttle: {work-hours: {days: [monday], from: \"08:00\", to: \"08:00\", rate: 20Mbps}}",
                  "throttle.work-hours.to: 08:00 is not after from 08:00")
        expectOne("throttle: {work-hours: {days: [monday], from: \"08:00\", to: \"18:00\"}}", "throttle.work-hours.rate: missing")
        expectOne("throttle: {work-hours: {days: [], from: \"08:00\", to: \"18:00\", rate: 20Mbps}}", "throttle.work-hours.days: no days given")
        expectOne("throttle: {work-hours: {days: [monday], from: \"08:00\", to: \"18:00\", rate: 100Kbps}}",
                  "throttle.work-hours.rate: 100Kbps is out of range")
    }

    @Test func timeZones() {
        expectOne("timezone: Europe/Berln", "timezone: 'Europe/Berln' is not an IANA time zone")
        expectOne("timezone: GMT+2", "timezone: 'GMT+2' is not an IANA time zone")
        expectOne("timezone: europe/berlin", "timezone: 'europe/berlin' is not an IANA time zone")
        #expect(errors("timezone: America/New_York") == [])
        #expect(errors("timezone: UTC") == [])
    }

    @Test func unknownKeys() {
        expectOne("stor: /srv", "unknown key 'stor' (did you mean 'store'?); allowed: store, state, timezone, cloud, passphrase-file, groups, throttle")
        expectOne(oneGroup().replacingOccurrences(of: "retention:", with: "retension:"),
                  "groups[0]: unknown key 'retension' (did you mean 'retention'?); allowed: name, members, schedule, retention")
        expectOne(oneGroup(retention: "{daily: 3, hourly: 5}"), "groups[0].retention: unknown key 'hourly'; allowed: daily, weekly, monthly, yearly")
        expectOne("cloud: {container: tiergate, account-key: x}", "cloud: unknown key 'account-key'; allowed: connection-string-file, container")
        expectOne("throttle: {work-hours: {days: [monday], from: \"08:00\", to: \"18:00\", rate: 20Mbps, burst: 1}}",
                  "throttle.work-hours: unknown key 'burst'; allowed: days, from, to, rate")
        // A connection string itself is a secret and never belongs in the file.
        expectOne("cloud: {connection-string: \"UseDevelopmentStorage=true\"}", "cloud: unknown key 'connection-string'")
    }

    @Test func wrongTypes() {
        expectOne("groups: {name: fs01}", "groups: expected a list of groups, got a mapping")
        expectOne("cloud: tiergate", "cloud: expected a mapping with connection-string-file and container, got 'tiergate'")
        expectOne("store: [a, b]", "store: expected the local store's folder, got a list")
        expectOne("store:", "store: expected the local store's folder, got nothing")
        expectOne("groups: [fs01]", "groups[0]: expected a group mapping")
        expectOne("- a\n- b", "expected a mapping of configuration keys, got a list")
        expectOne("cloud: {container: Tier_Gate}", "cloud.container: 'Tier_Gate' is not a valid container name")
    }

    @Test func yamlSyntaxAndDuplicateKeys() {
        expectOne("store: [unclosed\nstate: x", "line ")
        #expect(errors("store: [unclosed\nstate: x").first?.contains("YAML syntax error") == true)
        expectOne("store: /a\nstore: /b", "line ")
        #expect(errors("store: /a\nstore: /b").first?.contains("'store' given more than once") == true)
    }

    // Five independent problems in different places: all five are reported, in file order, one line each.
    @Test func reportsEveryErrorAtOnce() {
        let lines = errors("""
            timezone: Mars/Olympus
            cloud: {container: tiergate, colour: blue}
            groups:
              - name: fs01
                members: [fs01-bmr]
                schedule: {daily: ["01:00", "02:00", "03:00"]}
                retention: {weekly: {keep: 6000, on: sunday}}
              - name: fs02
                members: [fs01-bmr]
                schedule: {weekly: {days: [saturday], times: ["22:00"]}}
                retention: {daily: 30}
            throttle: {other-hours: 2Gbps}
            """)
        #expect(lines.count == 6, "\(lines)")
        let prefixes = [
            "timezone: 'Mars/Olympus' is not an IANA time zone",
            "cloud: unknown key 'colour'",
            "groups[0].schedule.daily: 3 times given",
            "groups[0].retention.weekly.keep: 6000 is out of range 1–5163",
            "groups[1].members[0]: source 'fs01-bmr' is already in group 'fs01'",
            "throttle.other-hours: 2Gbps is out of range 512Kbps–1023Mbps",
        ]
        for (line, prefix) in zip(lines, prefixes) {
            #expect(line.hasPrefix(prefix), "\(line)")
        }
        #expect(lines.allSatisfy { !$0.contains("\n") })
        do {
            _ = try Configuration.load(yaml: "stor: x\nstat: y")
            Issue.record("expected errors")
        } catch {
            #expect(error.description == "unknown key 'stor' (did you mean 'store'?); allowed: store, state, timezone, cloud, passphrase-file, groups, throttle\n"
                + "unknown key 'stat' (did you mean 'state'?); allowed: store, state, timezone, cloud, passphrase-file, groups, throttle")
        }
    }
}
