import BlobStore
import Catalog
import Foundation
import RepositoryFormat
import SampleData
import Synchronization
import Testing

@testable import Repository

@testable import Engine

@Suite struct PrunerTests {
    static let spec = "WindowsImageBackup/fs01/Backup 2026-11-21 220000"

    /// Restores `point` with a `RestoreJob` and compares it with the local original.
    func expectRestores(_ fx: PruneFixture, _ point: String) async throws {
        let to = tempDestination()
        defer { try? FileManager.default.removeItem(atPath: to) }
        let manifest = try #require(try await fx.repo.loadManifests().first { $0.manifest.point == point }?.manifest)
        _ = try await RestoreJob(repository: fx.repo, index: try await fx.repo.loadIndex(), destination: RestoreDestination(root: to), durable: false)
            .run(manifest: manifest)
        var original = try snapshot("\(fx.local.root)/\(PruneFixture.source)/\(point)")
        original[".complete"] = nil
        #expect(try snapshot(to) == original, "point \(point) restores byte for byte")
    }

    /// A point of two files: `big` unique bytes and `small` ones meant to be shared.
    func twoFiles(big: [UInt8], small: [UInt8]) -> [String: [UInt8]] { ["big.bin": big, "small.bin": small] }

    @Test func pruneFreesADeletedPointsDataWhileTheOthersRestoreByteForByte() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        let day1 = BMRImage.image(size: 3 << 20, seed: 1)
        try await fx.backUp("2026-11-21T220000Z", files: ["\(Self.spec)/disk.vhdx": day1, "\(Self.spec)/BackupSpecs.xml": Array("<BackupSpecs/>".utf8)])
        try await fx.backUp("2026-11-22T220000Z", files: ["\(Self.spec)/disk.vhdx": BMRImage.nextDay(of: day1, seed: 2), "\(Self.spec)/BackupSpecs.xml": Array("<BackupSpecs/>".utf8)])
        let unique = randomBytes(2 << 20)
        try await fx.backUp("2026-11-23T220000Z", files: ["\(Self.spec)/disk.vhdx": unique, "\(Self.spec)/BackupSpecs.xml": Array("<BackupSpecs/>".utf8)])
        let before = try await fx.objects()
        try await fx.deletePoint("2026-11-23T220000Z")

        let report = try await Pruner(repository: fx.repo, catalog: try fx.catalog(), packSize: 1 << 20).run()
        #expect(report.points == 2)
        #expect(report.packsDeleted >= 2, "the deleted point's own packs: \(report)")
        #expect(report.bytesFreed >= Int64(unique.count), "its unique 2 MiB are freed: \(report.bytesFreed)")
        #expect(report.blobsRemoved >= unique.count / (256 << 10))
        #expect(report.indexFilesDeleted == 1 && report.indexFilesWritten == 0, "only its index file goes; nothing else needs rewriting")
        let after = try await fx.objects()
        let dataBefore = before.filter { $0.key.hasPrefix("data/") }.values.reduce(0, +)
        let dataAfter = after.filter { $0.key.hasPrefix("data/") }.values.reduce(0, +)
        #expect(dataBefore - dataAfter == report.bytesFreed)

        let check = try await fx.check()
        #expect(check.errors.isEmpty, "\(check.errors)")
        #expect(check.warnings.isEmpty, "\(check.warnings)")
        #expect(check.points == 2)
        try await expectRestores(fx, "2026-11-21T220000Z")
        try await expectRestores(fx, "2026-11-22T220000Z")

        // Nothing is left to do.
        let again = try await Pruner(repository: fx.repo, catalog: try fx.catalog()).run()
        #expect(again.packsDeleted == 0 && again.packsRepacked == 0 && again.indexFilesDeleted == 0 && again.bytesFreed == 0)
        #expect(again.bytesUnusedKept == 0, "every byte of the kept packs is a used blob or their header")
        #expect(try await fx.objects() == after)
    }

    @Test func aMostlyUnusedPackIsRepackedAndItsUsedBlobsMove() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        let small = randomBytes(600_000)
        try await fx.backUp("2026-11-21T220000Z", files: twoFiles(big: randomBytes(2_000_000), small: small), packSize: 8 << 20)
        let oldPacks = try await fx.names("data/")
        #expect(oldPacks.count == 1, "both files share one pack")
        let oldIndexFiles = try await fx.names("index/")
        try await fx.backUp("2026-11-22T220000Z", files: ["small.bin": small], packSize: 8 << 20)
        let keptIndexFiles = try await fx.names("index/").subtracting(oldIndexFiles)
        try await fx.deletePoint("2026-11-21T220000Z")
        let firstChunks = try await fx.repo.loadIndex().blobs.values.filter { $0.entry.type == .data && oldPacks.contains(IndexFile.packName($0.pack)) }

        // New packs of about 200 KB and index files of at least 2 blobs: several of each.
        let report = try await Pruner(repository: fx.repo, catalog: try fx.catalog(), packSize: 200_000, indexFileBlobs: 2).run()
        #expect(report.packsRepacked == 1 && report.packsDeleted == 0 && report.packsKept == 1)
        #expect(report.packsWritten >= 2)
        #expect(report.bytesFreed > 1_500_000, "\(report)")
        #expect(try await fx.names("data/").isDisjoint(with: oldPacks), "the repacked pack is gone")

        let index = try await fx.repo.loadIndex()
        #expect(try await fx.readBack("2026-11-22T220000Z") == ["small.bin": small])
        let moved = firstChunks.filter { index.contains($0.entry.id) }
        #expect(moved.count >= 3 && moved.count == report.blobsRepacked, "small.bin's chunks, and only those")
        for location in moved {
            let now = try #require(index.blobs[location.entry.id])
            #expect(now.pack != location.pack, "the used blob moved to a new pack")
        }
        let indexFiles = try await fx.names("index/")
        #expect(keptIndexFiles.isSubset(of: indexFiles), "the second point's index file lists only used blobs and stays")
        #expect(report.indexFilesWritten ?? 0 >= 2 && indexFiles.count == keptIndexFiles.count + (report.indexFilesWritten ?? 0))
        #expect(report.indexFilesDeleted == 1)
        let check = try await fx.check()
        #expect(check.errors.isEmpty && check.warnings.isEmpty, "\(check.errors) \(check.warnings)")
    }

    @Test func aDryRunChangesNothingAndPredictsThePrune() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        let small = randomBytes(100_000)
        try await fx.backUp("2026-11-21T220000Z", files: twoFiles(big: randomBytes(700_000), small: small), packSize: 8 << 20)
        try await fx.backUp("2026-11-22T220000Z", files: ["small.bin": small, "other.bin": randomBytes(300_000)], packSize: 8 << 20)
        try await fx.backUp("2026-11-23T220000Z", files: ["gone.bin": randomBytes(200_000)], packSize: 8 << 20)
        try await fx.deletePoint("2026-11-21T220000Z")
        try await fx.deletePoint("2026-11-23T220000Z")
        let before = try await fx.objects()

        let plan = try await Pruner(repository: fx.repo, catalog: try fx.catalog()).run(dryRun: true)
        #expect(try await fx.objects() == before, "nothing was written or deleted")
        #expect(plan.dryRun && plan.indexFilesWritten == nil)
        #expect(plan.packsRepacked == 1 && plan.packsDeleted == 1 && plan.packsKept == 1)

        let done = try await Pruner(repository: fx.repo, catalog: try fx.catalog()).run()
        #expect(!done.dryRun)
        for (a, b) in [(plan.packsRepacked, done.packsRepacked), (plan.packsDeleted, done.packsDeleted), (plan.packsKept, done.packsKept),
                       (plan.blobsRemoved, done.blobsRemoved), (plan.blobsRepacked, done.blobsRepacked), (plan.packsWritten, done.packsWritten),
                       (plan.indexFilesDeleted, done.indexFilesDeleted)] {
            #expect(a == b, "dry run \(plan) against \(done)")
        }
        #expect(plan.bytesDeleted == done.bytesDeleted && plan.bytesRepacked == done.bytesRepacked)
        #expect(abs(plan.bytesWritten - done.bytesWritten) < 64, "the estimate is within a header's slack")
        #expect(try await fx.objects() != before)
    }

    @Test func packsInNoIndexAreDeleted() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        try await fx.backUp("2026-11-21T220000Z", files: ["a.bin": randomBytes(200_000)])
        // A killed backup's pack: uploaded, never indexed.
        let uploader = PackUploader(repository: fx.repo)
        let codec = fx.repo.keys.codec
        let plain = randomBytes(50_000)
        let id = plain.withUnsafeBytes { codec.id(of: $0) }
        try await uploader.add(type: .data, id: id, sealed: plain.withUnsafeBytes { codec.encode($0, id: id, compressor: ZstdCompressor()) }, plainLength: plain.count)
        try await uploader.uploadPack()
        #expect(try await fx.check().warnings.count == 1)

        let report = try await Pruner(repository: fx.repo, catalog: try fx.catalog()).run()
        #expect(report.packsDeleted == 1 && report.packsUnindexed == 1 && report.packsKept == 1)
        #expect(report.blobsRemoved == 0, "its blob was in no index")
        let check = try await fx.check()
        #expect(check.errors.isEmpty && check.warnings.isEmpty, "\(check.errors) \(check.warnings)")
        #expect(try await fx.readBack("2026-11-21T220000Z").count == 1)
    }

    @Test func pruneIsRefusedWhileABackupHoldsASharedLock() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        try await fx.backUp("2026-11-21T220000Z", files: ["a.bin": randomBytes(100_000)])
        try await fx.deletePoint("2026-11-21T220000Z")
        let before = try await fx.objects()
        let pruner = Pruner(repository: fx.repo, catalog: try fx.catalog())
        try await fx.repo.withLock(exclusive: false) {
            await #expect(throws: LockConflict.self) { _ = try await pruner.run() }
            // A dry run too: the backup's packs, not yet indexed, would look like garbage.
            await #expect(throws: LockConflict.self) { _ = try await pruner.run(dryRun: true) }
        }
        #expect(try await fx.objects() == before)
        let plan = try await pruner.run(dryRun: true)
        #expect(plan.packsDeleted == 1)
        #expect(try await pruner.run().packsDeleted == 1)
    }

    @Test func aLockOfAnotherGatewayBlocksPruneUntilItsLeaseLapses() async throws {
        let clock = LockClock()
        let store = InMemoryBlobStore(now: clock.read)
        let repo = try await Repository.initialize(store: store, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
        let state = NSTemporaryDirectory() + "tiergate-prune-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        // A backup on another gateway: its lock object, leased and (for now) alive.
        let name = try await repo.saveSealed(Array(try JSONEncoder().encode(RepositoryLock(host: "gw2", pid: 7, created: "t", exclusive: false))), prefix: "locks")
        _ = try await store.lease(name, .acquire(seconds: RepositoryLock.leaseSeconds, proposedID: nil))
        let pruner = Pruner(repository: repo, catalog: try Catalog(stateDirectory: state, repositoryID: repo.config.id))
        do {
            _ = try await pruner.run()
            Issue.record("prune ran beside a live backup lock")
        } catch let conflict as LockConflict {
            #expect(conflict.description.contains("gw2") && !conflict.description.contains("\n"))
        }
        clock.advance(Double(RepositoryLock.leaseSeconds + 1))
        #expect(try await pruner.run().points == 0, "the lapsed lock no longer counts")
    }

    @Test func aPruneKilledAtAnyStepLeavesACheckableRepositoryAndTheNextOneFinishes() async throws {
        var step = 0
        while true {
            let fx = try await PruneFixture()
            defer { fx.remove() }
            let small = randomBytes(100_000)
            try await fx.backUp("2026-11-21T220000Z", files: twoFiles(big: randomBytes(600_000), small: small), packSize: 8 << 20)
            try await fx.backUp("2026-11-22T220000Z", files: ["small.bin": small, "c.bin": randomBytes(150_000)], packSize: 8 << 20)
            try await fx.backUp("2026-11-23T220000Z", files: ["d.bin": randomBytes(150_000)], packSize: 8 << 20)
            try await fx.deletePoint("2026-11-21T220000Z")
            try await fx.deletePoint("2026-11-23T220000Z")
            let catalog = try fx.catalog()
            let dying = try await Repository.open(store: DyingWrites(base: fx.cloud, allowed: step), container: "c", passphrase: "p")
            let killed: Bool
            do {
                _ = try await Pruner(repository: dying, catalog: catalog, indexFileBlobs: 2, deletions: 1).run()
                killed = false
            } catch let error as BlobStoreError {
                #expect(error.message == "killed")
                killed = true
            }
            let afterKill = try await fx.check()
            #expect(afterKill.errors.isEmpty, "killed after \(step) writes: \(afterKill.errors)")

            let second = try await Pruner(repository: fx.repo, catalog: catalog).run()
            #expect(!killed || second.packsDeleted + second.packsRepacked + second.indexFilesDeleted > 0, "the second prune finishes the work")
            let final = try await fx.check()
            #expect(final.errors.isEmpty && final.warnings.isEmpty, "after \(step): \(final.errors) \(final.warnings)")
            #expect(try await fx.readBack("2026-11-22T220000Z")["small.bin"] == small)
            #expect(try await fx.names("data/").count == 2, "one new pack for the repacked blobs, one kept")
            if !killed { break }
            step += 1
        }
        #expect(step >= 5, "every write and delete of the prune was a kill point: \(step)")
    }

    @Test func theMarkPhaseLooksTreesUpThroughTheCatalogNotAnInMemoryIndex() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        try await fx.backUp("2026-11-21T220000Z", files: ["a/b/c.bin": randomBytes(100_000), "a/d.bin": randomBytes(10_000)])
        try await fx.backUp("2026-11-22T220000Z", files: ["a/b/c.bin": randomBytes(100_000), "a/d.bin": randomBytes(10_000)])
        let catalog = try fx.catalog()
        try await catalog.syncIndexFiles(from: fx.repo)
        // `PruneCatalog` has no way to hand out a `RepositoryIndex`; lookups are counted, and
        // with the catalog in sync no index file is read from the cloud at all.
        let counting = CountingCatalog(base: catalog)
        let reads = CountingIndexReads(base: fx.cloud)
        let repo = try await Repository.open(store: reads, container: "c", passphrase: "p")
        let report = try await Pruner(repository: repo, catalog: counting).run()
        #expect(counting.lookups.withLock { $0 } == 6, "three trees per point (root, a, a/b), each looked up once")
        #expect(reads.indexReads.withLock { $0 } == 0)
        #expect(report.points == 2 && report.packsKept == 2 && report.packsDeleted == 0)
    }

    @Test func treesOfManyPointsAreReadSeveralAtOnceAndEachOnce() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        // Six points of three trees each (root, own, shared; files' times differ, so no two
        // trees are equal), and a seventh point sharing the first one's trees.
        for day in 1...6 {
            try await fx.backUp("2026-11-0\(day)T220000Z", files: ["own/f.bin": randomBytes(1000 + day), "shared/g.bin": Array("same".utf8)])
        }
        var twin = try #require(try await fx.repo.loadManifests().first?.manifest)
        twin.point = "2026-11-07T220000Z"
        _ = try await fx.repo.saveManifest(twin)
        let catalog = try fx.catalog()
        try await catalog.syncIndexFiles(from: fx.repo)
        let slow = SlowPackReads(base: fx.cloud)
        let repo = try await Repository.open(store: slow, container: "c", passphrase: "p")
        let report = try await Pruner(repository: repo, catalog: catalog, treeReads: 4).run(dryRun: true)
        #expect(report.points == 7)
        #expect(slow.total == 18, "each of the 18 trees read once")
        #expect(slow.mostAtOnce > 1 && slow.mostAtOnce <= 4)
    }

    @Test func aCorruptBlobStopsTheRepackWithOneLineNamingThePack() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        let small = randomBytes(100_000)
        try await fx.backUp("2026-11-21T220000Z", files: twoFiles(big: randomBytes(700_000), small: small), packSize: 8 << 20)
        try await fx.backUp("2026-11-22T220000Z", files: ["small.bin": small], packSize: 8 << 20)
        try await fx.deletePoint("2026-11-21T220000Z")
        let index = try await fx.repo.loadIndex()
        let remaining = try #require(try await fx.repo.loadManifests().first?.manifest)
        let smallNode = try #require(try await PointTree.entries(root: remaining.tree, repository: fx.repo, index: index).first { $0.path == "small.bin" }?.node)
        let firstChunk = try #require(smallNode.content?.first)
        let chunk = try #require(index.blobs[firstChunk])
        let name = IndexFile.packName(chunk.pack)
        var bytes = try await fx.cloud.get(name)
        bytes[Int(chunk.entry.offset) + 20] ^= 0xff
        _ = try await fx.cloud.put(name, body: bytes, options: PutOptions(overwrite: true))
        let before = try await fx.objects()
        do {
            _ = try await Pruner(repository: fx.repo, catalog: try fx.catalog()).run()
            Issue.record("a corrupt blob was repacked")
        } catch let error as RepositoryError {
            #expect("\(error)".contains(name) && !"\(error)".contains("\n"), "\(error)")
        }
        #expect(try await fx.objects() == before, "nothing written or deleted")
    }

    @Test func blobsStoredTwiceKeepOneLocation() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        let files = ["a.bin": randomBytes(300_000), "b.bin": randomBytes(200_000)]
        try await fx.backUp("2026-11-21T220000Z", files: files)
        // A second pack and index file holding copies of every blob (as two gateways might).
        let index = try await fx.repo.loadIndex()
        let uploader = PackUploader(repository: fx.repo)
        for location in index.blobs.values {
            let e = location.entry
            let sealed = try await fx.cloud.get(IndexFile.packName(location.pack), range: ByteRange(offset: Int64(e.offset), count: Int64(e.length)))
            try await uploader.add(type: e.type, id: e.id, sealed: sealed, plainLength: Int(e.plainLength))
        }
        try await uploader.uploadPack()
        try await uploader.flushIndex()
        #expect(try await fx.names("data/").count == 2)

        let report = try await Pruner(repository: fx.repo, catalog: try fx.catalog()).run()
        #expect(report.packsDeleted == 1 && report.packsKept == 1)
        #expect(report.blobsRemoved == index.blobs.count, "the second copy of each")
        var listed = 0
        for name in try await fx.names("index/") { listed += try await fx.repo.loadIndexFile(name).packs.reduce(0) { $0 + $1.blobs.count } }
        #expect(listed == index.blobs.count, "each blob is listed once")
        #expect(try await fx.readBack("2026-11-21T220000Z") == files)
        let check = try await fx.check()
        #expect(check.errors.isEmpty && check.warnings.isEmpty, "\(check.errors) \(check.warnings)")
    }

    @Test func aChunkInNoIndexStopsPruneBeforeAnythingIsDeleted() async throws {
        let fx = try await PruneFixture()
        defer { fx.remove() }
        try await fx.backUp("2026-11-21T220000Z", files: ["a.bin": randomBytes(100_000)])
        try await fx.backUp("2026-11-22T220000Z", files: ["b.bin": randomBytes(100_000)])
        try await fx.deletePoint("2026-11-21T220000Z")
        // Damage: the remaining point's pack loses its index entries for data (the tree stays).
        let index = try await fx.repo.loadIndex()
        let second = try #require(try await fx.repo.loadManifests().first?.manifest)
        let treePack = try #require(index.blobs[second.tree]?.pack)
        for name in try await fx.names("index/") {
            var file = try await fx.repo.loadIndexFile(name)
            guard file.packs.contains(where: { $0.id == treePack }) else { continue }
            for i in file.packs.indices { file.packs[i].blobs.removeAll { $0.type == .data } }
            try await fx.cloud.delete(name)
            _ = try await fx.repo.saveIndex(file)
        }
        let before = try await fx.objects()
        await #expect(throws: PruneError.self) { _ = try await Pruner(repository: fx.repo, catalog: try fx.catalog()).run() }
        #expect(try await fx.objects() == before)
    }

    @Test func thePlanFollowsTheThreshold() {
        let id = { (n: UInt8) in BlobID([UInt8](repeating: n, count: 32))! }
        let usage = [
            // A header of 10 blobs is 442 bytes; it is neither used nor garbage.
            PackUsage(pack: id(1), size: 10_000, blobs: 10, usedBlobs: 10, usedBytes: 9_558),
            PackUsage(pack: id(2), size: 10_000, blobs: 10, usedBlobs: 5, usedBytes: 4_558),
            PackUsage(pack: id(3), size: 10_000, blobs: 10, usedBlobs: 4, usedBytes: 4_557),
            PackUsage(pack: id(4), size: 10_000, blobs: 10, usedBlobs: 0, usedBytes: 0),
            PackUsage(pack: id(5), size: 10_000, blobs: 0, usedBlobs: 0, usedBytes: 0),
        ]
        #expect(usage.map(\.unusedBytes) == [0, 5_000, 5_001, 9_558, 9_968])
        let plan = PrunePlan(usage: usage)
        #expect(plan.keep.map(\.pack) == [id(1), id(2)], "exactly half unused is kept")
        #expect(plan.repack.map(\.pack) == [id(3)])
        #expect(plan.delete.map(\.pack) == [id(4), id(5)])
        let report = PruneReport(plan: plan, dryRun: true, packSize: 16 << 20)
        #expect(report.packsUnindexed == 1 && report.bytesDeleted == 20_000 && report.bytesRepacked == 10_000)
        #expect(report.bytesUnusedKept == 5_000)
        #expect(report.blobsRemoved == 0 + 5 + 6 + 10 && report.blobsRepacked == 4)
        #expect(report.bytesWritten == 4_557 + 4 * 41 + 32 && report.bytesFreed == 30_000 - report.bytesWritten)
    }
}

/// A clock the lock test moves by hand.
final class LockClock: Sendable {
    let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
    func advance(_ seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
