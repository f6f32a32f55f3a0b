import BlobStore
import Catalog
import Repository
import RepositoryFormat

extension Pruner {
    /// Deletes the replaced index files (the catalog forgets each one deleted, even when a later
    /// one fails).
    func deleteIndexFiles(_ names: [String]) async throws {
        let repository = self.repository
        try await concurrently(names, limit: deletions, { try await repository.deleteIndexFile($0) }) { name in
            try catalog.removeIndexFiles([name])
        }
    }

    /// Deletes packs no index file names any more.
    func deletePacks(_ packs: [BlobID]) async throws {
        let repository = self.repository
        try await concurrently(packs, limit: deletions, { try await repository.deletePack($0) }) { _ in }
    }
}

/// Runs `body` on every item, at most `limit` at a time, calling `done` as each one finishes;
/// the first failure cancels the rest and is thrown.
func concurrently<T: Sendable>(
    _ items: [T], limit: Int, _ body: @escaping @Sendable (T) async throws -> Void, done: (T) throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: T.self) { group in
        var next = items.makeIterator()
        for _ in 0..<limit {
            guard let item = next.next() else { break }
            group.addTask { try await body(item); return item }
        }
        while let finished = try await group.next() {
            try done(finished)
            if let item = next.next() { group.addTask { try await body(item); return item } }
        }
    }
}
