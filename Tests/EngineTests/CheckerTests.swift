import BlobStore
import Foundation
import Repository
import RepositoryFormat
import SampleData
import Testing

@testable import Engine

@Suite struct CheckerTests {
    func backedUp() async throws -> (InMemoryBlobStore, Repository<InMemoryBlobStore>, TempStore) {
        let local = TempStore()
        try local.addSource("fs01-bmr")
        try local.addPoint("fs01-bmr", "2026-11-21T220000Z", files: ["disk.vhdx": BMRImage.image(size: 4 << 20, seed: 9), "a/b.txt": Array("hello".utf8)])
        let cloud = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: cloud, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
        _ = try await BackupJob(repository: repo, store: LocalStore(root: local.root)).run(source: "fs01-bmr", point: "2026-11-21T220000Z", index: RepositoryIndex())
        return (cloud, repo, local)
    }

    @Test func aFreshRepositoryChecksClean() async throws {
        let (_, repo, local) = try await backedUp()
        defer { local.remove() }
        let report = try await Checker(repository: repo).run(readData: true)
        #expect(report.errors.isEmpty)
        #expect(report.warnings.isEmpty)
        #expect(report.points == 1 && report.packs >= 1 && report.blobs > 10 && report.bytesRead > 0)
    }

    @Test func aMissingPackIsAnErrorNamingItAndTheFilesItAffects() async throws {
        let (cloud, repo, local) = try await backedUp()
        defer { local.remove() }
        let pack = try #require(try await cloud.list(prefix: "data/").collect().first)
        try await cloud.delete(pack.name)
        let report = try await Checker(repository: repo).run(readData: false)
        #expect(report.errors.contains { $0.contains(pack.name) && $0.contains("missing") })
    }

    @Test func aFlippedByteIsFoundOnlyByReadData() async throws {
        let (cloud, repo, local) = try await backedUp()
        defer { local.remove() }
        let packs = try await cloud.list(prefix: "data/").collect().sorted { $0.size > $1.size }
        let pack = try #require(packs.first)
        var bytes = try await cloud.get(pack.name)
        bytes[100] ^= 0xFF
        _ = try await cloud.put(pack.name, body: bytes)
        #expect(try await Checker(repository: repo).run(readData: false).errors.isEmpty)
        let deep = try await Checker(repository: repo).run(readData: true)
        #expect(deep.errors.contains { $0.contains(pack.name) })
    }

    @Test func anUnreferencedPackIsOnlyAWarning() async throws {
        let (cloud, repo, local) = try await backedUp()
        defer { local.remove() }
        _ = try await cloud.put("data/ab/" + String(repeating: "ab", count: 32), body: [1, 2, 3])
        let report = try await Checker(repository: repo).run(readData: false)
        #expect(report.errors.isEmpty)
        #expect(report.warnings.count == 1)
    }
}
