import BlobStore
import Catalog
import Foundation
import Repository
import RepositoryFormat
import Synchronization
import Testing

@testable import Engine

/// A local store, an in-memory repository and a catalog, with helpers to back points up,
/// delete their manifests and read them back.
struct PruneFixture {
    let local = TempStore()
    let cloud = InMemoryBlobStore()
    let repo: Repository<InMemoryBlobStore>
    let state = NSTemporaryDirectory() + "tiergate-prune-state-\(UUID().uuidString)"
    static let source = "fs01-bmr"

    init() async throws {
        try local.addSource(Self.source)
        repo = try await Repository.initialize(store: cloud, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
    }

    /// The catalog of the repository (one database per fixture; a second call opens the same).
    func catalog() throws -> Catalog { try Catalog(stateDirectory: state, repositoryID: repo.config.id) }

    /// Adds `files` as a point and backs it up in packs of `packSize`.
    func backUp(_ point: String, files: [String: [UInt8]], packSize: Int = 1 << 20) async throws {
        try local.addPoint(Self.source, point, files: files)
        _ = try await BackupJob(repository: repo, store: LocalStore(root: local.root), workers: 1, packSize: packSize)
            .run(source: Self.source, point: point, index: try await repo.loadIndex())
    }

    /// Deletes a point's manifest (what retention does before prune).
    func deletePoint(_ point: String) async throws {
        let name = try #require(try await repo.loadManifests().first { $0.manifest.point == point }?.name)
        try await cloud.delete(name)
    }

    /// Every object but locks, with its size.
    func objects() async throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        for info in try await cloud.list(prefix: "").collect() where !info.name.hasPrefix("locks/") { out[info.name] = info.size }
        return out
    }

    func names(_ prefix: String) async throws -> Set<String> { Set(try await cloud.list(prefix: prefix).collect().map(\.name)) }

    /// A full check reading every byte.
    func check() async throws -> Checker<InMemoryBlobStore>.Report {
        try await Checker(repository: repo).run(readData: true)
    }

    /// Every file of `point` read back from the cloud, by path.
    func readBack(_ point: String) async throws -> [String: [UInt8]] {
        let index = try await repo.loadIndex()
        let manifest = try #require(try await repo.loadManifests().first { $0.manifest.point == point }?.manifest)
        var out: [String: [UInt8]] = [:]
        for e in try await PointTree.entries(root: manifest.tree, repository: repo, index: index) where e.node.kind == .file {
            out[e.path] = try await repo.readFile(e.node, index: index)
        }
        return out
    }

    func remove() {
        local.remove()
        try? FileManager.default.removeItem(atPath: state)
    }
}

/// Incompressible bytes.
func randomBytes(_ count: Int) -> [UInt8] { SecureRandom.bytes(count) }

/// A store that dies after `allowed` writes or deletes of packs and index files: a prune
/// killed mid-way. Once dead, every later write or delete of them fails too.
final class DyingWrites: ForwardingBlobStore, Sendable {
    let base: InMemoryBlobStore
    let allowed: Int
    let operations = Mutex(0)

    init(base: InMemoryBlobStore, allowed: Int) {
        self.base = base
        self.allowed = allowed
    }

    private func step(_ name: String) throws {
        guard name.hasPrefix("data/") || name.hasPrefix("index/") else { return }
        if operations.withLock({ n -> Bool in n += 1; return n > allowed }) {
            throw BlobStoreError(.retryable, blob: name, code: "TransportError", message: "killed")
        }
    }

    func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        try step(name)
        return try await base.put(name, body: body, options: options)
    }

    func delete(_ name: String, leaseID: String?) async throws {
        try step(name)
        try await base.delete(name, leaseID: leaseID)
    }
}

/// A store counting reads of index files.
final class CountingIndexReads: ForwardingBlobStore, Sendable {
    let base: InMemoryBlobStore
    let indexReads = Mutex(0)

    init(base: InMemoryBlobStore) { self.base = base }

    func get(_ name: String, range: ByteRange?) async throws -> [UInt8] {
        if name.hasPrefix("index/") { indexReads.withLock { $0 += 1 } }
        return try await base.get(name, range: range)
    }
}

/// The catalog, counting the location lookups the prune makes through it (SQL).
final class CountingCatalog: PruneCatalog {
    let base: Catalog
    let lookups = Mutex(0)

    init(base: Catalog) { self.base = base }

    func location(of id: BlobID) throws -> BlobLocation? {
        lookups.withLock { $0 += 1 }
        return try base.location(of: id)
    }
    func syncIndexFiles<S: BlobStore>(from repository: Repository<S>) async throws -> (added: Int, removed: Int) {
        try await base.syncIndexFiles(from: repository)
    }
    func addIndexFile(_ name: String, _ file: IndexFile) throws { try base.addIndexFile(name, file) }
    func removeIndexFiles(_ names: Set<String>) throws { try base.removeIndexFiles(names) }
    func beginPrune() throws { try base.beginPrune() }
    func endPrune() throws { try base.endPrune() }
    func mark(blobs: [BlobID], trees: [BlobID]) throws { try base.mark(blobs: blobs, trees: trees) }
    func isTreeMarked(_ id: BlobID) throws -> Bool { try base.isTreeMarked(id) }
    func markedCount() throws -> Int { try base.markedCount() }
    func recordStoredPacks(_ packs: [StoredPack]) throws { try base.recordStoredPacks(packs) }
    func locateMarked() throws -> MissingBlobs? { try base.locateMarked() }
    func packUsage() throws -> [PackUsage] { try base.packUsage() }
    func setPackActions(_ actions: [(pack: BlobID, action: PackAction)]) throws { try base.setPackActions(actions) }
    func preferKeptCopies() throws -> Int { try base.preferKeptCopies() }
    func planIndexFiles() throws -> [String] { try base.planIndexFiles() }
    func usedEntries(pack: BlobID) throws -> [PackEntry] { try base.usedEntries(pack: pack) }
    func uncoveredEntries(pack: BlobID) throws -> [PackEntry] { try base.uncoveredEntries(pack: pack) }
}

/// A store whose pack reads take a little while, recording how many run at once at most.
final class SlowPackReads: ForwardingBlobStore, Sendable {
    let base: InMemoryBlobStore
    private let state = Mutex((now: 0, most: 0, total: 0))

    init(base: InMemoryBlobStore) { self.base = base }

    var mostAtOnce: Int { state.withLock { $0.most } }
    var total: Int { state.withLock { $0.total } }

    func get(_ name: String, range: ByteRange?) async throws -> [UInt8] {
        guard name.hasPrefix("data/") else { return try await base.get(name, range: range) }
        state.withLock {
            $0.now += 1
            $0.total += 1
            $0.most = max($0.most, $0.now)
        }
        defer { state.withLock { $0.now -= 1 } }
        try await Task.sleep(for: .milliseconds(20))
        return try await base.get(name, range: range)
    }
}
