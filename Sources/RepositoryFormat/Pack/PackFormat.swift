import AzureAuth

/// One blob's place in a pack, as the pack header and the index record it.
public struct PackEntry: Sendable, Equatable, Codable {
    public var type: BlobType
    public var id: BlobID
    /// Offset of the sealed blob within the pack.
    public var offset: UInt32
    /// Length of the sealed blob.
    public var length: UInt32
    /// Length of the plaintext.
    public var plainLength: UInt32

    public init(type: BlobType, id: BlobID, offset: UInt32, length: UInt32, plainLength: UInt32) {
        self.type = type
        self.id = id
        self.offset = offset
        self.length = length
        self.plainLength = plainLength
    }

    /// Bytes of one entry in a header: type (1), length (4 LE), plain length (4 LE), id (32).
    static let encodedSize = 41
}

/// Builds a pack: sealed blobs back to back, then the sealed header listing them, then the
/// header's sealed length as 4 bytes little-endian. Offsets are implied by the order.
public struct PackWriter: Sendable {
    private(set) var body: [UInt8] = []
    /// Entries in the order written.
    public private(set) var entries: [PackEntry] = []

    public init(reservingCapacity: Int = 0) { body.reserveCapacity(reservingCapacity) }

    /// A writer filling `buffer` (emptied) — a finished pack's storage handed back for reuse,
    /// so the next pack needs no fresh allocation for the kernel to fault in.
    public init(reusing buffer: consuming [UInt8], reservingCapacity: Int) {
        buffer.removeAll(keepingCapacity: true)
        // `consume`: were `buffer` still alive, the storage would be shared and reserving
        // would copy it into a fresh allocation.
        body = consume buffer
        body.reserveCapacity(reservingCapacity)
    }

    /// Bytes written so far.
    public var size: Int { body.count }

    /// Appends a sealed blob.
    public mutating func add(type: BlobType, id: BlobID, sealed: [UInt8], plainLength: Int) {
        entries.append(PackEntry(type: type, id: id, offset: UInt32(body.count), length: UInt32(sealed.count), plainLength: UInt32(plainLength)))
        body.append(contentsOf: sealed)
    }

    /// The finished pack, its header sealed with `key`; consumes the writer so the body's
    /// storage becomes the pack without a copy.
    public consuming func finish(key: SealingKey) -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(entries.count * PackEntry.encodedSize)
        for e in entries {
            header.append(e.type.rawValue)
            withUnsafeBytes(of: e.length.littleEndian) { header += $0 }
            withUnsafeBytes(of: e.plainLength.littleEndian) { header += $0 }
            header += e.id.bytes
        }
        let sealed = key.seal(header)
        var out = body
        body = []
        out += sealed
        withUnsafeBytes(of: UInt32(sealed.count).littleEndian) { out += $0 }
        return out
    }
}

/// Reads a pack's header back (from the whole pack or its tail).
public enum PackReader {
    /// Errors reading a pack.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case truncated, badHeader(String)
        public var description: String {
            switch self {
            case .truncated: return "pack is truncated"
            case .badHeader(let why): return "pack header is invalid: \(why)"
            }
        }
    }

    /// The entries of a whole pack.
    public static func entries(of pack: [UInt8], key: SealingKey) throws -> [PackEntry] {
        guard let headerStart = pack.withUnsafeBytes({ Self.headerStart(of: $0) }) else { throw Failure.truncated }
        let header = try key.open(Array(pack[headerStart..<(pack.count - 4)]))
        guard header.count % PackEntry.encodedSize == 0 else { throw Failure.badHeader("length \(header.count)") }
        var entries: [PackEntry] = []
        var offset: UInt32 = 0
        for start in stride(from: 0, to: header.count, by: PackEntry.encodedSize) {
            let e = header[start..<(start + PackEntry.encodedSize)]
            guard let type = BlobType(rawValue: e[start]) else { throw Failure.badHeader("blob type \(e[start])") }
            let len = e[(start + 1)...].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian
            let plain = e[(start + 5)...].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian
            entries.append(PackEntry(type: type, id: BlobID(Array(e[(start + 9)...]))!, offset: offset, length: len, plainLength: plain))
            offset += len
        }
        guard Int(offset) == headerStart else { throw Failure.badHeader("blobs cover \(offset) bytes, header starts at \(headerStart)") }
        return entries
    }
}

extension PackReader {
    /// A pack's id, which names it: the SHA-256 of its tail (the sealed header and the header's
    /// length). The header lists every blob's id and sealed length under a fresh nonce, and each
    /// blob's tag covers its id, so the tail pins down the whole pack without hashing all of it
    /// (hashing 16 MiB packs cost about a tenth of a backup's CPU). Nil when `pack` is too short.
    public static func id(ofPack pack: UnsafeRawBufferPointer) -> BlobID? {
        guard let headerStart = headerStart(of: pack) else { return nil }
        return BlobID(Digest.sha256(UnsafeRawBufferPointer(rebasing: pack[headerStart...])))
    }

    /// Where the sealed header starts, read from the pack's last 4 bytes; nil when the pack is
    /// too short for them or for the length they give.
    static func headerStart(of pack: UnsafeRawBufferPointer) -> Int? {
        guard pack.count >= 4 else { return nil }
        let length = Int(pack.loadUnaligned(fromByteOffset: pack.count - 4, as: UInt32.self).littleEndian)
        guard length + 4 <= pack.count else { return nil }
        return pack.count - 4 - length
    }
}
