import RepositoryFormat

/// The sealed `config` object: what every gateway sharing the container must agree on.
public struct RepositoryConfig: Codable, Sendable, Equatable {
    /// Format version this code writes.
    public static let currentVersion = 2
    public var version: Int
    /// Random repository id (hex).
    public var id: String
    /// Chunker sizes and gear seed.
    public var chunker: ChunkerParameters

    /// A new config with the chosen chunk sizes (average 64 KiB; see docs/benchmarks.md).
    public static func new() -> RepositoryConfig {
        RepositoryConfig(
            version: currentVersion, id: BlobID(SecureRandom.bytes(32))!.hex,
            chunker: ChunkerParameters(minSize: 16 << 10, averageSize: 64 << 10, maxSize: 256 << 10, seed: SecureRandom.bytes(32)))
    }
}
