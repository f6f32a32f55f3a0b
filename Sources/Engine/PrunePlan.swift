import Catalog
import RepositoryFormat

/// What prune does with each stored pack, decided from its usage alone:
/// - nothing in it used, or no index lists it (left by a killed backup): delete;
/// - more than `repackThreshold` of its stored bytes unused: repack (copy the used blobs into
///   new packs, then delete it);
/// - otherwise keep it; the new index lists only its used blobs.
///
/// Unused bytes are the pack's stored size minus its used blobs' sealed bytes and its header,
/// so bytes an earlier prune already dropped from the index still count as garbage.
public struct PrunePlan: Sendable, Equatable {
    /// More than half a pack's bytes unused: downloading and copying the rest frees at least as
    /// much as it moves.
    public static let defaultRepackThreshold = 0.5

    /// Packs kept, repacked and deleted, in the order of the usage given.
    public var keep: [PackUsage] = []
    public var repack: [PackUsage] = []
    public var delete: [PackUsage] = []

    /// The plan for `usage` (one entry per stored pack).
    public init(usage: [PackUsage], repackThreshold: Double = defaultRepackThreshold) {
        for u in usage {
            switch Self.action(for: u, repackThreshold: repackThreshold) {
            case .keep: keep.append(u)
            case .repack: repack.append(u)
            case .delete: delete.append(u)
            }
        }
    }

    /// The action for one pack.
    public static func action(for u: PackUsage, repackThreshold: Double) -> PackAction {
        if u.blobs == 0 || u.usedBlobs == 0 { return .delete }
        let unused = Double(u.unusedBytes) / Double(max(u.size, 1))
        return unused > repackThreshold ? .repack : .keep
    }

    /// Every pack with its action.
    public var actions: [(pack: BlobID, action: PackAction)] {
        keep.map { ($0.pack, .keep) } + repack.map { ($0.pack, .repack) } + delete.map { ($0.pack, .delete) }
    }

    /// True when no pack goes.
    public var deletesNothing: Bool { repack.isEmpty && delete.isEmpty }
}

extension PackUsage {
    /// Stored bytes that are neither used blobs nor the header listing the indexed blobs (a
    /// sealed header is 12 + 41 per blob + 16 bytes, then its 4-byte length).
    public var unusedBytes: Int64 { max(0, size - usedBytes - Int64(41 * blobs + 32)) }
}
