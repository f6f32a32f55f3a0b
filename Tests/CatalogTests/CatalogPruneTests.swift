import BlobStore
import Foundation
import Repository
import RepositoryFormat
import Testing

@testable import Catalog

@Suite struct CatalogPruneTests {
    let state = NSTemporaryDirectory() + "tiergate-state-\(UUID().uuidString)"

    /// 40 chunks in small packs (about 4 blobs each): chunks 0-19 in one index file, 20-39 in
    /// another; returns the chunk ids in order.
    func repository() async throws -> (InMemoryBlobStore, Repository<InMemoryBlobStore>, [BlobID]) {
        let store = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
        let uploader = PackUploader(repository: repo, targetSize: 1 << 10)
        var ids: [BlobID] = []
        for i in 0..<40 {
            let plain = Array("chunk \(i) ".utf8) + [UInt8](repeating: UInt8(i), count: 300)
            ids.append(try await add(plain, to: uploader, repo: repo))
            if i == 19 { try await uploader.uploadPack(); try await uploader.flushIndex() }
        }
        try await uploader.uploadPack()
        try await uploader.flushIndex()
        return (store, repo, ids)
    }

    func add(_ plain: [UInt8], to uploader: PackUploader<InMemoryBlobStore>, repo: Repository<InMemoryBlobStore>) async throws -> BlobID {
        let codec = repo.keys.codec
        let id = plain.withUnsafeBytes { codec.id(of: $0) }
        try await uploader.add(type: .data, id: id, sealed: plain.withUnsafeBytes { codec.encode($0, id: id, compressor: ZstdCompressor()) }, plainLength: plain.count)
        return id
    }

    func storedPacks(_ store: InMemoryBlobStore) async throws -> [StoredPack] {
        try await store.list(prefix: "data/").collect().map { StoredPack(id: IndexFile.packID(fromName: $0.name)!, size: $0.size) }
    }

    @Test func syncWithoutTheInMemoryIndexAndLookUpLocationsThroughSQL() async throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let (store, repo, ids) = try await repository()
        let catalog = try Catalog(stateDirectory: state, repositoryID: repo.config.id)
        #expect(try await catalog.syncIndexFiles(from: repo) == (added: 2, removed: 0))
        let index = try await repo.loadIndex()
        for id in ids { #expect(try catalog.location(of: id) == index.blobs[id]) }
        #expect(try catalog.location(of: BlobID([UInt8](repeating: 9, count: 32))!) == nil)
        #expect(try await catalog.syncIndexFiles(from: repo) == (added: 0, removed: 0))

        let gone = try #require(try await repo.indexFileNames().first)
        let goneIDs = try await repo.loadIndexFile(gone).packs.flatMap(\.blobs).map(\.id)
        try await store.delete(gone)
        #expect(try await catalog.syncIndexFiles(from: repo) == (added: 0, removed: 1))
        #expect(goneIDs.count == 20)
        for id in goneIDs { #expect(try catalog.location(of: id) == nil) }
    }

    @Test func theWorkTablesMarkPlanAndListEntriesPerPack() async throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let (store, repo, ids) = try await repository()
        let catalog = try Catalog(stateDirectory: state, repositoryID: repo.config.id)
        try await catalog.syncIndexFiles(from: repo)
        let files = try await repo.indexFileNames()
        let firstFile = try #require(try await files.asyncFirst { try await repo.loadIndexFile($0).packs.flatMap(\.blobs).contains { $0.id == ids[0] } })
        let first = try await repo.loadIndexFile(firstFile)
        let secondFile = try #require(files.first { $0 != firstFile })

        try catalog.beginPrune()
        try catalog.recordStoredPacks(try await storedPacks(store))
        try catalog.mark(blobs: Array(ids[0..<10]), trees: [ids[0]])
        try catalog.mark(blobs: Array(ids[5..<20]), trees: [])
        #expect(try catalog.markedCount() == 20, "marks are set-like")
        #expect(try catalog.isTreeMarked(ids[0]) && !(try catalog.isTreeMarked(ids[1])))
        #expect(try catalog.locateMarked() == nil)

        let usage = try catalog.packUsage()
        #expect(usage.count == (try await storedPacks(store)).count)
        let firstPacks = Set(first.packs.map(\.id))
        for u in usage {
            let listed = first.packs.first { $0.id == u.pack }
            #expect(u.blobs > 0)
            #expect(u.usedBlobs == (listed?.blobs.count ?? 0), "the first file's packs are wholly used, the others not at all")
            #expect(u.usedBytes == Int64(listed?.blobs.reduce(0) { $0 + Int($1.length) } ?? 0))
        }
        try catalog.setPackActions(usage.map { ($0.pack, firstPacks.contains($0.pack) ? PackAction.keep : .delete) })
        #expect(try catalog.planIndexFiles() == [secondFile], "only the file listing unused blobs is replaced")
        for pack in first.packs {
            #expect(try catalog.usedEntries(pack: pack.id) == pack.blobs.sorted { $0.offset < $1.offset })
            #expect(try catalog.uncoveredEntries(pack: pack.id).isEmpty, "the first file stays and lists them")
        }

        // Chunk 19 unused: the first file is replaced too, and the new files must list the rest.
        try catalog.beginPrune()
        try catalog.recordStoredPacks(try await storedPacks(store))
        try catalog.mark(blobs: Array(ids[0..<19]), trees: [])
        #expect(try catalog.locateMarked() == nil)
        try catalog.setPackActions(try catalog.packUsage().map { ($0.pack, firstPacks.contains($0.pack) ? PackAction.keep : .delete) })
        #expect(try catalog.planIndexFiles() == [firstFile, secondFile].sorted())
        var uncovered: [BlobID] = []
        for pack in first.packs {
            let entries = try catalog.uncoveredEntries(pack: pack.id)
            #expect(entries == (try catalog.usedEntries(pack: pack.id)))
            uncovered += entries.map(\.id)
        }
        #expect(Set(uncovered) == Set(ids[0..<19]))

        // A used blob no index lists.
        let stray = BlobID([UInt8](repeating: 7, count: 32))!
        try catalog.mark(blobs: [stray], trees: [])
        #expect(try catalog.locateMarked() == MissingBlobs(count: 1, example: stray, listedPack: nil))

        try catalog.endPrune()
        try catalog.beginPrune()
        #expect(try catalog.markedCount() == 0)
    }

    @Test func keptCopiesArePreferredAndUncoveredEntriesFollowTheReplacedFiles() async throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let (store, repo, ids) = try await repository()
        // A second copy of chunks 0-3 in a pack of its own, listed by a third index file.
        let copies = PackUploader(repository: repo, targetSize: 1 << 20)
        for i in 0..<4 {
            _ = try await add(Array("chunk \(i) ".utf8) + [UInt8](repeating: UInt8(i), count: 300), to: copies, repo: repo)
        }
        try await copies.uploadPack()
        let copyFile = try #require(try await copies.flushIndex())
        let copyPack = try #require(try await repo.loadIndexFile(copyFile).packs.first?.id)

        let catalog = try Catalog(stateDirectory: state, repositoryID: repo.config.id)
        try await catalog.syncIndexFiles(from: repo)
        try catalog.beginPrune()
        try catalog.recordStoredPacks(try await storedPacks(store))
        try catalog.mark(blobs: Array(ids[0..<4]), trees: [])
        #expect(try catalog.locateMarked() == nil)
        let usage = try catalog.packUsage()
        #expect(usage.reduce(0) { $0 + $1.usedBlobs } == 4, "one chosen copy per blob")
        #expect(usage.first { $0.pack == copyPack }?.blobs == 4)

        // The copies' pack is kept, every other pack goes: the chosen copies move there.
        try catalog.setPackActions(usage.map { ($0.pack, $0.pack == copyPack ? PackAction.keep : .repack) })
        let before = usage.first { $0.pack == copyPack }?.usedBlobs ?? 0
        #expect(try catalog.preferKeptCopies() == 4 - before)
        #expect(try catalog.packUsage().first { $0.pack == copyPack }?.usedBlobs == 4)
        #expect(Set(try catalog.usedEntries(pack: copyPack).map(\.id)) == Set(ids[0..<4]))

        // Every original file lists packs that go; the copies' file lists only chosen copies.
        let replaced = try catalog.planIndexFiles()
        #expect(Set(replaced) == Set(try await repo.indexFileNames()).subtracting([copyFile]))
        #expect(try catalog.uncoveredEntries(pack: copyPack).isEmpty)
    }
}

extension Array {
    func asyncFirst(where predicate: (Element) async throws -> Bool) async rethrows -> Element? {
        for e in self where try await predicate(e) { return e }
        return nil
    }
}
