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

    /// The sealed form of `plaintext`, compressed when that saves space.
    public func encode(_ plaintext: UnsafeRawBufferPointer, compressor: ZstdCompressor) -> [UInt8] {
        if let frame = compressor.compressIfWorthwhile(plaintext) {
            return frame.withUnsafeBytes { sealingKey.seal(flag: 1, $0) }
        }
        return sealingKey.seal(flag: 0, plaintext)
    }

    /// The plaintext of a sealed blob, checked against `id`; throws when it is corrupt.
    public func decode(_ sealed: UnsafeRawBufferPointer, id expected: BlobID, plainLength: Int) throws -> [UInt8] {
        let opened = try sealingKey.open(sealed)
        guard let flag = opened.first else { throw BlobCodecError.malformed("empty blob") }
        let plain: [UInt8]
        switch flag {
        case 0: plain = Array(opened.dropFirst())
        case 1: plain = try opened.withUnsafeBytes { try Zstd.decompress(UnsafeRawBufferPointer(rebasing: $0.dropFirst()), maxSize: plainLength) }
        default: throw BlobCodecError.malformed("unknown blob flag \(flag)")
        }
        guard plain.count == plainLength else { throw BlobCodecError.malformed("length \(plain.count), index says \(plainLength)") }
        guard plain.withUnsafeBytes({ id(of: $0) }) == expected else { throw BlobCodecError.idMismatch(expected) }
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
