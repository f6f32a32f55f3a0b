import Catalog
import Repository
import RepositoryFormat

extension Pruner {
    /// Marks every blob the points reference — their trees and the chunks the trees name —
    /// walking each tree once however many points share it; returns the number of points.
    func markUsed() async throws -> Int {
        let manifests = try await repository.loadManifests()
        var marks = MarkBuffer(catalog: catalog, limit: markBatch)
        for (name, manifest) in manifests {
            do {
                try await markTree(manifest.tree, marks: &marks)
            } catch let error as PruneError {
                throw error
            } catch {
                throw PruneError("prune stopped: point \(manifest.source)/\(manifest.point) (\(name)) cannot be read: \(error); nothing was deleted")
            }
        }
        try marks.flush()
        return manifests.count
    }

    /// Depth first with an explicit stack of tree ids; a tree's nodes are dropped before its
    /// subtrees are read.
    func markTree(_ root: BlobID, marks: inout MarkBuffer<Index>) async throws {
        var pending = [root]
        while let id = pending.popLast() {
            if try marks.isTreeMarked(id) { continue }
            let tree = try await repository.loadTree(id, locator: catalog)
            try marks.add(tree: id)
            for node in tree.nodes {
                for chunk in node.content ?? [] { try marks.add(blob: chunk) }
                if let sub = node.subtree { pending.append(sub) }
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
