import BlobStore
import Foundation
import Policy
import Testing

@testable import TiergateCLI

@Suite struct ThrottleWiringTests {
    // Work hours Mon-Fri 08:00-18:00 Europe/Berlin at 20 Mbps (2,500,000 B/s), else 500 Mbps
    // (62,500,000 B/s). 2026-11-23 is a Monday; 09:00 CET is 08:00Z, 19:00 CET is 18:00Z.
    @Test func theConfiguredThrottleSetsBothDirectionsRateByTheClock() throws {
        let throttle = Throttle(
            workHours: .init(days: [.monday, .tuesday, .wednesday, .thursday, .friday], from: TimeOfDay("08:00")!, to: TimeOfDay("18:00")!, rate: Rate("20Mbps")!),
            otherHours: Rate("500Mbps")!)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let store = RepositoryOptions.throttled(InMemoryBlobStore(), by: throttle, calendar: calendar)
        let monday9 = ISO8601DateFormatter().date(from: "2026-11-23T08:00:00Z")!
        let monday19 = ISO8601DateFormatter().date(from: "2026-11-23T18:00:00Z")!
        for bucket in [store.upload, store.download] {
            #expect(bucket.rate(monday9) == 2_500_000)
            #expect(bucket.rate(monday19) == 62_500_000)
            // The boundary at 18:00 CET (17:00Z) is where the work-hours rate ends.
            #expect(bucket.nextChange(monday9) == ISO8601DateFormatter().date(from: "2026-11-23T17:00:00Z"))
        }
    }

    @Test func withoutAThrottleNothingIsLimited() {
        let store = RepositoryOptions.throttled(InMemoryBlobStore(), by: nil, calendar: Calendar(identifier: .gregorian))
        #expect(store.upload.rate(Date()) == nil && store.download.rate(Date()) == nil)
    }
}
