import Foundation
import Synchronization

/// A token bucket in bytes that meters a transfer direction to a rate that may change over time.
///
/// Rules:
/// - The rate in bytes per second comes from `rate(now)`, read on every acquire and every wake-up,
///   so a work-hours boundary changes it at once; `nil` is unlimited. A rate below 1 counts as 1.
/// - Capacity (the burst) is ``burst(forRate:)``: a quarter second of traffic, at least 64 KiB.
///   A new bucket starts full; after an unlimited period the bucket is full again.
/// - `acquire(n)` takes `n` tokens at once, going into debt when the bucket holds fewer, and
///   returns when the debt is repaid: a body larger than the burst waits in proportion to its size
///   and never deadlocks. Acquirers are served strictly first come, first served: only the head of
///   the queue takes tokens or sleeps; the others wait their turn.
/// - Refill between two instants is integrated piecewise over the rate changes `nextChange` names,
///   and a waiter never sleeps past the next change, so a boundary crossed mid-wait is exact.
///   Without `nextChange` a waiter sleeps at most `recheckInterval` at a time and a change takes
///   effect from its next wake-up.
/// - Cancellation stops a waiter wherever it waits; tokens it took but did not use are returned.
///
/// Time is injected as in the rest of the target: `now` as in `InMemoryBlobStore`, `sleep` in
/// seconds as in `RetryingBlobStore`.
public final class TokenBucket: Sendable {
    /// The rate in force at an instant, in bytes per second; `nil` means unlimited.
    public let rate: @Sendable (Date) -> Int?
    /// The next instant strictly after the given one at which the rate may change, if known.
    public let nextChange: @Sendable (Date) -> Date?
    /// The longest single sleep, in seconds, so a change `nextChange` does not announce is noticed.
    public let recheckInterval: Double
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Double) async throws -> Void
    private let state: Mutex<State>

    /// A bucket metering to `rate`; `nextChange` announces when that rate may change (for example
    /// `Throttle.nextChange(after:calendar:)`); `now` and `sleep` (seconds) are injected for tests.
    public init(
        rate: @escaping @Sendable (Date) -> Int?,
        nextChange: @escaping @Sendable (Date) -> Date? = { _ in nil },
        recheckInterval: Double = 1,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.rate = rate
        self.nextChange = nextChange
        self.recheckInterval = max(recheckInterval, 0.001)
        self.now = now
        self.sleep = sleep
        self.state = Mutex(State(tokens: .infinity, last: now()))
    }

    /// The burst capacity in bytes for a rate in bytes per second: max(rate × 0.25 s, 64 KiB).
    /// A quarter second absorbs sleep and scheduling jitter without letting the rate overshoot
    /// for long; the floor lets a slow link (512 Kbps is 64,000 B/s) start a request at once.
    public static func burst(forRate bytesPerSecond: Int) -> Int { max(bytesPerSecond / 4, 64 << 10) }

    /// Acquirers not yet admitted, the one paying off its debt included.
    public var waiting: Int { state.withLock { $0.queue.count } }

    /// Waits until `bytes` may be transferred, in turn after every earlier acquirer; throws
    /// `CancellationError` when the task is cancelled while waiting.
    public func acquire(_ bytes: Int) async throws {
        try Task.checkCancellation()
        guard bytes > 0 else { return }
        let id = try await waitForTurn()
        var charged = false
        do {
            while true {
                try Task.checkCancellation()
                let wait = state.withLock { s -> Double? in
                    let t = now()
                    s.refill(to: t, rate: rate, nextChange: nextChange)
                    if !charged {
                        s.tokens -= Double(bytes)
                        charged = true
                    }
                    return s.wait(at: t, rate: rate, nextChange: nextChange, recheck: recheckInterval)
                }
                guard let wait else { break }
                try await sleep(wait)
            }
        } catch {
            leave(id, refunding: charged ? bytes : 0)
            throw error
        }
        leave(id, refunding: 0)
    }

    /// Returns `bytes` taken but not transferred (a short or failed read), up to the capacity.
    func refund(_ bytes: Int) {
        guard bytes > 0 else { return }
        state.withLock { s in
            let t = now()
            s.refill(to: t, rate: rate, nextChange: nextChange)
            s.tokens += Double(bytes)
            s.cap(at: t, rate: rate)
        }
    }

    /// Joins the queue and returns once this acquirer is its head.
    private func waitForTurn() async throws -> UInt64 {
        let (id, isHead) = state.withLock { s in
            let id = s.nextID
            s.nextID += 1
            s.queue.append(id)
            if s.queue.count > 1 { s.slots[id] = .queued(nil) }
            return (id, s.queue.count == 1)
        }
        if isHead { return id }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let turn = state.withLock { s -> Bool? in
                    switch s.slots[id] {
                    case .queued?:
                        s.slots[id] = .queued(c)
                        return nil
                    case .promoted?, nil:
                        s.slots[id] = nil
                        return true
                    case .cancelled?:
                        s.slots[id] = nil
                        return false
                    }
                }
                switch turn {
                case true?: c.resume()
                case false?: c.resume(throwing: CancellationError())
                case nil: break
                }
            }
        } onCancel: {
            let c = state.withLock { s -> CheckedContinuation<Void, any Error>? in
                guard case .queued(let c)? = s.slots[id] else { return nil }  // promoted: the head loop sees it
                s.queue.removeAll { $0 == id }
                s.slots[id] = c == nil ? .cancelled : nil
                return c
            }
            c?.resume(throwing: CancellationError())
        }
        return id
    }

    /// Removes the head `id`, returning `refunding` unused tokens, and hands the turn on.
    private func leave(_ id: UInt64, refunding bytes: Int) {
        let next = state.withLock { s -> CheckedContinuation<Void, any Error>? in
            if bytes > 0 {
                s.tokens += Double(bytes)
                s.cap(at: now(), rate: rate)
            }
            precondition(s.queue.first == id, "token bucket: only the head leaves")
            s.queue.removeFirst()
            guard let next = s.queue.first else { return nil }
            if case .queued(let c?)? = s.slots[next] {
                s.slots[next] = nil
                return c
            }
            s.slots[next] = .promoted
            return nil
        }
        next?.resume()
    }
}

extension TokenBucket {
    /// A queued acquirer behind the head: its continuation once suspended, or the news that
    /// arrived before it suspended.
    enum Slot {
        case queued(CheckedContinuation<Void, any Error>?)
        case promoted
        case cancelled
    }

    /// The balance (negative while the head is in debt; infinite while unlimited) and the queue.
    struct State {
        var tokens: Double
        var last: Date
        var queue: [UInt64] = []
        var slots: [UInt64: Slot] = [:]
        var nextID: UInt64 = 0

        /// Adds what flowed in from `last` to `t`, one segment per rate change, each segment capped
        /// at its rate's capacity; then caps at the capacity in force at `t`.
        mutating func refill(to t: Date, rate: (Date) -> Int?, nextChange: (Date) -> Date?) {
            var from = last
            while from < t {
                var end = t
                if let change = nextChange(from), change > from, change < t { end = change }
                if let r = rate(from) {
                    let perSecond = Double(max(r, 1))
                    tokens = min(Double(TokenBucket.burst(forRate: max(r, 1))), tokens + perSecond * end.timeIntervalSince(from))
                } else {
                    tokens = .infinity
                }
                from = end
            }
            last = t
            cap(at: t, rate: rate)
        }

        /// Caps the balance at the capacity of the rate in force at `t` (none when unlimited).
        mutating func cap(at t: Date, rate: (Date) -> Int?) {
            if let r = rate(t) { tokens = min(tokens, Double(TokenBucket.burst(forRate: max(r, 1)))) }
        }

        /// Seconds to sleep before looking again, or nil when the debt is repaid (less than one byte
        /// or one microsecond of traffic left) or the rate is unlimited.
        func wait(at t: Date, rate: (Date) -> Int?, nextChange: (Date) -> Date?, recheck: Double) -> Double? {
            guard let r = rate(t) else { return nil }
            let perSecond = Double(max(r, 1))
            let debt = -tokens
            guard debt > max(1, perSecond * 1e-6) else { return nil }
            var seconds = min(debt / perSecond, recheck)
            if let change = nextChange(t), change > t { seconds = min(seconds, change.timeIntervalSince(t)) }
            return seconds
        }
    }
}
