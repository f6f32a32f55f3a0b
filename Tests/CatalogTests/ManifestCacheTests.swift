import BlobStore
import Foundation
import GRDB
import Repository
import RepositoryFormat
import Synchronization
import Testing

@testable import Catalog

/// A store counting reads of manifests.
final class CountingManifestReads: ForwardingBlobStore, Sendable {
    let base: InMemoryBlobStore
    let reads = Mutex(0)

    init(base: InMemoryBlobStore) { self.base = base }

    func get(_ name: String, range: ByteRange?) async throws -> [UInt8] {
        if name.hasPrefix("points/") { reads.withLock { $0 += 1 } }
        return try await base.get(name, range: range)
    }
}

@Suite struct ManifestCacheTests {
    let state = NSTemporaryDirectory() + "tiergate-state-\(UUID().uuidString)"

    func manifest(_ point: String) -> Manifest {
        Manifest(source: "fs01-bmr", kind: "bmr", server: "fs01", point: point, uploaded: "2026-11-22T00:00:00Z",
                 tree: BlobID(Array(repeating: UInt8(point.count), count: 32))!, files: 3, bytes: 1234, host: "gw1")
    }

    @Test func eachManifestIsDownloadedOnceAndTheCacheFollowsTheCloud() async throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let memory = InMemoryBlobStore()
        _ = try await Repository.initialize(store: memory, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
        let counting = CountingManifestReads(base: memory)
        let repo = try await Repository.open(store: counting, container: "c", passphrase: "p")
        var names: [String] = []
        for p in ["2026-11-20T220000Z", "2026-11-21T220000Z", "2026-11-22T220000Z"] { names.append(try await repo.saveManifest(manifest(p))) }
        let catalog = try Catalog(stateDirectory: state, repositoryID: repo.config.id)

        let first = try await catalog.syncManifests(from: repo)
        #expect(first.map(\.manifest) == [manifest("2026-11-20T220000Z"), manifest("2026-11-21T220000Z"), manifest("2026-11-22T220000Z")])
        #expect(counting.reads.withLock { $0 } == 3)

        // Nothing new: a listing, no manifest read, the same answer (tree and host included).
        let second = try await catalog.syncManifests(from: repo)
        #expect(second.map(\.name) == first.map(\.name) && second.map(\.manifest) == first.map(\.manifest))
        #expect(counting.reads.withLock { $0 } == 3)

        // One expired in the cloud, one new: only the new one is read; the expired one is gone.
        try await memory.delete(names[0], leaseID: nil)
        _ = try await repo.saveManifest(manifest("2026-11-23T220000Z"))
        let third = try await catalog.syncManifests(from: repo)
        #expect(third.map(\.manifest.point) == ["2026-11-21T220000Z", "2026-11-22T220000Z", "2026-11-23T220000Z"])
        #expect(counting.reads.withLock { $0 } == 4)
        #expect(try catalog.points().map(\.point) == third.map(\.manifest.point))

        // A row cached before manifests were kept whole (no tree) is read once more.
        let stale = names[1]
        try await catalog.pool.write { try $0.execute(sql: "UPDATE point SET tree = NULL WHERE manifest = ?", arguments: [stale]) }
        let fourth = try await catalog.syncManifests(from: repo)
        #expect(fourth.map(\.manifest) == third.map(\.manifest))
        #expect(counting.reads.withLock { $0 } == 5)
    }
}
