import BlobStore
import Foundation
import Repository
import RepositoryFormat
import Testing

@testable import Catalog

@Suite struct CatalogTests {
    let state = NSTemporaryDirectory() + "tiergate-state-\(UUID().uuidString)"

    func repositoryWithTwoIndexFiles() async throws -> (InMemoryBlobStore, Repository<InMemoryBlobStore>) {
        let store = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
        let uploader = PackUploader(repository: repo, targetSize: 1 << 10)
        let codec = repo.keys.codec
        let compressor = ZstdCompressor()
        for i in 0..<40 {
            let plain = Array("chunk \(i) ".utf8) + [UInt8](repeating: UInt8(i), count: 300)
            let id = plain.withUnsafeBytes { codec.id(of: $0) }
            try await uploader.add(type: .data, id: id, sealed: plain.withUnsafeBytes { codec.encode($0, id: id, compressor: compressor) }, plainLength: plain.count)
            if i == 19 { try await uploader.uploadPack(); try await uploader.flushIndex() }
        }
        try await uploader.uploadPack()
        try await uploader.flushIndex()
        return (store, repo)
    }

    @Test func syncMatchesTheCloudIndexAndIsRebuiltWhenDeleted() async throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let (_, repo) = try await repositoryWithTwoIndexFiles()
        let cloudIndex = try await repo.loadIndex()
        #expect(cloudIndex.blobs.count == 40)
        let catalog = try Catalog(stateDirectory: state, repositoryID: repo.config.id)
        let synced = try await catalog.syncIndex(from: repo)
        #expect(synced.blobs == cloudIndex.blobs)
        #expect(try catalog.indexFileNames().count == 2)
        // A second sync reads nothing new and gives the same index.
        #expect(try await catalog.syncIndex(from: repo).blobs == cloudIndex.blobs)

        try FileManager.default.removeItem(atPath: catalog.path)
        let rebuilt = try Catalog(stateDirectory: state, repositoryID: repo.config.id)
        #expect(try await rebuilt.syncIndex(from: repo).blobs == cloudIndex.blobs)
    }

    @Test func indexFilesDeletedInTheCloudAreForgotten() async throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let (store, repo) = try await repositoryWithTwoIndexFiles()
        let catalog = try Catalog(stateDirectory: state, repositoryID: repo.config.id)
        _ = try await catalog.syncIndex(from: repo)
        let gone = try #require(try await repo.indexFileNames().first)
        try await store.delete(gone)
        let after = try await catalog.syncIndex(from: repo)
        #expect(after.blobs == (try await repo.loadIndex()).blobs)
        #expect(after.blobs.count == 20)
        #expect(!(try catalog.indexFileNames()).contains(gone))
    }

    @Test func jobHistoryIsKept() throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let catalog = try Catalog(stateDirectory: state, repositoryID: "abc")
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let a = try catalog.startJob(kind: "backup", source: "fs01-bmr", point: "2026-11-21T220000Z", at: t0)
        try catalog.finishJob(a, at: t0.addingTimeInterval(5), succeeded: true, bytesRead: 10, bytesNew: 4, bytesUploaded: 3)
        let b = try catalog.startJob(kind: "backup", source: "fs01-bmr", point: nil, at: t0.addingTimeInterval(60))
        try catalog.finishJob(b, at: t0.addingTimeInterval(61), succeeded: false, message: "point vanished")
        _ = try catalog.startJob(kind: "backup", source: "other", point: nil, at: t0)
        let jobs = try catalog.jobs(source: "fs01-bmr")
        #expect(jobs.map(\.outcome) == ["failed", "succeeded"])
        #expect(jobs[1].bytesNew == 4 && jobs[1].finished == t0.addingTimeInterval(5))
        #expect(jobs[0].message == "point vanished")
        #expect(try catalog.jobs().count == 3)
    }

    @Test func anUnwritableStateFolderIsAOneLineError() {
        #expect(throws: CatalogError.self) { try Catalog(stateDirectory: "/proc/tiergate-cannot-be-here", repositoryID: "x") }
    }
}
