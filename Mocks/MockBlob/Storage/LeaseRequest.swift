import Foundation

/// A Lease Blob / Lease Container request, applied to a ``Lease`` atomically by the index.
struct LeaseRequest: Sendable {
    enum Action: String, Sendable { case acquire, renew, change, release, `break` }

    var action: Action
    var leaseID: String?
    var proposedID: String?
    var duration: Int?
    var breakPeriod: Int?
    var conditions: Conditions

    func apply(to lease: inout Lease, now: Date) throws(BlobError) -> LeaseOutcome {
        switch action {
        case .acquire:
            guard let duration else { throw .missingHeader("x-ms-lease-duration") }
            let id = try lease.acquire(proposed: proposedID, duration: duration, now: now)
            return LeaseOutcome(status: 201, leaseID: id)
        case .renew:
            guard let leaseID else { throw .missingHeader("x-ms-lease-id") }
            try lease.renew(id: leaseID, now: now)
            return LeaseOutcome(status: 200, leaseID: leaseID)
        case .change:
            guard let leaseID else { throw .missingHeader("x-ms-lease-id") }
            guard let proposedID else { throw .missingHeader("x-ms-proposed-lease-id") }
            return LeaseOutcome(status: 200, leaseID: try lease.change(id: leaseID, to: proposedID, now: now))
        case .release:
            guard let leaseID else { throw .missingHeader("x-ms-lease-id") }
            try lease.release(id: leaseID, now: now)
            return LeaseOutcome(status: 200)
        case .break:
            return LeaseOutcome(status: 202, leaseTime: try lease.breakLease(period: breakPeriod, now: now))
        }
    }
}

/// What a lease operation answers.
struct LeaseOutcome: Sendable {
    var status: Int
    var leaseID: String?
    var leaseTime: Int?
}
