import BlobStore
import Synchronization
import Testing

/// A store that fails the first `failures` calls of `put` with the given error, then delegates.
final class FlakyStore: ForwardingBlobStore, Sendable {
    let base = InMemoryBlobStore()
    let remaining: Mutex<Int>
    let error: BlobStoreError
    let calls = Mutex(0)

    init(failures: Int, error: BlobStoreError) {
        remaining = Mutex(failures)
        self.error = error
    }

    func failIfDue() throws {
        calls.withLock { $0 += 1 }
        let fail = remaining.withLock { r -> Bool in
            defer { r -= 1 }
            return r > 0
        }
        if fail { throw error }
    }

    func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        try failIfDue()
        return try await base.put(name, body: body, options: options)
    }
}

/// Records the waits a retrying store asks for instead of sleeping.
final class RecordedSleeps: Sendable {
    let waits = Mutex<[Double]>([])
    var sleep: @Sendable (Double) async throws -> Void { { s in self.waits.withLock { $0.append(s) } } }
}

@Suite struct RetryTests {
    let busy = BlobStoreError(.retryable, blob: "c/x", status: 503, code: "ServerBusy", message: "busy")

    @Test func retriesRetryableErrorsThenSucceeds() async throws {
        let flaky = FlakyStore(failures: 3, error: busy)
        let sleeps = RecordedSleeps()
        let store = RetryingBlobStore(flaky, policy: RetryPolicy(random: { 0.5 }), sleep: sleeps.sleep)
        _ = try await store.put("x", body: [1])
        #expect(flaky.calls.withLock { $0 } == 4)
        // equal jitter with random 0.5: 0.75 × (0.5, 1, 2)
        #expect(sleeps.waits.withLock { $0 } == [0.375, 0.75, 1.5])
        #expect(try await store.get("x") == [1])
    }

    @Test func neverRetriesAuthenticationErrors() async throws {
        let denied = BlobStoreError(.authentication, blob: "c/x", status: 403, code: "AuthenticationFailed", message: "no")
        let flaky = FlakyStore(failures: 1, error: denied)
        let store = RetryingBlobStore(flaky, sleep: RecordedSleeps().sleep)
        await #expect(throws: denied) { try await store.put("x", body: [1]) }
        #expect(flaky.calls.withLock { $0 } == 1)
    }

    @Test func givesUpAfterMaxAttemptsNamingTheBlobAndCode() async throws {
        let flaky = FlakyStore(failures: 100, error: busy)
        let store = RetryingBlobStore(flaky, policy: RetryPolicy(maxAttempts: 4), sleep: RecordedSleeps().sleep)
        do {
            _ = try await store.put("x", body: [1])
            Issue.record("expected failure")
        } catch let e as BlobStoreError {
            #expect(flaky.calls.withLock { $0 } == 4)
            #expect(e.description.contains("c/x"))
            #expect(e.description.contains("ServerBusy"))
            #expect(e.description.contains("gave up after 4 attempts"))
            #expect(!e.description.contains("\n"))
        }
    }

    @Test func unreachableEndpointsGetFewerAttempts() {
        let refused = BlobStoreError(.retryable, blob: "c", code: BlobStoreError.connectFailed, message: "refused")
        let policy = RetryPolicy(maxAttempts: 8, maxConnectAttempts: 3, random: { 0 })
        #expect(policy.decide(refused, attempt: 2) != .giveUp)
        #expect(policy.decide(refused, attempt: 3) == .giveUp)
        #expect(policy.decide(busy, attempt: 3) != .giveUp)
    }

    @Test func honoursRetryAfterWithinTheCap() {
        var e = busy
        e.retryAfter = 7
        let policy = RetryPolicy(maxDelay: 5, random: { 0 })
        #expect(policy.decide(e, attempt: 1) == .retry(after: 5))
        #expect(RetryPolicy(random: { 0 }).decide(e, attempt: 1) == .retry(after: 7))
    }

    @Test func backoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 20, baseDelay: 1, maxDelay: 8, random: { 0.999 })
        let waits = (1...6).map { attempt -> Double in
            if case .retry(let s) = policy.decide(busy, attempt: attempt) { return s } else { return -1 }
        }
        #expect(waits[0] < waits[1] && waits[1] < waits[2] && waits[2] < waits[3])
        #expect(waits[4] <= 8 && waits[5] <= 8)
    }

    @Test func cancellationStopsRetrying() async throws {
        let flaky = FlakyStore(failures: 1000, error: busy)
        let store = RetryingBlobStore(flaky, policy: RetryPolicy(maxAttempts: 1000, baseDelay: 0.001, maxDelay: 0.001))
        let task = Task { try await store.put("x", body: [1]) }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
