/// When and how long to wait before asking again: jittered exponential backoff with a cap,
/// honouring the service's `Retry-After`, and never for errors that asking again cannot fix.
public struct RetryPolicy: Sendable {
    /// The decision for one failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Try again after this many seconds.
        case retry(after: Double)
        /// Give up and report the error.
        case giveUp
    }

    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// Attempts in all when no connection can be made (refused, connect timeout): an endpoint
    /// that is down stays down for longer than a request should wait, so give up sooner.
    public var maxConnectAttempts: Int
    /// Wait before the second attempt, in seconds; doubled each attempt.
    public var baseDelay: Double
    /// The longest wait between attempts, in seconds.
    public var maxDelay: Double
    /// A number in [0, 1) for jitter; injected so tests are deterministic.
    public var random: @Sendable () -> Double

    /// A policy; the default tries 8 times over about a minute, 3 times when the endpoint
    /// cannot be reached at all.
    public init(
        maxAttempts: Int = 8, maxConnectAttempts: Int = 3, baseDelay: Double = 0.5, maxDelay: Double = 30,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = maxAttempts
        self.maxConnectAttempts = maxConnectAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.random = random
    }

    /// Whether to retry after `error` failed attempt number `attempt` (1-based).
    public func decide(_ error: any Error, attempt: Int) -> Decision {
        guard attempt < maxAttempts, let error = error as? BlobStoreError, error.kind == .retryable else {
            return .giveUp
        }
        if error.code == BlobStoreError.connectFailed && attempt >= maxConnectAttempts { return .giveUp }
        let exponential = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 30)))
        // "Equal jitter": half fixed, half random, so waits grow but never align across clients.
        let jittered = exponential / 2 + exponential / 2 * random()
        if let asked = error.retryAfter { return .retry(after: min(maxDelay, max(asked, jittered))) }
        return .retry(after: jittered)
    }
}
