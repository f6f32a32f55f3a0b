import BlobStore
import Catalog
import Repository
import RepositoryFormat

/// What prune needs of the local catalog: SQL lookups and work tables on disk. Deliberately
/// nothing here yields the in-memory `RepositoryIndex`, so a prune's memory does not grow with
/// the number of blobs; `Catalog` is the implementation (see `Catalog+Prune.swift`).
public protocol PruneCatalog: BlobLocator {
    /// Brings the cached index up to date with the cloud without building the in-memory index.
    @discardableResult
    func syncIndexFiles<S: BlobStore>(from repository: Repository<S>) async throws -> (added: Int, removed: Int)
    /// Adds one index file the prune wrote.
    func addIndexFile(_ name: String, _ file: IndexFile) throws
    /// Forgets index files the prune deleted.
    func removeIndexFiles(_ names: Set<String>) throws
    /// Creates or empties the work tables.
    func beginPrune() throws
    /// Drops the work tables.
    func endPrune() throws
    /// Marks blobs used and trees visited.
    func mark(blobs: [BlobID], trees: [BlobID]) throws
    /// True when the tree was marked visited.
    func isTreeMarked(_ id: BlobID) throws -> Bool
    /// Number of blobs marked used.
    func markedCount() throws -> Int
    /// Records packs the container holds.
    func recordStoredPacks(_ packs: [StoredPack]) throws
    /// Chooses a stored copy of each used blob; returns the used blobs no stored pack holds.
    func locateMarked() throws -> MissingBlobs?
    /// Every stored pack's usage.
    func packUsage() throws -> [PackUsage]
    /// Records each pack's action.
    func setPackActions(_ actions: [(pack: BlobID, action: PackAction)]) throws
    /// Moves chosen copies out of packs that go, into kept packs holding the same blob.
    @discardableResult
    func preferKeptCopies() throws -> Int
    /// The index files to replace.
    func planIndexFiles() throws -> [String]
    /// The used blobs kept in `pack`, in pack order.
    func usedEntries(pack: BlobID) throws -> [PackEntry]
    /// The used blobs of a kept `pack` that no index file staying in place lists.
    func uncoveredEntries(pack: BlobID) throws -> [PackEntry]
}

extension Catalog: PruneCatalog {}
