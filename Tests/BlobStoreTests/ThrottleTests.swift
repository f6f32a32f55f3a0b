import BlobStore
import Foundation
import Testing

// Rates are chosen so every expected wait is a binary fraction and the sums are exact:
// 1 MiB/s = 1,048,576 B/s has a burst of 262,144 B (a quarter second); 1 MB/s has 250,000 B.
private let mebibyte = 1 << 20
private let mebibytePerSecond: @Sendable (Date) -> Int? = { _ in 1 << 20 }

private func bucket(_ clock: VirtualClock, rate: @escaping @Sendable (Date) -> Int?,
                    nextChange: @escaping @Sendable (Date) -> Date? = { _ in nil }) -> TokenBucket {
    TokenBucket(rate: rate, nextChange: nextChange, now: clock.now, sleep: clock.sleep)
}

private func expectSeconds(_ actual: Double, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(actual - expected) < 1e-6, "\(actual) s, expected \(expected) s", sourceLocation: sourceLocation)
}

@Suite struct TokenBucketTests {
    @Test func burstIsAQuarterSecondWithA64KiBFloor() {
        #expect(TokenBucket.burst(forRate: 1_000_000) == 250_000)
        #expect(TokenBucket.burst(forRate: 64_000) == 65_536)  // 512 Kbps
        #expect(TokenBucket.burst(forRate: 127_875_000) == 31_968_750)  // 1023 Mbps
    }

    @Test func sendingNBytesAtRTakesNMinusBurstOverR() async throws {
        let clock = VirtualClock()
        let b = bucket(clock, rate: { _ in 1_000_000 })
        for _ in 0..<10 { try await b.acquire(500_000) }
        // 5,000,000 bytes at 1,000,000 B/s with a full 250,000-byte bucket at the start.
        expectSeconds(clock.elapsed, Double(5_000_000 - 250_000) / 1_000_000)
        #expect(clock.slept.first == 0.25)
        #expect(clock.slept.dropFirst().allSatisfy { $0 == 0.5 })
    }

    @Test func unlimitedNeverSleeps() async throws {
        let clock = VirtualClock()
        let b = bucket(clock, rate: { _ in nil })
        for size in [1, 64 << 10, 16 << 20, 100 << 20] { try await b.acquire(size) }
        #expect(clock.slept.isEmpty)
        #expect(clock.elapsed == 0)
    }

    @Test func rateChangeAtABoundaryMidTransferTakesEffectThere() async throws {
        let clock = VirtualClock()
        let boundary = clock.start + 2
        let b = bucket(clock, rate: { $0 < boundary ? 1_000_000 : 4_000_000 },
                       nextChange: { $0 < boundary ? boundary : nil })
        for _ in 0..<8 { try await b.acquire(1_000_000) }
        // Before the boundary: the 250,000-byte burst plus 2 s at 1 MB/s = 2,250,000 bytes;
        // the other 5,750,000 at 4 MB/s take 1.4375 s. The wait crossing it is cut at 2 s.
        expectSeconds(clock.elapsed, 3.4375)
        #expect(clock.slept == [0.75, 1, 0.25, 0.1875, 0.25, 0.25, 0.25, 0.25, 0.25])
    }

    @Test func unannouncedRateChangeIsNoticedAtTheNextWakeUp() async throws {
        let clock = VirtualClock()
        let boundary = clock.start + 2
        let b = bucket(clock, rate: { $0 < boundary ? 1_000_000 : 4_000_000 })
        for _ in 0..<8 { try await b.acquire(1_000_000) }
        // Without nextChange the wait from 1.75 s sleeps its whole second at 1 MB/s (to 2.75 s);
        // every acquire after that reads 4 MB/s: 5 × 0.25 s. At most recheckInterval (1 s) late.
        expectSeconds(clock.elapsed, 4)
        #expect(clock.slept == [0.75, 1, 1, 0.25, 0.25, 0.25, 0.25, 0.25])
    }

    @Test func bodyLargerThanTheBurstWaitsInProportion() async throws {
        let clock = VirtualClock()
        let b = bucket(clock, rate: mebibytePerSecond)
        try await b.acquire(16 * mebibyte)
        // (16 MiB − 256 KiB) / 1 MiB/s, in sleeps of at most recheckInterval.
        expectSeconds(clock.elapsed, 15.75)
        #expect(clock.slept == Array(repeating: 1, count: 15) + [0.75])
        #expect(b.waiting == 0)
    }

    @Test func concurrentAcquirersAreServedInArrivalOrder() async throws {
        let clock = VirtualClock()
        let b = bucket(clock, rate: mebibytePerSecond)
        clock.hold()
        let sizes = [mebibyte, mebibyte / 2, mebibyte / 4, mebibyte / 8]
        var tasks: [Task<Void, any Error>] = []
        for (i, size) in sizes.enumerated() {
            tasks.append(Task { try await b.acquire(size) })
            if i == 0 {
                try await eventually("the first acquirer to sleep") { clock.sleeping == 1 }
            } else {
                try await eventually("\(i + 1) acquirers queued") { b.waiting == i + 1 }
            }
        }
        clock.release()
        for t in tasks { try await t.value }
        // Each waiter pays its own size once the one before it is done; the sizes differ, so the
        // waits name the order: 1 MiB − 256 KiB, then 512, 256 and 128 KiB at 1 MiB/s.
        #expect(clock.slept == [0.75, 0.5, 0.25, 0.125])
        // Aggregate: (1,966,080 − 262,144) bytes at 1 MiB/s.
        expectSeconds(clock.elapsed, 1.625)
        #expect(b.waiting == 0)
    }

    @Test func cancellationStopsQueuedAndSleepingWaiters() async throws {
        let clock = VirtualClock()
        let b = bucket(clock, rate: mebibytePerSecond)
        clock.hold()
        let sleeping = Task { try await b.acquire(4 * mebibyte) }
        try await eventually("the head to sleep") { clock.sleeping == 1 }
        let queued = Task { try await b.acquire(mebibyte) }
        try await eventually("a second waiter") { b.waiting == 2 }

        queued.cancel()
        await #expect(throws: CancellationError.self) { try await queued.value }
        #expect(b.waiting == 1)
        sleeping.cancel()
        await #expect(throws: CancellationError.self) { try await sleeping.value }
        #expect(b.waiting == 0)

        // The cancelled head's 4 MiB came back: the bucket is full again, so a burst goes at once.
        clock.release()
        try await b.acquire(mebibyte / 4)
        #expect(clock.slept.isEmpty)
        #expect(clock.elapsed == 0)
    }

    @Test func cancelledBeforeAcquiringThrowsAtOnce() async throws {
        let clock = VirtualClock()
        let b = bucket(clock, rate: mebibytePerSecond)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await b.acquire(1)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(b.waiting == 0)
    }
}

@Suite struct ThrottleTests {
    @Test func uploadsAreMeteredAndMetadataIsNot() async throws {
        let clock = VirtualClock()
        let base = InMemoryBlobStore()
        let store = ThrottledBlobStore(base, rate: mebibytePerSecond, now: clock.now, sleep: clock.sleep)
        let ids = (0..<4).map { Data("block-\($0)".utf8).base64EncodedString() }
        for id in ids { try await store.putBlock("big", id: id, body: [UInt8](repeating: 1, count: mebibyte / 2)) }
        _ = try await store.put("small", body: [UInt8](repeating: 2, count: mebibyte))
        // 3 MiB sent with a 256 KiB burst: 0.25 s, then 0.5 s per half-MiB block, then 1 s.
        #expect(clock.slept == [0.25, 0.5, 0.5, 0.5, 1])
        expectSeconds(clock.elapsed, 2.75)

        _ = try await store.putBlockList("big", ids: ids, options: PutOptions())
        _ = try await store.blockList("big")
        _ = try await store.stat("small")
        let listed = try await store.list(prefix: "").collect()
        #expect(listed.map(\.name) == ["big", "small"])
        expectSeconds(clock.elapsed, 2.75)
        #expect(clock.slept.count == 5)
    }

    @Test func downloadsPayBeforeForKnownRangesAndAfterOtherwiseWithRefunds() async throws {
        let clock = VirtualClock()
        let base = InMemoryBlobStore()
        _ = try await base.put("b", body: [UInt8](repeating: 7, count: mebibyte))
        let store = ThrottledBlobStore(base, rate: mebibytePerSecond, now: clock.now, sleep: clock.sleep)

        _ = try await store.get("b", range: ByteRange(offset: 0, count: 786_432))  // 0.5 s of debt
        #expect(try await store.get("b").count == mebibyte)  // paid after arrival: 1 s
        // Asks for 1,310,720 bytes (1.25 s), gets 262,144: the rest comes back, filling the bucket.
        let short = try await store.get("b", range: ByteRange(start: 786_432, end: 2_097_151))
        #expect(short.count == 262_144)
        // A failed read pays 256 KiB and gets it back.
        await #expect(throws: BlobStoreError.self) { try await store.get("missing", range: ByteRange(offset: 0, count: 262_144)) }
        // So this one finds the bucket full again and goes without waiting.
        _ = try await store.get("b", range: ByteRange(offset: 0, count: 262_144))
        #expect(clock.slept == [0.5, 1, 1, 0.25])
        expectSeconds(clock.elapsed, 2.75)
        #expect(store.upload.waiting == 0)
    }

    @Test func concurrentUploadsShareOneRate() async throws {
        let clock = VirtualClock()
        let store = ThrottledBlobStore(InMemoryBlobStore(), rate: mebibytePerSecond, now: clock.now, sleep: clock.sleep)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask { _ = try await store.put("p\(i)", body: [UInt8](repeating: UInt8(i), count: mebibyte / 4)) }
            }
            try await group.waitForAll()
        }
        // 8 × 256 KiB, the first from the burst, the other 7 a quarter second each, in any order.
        #expect(clock.slept == Array(repeating: 0.25, count: 7))
        expectSeconds(clock.elapsed, 1.75)
    }

    @Test func aBodyLargerThanTheBurstIsStoredWhole() async throws {
        let clock = VirtualClock()
        let base = InMemoryBlobStore()
        let store = ThrottledBlobStore(base, rate: { _ in 64_000 }, now: clock.now, sleep: clock.sleep)  // 512 Kbps
        var body = [UInt8](repeating: 0, count: 16 * mebibyte)
        for i in stride(from: 0, to: body.count, by: 4096) { body[i] = UInt8(truncatingIfNeeded: i >> 12) }
        _ = try await store.put("pack", body: body)
        #expect(try await base.get("pack") == body)
        // (16 MiB − 64 KiB floor burst) at 64,000 B/s.
        expectSeconds(clock.elapsed, Double(16 * mebibyte - 65_536) / 64_000)
    }
}
