import RepositoryFormat

/// The sealed content of `index/<id>`: which blobs each listed pack holds and where.
public struct IndexFile: Codable, Sendable, Equatable {
    /// One pack and its blobs.
    public struct Pack: Codable, Sendable, Equatable {
        /// The pack's id (SHA-256 of its bytes); its object is `data/<ab>/<id>`.
        public var id: BlobID
        public var blobs: [PackEntry]

        public init(id: BlobID, blobs: [PackEntry]) {
            self.id = id
            self.blobs = blobs
        }
    }

    public var packs: [Pack]

    public init(packs: [Pack]) { self.packs = packs }

    /// The object name of a pack.
    public static func packName(_ id: BlobID) -> String {
        let hex = id.hex
        return "data/\(hex.prefix(2))/\(hex)"
    }
}

/// Where one blob is stored.
public struct BlobLocation: Sendable, Equatable {
    public var pack: BlobID
    public var entry: PackEntry
}

/// The in-memory index: every blob of the repository, by id.
public struct RepositoryIndex: Sendable {
    public private(set) var blobs: [BlobID: BlobLocation] = [:]
    /// Index objects it was loaded from.
    public private(set) var files: [String] = []

    public init() {}

    /// Adds the packs of one index file.
    public mutating func add(_ file: IndexFile, from name: String? = nil) {
        for pack in file.packs {
            for entry in pack.blobs { blobs[entry.id] = BlobLocation(pack: pack.id, entry: entry) }
        }
        if let name { files.append(name) }
    }

    /// True when the blob is stored.
    public func contains(_ id: BlobID) -> Bool { blobs[id] != nil }

    /// Number of distinct packs referenced.
    public var packCount: Int { Set(blobs.values.map(\.pack)).count }
}
