import BlobStore
import Catalog
import Foundation
import Repository
import RepositoryFormat

/// Deletes cloud data no remaining point references (docs/design.md, "Prune").
///
/// Under the exclusive lock: sync the catalog's index (on disk), mark every blob the points'
/// trees reference into a work table, plan per pack (delete, repack, keep), then write in the
/// crash-safe order — new packs, new index files, delete the replaced index files, delete the
/// packs that go. Memory grows with the number of packs, never with the number of blobs: the
/// index is only read through SQL (`PruneCatalog`). A dry run plans the same way and writes
/// nothing to the cloud but its transient lock.
public struct Pruner<Store: BlobStore, Index: PruneCatalog>: Sendable {
    /// The repository pruned.
    public let repository: Repository<Store>
    /// The catalog holding its index on disk (`Catalog`).
    public let catalog: Index
    /// Share of a pack's bytes that must be unused for it to be repacked.
    public let repackThreshold: Double
    /// Size of the new packs.
    public let packSize: Int
    /// Blobs per new index file (about 130 bytes of JSON each).
    public let indexFileBlobs: Int
    /// Marks buffered before they are written to the catalog in one transaction.
    public let markBatch: Int
    /// Deletions in flight.
    public let deletions: Int
    /// Tree blobs read at once while marking.
    public let treeReads: Int

    /// A pruner of `repository` through `catalog`; the defaults are the production values
    /// (tests pass small packs and index files).
    public init(
        repository: Repository<Store>, catalog: Index, repackThreshold: Double = PrunePlan.defaultRepackThreshold,
        packSize: Int = 16 << 20, indexFileBlobs: Int = 50_000, markBatch: Int = 10_000, deletions: Int = 8,
        treeReads: Int = 8
    ) {
        self.repository = repository
        self.catalog = catalog
        self.repackThreshold = repackThreshold
        self.packSize = max(1, packSize)
        self.indexFileBlobs = max(1, indexFileBlobs)
        self.markBatch = max(1, markBatch)
        self.deletions = max(1, deletions)
        self.treeReads = max(1, treeReads)
    }

    /// Prunes the repository, or with `dryRun` only computes what a prune would do. Both take
    /// the exclusive lock — a dry run too, since packs a running backup has not indexed yet
    /// would otherwise show as garbage — and throw `LockConflict` while another lock lives.
    public func run(dryRun: Bool = false) async throws -> PruneReport {
        try await repository.withLock(exclusive: true) {
            try await repository.confirmSoleLock()
            try catalog.beginPrune()
            defer { try? catalog.endPrune() }
            return try await prune(dryRun: dryRun)
        }
    }

    func prune(dryRun: Bool) async throws -> PruneReport {
        let started = Date()
        try await catalog.syncIndexFiles(from: repository)
        try await recordStoredPacks()
        let points = try await markUsed()
        if let missing = try catalog.locateMarked() { throw PruneError.missing(missing) }
        let plan = try makePlan()
        let replaced = try catalog.planIndexFiles()
        var report = PruneReport(plan: plan, dryRun: dryRun, packSize: packSize)
        report.points = points
        report.blobsUsed = try catalog.markedCount()
        report.indexFilesDeleted = replaced.count
        if !dryRun {
            var index = PruneIndexWriter(repository: repository, catalog: catalog, limit: indexFileBlobs)
            // 1. New packs (each listed by an index file as soon as enough are written).
            let written = try await repack(plan.repack, index: &index)
            // 2. Index files for the kept packs' used blobs not listed by a file that stays.
            for usage in plan.keep where !replaced.isEmpty {
                let entries = try catalog.uncoveredEntries(pack: usage.pack)
                if !entries.isEmpty { try await index.add(IndexFile.Pack(id: usage.pack, blobs: entries)) }
            }
            try await index.flush()
            // 3. The replaced index files, 4. then the packs no index names any more.
            try await deleteIndexFiles(replaced)
            try await deletePacks((plan.repack + plan.delete).map(\.pack))
            report.setWritten(packs: written.packs, bytes: written.bytes)
            report.indexFilesWritten = index.written
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Records every pack the container holds, in batches.
    func recordStoredPacks() async throws {
        var batch: [StoredPack] = []
        for try await info in repository.store.list(prefix: "data/") {
            guard let id = IndexFile.packID(fromName: info.name) else { continue }
            batch.append(StoredPack(id: id, size: info.size))
            if batch.count >= 1000 {
                try catalog.recordStoredPacks(batch)
                batch = []
            }
        }
        try catalog.recordStoredPacks(batch)
    }

    /// Plans per pack; when used blobs also have a copy in a kept pack, that copy is kept
    /// instead and the plan made again (kept packs only gain used blobs, so they stay kept).
    func makePlan() throws -> PrunePlan {
        var plan = PrunePlan(usage: try catalog.packUsage(), repackThreshold: repackThreshold)
        try catalog.setPackActions(plan.actions)
        if try catalog.preferKeptCopies() > 0 {
            plan = PrunePlan(usage: try catalog.packUsage(), repackThreshold: repackThreshold)
            try catalog.setPackActions(plan.actions)
        }
        return plan
    }
}

/// Why a prune stopped; one line. Nothing was deleted when it is thrown.
public struct PruneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line.
    public let description: String
    /// An error with this line.
    public init(_ description: String) { self.description = description }

    static func missing(_ m: MissingBlobs) -> PruneError {
        let where_ = m.listedPack.map { "its index names pack \(IndexFile.packName($0)), which the container lacks" } ?? "no index lists it"
        return PruneError("prune stopped: \(m.count) blobs that points use are in no stored pack (blob \(m.example.hex.prefix(12)): \(where_)); nothing was deleted; run 'tiergate check'")
    }
}
