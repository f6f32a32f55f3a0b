import AzureAuth
import BlobStore
import Foundation

extension AzureBlobStore {
    public func list(prefix: String) -> BlobListing {
        BlobListing { marker in try await self.listPage(prefix: prefix, marker: marker) }
    }

    /// One page of List Blobs with metadata.
    func listPage(prefix: String, marker: String?) async throws -> BlobListing.Page {
        var query = [("restype", "container"), ("comp", "list"), ("include", "metadata"), ("maxresults", String(properties.listPageSize))]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let marker, !marker.isEmpty { query.append(("marker", marker)) }
        let answer = try await send(.GET, blob: nil, query: query, expected: [200])
        guard let root = XMLElement.parse(answer.body), root.name == "EnumerationResults" else {
            throw BlobStoreError(.permanent, blob: container, code: "InvalidXml", message: "the listing answer is not an EnumerationResults document")
        }
        let blobs = (root.child("Blobs")?.children("Blob") ?? []).map(Self.blobInfo)
        let next = root.text("NextMarker").flatMap { $0.isEmpty ? nil : $0 }
        return (blobs, next)
    }

    /// A listing entry's properties.
    static func blobInfo(_ e: XMLElement) -> BlobInfo {
        let p = e.child("Properties")
        var metadata: [String: String] = [:]
        for m in e.child("Metadata")?.children ?? [] { metadata[m.name.lowercased()] = m.text }
        return BlobInfo(
            name: e.text("Name") ?? "", size: Int64(p?.text("Content-Length") ?? "") ?? 0,
            etag: unquote(p?.text("Etag") ?? ""),
            lastModified: p?.text("Last-Modified").flatMap(AzureDate.parseRFC1123) ?? Date(timeIntervalSince1970: 0),
            contentMD5: p?.text("Content-MD5").flatMap { $0.isEmpty ? nil : Base64.decode($0) },
            tier: p?.text("AccessTier").flatMap(AccessTier.init(rawValue:)),
            archiveStatus: p?.text("ArchiveStatus"), metadata: metadata, leaseState: p?.text("LeaseState"))
    }
}
