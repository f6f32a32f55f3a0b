/// An error of a blob store, classified so that callers know whether to retry.
///
/// `description` is one line naming the blob, the service's error code and what to do;
/// it never contains a key, a SAS signature or request bodies.
public struct BlobStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: String, Sendable, Equatable {
        /// The blob or container does not exist.
        case notFound
        /// A write refused because the blob exists and overwrite was not allowed.
        case alreadyExists
        /// A condition (If-Match, lease id) did not hold.
        case conditionFailed
        /// The request was not authenticated or not authorized.
        case authentication
        /// A read of an archived (or rehydrating) blob.
        case archived
        /// The range lies outside the blob.
        case invalidRange
        /// The service or the network may succeed if asked again.
        case retryable
        /// Any other refusal that asking again will not fix.
        case permanent
    }

    /// The classification.
    public var kind: Kind
    /// The blob or container concerned.
    public var blob: String
    /// HTTP status, when an HTTP answer was received.
    public var status: Int?
    /// The service's `x-ms-error-code`, or a transport error's name.
    public var code: String
    /// The service's message or the transport's explanation.
    public var message: String
    /// The service's request id, for support cases.
    public var requestID: String?
    /// Seconds the service asked to wait (`Retry-After`).
    public var retryAfter: Double?

    /// An error with the given fields.
    public init(
        _ kind: Kind, blob: String, status: Int? = nil, code: String, message: String,
        requestID: String? = nil, retryAfter: Double? = nil
    ) {
        self.kind = kind
        self.blob = blob
        self.status = status
        self.code = code
        self.message = message
        self.requestID = requestID
        self.retryAfter = retryAfter
    }

    /// The code of a retryable error that means no connection could be made at all
    /// (refused or timed out), as opposed to one dropped mid-request.
    public static let connectFailed = "ConnectFailed"

    /// The kind implied by an HTTP status and Azure error code.
    public static func kind(status: Int, code: String) -> Kind {
        switch (status, code) {
        case (404, _): return .notFound
        case (409, "BlobAlreadyExists"), (409, "ContainerAlreadyExists"): return .alreadyExists
        case (409, "BlobArchived"): return .archived
        case (409, let c) where c.hasPrefix("Lease"): return .conditionFailed
        case (412, _): return .conditionFailed
        case (401, _), (403, _): return .authentication
        case (416, _): return .invalidRange
        case (408, _), (429, _), (500, _), (502, _), (503, _), (504, _): return .retryable
        default: return .permanent
        }
    }

    /// One line: what failed, on which blob, and what to do.
    public var description: String {
        let status = self.status.map { "HTTP \($0) " } ?? ""
        let hint: String
        switch kind {
        case .authentication: hint = "; check the account key or SAS (permissions, expiry) in the connection string"
        case .retryable where code == Self.connectFailed: hint = "; check the endpoint in the connection string and that it is up"
        case .retryable: hint = "; the service or network kept failing, try again later"
        case .archived: hint = "; rehydrate the blob from the Archive tier first"
        default: hint = ""
        }
        let id = requestID.map { " (request \($0))" } ?? ""
        return "\(blob): \(status)\(code): \(message)\(id)\(hint)"
    }
}
