import Foundation

/// Fault injection settings of a running server; thread-safe, changeable while jobs run.
///
/// Each request draws from a generator seeded with ``seed``, so a given seed and request order
/// always give the same faults.
public final class FaultSettings: @unchecked Sendable {
    private let lock = NSLock()
    private var _faultRate: Double
    private var _resetRate: Double
    private var _latencyMs: Int
    private var _seed: UInt64
    private var generator: SplitMix64
    private var faultsInjected = 0
    private var resetsInjected = 0

    init(_ configuration: FaultConfiguration) {
        _faultRate = configuration.faultRate
        _resetRate = configuration.resetRate
        _latencyMs = configuration.latencyMs
        _seed = configuration.seed
        generator = SplitMix64(seed: configuration.seed)
    }

    /// Share of requests (0...1) answered with 503 ServerBusy or 500 OperationTimedOut.
    public var faultRate: Double { lock.withLock { _faultRate } }
    /// Share of requests (0...1) whose connection is dropped mid-body.
    public var resetRate: Double { lock.withLock { _resetRate } }
    /// Delay before every answer, in milliseconds.
    public var latencyMs: Int { lock.withLock { _latencyMs } }
    /// The seed the generator was last started from.
    public var seed: UInt64 { lock.withLock { _seed } }
    /// How many error answers and dropped connections have been injected so far.
    public var injected: (faults: Int, resets: Int) { lock.withLock { (faultsInjected, resetsInjected) } }

    /// Sets the share of requests answered with a server error (clamped to 0...1).
    public func setFaultRate(_ rate: Double) { lock.withLock { _faultRate = min(max(rate, 0), 1) } }
    /// Sets the share of requests whose connection is dropped (clamped to 0...1).
    public func setResetRate(_ rate: Double) { lock.withLock { _resetRate = min(max(rate, 0), 1) } }
    /// Sets the delay before every answer.
    public func setLatency(milliseconds: Int) { lock.withLock { _latencyMs = max(0, milliseconds) } }
    /// Sets the delay before every answer.
    public func setLatency(_ latency: Duration) {
        setLatency(milliseconds: Int(latency.components.seconds * 1000 + latency.components.attoseconds / 1_000_000_000_000_000))
    }
    /// Restarts the generator from `seed` and zeroes the injected counts.
    public func reseed(_ seed: UInt64) {
        lock.withLock {
            _seed = seed
            generator = SplitMix64(seed: seed)
            faultsInjected = 0
            resetsInjected = 0
        }
    }

    /// What to do with one request.
    enum Decision: Sendable, Equatable {
        case none
        case fault(BlobError, retryAfter: Int?)
        case reset
    }

    /// Draws the decision for the next request (always two draws, so sequences stay aligned).
    func decide() -> Decision {
        lock.withLock {
            let a = generator.unit()
            let b = generator.unit()
            if a < _resetRate {
                resetsInjected += 1
                return .reset
            }
            if b < _faultRate {
                faultsInjected += 1
                switch faultsInjected % 4 {
                case 1: return .fault(.serverBusy, retryAfter: 1)
                case 2: return .fault(.operationTimedOut, retryAfter: nil)
                case 3: return .fault(.serverBusy, retryAfter: nil)
                default: return .fault(.operationTimedOut, retryAfter: 1)
                }
            }
            return .none
        }
    }
}
