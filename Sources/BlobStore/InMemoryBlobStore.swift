import AzureAuth
import Foundation

/// A strict in-memory blob store for tests: it checks what Azure checks (block id rules,
/// overwrite refusal, ranges, leases, archived reads) and takes an injected clock.
public actor InMemoryBlobStore: BlobStore {
    struct Blob {
        var bytes: [UInt8]
        var info: BlobInfo
        var committedBlocks: [BlockList.Block] = []
    }

    struct Lease {
        var id: String
        var expires: Date?
        var brokenAt: Date?
    }

    public nonisolated let properties: BlobStoreProperties
    private let now: @Sendable () -> Date
    private var containerExists = false
    private var blobs: [String: Blob] = [:]
    private var staged: [String: [String: [UInt8]]] = [:]
    private var leases: [String: Lease] = [:]
    private var etagCounter = 0

    /// A store whose container does not exist yet; `now` is the clock for leases and times.
    public init(
        properties: BlobStoreProperties = BlobStoreProperties(maxSinglePutSize: 1 << 20, blockSize: 256 << 10, listPageSize: 3),
        createContainer: Bool = true, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.properties = properties
        self.now = now
        self.containerExists = createContainer
    }

    public func createContainer() async throws -> Bool {
        defer { containerExists = true }
        return !containerExists
    }

    private func requireContainer(_ name: String) throws {
        guard containerExists else {
            throw BlobStoreError(.notFound, blob: name, status: 404, code: "ContainerNotFound", message: "The specified container does not exist.")
        }
    }

    private func nextETag() -> String {
        etagCounter += 1
        return String(format: "0x8D%014X", etagCounter)
    }

    /// Checks overwrite, If-Match and the lease for a write to `name`.
    private func checkWrite(_ name: String, options: PutOptions) throws {
        try requireContainer(name)
        if let existing = blobs[name] {
            if !options.overwrite {
                throw BlobStoreError(.alreadyExists, blob: name, status: 409, code: "BlobAlreadyExists", message: "The specified blob already exists.")
            }
            if let m = options.ifMatch, m != existing.info.etag {
                throw BlobStoreError(.conditionFailed, blob: name, status: 412, code: "ConditionNotMet", message: "The condition specified using HTTP conditional header(s) is not met.")
            }
        } else if options.ifMatch != nil {
            throw BlobStoreError(.conditionFailed, blob: name, status: 412, code: "ConditionNotMet", message: "The condition specified using HTTP conditional header(s) is not met.")
        }
        try checkLease(name, given: options.leaseID)
    }

    /// Azure's lease state: available (never leased, or released), leased, breaking, or expired
    /// and broken (a lease that lapsed or was broken: its holder is gone).
    private func leaseState(_ name: String) -> String {
        guard let lease = leases[name] else { return "available" }
        let t = now()
        if let b = lease.brokenAt { return t >= b ? "broken" : "breaking" }
        if let e = lease.expires, t >= e { return "expired" }
        return "leased"
    }

    private func activeLease(_ name: String) -> Lease? {
        guard let lease = leases[name] else { return nil }
        let t = now()
        if let e = lease.expires, t >= e { return nil }
        if let b = lease.brokenAt, t >= b { return nil }
        return lease
    }

    private func checkLease(_ name: String, given: String?) throws {
        if let lease = activeLease(name) {
            guard let given else {
                throw BlobStoreError(.conditionFailed, blob: name, status: 412, code: "LeaseIdMissing", message: "There is currently a lease on the blob and no lease ID was specified in the request.")
            }
            guard given == lease.id else {
                throw BlobStoreError(.conditionFailed, blob: name, status: 412, code: "LeaseIdMismatchWithBlobOperation", message: "The lease ID specified did not match the lease ID for the blob.")
            }
        } else if given != nil, blobs[name] != nil {
            throw BlobStoreError(.conditionFailed, blob: name, status: 412, code: "LeaseNotPresentWithBlobOperation", message: "There is currently no lease on the blob.")
        }
    }

    private func store(_ name: String, bytes: [UInt8], blocks: [BlockList.Block], options: PutOptions) -> BlobInfo {
        let info = BlobInfo(
            name: name, size: Int64(bytes.count), etag: nextETag(), lastModified: now(),
            contentMD5: Digest.md5(bytes), tier: options.tier ?? .hot, metadata: options.metadata,
            leaseState: leaseState(name))
        blobs[name] = Blob(bytes: bytes, info: info, committedBlocks: blocks)
        staged[name] = nil
        return info
    }

    public func put(_ name: String, body: [UInt8], options: PutOptions) async throws -> BlobInfo {
        try checkWrite(name, options: options)
        return store(name, bytes: body, blocks: [], options: options)
    }

    public func putBlock(_ name: String, id: String, body: [UInt8], crc64: UInt64?) async throws {
        try requireContainer(name)
        if let crc64, crc64 != CRC64.checksum(body) {
            throw BlobStoreError(.permanent, blob: name, status: 400, code: "Crc64Mismatch", message: "The CRC64 value specified in the request did not match the CRC64 value calculated by the server.")
        }
        guard let raw = Base64.decode(id), raw.count <= 64, !raw.isEmpty else {
            throw BlobStoreError(.permanent, blob: name, status: 400, code: "InvalidQueryParameterValue", message: "block id is not base64 of at most 64 bytes")
        }
        let existingLengths = (staged[name]?.keys.map(\.count) ?? []) + (blobs[name]?.committedBlocks.map(\.id.count) ?? [])
        if let other = existingLengths.first, other != id.count {
            throw BlobStoreError(.permanent, blob: name, status: 400, code: "InvalidBlobOrBlock", message: "The specified blob or block content is invalid.")
        }
        staged[name, default: [:]][id] = body
    }

    public func putBlockList(_ name: String, ids: [String], options: PutOptions) async throws -> BlobInfo {
        try checkWrite(name, options: options)
        var bytes: [UInt8] = []
        var blocks: [BlockList.Block] = []
        let committed = blobs[name].map { Dictionary(zip($0.committedBlocks.map(\.id), $0.committedRanges()), uniquingKeysWith: { a, _ in a }) } ?? [:]
        for id in ids {
            let piece: [UInt8]
            if let s = staged[name]?[id] {
                piece = s
            } else if let range = committed[id], let blob = blobs[name] {
                piece = Array(blob.bytes[range])
            } else {
                throw BlobStoreError(.permanent, blob: name, status: 400, code: "InvalidBlockList", message: "The specified block list is invalid.")
            }
            bytes += piece
            blocks.append(.init(id: id, size: Int64(piece.count)))
        }
        return store(name, bytes: bytes, blocks: blocks, options: options)
    }

    public func blockList(_ name: String) async throws -> BlockList {
        try requireContainer(name)
        let uncommitted = (staged[name] ?? [:]).map { BlockList.Block(id: $0.key, size: Int64($0.value.count)) }
        guard blobs[name] != nil || !uncommitted.isEmpty else {
            throw BlobStoreError(.notFound, blob: name, status: 404, code: "BlobNotFound", message: "The specified blob does not exist.")
        }
        return BlockList(committed: blobs[name]?.committedBlocks ?? [], uncommitted: uncommitted.sorted { $0.id < $1.id })
    }

    private func blob(_ name: String) throws -> Blob {
        try requireContainer(name)
        guard let blob = blobs[name] else {
            throw BlobStoreError(.notFound, blob: name, status: 404, code: "BlobNotFound", message: "The specified blob does not exist.")
        }
        return blob
    }

    public func get(_ name: String, range: ByteRange?) async throws -> [UInt8] {
        let blob = try blob(name)
        if blob.info.tier == .archive {
            throw BlobStoreError(.archived, blob: name, status: 409, code: "BlobArchived", message: "This operation is not permitted on an archived blob.")
        }
        guard let range else { return blob.bytes }
        let size = Int64(blob.bytes.count)
        guard range.start < size, range.start >= 0, (range.end ?? size) >= range.start else {
            throw BlobStoreError(.invalidRange, blob: name, status: 416, code: "InvalidRange", message: "The range specified is invalid for the current size of the resource.")
        }
        let end = min(range.end ?? size - 1, size - 1)
        return Array(blob.bytes[Int(range.start)...Int(end)])
    }

    public func stat(_ name: String) async throws -> BlobInfo { try info(name) }

    private func info(_ name: String) throws -> BlobInfo {
        var info = try blob(name).info
        info.leaseState = leaseState(name)
        return info
    }

    public nonisolated func list(prefix: String) -> BlobListing {
        let pageSize = properties.listPageSize
        return BlobListing { marker in
            try await self.page(prefix: prefix, after: marker, limit: pageSize)
        }
    }

    private func page(prefix: String, after marker: String?, limit: Int) throws -> BlobListing.Page {
        try requireContainer(prefix)
        let names = blobs.keys.filter { $0.hasPrefix(prefix) && (marker == nil || $0 > marker!) }.sorted()
        let slice = names.prefix(limit)
        var infos: [BlobInfo] = []
        for n in slice { infos.append(try info(n)) }
        return (infos, names.count > limit ? slice.last : nil)
    }

    public func delete(_ name: String, leaseID: String?) async throws {
        _ = try blob(name)
        try checkLease(name, given: leaseID)
        blobs[name] = nil
        leases[name] = nil
    }

    public func lease(_ name: String, _ request: LeaseRequest) async throws -> LeaseResponse {
        _ = try blob(name)
        let t = now()
        let current = activeLease(name)
        let conflict = BlobStoreError(.conditionFailed, blob: name, status: 409, code: "LeaseAlreadyPresent", message: "There is already a lease present.")
        let mismatch = BlobStoreError(.conditionFailed, blob: name, status: 409, code: "LeaseIdMismatchWithLeaseOperation", message: "The lease ID specified did not match the lease ID for the blob.")
        switch request {
        case .acquire(let seconds, let proposed):
            if let seconds, !(15...60).contains(seconds) {
                throw BlobStoreError(.permanent, blob: name, status: 400, code: "InvalidHeaderValue", message: "lease duration must be -1 or 15-60 seconds")
            }
            let id = proposed ?? UUID().uuidString.lowercased()
            if let current, current.id != id { throw conflict }
            leases[name] = Lease(id: id, expires: seconds.map { t.addingTimeInterval(Double($0)) })
            return LeaseResponse(id: id)
        case .renew(let id):
            guard let lease = leases[name], lease.id == id, lease.brokenAt == nil else { throw mismatch }
            let duration = lease.expires.map { _ in 60.0 }
            leases[name]?.expires = duration.map { t.addingTimeInterval($0) }
            return LeaseResponse(id: id)
        case .change(let id, let proposed):
            guard let current, current.id == id else { throw mismatch }
            leases[name]?.id = proposed
            return LeaseResponse(id: proposed)
        case .release(let id):
            guard let lease = leases[name], lease.id == id else { throw mismatch }
            leases[name] = nil
            return LeaseResponse()
        case .break(let seconds):
            guard current != nil else {
                throw BlobStoreError(.conditionFailed, blob: name, status: 409, code: "LeaseNotPresentWithLeaseOperation", message: "There is currently no lease on the blob.")
            }
            let wait = seconds ?? 0
            leases[name]?.brokenAt = t.addingTimeInterval(Double(wait))
            return LeaseResponse(breakSeconds: wait)
        }
    }

    public func setTier(_ name: String, tier: AccessTier) async throws {
        _ = try blob(name)
        blobs[name]?.info.tier = tier
    }
}

extension InMemoryBlobStore.Blob {
    /// The byte range of each committed block within the blob.
    func committedRanges() -> [Range<Int>] {
        var offset = 0
        return committedBlocks.map { block in
            defer { offset += Int(block.size) }
            return offset..<(offset + Int(block.size))
        }
    }
}
