import AzureAuth

/// The pure state of one block upload: which blocks a source splits into, each block's id, which
/// are already staged (from an earlier, interrupted attempt), and the final block list.
///
/// A block id is `base64("tgb2" + index (4 bytes, big-endian) + CRC-64 of the block (8 bytes,
/// little-endian))`: the same length for every block, and a function of the content, so a
/// resumed upload can tell from Get Block List which blocks the service already holds without
/// trusting their order. The CRC-64 is the one Put Block sends anyway, so one pass over the
/// bytes serves both.
public struct BlockUploadPlan: Sendable, Equatable {
    /// Total bytes.
    public let size: Int64
    /// Bytes per block (the last may be shorter).
    public let blockSize: Int
    /// Ids of blocks whose content has been staged, by index.
    public private(set) var staged: [Int: String] = [:]
    private let alreadyStaged: [String: Int64]

    /// A plan for `size` bytes in blocks of `blockSize`; `alreadyStaged` are the uncommitted
    /// blocks the service reported (id and size).
    public init(size: Int64, blockSize: Int, alreadyStaged: [BlockList.Block] = []) {
        precondition(blockSize > 0)
        self.size = size
        self.blockSize = blockSize
        self.alreadyStaged = Dictionary(alreadyStaged.map { ($0.id, $0.size) }, uniquingKeysWith: { a, _ in a })
    }

    /// Number of blocks (at least one, so an empty source commits an empty blob).
    public var blockCount: Int { max(1, Int((size + Int64(blockSize) - 1) / Int64(blockSize))) }

    /// Offset and length of block `index`.
    public func extent(of index: Int) -> (offset: Int64, count: Int) {
        let offset = Int64(index) * Int64(blockSize)
        return (offset, Int(min(Int64(blockSize), size - offset)))
    }

    /// The id of block `index` whose content has CRC-64 `crc64`.
    public static func blockID(index: Int, crc64: UInt64) -> String {
        var raw: [UInt8] = Array("tgb2".utf8)
        withUnsafeBytes(of: UInt32(index).bigEndian) { raw += $0 }
        withUnsafeBytes(of: crc64.littleEndian) { raw += $0 }
        return Base64.encode(raw)
    }

    /// True when the service already holds block `index` with this content.
    public func isStaged(index: Int, crc64: UInt64) -> Bool {
        alreadyStaged[Self.blockID(index: index, crc64: crc64)] == Int64(extent(of: index).count)
    }

    /// Records that block `index` is staged under `id`.
    public mutating func markStaged(index: Int, id: String) { staged[index] = id }

    /// True when every block is staged.
    public var isComplete: Bool { staged.count == blockCount }

    /// The block list to commit; nil until every block is staged.
    public var commitList: [String]? {
        guard isComplete else { return nil }
        return (0..<blockCount).map { staged[$0]! }
    }
}
