/// Sizes and seed of the content-defined chunker; stored in the repository's config so every
/// gateway sharing the container cuts the same data at the same places.
public struct ChunkerParameters: Sendable, Equatable, Codable {
    /// No chunk is shorter, except the last of a file.
    public var minSize: Int
    /// The normalization point: cutting is harder before it and easier after.
    public var averageSize: Int
    /// No chunk is longer.
    public var maxSize: Int
    /// Seed of the gear table (secret, so cut points do not reveal content).
    public var seed: [UInt8]

    /// Parameters; `averageSize` must be a power of two between `minSize` and `maxSize`.
    public init(minSize: Int, averageSize: Int, maxSize: Int, seed: [UInt8]) {
        precondition(minSize > 0 && minSize <= averageSize && averageSize <= maxSize)
        precondition(averageSize.nonzeroBitCount == 1, "averageSize must be a power of two")
        self.minSize = minSize
        self.averageSize = averageSize
        self.maxSize = maxSize
        self.seed = seed
    }
}
