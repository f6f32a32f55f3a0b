import Foundation

/// The HTTP conditional headers of a request, checked against a resource's ETag and Last-Modified.
struct Conditions: Sendable, Equatable {
    var ifMatch: [String]?
    var ifNoneMatch: [String]?
    var ifModifiedSince: Date?
    var ifUnmodifiedSince: Date?

    init(ifMatch: String? = nil, ifNoneMatch: String? = nil, ifModifiedSince: Date? = nil, ifUnmodifiedSince: Date? = nil) {
        self.ifMatch = ifMatch.map(Self.tags)
        self.ifNoneMatch = ifNoneMatch.map(Self.tags)
        self.ifModifiedSince = ifModifiedSince
        self.ifUnmodifiedSince = ifUnmodifiedSince
    }

    /// Splits `"a", W/"b"` into bare tags.
    static func tags(_ header: String) -> [String] {
        header.split(separator: ",").map { part in
            var t = part.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("W/") { t = String(t.dropFirst(2)) }
            if t.hasPrefix("\""), t.hasSuffix("\""), t.count >= 2 { t = String(t.dropFirst().dropLast()) }
            return t
        }
    }

    private static func matches(_ tags: [String], _ etag: String) -> Bool {
        tags.contains { $0 == "*" || $0 == etag }
    }

    /// Checks a write: `If-None-Match: *` on an existing resource is 409 `exists`; other failures 412.
    /// `etag` is nil when the resource does not exist.
    func checkWrite(etag: String?, lastModified: Date?, exists: BlobError = .blobAlreadyExists) throws(BlobError) {
        if let ifMatch {
            guard let etag, Self.matches(ifMatch, etag) else { throw .conditionNotMet }
        }
        if let ifNoneMatch, let etag {
            if ifNoneMatch.contains("*") { throw exists }
            if Self.matches(ifNoneMatch, etag) { throw .conditionNotMet }
        }
        if let lastModified {
            if let d = ifModifiedSince, lastModified <= d { throw .conditionNotMet }
            if let d = ifUnmodifiedSince, lastModified > d { throw .conditionNotMet }
        }
    }

    /// Checks a read: an unchanged resource is 304, a failed `If-Match`/`If-Unmodified-Since` 412.
    func checkRead(etag: String, lastModified: Date) throws(BlobError) {
        if let ifMatch, !Self.matches(ifMatch, etag) { throw .conditionNotMet }
        if let d = ifUnmodifiedSince, lastModified > d { throw .conditionNotMet }
        if let ifNoneMatch, Self.matches(ifNoneMatch, etag) { throw .notModified }
        if let d = ifModifiedSince, ifNoneMatch == nil, lastModified <= d { throw .notModified }
    }
}
