import Foundation
import Hummingbird

extension BlobService {
    func createContainer(_ r: BlobRequest) async throws -> Response {
        let record = try await index.createContainer(try containerKey(r), metadata: r.metadata)
        return Reply.make(201, Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified))
    }

    /// Get Container Properties and Get Container Metadata.
    func containerProperties(_ r: BlobRequest) async throws -> Response {
        let record = try await index.containerProperties(try containerKey(r), leaseID: r.leaseID)
        var h = Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified) + Reply.metadataHeaders(record.metadata)
        if r.query("comp") == nil {
            h += record.lease.headers(at: clock())
            h += [
                ("x-ms-has-immutability-policy", "false"), ("x-ms-has-legal-hold", "false"),
                ("x-ms-default-encryption-scope", "$account-encryption-key"), ("x-ms-deny-encryption-scope-override", "false"),
            ]
        }
        return Reply.make(200, h)
    }

    func deleteContainer(_ r: BlobRequest) async throws -> Response {
        try await index.deleteContainer(try containerKey(r), leaseID: r.leaseID, conditions: r.conditions)
        return Reply.make(202)
    }

    func setContainerMetadata(_ r: BlobRequest) async throws -> Response {
        let record = try await index.setContainerMetadata(
            try containerKey(r), metadata: r.metadata, leaseID: r.leaseID, conditions: r.conditions)
        return Reply.make(200, Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified))
    }

    func leaseContainer(_ r: BlobRequest) async throws -> Response {
        let key = try containerKey(r)
        let outcome = try await index.containerLease(key, request: try leaseRequest(r))
        let record = try await index.container(key).record
        return leaseReply(outcome, etag: record.etag, lastModified: record.lastModified)
    }

    /// Get Container ACL: no stored access policies, no public access.
    func containerACL(_ r: BlobRequest) async throws -> Response {
        let record = try await index.containerProperties(try containerKey(r), leaseID: r.leaseID)
        var w = XMLWriter()
        w.element("SignedIdentifiers", nil)
        return Reply.xml(200, w.text, Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified))
    }

    /// Set Container ACL: accepted and ignored (the mock has no public access or stored policies).
    func setContainerACL(_ r: BlobRequest) async throws -> Response {
        let record = try await index.containerProperties(try containerKey(r), leaseID: r.leaseID)
        return Reply.make(200, Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified))
    }

    /// Minimal Get Blob Service Properties: logging, metrics, CORS and soft delete all off.
    func serviceProperties() -> Response {
        let retention = "<RetentionPolicy><Enabled>false</Enabled></RetentionPolicy>"
        let metrics = "<Version>1.0</Version><Enabled>false</Enabled>\(retention)"
        let text = #"<?xml version="1.0" encoding="utf-8"?>"#
            + "<StorageServiceProperties><Logging><Version>1.0</Version><Read>false</Read><Write>false</Write>"
            + "<Delete>false</Delete>\(retention)</Logging><HourMetrics>\(metrics)</HourMetrics>"
            + "<MinuteMetrics>\(metrics)</MinuteMetrics><Cors /><DeleteRetentionPolicy><Enabled>false</Enabled>"
            + "</DeleteRetentionPolicy><StaticWebsite><Enabled>false</Enabled></StaticWebsite></StorageServiceProperties>"
        return Reply.xml(200, text)
    }
}
