import Catalog

/// What a prune did, or with `dryRun` would do. Bytes are stored (sealed) bytes.
public struct PruneReport: Sendable, Codable, Equatable {
    /// True when nothing was written or deleted.
    public var dryRun: Bool
    /// Points whose trees were walked, and the blobs they use.
    public var points = 0
    public var blobsUsed = 0
    /// Packs kept as they are, and their bytes.
    public var packsKept = 0
    public var bytesKept: Int64 = 0
    /// Bytes of kept packs no point uses (below the repack threshold, left in place).
    public var bytesUnusedKept: Int64 = 0
    /// Packs whose used blobs were copied into new packs before they were deleted.
    public var packsRepacked = 0
    public var bytesRepacked: Int64 = 0
    public var blobsRepacked = 0
    /// Packs deleted whole (nothing in them used), of which `packsUnindexed` were in no index.
    public var packsDeleted = 0
    public var bytesDeleted: Int64 = 0
    public var packsUnindexed = 0
    /// New packs written by the repack (estimated for a dry run).
    public var packsWritten = 0
    public var bytesWritten: Int64 = 0
    /// Index entries dropped: blobs no point uses, and extra copies of used ones.
    public var blobsRemoved = 0
    /// Bytes deleted minus bytes written.
    public var bytesFreed: Int64 = 0
    /// Index files replaced, and written in their place (nil for a dry run).
    public var indexFilesDeleted = 0
    public var indexFilesWritten: Int?
    public var seconds = 0.0

    /// The report of `plan`, with the repack's writes estimated (a header entry of 41 bytes
    /// per blob, 32 bytes per pack) until a real run replaces them.
    init(plan: PrunePlan, dryRun: Bool, packSize: Int) {
        self.dryRun = dryRun
        packsKept = plan.keep.count
        bytesKept = plan.keep.reduce(0) { $0 + $1.size }
        bytesUnusedKept = plan.keep.reduce(0) { $0 + $1.unusedBytes }
        packsRepacked = plan.repack.count
        bytesRepacked = plan.repack.reduce(0) { $0 + $1.size }
        blobsRepacked = plan.repack.reduce(0) { $0 + $1.usedBlobs }
        packsDeleted = plan.delete.count
        bytesDeleted = plan.delete.reduce(0) { $0 + $1.size }
        packsUnindexed = plan.delete.filter { $0.blobs == 0 }.count
        blobsRemoved = (plan.keep + plan.repack + plan.delete).reduce(0) { $0 + $1.blobs - $1.usedBlobs }
        let moved = plan.repack.reduce(Int64(0)) { $0 + $1.usedBytes }
        packsWritten = moved == 0 ? 0 : Int((moved + Int64(packSize) - 1) / Int64(max(packSize, 1)))
        setWritten(packs: packsWritten, bytes: moved == 0 ? 0 : moved + Int64(41 * blobsRepacked + 32 * packsWritten))
    }

    /// Records the repack's actual writes.
    mutating func setWritten(packs: Int, bytes: Int64) {
        packsWritten = packs
        bytesWritten = bytes
        bytesFreed = bytesDeleted + bytesRepacked - bytesWritten
    }
}
