import Foundation

/// The content properties a client sets on a blob.
struct ContentProperties: Codable, Sendable, Equatable {
    var contentType: String?
    var contentEncoding: String?
    var contentLanguage: String?
    var contentDisposition: String?
    var cacheControl: String?
    /// Base64 MD5 of the whole blob, when known.
    var contentMD5: String?
}

/// One piece of a committed blob: a block (with its ID) or a whole Put Blob body (no ID).
struct Segment: Codable, Sendable, Equatable {
    var blockID: String?
    var data: DataRef
}

/// The result of a completed Copy Blob, shown on the destination's properties.
struct CopyInfo: Codable, Sendable, Equatable {
    var id: String
    var source: String
    var completed: Date
    var bytes: Int64
}

/// A committed blob's stored state; the bytes are the concatenation of `segments`.
struct BlobRecord: Codable, Sendable {
    var name: String
    var created: Date
    var lastModified: Date
    var etag: String
    var properties: ContentProperties
    var metadata: [MetadataEntry]
    var segments: [Segment]
    var tier: AccessTier
    var tierInferred: Bool
    var tierChanged: Date?
    var rehydration: Rehydration?
    var lease: Lease
    var copy: CopyInfo?

    /// The blob's length in bytes.
    var size: Int64 { segments.reduce(0) { $0 + $1.data.size } }

    /// Applies a finished rehydration whose time has come.
    mutating func settle(at now: Date) {
        if let r = rehydration, now >= r.readyAt {
            tier = r.target
            tierChanged = r.readyAt
            rehydration = nil
        }
    }

    /// True when the blob's bytes cannot be read (Archive tier, rehydrating or not).
    var isArchived: Bool { tier == .archive }
}
