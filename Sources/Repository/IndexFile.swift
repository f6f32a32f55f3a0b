import RepositoryFormat

/// The sealed content of `index/<id>`: which blobs each listed pack holds and where.
public struct IndexFile: Codable, Sendable, Equatable {
    /// One pack and its blobs.
    public struct Pack: Codable, Sendable, Equatable {
        /// The pack's id (SHA-256 of its tail); its object is `data/<ab>/<id>`.
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

/// The binary form of an index file (sealed as a whole): `"TGIX"`, then the pack count (4 bytes
/// LE), then per pack its id (32) and blob count (4 LE), then per blob its type (1), offset,
/// length and plaintext length (4 LE each) and id (32). A third the size of the same index in
/// JSON and decoded several times faster (a new machine decodes every index file).
extension IndexFile {
    static let magic = Array("TGIX".utf8)
    static let blobBytes = 45

    /// The bytes stored (before sealing).
    public func encoded() -> [UInt8] {
        var out = Self.magic
        out.reserveCapacity(8 + packs.reduce(0) { $0 + 36 + $1.blobs.count * Self.blobBytes })
        func put(_ n: UInt32) { withUnsafeBytes(of: n.littleEndian) { out += $0 } }
        put(UInt32(packs.count))
        for pack in packs {
            out += pack.id.bytes
            put(UInt32(pack.blobs.count))
            for e in pack.blobs {
                out.append(e.type.rawValue)
                put(e.offset)
                put(e.length)
                put(e.plainLength)
                out += e.id.bytes
            }
        }
        return out
    }

    /// Decodes `encoded()`'s bytes; nil when they are not an index file.
    public init?(decoding bytes: [UInt8]) {
        var at = 0
        func take(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, bytes.count - at >= n else { return nil }
            defer { at += n }
            return bytes[at..<(at + n)]
        }
        func u32() -> UInt32? { take(4).map { $0.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian } }
        guard take(4).map(Array.init) == Self.magic, let packCount = u32() else { return nil }
        var packs: [Pack] = []
        for _ in 0..<packCount {
            guard let pid = take(32).flatMap({ BlobID(Array($0)) }), let count = u32(),
                Int(count) <= (bytes.count - at) / Self.blobBytes
            else { return nil }
            var blobs: [PackEntry] = []
            blobs.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let type = take(1).flatMap({ BlobType(rawValue: $0.first!) }), let offset = u32(), let length = u32(),
                    let plain = u32(), let id = take(32).flatMap({ BlobID(Array($0)) })
                else { return nil }
                blobs.append(PackEntry(type: type, id: id, offset: offset, length: length, plainLength: plain))
            }
            packs.append(Pack(id: pid, blobs: blobs))
        }
        guard at == bytes.count else { return nil }
        self.init(packs: packs)
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
