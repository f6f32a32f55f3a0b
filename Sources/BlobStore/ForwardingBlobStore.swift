/// A store that forwards every operation to `base`; a decorator or test double conforms and
/// implements only the operations it changes.
public protocol ForwardingBlobStore: BlobStore {
    associatedtype Base: BlobStore
    /// The store operations go to.
    var base: Base { get }
}

extension ForwardingBlobStore {
    public var properties: BlobStoreProperties { base.properties }
    public func createContainer() async throws -> Bool { try await base.createContainer() }
    public func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        try await base.put(name, body: body, options: options)
    }
    public func putBlock(_ name: String, id: String, body: [UInt8], crc64: UInt64?) async throws {
        try await base.putBlock(name, id: id, body: body, crc64: crc64)
    }
    public func putBlockList(_ name: String, ids: [String], options: PutOptions) async throws -> BlobInfo {
        try await base.putBlockList(name, ids: ids, options: options)
    }
    public func blockList(_ name: String) async throws -> BlockList { try await base.blockList(name) }
    public func get(_ name: String, range: ByteRange?) async throws -> [UInt8] { try await base.get(name, range: range) }
    public func stat(_ name: String) async throws -> BlobInfo { try await base.stat(name) }
    public func list(prefix: String) -> BlobListing { base.list(prefix: prefix) }
    public func delete(_ name: String, leaseID: String?) async throws { try await base.delete(name, leaseID: leaseID) }
    public func lease(_ name: String, _ request: LeaseRequest) async throws -> LeaseResponse { try await base.lease(name, request) }
    public func setTier(_ name: String, tier: AccessTier) async throws { try await base.setTier(name, tier: tier) }
}
