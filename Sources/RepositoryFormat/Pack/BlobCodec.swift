import AzureAuth

/// Turns a chunk's plaintext into the sealed bytes stored in a pack, and back:
/// `seal(flag ‖ payload)` where flag 0 is the plaintext itself and 1 a zstd frame of it.
public struct BlobCodec: Sendable {
    /// Key sealing every blob.
    public let sealingKey: SealingKey
    /// Key of the chunk ids (HMAC-SHA256).
    public let idKey: [UInt8]

    /// A codec with the repository's master keys.
    public init(sealingKey: SealingKey, idKey: [UInt8]) {
        self.sealingKey = sealingKey
        self.idKey = idKey
    }

    /// The id of a blob with this plaintext.
    public func id(of plaintext: UnsafeRawBufferPointer) -> BlobID {
        BlobID(Digest.hmacSHA256(key: idKey, message: plaintext))!
    }

    /// The sealed form of `plaintext`, compressed when that saves space, with its `id` as the
    /// envelope's associated data: a blob opens only under the id it was stored for.
    public func encode(_ plaintext: UnsafeRawBufferPointer, id: BlobID, compressor: ZstdCompressor) -> [UInt8] {
        if let frame = compressor.compressIfWorthwhile(plaintext) {
            return frame.withUnsafeBytes { sealingKey.seal(flag: 1, $0, associated: id.bytes) }
        }
        return sealingKey.seal(flag: 0, plaintext, associated: id.bytes)
    }

    /// The plaintext of a sealed blob stored as `id`; throws when it is corrupt. Opening checks
    /// the tag, which covers `id`: a blob altered, or moved to another id, fails there. With
    /// `recomputeID` the plaintext's keyed hash is also recomputed and compared (`check
    /// --read-data` and trees); a restore relies on the tag, which saves hashing every chunk again.
    public func decode(_ sealed: UnsafeRawBufferPointer, id expected: BlobID, plainLength: Int, recomputeID: Bool = true) throws -> [UInt8] {
        let (flag, payload) = try sealingKey.openFlagged(sealed, associated: expected.bytes)
        let plain: [UInt8]
        switch flag {
        case 0: plain = payload
        case 1: plain = try payload.withUnsafeBytes { try Zstd.decompress($0, maxSize: plainLength) }
        default: throw BlobCodecError.malformed("unknown blob flag \(flag)")
        }
        guard plain.count == plainLength else { throw BlobCodecError.malformed("length \(plain.count), index says \(plainLength)") }
        if recomputeID {
            guard plain.withUnsafeBytes({ id(of: $0) }) == expected else { throw BlobCodecError.idMismatch(expected) }
        }
        return plain
    }
}

/// A blob that opened but is not what the index says it is.
public enum BlobCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case idMismatch(BlobID)
    public var description: String {
        switch self {
        case .malformed(let why): return "malformed blob: \(why)"
        case .idMismatch(let id): return "blob \(id.hex.prefix(12)) decrypted to content with another id"
        }
    }
}
