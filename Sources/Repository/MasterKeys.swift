import AzureAuth
import Foundation
import RepositoryFormat

/// The repository's secrets, made once at `init` and wrapped by each passphrase's key file.
public struct MasterKeys: Sendable, Equatable {
    /// Seals every blob and metadata object.
    public let sealing: SealingKey
    /// Keys the chunk ids (HMAC-SHA256).
    public let id: [UInt8]

    /// New random keys.
    public static func random() -> MasterKeys { MasterKeys(sealing: .random(), id: SecureRandom.bytes(32)) }

    init(sealing: SealingKey, id: [UInt8]) {
        self.sealing = sealing
        self.id = id
    }

    /// The codec of blobs under these keys.
    public var codec: BlobCodec { BlobCodec(sealingKey: sealing, idKey: id) }

    struct Stored: Codable {
        var encryption: String
        var id: String
    }

    func encoded() throws -> [UInt8] {
        Array(try JSONEncoder().encode(Stored(encryption: Base64.encode(sealing.rawBytes), id: Base64.encode(id))))
    }

    static func decode(_ bytes: [UInt8]) -> MasterKeys? {
        guard let s = try? JSONDecoder().decode(Stored.self, from: Data(bytes)),
            let e = Base64.decode(s.encryption).flatMap(SealingKey.init), let i = Base64.decode(s.id), i.count == 32
        else { return nil }
        return MasterKeys(sealing: e, id: i)
    }
}
