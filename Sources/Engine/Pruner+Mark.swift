import Catalog
import Repository
import RepositoryFormat

extension Pruner {
    /// Marks every blob the points reference — their trees and the chunks the trees name —
    /// reading each tree once however many points share it; returns the number of points.
    ///
    /// All points are walked together, one level of folders at a time, `treeReads` trees read
    /// at once: a source near 9,999 points has thousands of trees to read, and one at a time
    /// each paid a round trip. A level's trees are dropped once marked; only ids wait.
    func markUsed() async throws -> Int {
        let manifests = try await repository.loadManifests()
        var marks = MarkBuffer(catalog: catalog, limit: markBatch)
        // Each tree waits with the point that first reached it, to name it if it cannot be read.
        var level: [(tree: BlobID, point: Int)] = manifests.enumerated().map { ($1.manifest.tree, $0) }
        while !level.isEmpty {
            var unread: [(tree: BlobID, point: Int)] = []
            var seen = Set<BlobID>()
            for item in level where seen.insert(item.tree).inserted {
                if try !marks.isTreeMarked(item.tree) { unread.append(item) }
            }
            var next: [(tree: BlobID, point: Int)] = []
            for start in stride(from: 0, to: unread.count, by: treeReads) {
                for (item, tree) in try await readTrees(Array(unread[start..<min(start + treeReads, unread.count)]), manifests: manifests) {
                    try marks.add(tree: item.tree)
                    for node in tree.nodes {
                        for chunk in node.content ?? [] { try marks.add(blob: chunk) }
                        if let sub = node.subtree { next.append((sub, item.point)) }
                    }
                }
            }
            level = next
        }
        try marks.flush()
        return manifests.count
    }

    /// Reads `items`' trees at once; in the order given.
    private func readTrees(
        _ items: [(tree: BlobID, point: Int)], manifests: [(name: String, manifest: Manifest)]
    ) async throws -> [(key: (tree: BlobID, point: Int), value: Tree)] {
        let repository = self.repository
        let catalog = self.catalog
        return try await repository.loadEach(items, atOnce: items.count) { item in
            do {
                return try await repository.loadTree(item.tree, locator: catalog)
            } catch let error as PruneError {
                throw error
            } catch {
                let (name, m) = manifests[item.point]
                throw PruneError("prune stopped: point \(m.source)/\(m.point) (\(name)) cannot be read: \(error); nothing was deleted")
            }
        }
    }
}

/// Marks not yet written to the catalog: at most `limit`, then written in one transaction.
struct MarkBuffer<Index: PruneCatalog> {
    let catalog: Index
    let limit: Int
    private var blobs: Set<BlobID> = []
    private var trees: Set<BlobID> = []

    init(catalog: Index, limit: Int) {
        self.catalog = catalog
        self.limit = limit
    }

    /// True when the tree was visited (buffered or written).
    func isTreeMarked(_ id: BlobID) throws -> Bool {
        if trees.contains(id) { return true }
        return try catalog.isTreeMarked(id)
    }

    /// Marks a tree visited; the tree blob itself is used too.
    mutating func add(tree id: BlobID) throws {
        trees.insert(id)
        try add(blob: id)
    }

    mutating func add(blob id: BlobID) throws {
        blobs.insert(id)
        if blobs.count + trees.count >= limit { try flush() }
    }

    mutating func flush() throws {
        guard !blobs.isEmpty || !trees.isEmpty else { return }
        try catalog.mark(blobs: Array(blobs), trees: Array(trees))
        blobs = []
        trees = []
    }
}
