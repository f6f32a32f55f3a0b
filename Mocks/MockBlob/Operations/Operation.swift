/// The Blob service operations the mock answers, recognised from method, path and query.
enum Operation: String, Sendable {
    case listContainers, getServiceProperties, setServiceProperties, getAccountInfo
    case createContainer, getContainerProperties, deleteContainer, setContainerMetadata, leaseContainer
    case getContainerACL, setContainerACL, listBlobs
    case putBlob, putBlock, putBlockList, getBlockList, getBlob, getBlobProperties, deleteBlob
    case setBlobMetadata, setBlobProperties, setBlobTier, leaseBlob, copyBlob, putBlobFromURL, abortCopy

    /// Classifies a request; nil when the mock does not implement it.
    static func classify(_ r: BlobRequest) -> Operation? {
        let comp = r.query("comp")
        let restype = r.query("restype")
        let m = r.method
        if r.container == nil {
            switch (m, restype, comp) {
            case ("GET", _, "list"): return .listContainers
            case ("GET", "service", "properties"): return .getServiceProperties
            case ("PUT", "service", "properties"): return .setServiceProperties
            case ("GET", "account", "properties"), ("HEAD", "account", "properties"): return .getAccountInfo
            default: return nil
            }
        }
        if r.blob == nil {
            if restype == "account" && comp == "properties" && (m == "GET" || m == "HEAD") { return .getAccountInfo }
            guard restype == "container" else { return nil }
            switch (m, comp) {
            case ("PUT", nil): return .createContainer
            case ("GET", nil), ("HEAD", nil), ("GET", "metadata"), ("HEAD", "metadata"): return .getContainerProperties
            case ("DELETE", nil): return .deleteContainer
            case ("PUT", "metadata"): return .setContainerMetadata
            case ("PUT", "lease"): return .leaseContainer
            case ("GET", "acl"), ("HEAD", "acl"): return .getContainerACL
            case ("PUT", "acl"): return .setContainerACL
            case ("GET", "list"): return .listBlobs
            default: return nil
            }
        }
        switch (m, comp) {
        case ("PUT", nil):
            if r.header("x-ms-copy-source") != nil {
                return r.header("x-ms-blob-type") == nil ? .copyBlob : .putBlobFromURL
            }
            return .putBlob
        case ("PUT", "block"): return .putBlock
        case ("PUT", "blocklist"): return .putBlockList
        case ("GET", "blocklist"): return .getBlockList
        case ("GET", nil): return .getBlob
        case ("HEAD", nil), ("GET", "metadata"), ("HEAD", "metadata"): return .getBlobProperties
        case ("DELETE", nil): return .deleteBlob
        case ("PUT", "metadata"): return .setBlobMetadata
        case ("PUT", "properties"): return .setBlobProperties
        case ("PUT", "tier"): return .setBlobTier
        case ("PUT", "lease"): return .leaseBlob
        case ("PUT", "copy"): return .abortCopy
        default: return nil
        }
    }

    /// What the credential must allow.
    var access: Access {
        switch self {
        case .listContainers: return .listService
        case .getServiceProperties, .getAccountInfo: return .readService
        case .setServiceProperties: return .writeService
        case .createContainer: return .createContainer
        case .deleteContainer: return .deleteContainer
        case .getContainerProperties, .getContainerACL: return .readContainer
        case .setContainerMetadata, .setContainerACL, .leaseContainer: return .writeContainer
        case .listBlobs: return .listContainer
        case .putBlob, .putBlock, .putBlockList, .copyBlob, .putBlobFromURL: return .createOrWriteObject
        case .getBlockList, .getBlob, .getBlobProperties: return .readObject
        case .deleteBlob: return .deleteObject
        case .setBlobMetadata, .setBlobProperties, .setBlobTier, .leaseBlob, .abortCopy: return .writeObject
        }
    }
}
