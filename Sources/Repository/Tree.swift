import RepositoryFormat

/// One folder of a recovery point, stored as a `tree` blob (so unchanged folders deduplicate).
public struct Tree: Codable, Sendable, Equatable {
    /// One entry of a folder.
    public struct Node: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case file, directory, symlink }
        public var name: String
        public var kind: Kind
        /// Permission bits.
        public var mode: UInt32
        /// Modification time, nanoseconds since 1970.
        public var mtime: Int64
        /// File size in bytes (0 for folders).
        public var size: Int64
        /// A file's chunk ids, in order.
        public var content: [BlobID]?
        /// A folder's tree id.
        public var subtree: BlobID?
        /// A symlink's target.
        public var target: String?

        public init(name: String, kind: Kind, mode: UInt32, mtime: Int64, size: Int64, content: [BlobID]? = nil, subtree: BlobID? = nil, target: String? = nil) {
            self.name = name
            self.kind = kind
            self.mode = mode
            self.mtime = mtime
            self.size = size
            self.content = content
            self.subtree = subtree
            self.target = target
        }
    }

    /// Entries sorted by name.
    public var nodes: [Node]

    public init(nodes: [Node]) { self.nodes = nodes.sorted { $0.name < $1.name } }
}

/// The sealed `points/<id>` object: it makes one recovery point visible.
public struct Manifest: Codable, Sendable, Equatable {
    /// The protected source (`fs01-bmr`).
    public var source: String
    /// Its kind (`bmr`, `system-state`, `files`, …) and server, from `source.json`.
    public var kind: String
    public var server: String
    /// The local point id (`2026-11-21T220000Z`).
    public var point: String
    /// When the upload finished (ISO 8601).
    public var uploaded: String
    /// The point's root folder.
    public var tree: BlobID
    /// Files and bytes in the point.
    public var files: Int
    public var bytes: Int64
    /// The gateway that uploaded it.
    public var host: String

    public init(source: String, kind: String, server: String, point: String, uploaded: String, tree: BlobID, files: Int, bytes: Int64, host: String) {
        self.source = source
        self.kind = kind
        self.server = server
        self.point = point
        self.uploaded = uploaded
        self.tree = tree
        self.files = files
        self.bytes = bytes
        self.host = host
    }
}
