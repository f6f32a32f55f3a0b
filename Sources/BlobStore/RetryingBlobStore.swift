import Logging

/// A decorator that retries a store's retryable failures under a `RetryPolicy`.
///
/// Every body is an in-memory array, so it can always be sent again. Cancellation is checked
/// before every attempt and during every wait.
public struct RetryingBlobStore<Base: BlobStore>: BlobStore {
    /// The decorated store.
    public let base: Base
    /// The policy that decides each retry.
    public let policy: RetryPolicy
    private let logger: Logger
    private let sleep: @Sendable (Double) async throws -> Void

    /// Wraps `base`; `sleep` waits the given seconds (injected so tests need not wait).
    public init(
        _ base: Base, policy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "tiergate.retry"),
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.base = base
        self.policy = policy
        self.logger = logger
        self.sleep = sleep
    }

    public var properties: BlobStoreProperties { base.properties }

    /// Runs `operation` until it succeeds, the policy gives up, or the task is cancelled.
    func retrying<T: Sendable>(_ what: String, _ operation: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            try Task.checkCancellation()
            do {
                return try await operation()
            } catch {
                switch policy.decide(error, attempt: attempt) {
                case .giveUp:
                    if attempt > 1, var e = error as? BlobStoreError {
                        e.message += " (gave up after \(attempt) attempts)"
                        throw e
                    }
                    throw error
                case .retry(let seconds):
                    logger.debug("retrying \(what) in \(seconds)s after attempt \(attempt): \(error)")
                    try await sleep(seconds)
                    attempt += 1
                }
            }
        }
    }

    public func createContainer() async throws -> Bool {
        try await retrying("create container") { try await base.createContainer() }
    }

    public func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        try await retrying(name) { try await base.put(name, body: body, options: options) }
    }

    public func putBlock(_ name: String, id: String, body: [UInt8], crc64: UInt64?) async throws {
        try await retrying(name) { try await base.putBlock(name, id: id, body: body, crc64: crc64) }
    }

    public func putBlockList(_ name: String, ids: [String], options: PutOptions) async throws -> BlobInfo {
        try await retrying(name) { try await base.putBlockList(name, ids: ids, options: options) }
    }

    public func blockList(_ name: String) async throws -> BlockList {
        try await retrying(name) { try await base.blockList(name) }
    }

    public func get(_ name: String, range: ByteRange?) async throws -> [UInt8] {
        try await retrying(name) { try await base.get(name, range: range) }
    }

    public func stat(_ name: String) async throws -> BlobInfo {
        try await retrying(name) { try await base.stat(name) }
    }

    public func list(prefix: String) -> BlobListing {
        let inner = base.list(prefix: prefix)
        return BlobListing { marker in
            try await retrying("list \(prefix)") { try await inner.page(after: marker) }
        }
    }

    public func delete(_ name: String, leaseID: String?) async throws {
        try await retrying(name) { try await base.delete(name, leaseID: leaseID) }
    }

    public func lease(_ name: String, _ request: LeaseRequest) async throws -> LeaseResponse {
        try await retrying(name) { try await base.lease(name, request) }
    }

    public func setTier(_ name: String, tier: AccessTier) async throws {
        try await retrying(name) { try await base.setTier(name, tier: tier) }
    }
}
