import AzureAuth
import Foundation
import Hummingbird
import Logging

/// Per-request fault plan handed to the operations.
struct RequestControl: Sendable {
    /// For a download: send this share of the body, then drop the connection.
    var truncateDownload = false
    /// Drops the connection.
    var drop: @Sendable () -> Void = {}
    /// False when a SAS grants create but not write: new blobs only.
    var mayOverwrite = true
}

/// Signals a connection dropped on purpose; the responder lets it close the connection.
struct ConnectionDropped: Error {}

/// Carries out Blob service operations against the index and the data store.
struct BlobService: Sendable {
    let index: BlobIndex
    let data: any DataStore
    let syncWrites: Bool
    let clock: @Sendable () -> Date
    let logger: Logger

    static let maxPutBlobSize: Int64 = 5000 * 1024 * 1024
    static let maxBlockSize: Int64 = 4000 * 1024 * 1024
    static let readChunk = 256 * 1024

    func handle(_ op: Operation, _ r: BlobRequest, _ request: Request, control: RequestControl) async throws -> Response {
        switch op {
        case .listContainers: return try await listContainers(r)
        case .getServiceProperties: return serviceProperties()
        case .setServiceProperties: return Reply.make(202)
        case .getAccountInfo:
            return Reply.make(200, [("x-ms-sku-name", "Standard_LRS"), ("x-ms-account-kind", "StorageV2"), ("x-ms-is-hns-enabled", "false")])
        case .createContainer: return try await createContainer(r)
        case .getContainerProperties: return try await containerProperties(r)
        case .deleteContainer: return try await deleteContainer(r)
        case .setContainerMetadata: return try await setContainerMetadata(r)
        case .leaseContainer: return try await leaseContainer(r)
        case .getContainerACL: return try await containerACL(r)
        case .setContainerACL: return try await setContainerACL(r)
        case .listBlobs: return try await listBlobs(r)
        case .putBlob: return try await putBlob(r, request.body, control: control)
        case .putBlock: return try await putBlock(r, request.body)
        case .putBlockList: return try await putBlockList(r, request.body, control: control)
        case .getBlockList: return try await getBlockList(r)
        case .getBlob: return try await getBlob(r, control: control)
        case .getBlobProperties: return try await blobProperties(r)
        case .deleteBlob: return try await deleteBlob(r)
        case .setBlobMetadata: return try await setBlobMetadata(r)
        case .setBlobProperties: return try await setBlobProperties(r)
        case .setBlobTier: return try await setBlobTier(r)
        case .leaseBlob: return try await leaseBlob(r)
        case .copyBlob: return try await copyBlob(r, synchronous: false, control: control)
        case .putBlobFromURL: return try await copyBlob(r, synchronous: true, control: control)
        case .abortCopy: throw BlobError(409, "NoPendingCopyOperation", "There is currently no pending copy operation.")
        }
    }

    // MARK: Helpers

    func containerKey(_ r: BlobRequest) throws(BlobError) -> ContainerKey {
        guard let account = r.account, let container = r.container else { throw .invalidURI }
        return ContainerKey(account: account, container: container)
    }

    func blobKey(_ r: BlobRequest) throws(BlobError) -> BlobKey {
        guard let account = r.account, let container = r.container, let blob = r.blob else { throw .invalidURI }
        guard blob.utf8.count <= 1024 else { throw BlobError(400, "InvalidResourceName", "The blob name is longer than 1024 characters.") }
        return BlobKey(account: account, container: container, name: blob)
    }

    /// Lease headers of a lease request.
    func leaseRequest(_ r: BlobRequest) throws(BlobError) -> LeaseRequest {
        guard let text = r.header("x-ms-lease-action") else { throw .missingHeader("x-ms-lease-action") }
        guard let action = LeaseRequest.Action(rawValue: text.lowercased()) else {
            throw .invalidHeaderValue("x-ms-lease-action", text)
        }
        func int(_ name: String) throws(BlobError) -> Int? {
            guard let v = r.header(name) else { return nil }
            guard let n = Int(v.trimmingCharacters(in: .whitespaces)) else { throw .invalidHeaderValue(name, v) }
            return n
        }
        return LeaseRequest(
            action: action, leaseID: r.leaseID, proposedID: r.header("x-ms-proposed-lease-id"),
            duration: try int("x-ms-lease-duration"), breakPeriod: try int("x-ms-lease-break-period"),
            conditions: r.conditions)
    }

    /// The answer to a lease request.
    func leaseReply(_ outcome: LeaseOutcome, etag: String, lastModified: Date) -> Response {
        var h = Reply.versionHeaders(etag: etag, lastModified: lastModified)
        if let id = outcome.leaseID { h.append(("x-ms-lease-id", id)) }
        if let t = outcome.leaseTime { h.append(("x-ms-lease-time", "\(t)")) }
        return Reply.make(outcome.status, h)
    }

    /// Content properties from `x-ms-blob-content-*` (falling back to the standard headers when `standard`).
    func contentProperties(_ r: BlobRequest, standard: Bool) -> ContentProperties {
        func pick(_ name: String) -> String? {
            r.header("x-ms-blob-\(name)") ?? (standard ? r.header(name) : nil)
        }
        return ContentProperties(
            contentType: pick("content-type"), contentEncoding: pick("content-encoding"),
            contentLanguage: pick("content-language"), contentDisposition: pick("content-disposition"),
            cacheControl: pick("cache-control"), contentMD5: r.header("x-ms-blob-content-md5"))
    }

    /// `x-ms-access-tier`, when sent.
    func requestedTier(_ r: BlobRequest) throws(BlobError) -> AccessTier? {
        guard let text = r.header("x-ms-access-tier") else { return nil }
        guard let tier = AccessTier(header: text) else { throw .invalidTier }
        return tier
    }
}
