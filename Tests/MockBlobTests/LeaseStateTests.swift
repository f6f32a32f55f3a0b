import Foundation
import Testing

@testable import MockBlob

@Suite struct LeaseStateTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func fixedLeaseExpiresAndCanBeRenewed() throws {
        var lease = Lease()
        let id = try lease.acquire(proposed: nil, duration: 15, now: t0)
        #expect(lease.state(at: t0.addingTimeInterval(14)) == .leased)
        #expect(lease.state(at: t0.addingTimeInterval(15)) == .expired)
        try lease.renew(id: id, now: t0.addingTimeInterval(20))
        #expect(lease.state(at: t0.addingTimeInterval(34)) == .leased)
    }

    @Test func breakingLeaseBlocksWritesUntilBroken() throws {
        var lease = Lease()
        let id = try lease.acquire(proposed: "a", duration: -1, now: t0)
        #expect(id == "a")
        #expect(try lease.breakLease(period: 10, now: t0) == 10)
        #expect(lease.checkWrite(leaseID: nil, at: t0.addingTimeInterval(5)) == .leaseIdMissing)
        #expect(lease.checkWrite(leaseID: nil, at: t0.addingTimeInterval(10)) == nil)
        #expect(lease.state(at: t0.addingTimeInterval(10)) == .broken)
    }

    @Test func durationOutsideTheRangeIsRefused() {
        var lease = Lease()
        #expect(throws: BlobError.self) { try lease.acquire(proposed: nil, duration: 14, now: t0) }
        #expect(throws: BlobError.self) { try lease.acquire(proposed: nil, duration: 61, now: t0) }
    }
}
