import Foundation
import RepositoryFormat

/// Answers where a blob is stored. The in-memory `RepositoryIndex` is one; the SQLite catalog
/// is another, so jobs over repositories of millions of blobs (prune) can read trees without
/// holding the whole index in memory.
public protocol BlobLocator: Sendable {
    /// The blob's place, or nil when no index lists it.
    func location(of id: BlobID) throws -> BlobLocation?
}

extension BlobLocation {
    /// A location: `entry` inside the pack `pack` (public; the memberwise initializer is not).
    public init(in pack: BlobID, entry: PackEntry) {
        self.init(pack: pack, entry: entry)
    }
}

extension RepositoryIndex: BlobLocator {
    /// The blob's place in the loaded index.
    public func location(of id: BlobID) -> BlobLocation? { blobs[id] }
}

extension Repository {
    /// A tree blob, decoded, its place looked up through `locator`.
    public func loadTree(_ id: BlobID, locator: some BlobLocator) async throws -> Tree {
        guard let location = try locator.location(of: id) else {
            throw RepositoryError.corruptObject(name: "tree \(id.hex.prefix(12))", reason: "not in the index")
        }
        let plain = try await loadBlob(location)
        guard let tree = try? JSONDecoder().decode(Tree.self, from: Data(plain)) else {
            throw RepositoryError.corruptObject(name: "tree \(id.hex.prefix(12))", reason: "not a tree")
        }
        return tree
    }
}
