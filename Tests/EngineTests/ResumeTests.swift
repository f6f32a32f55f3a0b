import BlobStore
import Foundation
import Repository
import RepositoryFormat
import SampleData
import Synchronization
import Testing

@testable import Engine

/// A store whose pack uploads fail after `allowed` of them: a job killed mid-point.
final class DyingStore: ForwardingBlobStore, Sendable {
    let base: InMemoryBlobStore
    let allowed: Int
    let packs = Mutex(0)

    init(base: InMemoryBlobStore, allowed: Int) {
        self.base = base
        self.allowed = allowed
    }

    func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        if name.hasPrefix("data/"), packs.withLock({ n -> Bool in n += 1; return n > allowed }) {
            throw BlobStoreError(.retryable, blob: name, code: "TransportError", message: "connection lost")
        }
        return try await base.put(name, body: body, options: options)
    }
}

@Suite struct ResumeTests {
    @Test func aJobKilledMidPointLeavesACheckableRepositoryAndTheNextRunSendsOnlyTheRest() async throws {
        let local = TempStore()
        defer { local.remove() }
        try local.addSource("fs01-bmr")
        try local.addPoint("fs01-bmr", "2026-11-21T220000Z", files: ["disk.vhdx": BMRImage.image(size: 12 << 20, seed: 4)])
        let memory = InMemoryBlobStore()
        let kdf = PassphraseKDF(n: 1 << 10, r: 8, p: 1)
        _ = try await Repository.initialize(store: memory, container: "c", passphrase: "p", kdf: kdf)

        // What a whole run stores, in a repository of its own.
        let other = try await Repository.initialize(store: InMemoryBlobStore(), container: "o", passphrase: "p", kdf: kdf)
        let reference = try await BackupJob(repository: other, store: LocalStore(root: local.root), workers: 2, packSize: 1 << 20)
            .run(source: "fs01-bmr", point: "2026-11-21T220000Z", index: RepositoryIndex())

        // First attempt: dies after 3 packs of 1 MiB, with a checkpoint after every pack.
        let dying = try await Repository.open(store: DyingStore(base: memory, allowed: 3), container: "c", passphrase: "p")
        let first = BackupJob(repository: dying, store: LocalStore(root: local.root), workers: 2, packSize: 1 << 20, checkpointPacks: 1)
        await #expect(throws: BlobStoreError.self) { _ = try await first.run(source: "fs01-bmr", point: "2026-11-21T220000Z", index: RepositoryIndex()) }
        #expect(try await memory.list(prefix: "points/").collect().isEmpty, "no point is visible")
        #expect(try await memory.list(prefix: "index/").collect().count >= 2, "checkpoints were written")
        #expect(reference.bytesUploaded > 4 << 20, "the point needs more packs than the first attempt could send")

        let repo = try await Repository.open(store: memory, container: "c", passphrase: "p")
        let afterKill = try await Checker(repository: repo).run(readData: true)
        #expect(afterKill.errors.isEmpty, "\(afterKill.errors)")

        // Second run: only what the checkpoints do not cover goes up.
        let full = BackupJob(repository: repo, store: LocalStore(root: local.root), workers: 2, packSize: 1 << 20, checkpointPacks: 1)
        let index = try await repo.loadIndex()
        #expect(index.blobs.count > 0)
        let second = try await full.run(source: "fs01-bmr", point: "2026-11-21T220000Z", index: index)
        #expect(second.bytesNew < reference.bytesNew - (1 << 20), "resumed: \(second.bytesNew) new against \(reference.bytesNew) for a whole run")
        let final = try await Checker(repository: repo).run(readData: true)
        #expect(final.errors.isEmpty)
        #expect(final.points == 1)
    }
}
