import Foundation

/// The lease of a blob or container, as a state machine over an injected time.
struct Lease: Codable, Sendable, Equatable {
    /// What the stored fields mean; the observable state also depends on the time.
    enum Phase: String, Codable, Sendable { case available, leased, breaking, broken }

    /// The observable lease state (`x-ms-lease-state`).
    enum State: String, Sendable { case available, leased, expired, breaking, broken }

    var phase: Phase = .available
    var id: String?
    /// -1 for infinite, else 15...60 seconds.
    var duration: Int = -1
    var expiresAt: Date?
    var breakEndsAt: Date?

    /// The state at `now`.
    func state(at now: Date) -> State {
        switch phase {
        case .available: return .available
        case .broken: return .broken
        case .leased:
            if let e = expiresAt, now >= e { return .expired }
            return .leased
        case .breaking:
            if let b = breakEndsAt, now >= b { return .broken }
            return .breaking
        }
    }

    /// True when writes need the lease ID.
    func isActive(at now: Date) -> Bool {
        let s = state(at: now)
        return s == .leased || s == .breaking
    }

    /// The lease ID writes must carry at `now`, or nil when the resource is not locked.
    func activeID(at now: Date) -> String? { isActive(at: now) ? id : nil }

    /// Checks a write's or delete's `x-ms-lease-id` against this lease.
    func checkWrite(leaseID: String?, at now: Date) -> BlobError? {
        if isActive(at: now) {
            guard let leaseID else { return .leaseIdMissing }
            return leaseID.lowercased() == id?.lowercased() ? nil : .leaseIdMismatchWithBlobOperation
        }
        return leaseID == nil ? nil : .leaseNotPresentWithBlobOperation
    }

    /// Checks a read's optional `x-ms-lease-id`.
    func checkRead(leaseID: String?, at now: Date) -> BlobError? {
        guard let leaseID else { return nil }
        guard isActive(at: now) else { return .leaseNotPresentWithBlobOperation }
        return leaseID.lowercased() == id?.lowercased() ? nil : .leaseIdMismatchWithBlobOperation
    }

    /// Response headers describing the lease.
    func headers(at now: Date) -> [(String, String)] {
        let s = state(at: now)
        var out = [("x-ms-lease-state", s.rawValue), ("x-ms-lease-status", s == .leased || s == .breaking ? "locked" : "unlocked")]
        if s == .leased { out.append(("x-ms-lease-duration", duration < 0 ? "infinite" : "fixed")) }
        return out
    }

    private func isSame(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        return a.lowercased() == b.lowercased()
    }

    private mutating func start(id newID: String, duration: Int, now: Date) {
        phase = .leased
        id = newID
        self.duration = duration
        expiresAt = duration < 0 ? nil : now.addingTimeInterval(TimeInterval(duration))
        breakEndsAt = nil
    }

    /// Acquire: a new lease, or renewal when `proposed` equals the current ID.
    mutating func acquire(proposed: String?, duration: Int, now: Date) throws(BlobError) -> String {
        guard duration == -1 || (15...60).contains(duration) else {
            throw .invalidHeaderValue("x-ms-lease-duration", "must be -1 or between 15 and 60")
        }
        switch state(at: now) {
        case .available, .expired, .broken:
            let newID = proposed ?? UUID().uuidString.lowercased()
            start(id: newID, duration: duration, now: now)
            return newID
        case .leased:
            guard isSame(proposed, id) else { throw .leaseAlreadyPresent }
            start(id: id!, duration: duration, now: now)
            return id!
        case .breaking:
            throw .leaseIsBreakingAndCannotBeAcquired
        }
    }

    /// Renew with the current ID (also after expiry).
    mutating func renew(id given: String, now: Date) throws(BlobError) {
        switch state(at: now) {
        case .available: throw .leaseNotPresentWithLeaseOperation
        case .breaking: throw .leaseIsBreakingAndCannotBeAcquired
        case .broken: throw .leaseIsBrokenAndCannotBeRenewed
        case .leased, .expired:
            guard isSame(given, id) else { throw .leaseIdMismatchWithLeaseOperation }
            start(id: id!, duration: duration, now: now)
        }
    }

    /// Change the ID of an active lease.
    mutating func change(id given: String, to proposed: String, now: Date) throws(BlobError) -> String {
        switch state(at: now) {
        case .available, .expired, .broken: throw .leaseNotPresentWithLeaseOperation
        case .breaking: throw .leaseIsBreakingAndCannotBeChanged
        case .leased:
            if isSame(given, id) || isSame(proposed, id) {
                id = proposed
                return proposed
            }
            throw .leaseIdMismatchWithLeaseOperation
        }
    }

    /// Release: the resource becomes available.
    mutating func release(id given: String, now: Date) throws(BlobError) {
        if state(at: now) == .available { throw .leaseNotPresentWithLeaseOperation }
        guard isSame(given, id) else { throw .leaseIdMismatchWithLeaseOperation }
        self = Lease()
    }

    /// Break; returns the seconds until the lease is broken.
    mutating func breakLease(period: Int?, now: Date) throws(BlobError) -> Int {
        if let period, !(0...60).contains(period) {
            throw .invalidHeaderValue("x-ms-lease-break-period", "must be between 0 and 60")
        }
        switch state(at: now) {
        case .available: throw .leaseNotPresentWithLeaseOperation
        case .expired, .broken:
            phase = .broken
            breakEndsAt = nil
            return 0
        case .breaking:
            let remaining = max(0, Int((breakEndsAt ?? now).timeIntervalSince(now).rounded(.up)))
            if let period, period < remaining {
                breakEndsAt = now.addingTimeInterval(TimeInterval(period))
                return period
            }
            return remaining
        case .leased:
            var wait: Int
            if duration < 0 {
                wait = period ?? 0
            } else {
                let remaining = max(0, Int((expiresAt ?? now).timeIntervalSince(now).rounded(.up)))
                wait = min(period ?? remaining, remaining)
            }
            if wait <= 0 {
                phase = .broken
                breakEndsAt = nil
                wait = 0
            } else {
                phase = .breaking
                breakEndsAt = now.addingTimeInterval(TimeInterval(wait))
            }
            return wait
        }
    }
}
