import Foundation
import Testing
@testable import Policy

/// Berlin 2026: CEST (UTC+2) from 29 March to 25 October, CET (UTC+1) otherwise. New York 2026:
/// EDT (UTC-4) from 8 March, EST (UTC-5) before. 1 May 2026 is a Friday, so 13 May is a Wednesday.
@Suite struct ThrottleTests {
    let berlin = ScheduleFixture.calendar("Europe/Berlin")
    let at = ScheduleFixture.at
    let work = Rate(bitsPerSecond: 20_000_000)
    let other = Rate(bitsPerSecond: 500_000_000)
    let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    var officeHours: Throttle {
        Throttle(workHours: .init(days: weekdays, from: TimeOfDay("08:00")!, to: TimeOfDay("18:00")!, rate: work), otherHours: other)
    }

    // Wednesday 13 May: 08:00 CEST = 06:00Z (inclusive) to 18:00 CEST = 16:00Z (exclusive).
    @Test func workHoursBoundaries() {
        #expect(officeHours.rate(at: at("2026-05-13T05:59:59Z"), calendar: berlin) == other)
        #expect(officeHours.rate(at: at("2026-05-13T06:00:00Z"), calendar: berlin) == work)
        #expect(officeHours.rate(at: at("2026-05-13T10:00:00Z"), calendar: berlin) == work)
        #expect(officeHours.rate(at: at("2026-05-13T15:59:59Z"), calendar: berlin) == work)
        #expect(officeHours.rate(at: at("2026-05-13T16:00:00Z"), calendar: berlin) == other)
    }

    // Saturday 16 and Sunday 17 May are not work days.
    @Test func weekendsAreOtherHours() {
        #expect(officeHours.rate(at: at("2026-05-16T08:00:00Z"), calendar: berlin) == other)
        #expect(officeHours.rate(at: at("2026-05-17T12:00:00Z"), calendar: berlin) == other)
    }

    // From Wednesday 10:00 CEST: ends 16:00Z; then Thursday 06:00Z; Friday's end is followed by Monday 18 May 06:00Z.
    @Test func nextChangeWalksTheBoundaries() {
        #expect(officeHours.nextChange(after: at("2026-05-13T08:00:00Z"), calendar: berlin) == at("2026-05-13T16:00:00Z"))
        #expect(officeHours.nextChange(after: at("2026-05-13T06:00:00Z"), calendar: berlin) == at("2026-05-13T16:00:00Z"))
        #expect(officeHours.nextChange(after: at("2026-05-13T16:00:00Z"), calendar: berlin) == at("2026-05-14T06:00:00Z"))
        #expect(officeHours.nextChange(after: at("2026-05-15T16:00:00Z"), calendar: berlin) == at("2026-05-18T06:00:00Z"))
        #expect(officeHours.nextChange(after: at("2026-05-16T12:00:00Z"), calendar: berlin) == at("2026-05-18T06:00:00Z"))
    }

    // Friday 27 March 18:00 CET = 17:00Z; Monday 30 March 08:00 CEST = 06:00Z (the weekend springs forward).
    @Test func nextChangeAcrossSpringForwardWeekend() {
        #expect(officeHours.nextChange(after: at("2026-03-27T17:00:00Z"), calendar: berlin) == at("2026-03-30T06:00:00Z"))
        #expect(officeHours.rate(at: at("2026-03-27T07:00:00Z"), calendar: berlin) == work)  // 08:00 CET
        #expect(officeHours.rate(at: at("2026-03-30T06:00:00Z"), calendar: berlin) == work)  // 08:00 CEST
        #expect(officeHours.rate(at: at("2026-03-30T05:30:00Z"), calendar: berlin) == other)  // 07:30 CEST
    }

    // A window ending in the gap: 01:00 CET = 00:00Z to 02:30 (does not exist) = 03:00 CEST = 01:00Z on 29 March.
    @Test func windowEndingInTheSpringGap() {
        let night = Throttle(workHours: .init(days: Weekday.allCases, from: TimeOfDay("01:00")!, to: TimeOfDay("02:30")!, rate: work),
                             otherHours: nil)
        #expect(night.rate(at: at("2026-03-29T00:59:59Z"), calendar: berlin) == work)
        #expect(night.rate(at: at("2026-03-29T01:00:00Z"), calendar: berlin) == nil)
        #expect(night.nextChange(after: at("2026-03-29T00:00:00Z"), calendar: berlin) == at("2026-03-29T01:00:00Z"))
    }

    // A window from 02:30 on 25 October begins at the first 02:30 (CEST, 00:30Z) and ends at 10:00 CET = 09:00Z;
    // at 01:15Z the clock reads 02:15 CET (second pass) but the window has begun.
    @Test func windowStartingInTheRepeatedHour() {
        let sunday = Throttle(workHours: .init(days: [.sunday], from: TimeOfDay("02:30")!, to: TimeOfDay("10:00")!, rate: work),
                              otherHours: other)
        #expect(sunday.rate(at: at("2026-10-25T00:29:59Z"), calendar: berlin) == other)
        #expect(sunday.rate(at: at("2026-10-25T00:30:00Z"), calendar: berlin) == work)
        #expect(sunday.rate(at: at("2026-10-25T01:15:00Z"), calendar: berlin) == work)
        #expect(sunday.rate(at: at("2026-10-25T09:00:00Z"), calendar: berlin) == other)
        #expect(sunday.nextChange(after: at("2026-10-25T00:30:00Z"), calendar: berlin) == at("2026-10-25T09:00:00Z"))
    }

    // New York: Friday 6 March 17:00 EST = 22:00Z; Monday 9 March 09:00 EDT = 13:00Z.
    @Test func newYorkAcrossSpringForward() {
        let newYork = ScheduleFixture.calendar("America/New_York")
        let throttle = Throttle(workHours: .init(days: weekdays, from: TimeOfDay("09:00")!, to: TimeOfDay("17:00")!, rate: work),
                                otherHours: other)
        #expect(throttle.nextChange(after: at("2026-03-06T22:00:00Z"), calendar: newYork) == at("2026-03-09T13:00:00Z"))
        #expect(throttle.rate(at: at("2026-03-06T14:00:00Z"), calendar: newYork) == work)  // 09:00 EST
        #expect(throttle.rate(at: at("2026-03-09T12:59:00Z"), calendar: newYork) == other)  // 08:59 EDT
    }

    @Test func missingParts() {
        let flat = Throttle(workHours: nil, otherHours: other)
        #expect(flat.rate(at: at("2026-05-13T10:00:00Z"), calendar: berlin) == other)
        #expect(flat.nextChange(after: at("2026-05-13T10:00:00Z"), calendar: berlin) == nil)
        let workOnly = Throttle(workHours: officeHours.workHours, otherHours: nil)
        #expect(workOnly.rate(at: at("2026-05-16T10:00:00Z"), calendar: berlin) == nil)  // unlimited at the weekend
        #expect(workOnly.rate(at: at("2026-05-13T10:00:00Z"), calendar: berlin) == work)
    }

    // Decimal units: 1 Kbps = 1,000 bit/s, 1 Mbps = 1,000,000, 1 Gbps = 1,000,000,000.
    @Test func parsesAndPrintsRates() {
        #expect(Rate("20Mbps")?.bitsPerSecond == 20_000_000)
        #expect(Rate("512Kbps")?.bitsPerSecond == 512_000)
        #expect(Rate("512kbps")?.bitsPerSecond == 512_000)
        #expect(Rate("1Gbps")?.bitsPerSecond == 1_000_000_000)
        #expect(Rate("1.5Mbps")?.bitsPerSecond == 1_500_000)
        #expect(Rate("20 Mbps")?.bitsPerSecond == 20_000_000)
        #expect(Rate("20MBps") == nil)
        #expect(Rate("20") == nil)
        #expect(Rate("1.0005Kbps") == nil)  // half a bit per second
        #expect(Rate("-5Mbps") == nil)
        #expect(Rate(bitsPerSecond: 1_500_000).description == "1500Kbps")
        #expect(Rate(bitsPerSecond: 1_000_000_000).description == "1000Mbps")
        #expect(Rate(bitsPerSecond: 512_500).description == "512.5Kbps")
        #expect(Rate(bitsPerSecond: 20_000_000).bytesPerSecond == 2_500_000)
        #expect(Rate.allowedRange.contains(Rate("1023Mbps")!))
        #expect(!Rate.allowedRange.contains(Rate("1024Mbps")!))
        #expect(!Rate.allowedRange.contains(Rate("511Kbps")!))
    }
}
