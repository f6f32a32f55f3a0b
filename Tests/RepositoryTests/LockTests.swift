import BlobStore
import Foundation
import Synchronization
import Testing

@testable import Repository
@testable import RepositoryFormat

/// A clock tests move by hand.
final class TestClock: Sendable {
    let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
    func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite struct LockTests {
    let kdf = PassphraseKDF(n: 1 << 10, r: 8, p: 1)

    @Test func sharedLocksCoexistAndAreRemovedAfterwards() async throws {
        let store = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "p", kdf: kdf)
        let seen = try await repo.withLock(exclusive: false) {
            try await repo.withLock(exclusive: false) { try await repo.liveLocks().count }
        }
        #expect(seen == 2)
        #expect(try await store.list(prefix: "locks/").collect().isEmpty)
    }

    @Test func aLockBeingTakenIsNotDeletedAsStale() async throws {
        let store = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "p", kdf: kdf)
        // Written, not leased yet: another gateway between saving its lock and leasing it.
        _ = try await repo.saveSealed(Array(try JSONEncoder().encode(RepositoryLock(host: "gw2", pid: 7, created: "t", exclusive: false))), prefix: "locks")
        #expect(try await repo.liveLocks().isEmpty)
        #expect(try await store.list(prefix: "locks/").collect().count == 1)
    }

    @Test func anExclusiveLockWaitsForNoOneAndIsRefusedWhileABackupRuns() async throws {
        let store = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "p", kdf: kdf)
        try await repo.withLock(exclusive: false) {
            await #expect(throws: LockConflict.self) { try await repo.withLock(exclusive: true) {} }
        }
        try await repo.withLock(exclusive: true) {
            await #expect(throws: LockConflict.self) { try await repo.withLock(exclusive: false) {} }
        }
        #expect(try await store.list(prefix: "locks/").collect().isEmpty)
    }

    @Test func aDeadHoldersLockLapsesWithItsLease() async throws {
        let clock = TestClock()
        let store = InMemoryBlobStore(now: clock.read)
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "p", kdf: kdf)
        // A holder that died: its lock object stays, leased, never renewed.
        let name = try await repo.saveSealed(Array(try JSONEncoder().encode(RepositoryLock(host: "gw2", pid: 7, created: "t", exclusive: false))), prefix: "locks")
        _ = try await store.lease(name, .acquire(seconds: RepositoryLock.leaseSeconds, proposedID: nil))
        await #expect(throws: LockConflict.self) { try await repo.withLock(exclusive: true) {} }
        clock.advance(Double(RepositoryLock.leaseSeconds + 1))
        #expect(try await repo.liveLocks().isEmpty)
        // Its object is gone too, so lapsed locks do not pile up.
        #expect(try await store.list(prefix: "locks/").collect().isEmpty)
        try await repo.withLock(exclusive: true) {}
    }
}

/// A store whose lease renewals fail: a holder cut off from the service.
final class NoRenewals: ForwardingBlobStore, Sendable {
    let base: InMemoryBlobStore
    init(base: InMemoryBlobStore) { self.base = base }

    func lease(_ name: String, _ request: LeaseRequest) async throws -> LeaseResponse {
        if case .renew = request { throw BlobStoreError(.permanent, blob: name, code: "LeaseLost", message: "lease lost") }
        return try await base.lease(name, request)
    }
}

@Suite struct LostLockTests {
    @Test func aJobWhoseLeaseCannotBeRenewedStopsBeforeWritingAManifest() async throws {
        let memory = InMemoryBlobStore()
        _ = try await Repository.initialize(store: memory, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
        let repo = try await Repository.open(store: NoRenewals(base: memory), container: "c", passphrase: "p")
        let manifest = Manifest(source: "s", kind: "bmr", server: "x", point: "2026-11-21T220000Z", uploaded: "t", tree: BlobID(Array(repeating: 1, count: 32))!, files: 0, bytes: 0, host: "h")
        await #expect(throws: LockConflict.self) {
            try await repo.withLock(exclusive: false, renewEvery: .milliseconds(5)) {
                // Work on until the failed renewal is noticed (however slowly the machine runs).
                let deadline = Date().addingTimeInterval(30)
                while Date() < deadline, (try? Repository<NoRenewals>.checkLockHeld()) != nil {
                    try await Task.sleep(for: .milliseconds(5))
                }
                _ = try await repo.saveManifest(manifest)
            }
        }
        #expect(try await memory.list(prefix: "points/").collect().isEmpty, "no manifest without a live lock")
        // Outside any lock, nothing is checked.
        #expect(try await repo.saveManifest(manifest).hasPrefix("points/"))
    }
}

/// Read-only credentials: every write is refused as the service refuses a read-only SAS.
final class ReadOnlyStore: ForwardingBlobStore, Sendable {
    let base: InMemoryBlobStore
    init(base: InMemoryBlobStore) { self.base = base }

    func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        throw BlobStoreError(.authentication, blob: name, status: 403, code: "AuthorizationPermissionMismatch", message: "This request is not authorized to perform this operation using this permission.")
    }
}

@Suite struct ReaderLockTests {
    @Test func readersLockWhenTheyMayAndReadUnlockedWithReadOnlyCredentials() async throws {
        let memory = InMemoryBlobStore()
        let writable = try await Repository.initialize(store: memory, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
        let locksSeen = try await writable.withReaderLock { try await writable.liveLocks().count }
        #expect(locksSeen == 1)

        let readOnly = try await Repository.open(store: ReadOnlyStore(base: memory), container: "c", passphrase: "p")
        #expect(try await readOnly.withReaderLock { try await readOnly.liveLocks().count } == 0)
        // A refusal inside the body is the body's error, not a reason to run it twice.
        let runs = Mutex(0)
        await #expect(throws: BlobStoreError.self) {
            try await writable.withReaderLock {
                runs.withLock { $0 += 1 }
                _ = try await readOnly.saveSealed([1], prefix: "index")
            }
        }
        #expect(runs.withLock { $0 } == 1)
    }
}
