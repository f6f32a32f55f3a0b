/// A container of blobs: the one boundary every tiergate job crosses.
///
/// Shaped after restic's backend: whole-blob put with a replayable body, block staging for large
/// objects, ranged get, stat, list by prefix, delete, leases and access tiers. Implementations:
/// `InMemoryBlobStore` (strict, for tests) and the Azure Blob REST store; behaviour such as retries
/// is added by decorators (`RetryingBlobStore`).
public protocol BlobStore: Sendable {
    /// Limits and preferences of this store.
    var properties: BlobStoreProperties { get }

    /// Creates the container; returns false when it already existed.
    func createContainer() async throws -> Bool

    /// Stores `body` as the whole blob `name` (Put Blob).
    func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo

    /// Stages one block of a future blob (Put Block). `id` is the base64 block id; `crc64`, when
    /// given, is the body's CRC-64/NVME, which the service verifies (`x-ms-content-crc64`).
    func putBlock(_ name: String, id: String, body: [UInt8], crc64: UInt64?) async throws

    /// Commits staged blocks, in order, as the blob's content (Put Block List).
    func putBlockList(_ name: String, ids: [String], options: PutOptions) async throws -> BlobInfo

    /// The blob's committed and staged (uncommitted) blocks (Get Block List).
    func blockList(_ name: String) async throws -> BlockList

    /// The blob's bytes, or the bytes of `range` (Get Blob).
    func get(_ name: String, range: ByteRange?) async throws -> [UInt8]

    /// The blob's properties (Get Blob Properties).
    func stat(_ name: String) async throws -> BlobInfo

    /// Every blob whose name starts with `prefix`, in name order, fetched page by page.
    func list(prefix: String) -> BlobListing

    /// Deletes the blob; `leaseID` when it is leased.
    func delete(_ name: String, leaseID: String?) async throws

    /// Acquires, renews, changes, releases or breaks the blob's lease.
    func lease(_ name: String, _ request: LeaseRequest) async throws -> LeaseResponse

    /// Moves the blob to another access tier.
    func setTier(_ name: String, tier: AccessTier) async throws
}

extension BlobStore {
    /// Stores `body` with default options (overwriting allowed).
    public func put(_ name: String, body: [UInt8]) async throws -> BlobInfo {
        try await put(name, body: body, options: PutOptions())
    }

    /// Stages a block; the store computes the checksum it sends, if any.
    public func putBlock(_ name: String, id: String, body: [UInt8]) async throws {
        try await putBlock(name, id: id, body: body, crc64: nil)
    }

    /// The whole blob.
    public func get(_ name: String) async throws -> [UInt8] { try await get(name, range: nil) }

    /// Deletes an unleased blob.
    public func delete(_ name: String) async throws { try await delete(name, leaseID: nil) }

    /// True when the blob exists.
    public func exists(_ name: String) async throws -> Bool {
        do {
            _ = try await stat(name)
            return true
        } catch let error as BlobStoreError where error.kind == .notFound {
            return false
        }
    }
}

/// Limits and preferences of a store, for the code that drives it.
public struct BlobStoreProperties: Sendable, Equatable {
    /// How many requests the store should have in flight at once.
    public var connectionLimit: Int
    /// Largest body sent as one Put Blob; larger sources go up as blocks.
    public var maxSinglePutSize: Int
    /// Block size used for block uploads.
    public var blockSize: Int
    /// Blobs asked for per listing page (Azure caps it at 5000).
    public var listPageSize: Int

    /// Properties with explicit values.
    public init(connectionLimit: Int = 8, maxSinglePutSize: Int = 8 << 20, blockSize: Int = 8 << 20, listPageSize: Int = 5000) {
        self.connectionLimit = connectionLimit
        self.maxSinglePutSize = maxSinglePutSize
        self.blockSize = blockSize
        self.listPageSize = listPageSize
    }
}
