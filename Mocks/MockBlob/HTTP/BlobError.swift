/// An Azure Blob error answer: HTTP status, `x-ms-error-code` and a message.
struct BlobError: Error, Sendable, Equatable {
    var status: Int
    var code: String
    var message: String
    /// Extra response headers (e.g. `Content-Range` on 416).
    var headers: [(String, String)] = []

    init(_ status: Int, _ code: String, _ message: String, headers: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    static func == (a: BlobError, b: BlobError) -> Bool { a.status == b.status && a.code == b.code }

    // Authentication and authorization.
    static func authenticationFailed(_ detail: String) -> BlobError {
        BlobError(403, "AuthenticationFailed",
                  "Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature. \(detail)")
    }
    static func permissionMismatch(_ detail: String) -> BlobError {
        BlobError(403, "AuthorizationPermissionMismatch", "This request is not authorized to perform this operation using this permission. \(detail)")
    }
    static func resourceTypeMismatch(_ detail: String) -> BlobError {
        BlobError(403, "AuthorizationResourceTypeMismatch", "This request is not authorized to perform this operation using this resource type. \(detail)")
    }

    // Request shape.
    static func invalidHeaderValue(_ name: String, _ detail: String) -> BlobError {
        BlobError(400, "InvalidHeaderValue", "The value for header \(name) is not valid: \(detail).")
    }
    static func missingHeader(_ name: String) -> BlobError {
        BlobError(400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified: \(name).")
    }
    static func invalidQuery(_ name: String, _ detail: String) -> BlobError {
        BlobError(400, "InvalidQueryParameterValue", "Value for query parameter \(name) is not valid: \(detail).")
    }
    static let unsupportedOperation = BlobError(400, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb or operation.")
    static let invalidURI = BlobError(400, "InvalidUri", "The requested URI does not represent any resource on the server.")
    static let invalidResourceName = BlobError(400, "InvalidResourceName", "The specified resource name contains invalid characters.")
    static let missingContentLength = BlobError(411, "MissingContentLengthHeader", "The Content-Length header was not specified.")
    static let bodyTooLarge = BlobError(413, "RequestBodyTooLarge", "The request body is too large and exceeds the maximum permissible limit.")
    static let invalidXML = BlobError(400, "InvalidXmlDocument", "XML specified is not syntactically valid.")
    static let invalidBlobType = BlobError(400, "InvalidBlobType", "Only BlockBlob is supported by this server.")
    static let serverFailure = BlobError(500, "InternalError", "The server encountered an internal error. Please retry the request.")

    // Integrity.
    static let md5Mismatch = BlobError(400, "Md5Mismatch", "The MD5 value specified in the request did not match with the MD5 value calculated by the server.")
    static let crc64Mismatch = BlobError(400, "Crc64Mismatch", "The CRC64 value specified in the request did not match with the CRC64 value calculated by the server.")

    // Containers.
    static let containerNotFound = BlobError(404, "ContainerNotFound", "The specified container does not exist.")
    static let containerAlreadyExists = BlobError(409, "ContainerAlreadyExists", "The specified container already exists.")
    static let containerBeingDeleted = BlobError(409, "ContainerBeingDeleted", "The specified container is being deleted.")

    // Blobs and blocks.
    static let blobNotFound = BlobError(404, "BlobNotFound", "The specified blob does not exist.")
    static let blobAlreadyExists = BlobError(409, "BlobAlreadyExists", "The specified blob already exists.")
    static let blobArchived = BlobError(409, "BlobArchived", "This operation is not permitted on an archived blob.")
    static let blobBeingRehydrated = BlobError(409, "BlobBeingRehydrated", "This operation is not permitted because the blob is being rehydrated.")
    static let invalidBlobOrBlock = BlobError(400, "InvalidBlobOrBlock", "The specified blob or block content is invalid.")
    static let invalidBlockID = BlobError(400, "InvalidBlockId", "The specified block ID is invalid. The block ID must be Base64-encoded.")
    static let invalidBlockList = BlobError(400, "InvalidBlockList", "The specified block list is invalid.")
    static let blockCountExceedsLimit = BlobError(409, "BlockCountExceedsLimit", "The uncommitted block count cannot exceed the maximum limit of 100,000 blocks.")
    static let cannotVerifyCopySource = BlobError(404, "CannotVerifyCopySource", "The specified copy source blob does not exist.")
    static func invalidRange(size: Int64) -> BlobError {
        BlobError(416, "InvalidRange", "The range specified is invalid for the current size of the resource.",
                  headers: [("Content-Range", "bytes */\(size)")])
    }
    static let invalidTier = BlobError(400, "InvalidHeaderValue", "The value for header x-ms-access-tier is not valid.")

    // Conditions.
    static let conditionNotMet = BlobError(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.")
    static let notModified = BlobError(304, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.")

    // Leases.
    static let leaseIdMissing = BlobError(412, "LeaseIdMissing", "There is currently a lease on the resource and no lease ID was specified in the request.")
    static let leaseIdMismatchWithBlobOperation = BlobError(412, "LeaseIdMismatchWithBlobOperation", "The lease ID specified did not match the lease ID for the blob.")
    static let leaseNotPresentWithBlobOperation = BlobError(412, "LeaseNotPresentWithBlobOperation", "There is currently no lease on the blob.")
    static let leaseAlreadyPresent = BlobError(409, "LeaseAlreadyPresent", "There is already a lease present.")
    static let leaseNotPresentWithLeaseOperation = BlobError(409, "LeaseNotPresentWithLeaseOperation", "There is currently no lease on the resource.")
    static let leaseIdMismatchWithLeaseOperation = BlobError(409, "LeaseIdMismatchWithLeaseOperation", "The lease ID specified did not match the lease ID for the resource.")
    static let leaseIsBreakingAndCannotBeAcquired = BlobError(409, "LeaseIsBreakingAndCannotBeAcquired", "There is already a breaking lease on the resource.")
    static let leaseIsBreakingAndCannotBeChanged = BlobError(409, "LeaseIsBreakingAndCannotBeChanged", "The lease is breaking and its ID cannot be changed.")
    static let leaseIsBrokenAndCannotBeRenewed = BlobError(409, "LeaseIsBrokenAndCannotBeRenewed", "The lease has been broken explicitly and cannot be renewed.")

    // Server pressure (fault injection).
    static let serverBusy = BlobError(503, "ServerBusy", "The server is currently unable to receive requests. Please retry your request.")
    static let operationTimedOut = BlobError(500, "OperationTimedOut", "The operation could not be completed within the permitted time.")
}
