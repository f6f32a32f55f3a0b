import Foundation
import Hummingbird

extension BlobService {
    func deleteBlob(_ r: BlobRequest) async throws -> Response {
        try await index.deleteBlob(try blobKey(r), leaseID: r.leaseID, conditions: r.conditions)
        return Reply.make(202, [("x-ms-delete-type-permanent", "true")])
    }

    func setBlobMetadata(_ r: BlobRequest) async throws -> Response {
        let record = try await index.update(
            try blobKey(r), metadata: r.metadata, properties: nil, leaseID: r.leaseID, conditions: r.conditions)
        return Reply.make(200, Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified)
            + [("x-ms-request-server-encrypted", "true")])
    }

    /// Set Blob Properties: every `x-ms-blob-content-*` header replaces its property (absent ones clear it).
    func setBlobProperties(_ r: BlobRequest) async throws -> Response {
        let record = try await index.update(
            try blobKey(r), metadata: nil, properties: contentProperties(r, standard: false), leaseID: r.leaseID,
            conditions: r.conditions)
        return Reply.make(200, Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified))
    }

    func setBlobTier(_ r: BlobRequest) async throws -> Response {
        guard let tier = try requestedTier(r) else { throw BlobError.missingHeader("x-ms-access-tier") }
        let status = try await index.setTier(try blobKey(r), tier: tier, leaseID: r.leaseID)
        return Reply.make(status)
    }

    func leaseBlob(_ r: BlobRequest) async throws -> Response {
        let key = try blobKey(r)
        let outcome = try await index.blobLease(key, request: try leaseRequest(r))
        let record = try await index.blob(key)
        return leaseReply(outcome, etag: record.etag, lastModified: record.lastModified)
    }

    /// Copy Blob (202, completed at once) or Put Blob From URL (201) from a blob of this server.
    func copyBlob(_ r: BlobRequest, synchronous: Bool, control: RequestControl) async throws -> Response {
        let key = try blobKey(r)
        let sourceURL = r.header("x-ms-copy-source")!
        guard let source = Self.copySource(sourceURL), source.account == key.account else {
            throw BlobError.cannotVerifyCopySource
        }
        let metadata = r.metadata
        let options = BlobWriteOptions(
            properties: ContentProperties(), metadata: metadata, tier: try requestedTier(r), leaseID: r.leaseID,
            conditions: r.conditions, mayOverwrite: control.mayOverwrite)
        let record = try await index.copyBlob(
            from: source, to: key, sourceURL: sourceURL, options: options, copyMetadata: metadata.isEmpty && !synchronous)
        var h = Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified)
        h += [("x-ms-copy-id", record.copy!.id), ("x-ms-copy-status", "success"), ("x-ms-request-server-encrypted", "true")]
        return Reply.make(synchronous ? 201 : 202, h)
    }

    /// The blob a copy source URL names: `http://host/account/container/blob[?sas]`.
    static func copySource(_ url: String) -> BlobKey? {
        guard let components = URLComponents(string: url) else { return nil }
        let parts = components.percentEncodedPath.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        // Path-style: /account/container/blob.
        guard parts.count == 3, parts[0].isEmpty else { return nil }
        let rest = parts[2]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let container = String(rest[..<slash]).removingPercentEncoding
        let blob = String(rest[rest.index(after: slash)...]).removingPercentEncoding
        guard let container, let blob, !blob.isEmpty else { return nil }
        return BlobKey(account: String(parts[1]).removingPercentEncoding ?? String(parts[1]), container: container, name: blob)
    }
}
