import BlobStore
import Repository
import RepositoryFormat

/// One entry of a cloud point: its path relative to the point's root and its tree node.
public struct PointEntry: Sendable, Equatable {
    /// `/`-separated path relative to the point's root (`WindowsImageBackup/fs01/…`).
    public var path: String
    public var node: Tree.Node
}

/// Walks a cloud point's trees, depth first with folders before their contents.
public enum PointTree {
    /// The entries of the point whose root tree is `root`, limited to `include` paths (files or
    /// folders, relative to the point's root; empty means everything). Folders leading to an
    /// included path are listed too, so a selection restores at its own path. Fails naming any
    /// include that matches nothing.
    public static func entries<S: BlobStore>(
        root: BlobID, repository: Repository<S>, index: RepositoryIndex, include: [String] = []
    ) async throws -> [PointEntry] {
        let wanted = include.map(normalize)
        var out: [PointEntry] = []
        var matched = Set<String>()
        try await visit(root, prefix: "", inSelection: wanted.isEmpty, repository: repository, index: index, wanted: Set(wanted), matched: &matched, into: &out)
        if let missing = wanted.first(where: { !matched.contains($0) }) {
            throw RestoreError("'\(missing)' is not in this point; list its files with 'tiergate ls'")
        }
        return out
    }

    /// `/a/b/` → `a/b`.
    static func normalize(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    private static func visit<S: BlobStore>(
        _ id: BlobID, prefix: String, inSelection: Bool, repository: Repository<S>, index: RepositoryIndex,
        wanted: Set<String>, matched: inout Set<String>, into out: inout [PointEntry]
    ) async throws {
        let tree: Tree
        do { tree = try await repository.loadTree(id, index: index) } catch {
            let folder = prefix.isEmpty ? "the root folder" : "the folder '\(prefix)'"
            let why = (error as? BlobStoreError).flatMap { $0.kind == .notFound ? "pack \($0.blob) is missing from the container" : nil } ?? "\(error)"
            throw RestoreError("\(folder) of this point cannot be read: \(why); run 'tiergate check'")
        }
        for node in tree.nodes {
            let path = prefix.isEmpty ? node.name : prefix + "/" + node.name
            // Inside a selected folder everything is taken; outside, only folders leading to one.
            let selected = inSelection || wanted.contains(path)
            let leadsToSelection = !selected && wanted.contains { $0.hasPrefix(path + "/") }
            guard selected || leadsToSelection else { continue }
            if wanted.contains(path) { matched.insert(path) }
            out.append(PointEntry(path: path, node: node))
            if let sub = node.subtree {
                try await visit(sub, prefix: path, inSelection: selected, repository: repository, index: index, wanted: wanted, matched: &matched, into: &out)
            }
        }
    }
}

/// A restore problem; one line naming it and what to do.
public struct RestoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
