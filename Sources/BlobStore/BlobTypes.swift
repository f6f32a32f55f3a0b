import Foundation

/// An inclusive byte range, as `bytes=start-end`; `end == nil` means to the end of the blob.
public struct ByteRange: Sendable, Equatable, CustomStringConvertible {
    /// First byte.
    public var start: Int64
    /// Last byte, inclusive; nil for "to the end".
    public var end: Int64?

    /// A range from `start` through `end` (inclusive), or to the end.
    public init(start: Int64, end: Int64? = nil) {
        self.start = start
        self.end = end
    }

    /// `count` bytes from `offset`.
    public init(offset: Int64, count: Int64) {
        self.init(start: offset, end: offset + count - 1)
    }

    /// The HTTP form, `bytes=start-end`.
    public var description: String { "bytes=\(start)-\(end.map(String.init) ?? "")" }
}

/// Azure access tiers.
public enum AccessTier: String, Sendable, CaseIterable {
    case hot = "Hot", cool = "Cool", cold = "Cold", archive = "Archive"
}

/// A blob's properties, as listed or returned by stat.
public struct BlobInfo: Sendable, Equatable {
    /// Blob name within the container.
    public var name: String
    /// Content length in bytes.
    public var size: Int64
    /// Entity tag, without quotes.
    public var etag: String
    /// Last modification time.
    public var lastModified: Date
    /// MD5 of the content, when the service knows it.
    public var contentMD5: [UInt8]?
    /// Access tier, when reported.
    public var tier: AccessTier?
    /// `rehydrate-pending-to-hot` and the like while leaving Archive.
    public var archiveStatus: String?
    /// User metadata (`x-ms-meta-*`), names lower-cased.
    public var metadata: [String: String]
    /// `available`, `leased`, `expired`, `breaking` or `broken`.
    public var leaseState: String?

    /// A property set with the given values.
    public init(
        name: String, size: Int64, etag: String, lastModified: Date, contentMD5: [UInt8]? = nil,
        tier: AccessTier? = nil, archiveStatus: String? = nil, metadata: [String: String] = [:],
        leaseState: String? = nil
    ) {
        self.name = name
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.contentMD5 = contentMD5
        self.tier = tier
        self.archiveStatus = archiveStatus
        self.metadata = metadata
        self.leaseState = leaseState
    }
}

/// Options of a write.
public struct PutOptions: Sendable, Equatable {
    /// When false, the write is refused if the blob exists (`If-None-Match: *`).
    public var overwrite: Bool
    /// User metadata to store.
    public var metadata: [String: String]
    /// Content type to store.
    public var contentType: String?
    /// The lease held on the blob, if it is leased.
    public var leaseID: String?
    /// Only write when the blob's ETag matches (`If-Match`).
    public var ifMatch: String?
    /// The tier to store the blob in.
    public var tier: AccessTier?

    /// Options with the given values; by default overwrite is allowed.
    public init(
        overwrite: Bool = true, metadata: [String: String] = [:], contentType: String? = nil,
        leaseID: String? = nil, ifMatch: String? = nil, tier: AccessTier? = nil
    ) {
        self.overwrite = overwrite
        self.metadata = metadata
        self.contentType = contentType
        self.leaseID = leaseID
        self.ifMatch = ifMatch
        self.tier = tier
    }
}

/// A blob's blocks, as Get Block List reports them.
public struct BlockList: Sendable, Equatable {
    /// One block: its base64 id and size.
    public struct Block: Sendable, Equatable {
        public var id: String
        public var size: Int64
        public init(id: String, size: Int64) {
            self.id = id
            self.size = size
        }
    }

    /// Blocks of the committed blob, in order.
    public var committed: [Block]
    /// Staged blocks not yet committed.
    public var uncommitted: [Block]

    public init(committed: [Block] = [], uncommitted: [Block] = []) {
        self.committed = committed
        self.uncommitted = uncommitted
    }
}

/// A lease operation.
public enum LeaseRequest: Sendable, Equatable {
    /// Acquire for `seconds` (15–60) or forever (nil), optionally proposing an id.
    case acquire(seconds: Int?, proposedID: String?)
    /// Renew a held lease.
    case renew(id: String)
    /// Replace a held lease's id.
    case change(id: String, proposedID: String)
    /// Release a held lease.
    case release(id: String)
    /// Break the lease, immediately or after `seconds`.
    case `break`(seconds: Int?)
}

/// The answer to a lease operation.
public struct LeaseResponse: Sendable, Equatable {
    /// The lease id (acquire, renew, change).
    public var id: String?
    /// Seconds until a broken lease ends (break).
    public var breakSeconds: Int?

    public init(id: String? = nil, breakSeconds: Int? = nil) {
        self.id = id
        self.breakSeconds = breakSeconds
    }
}
