import AsyncHTTPClient
import AzureAuth
import BlobStore
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The Azure Blob REST implementation of `BlobStore`, for one container, on AsyncHTTPClient.
///
/// Works against Azure Storage, Azurite and `tiergate-mockblob`: path-style or host-style
/// endpoints, HTTP or HTTPS, SharedKey or SAS. It does not retry: wrap it in `RetryingBlobStore`.
public struct AzureBlobStore: BlobStore {
    /// The `x-ms-version` this client speaks.
    public static let apiVersion = "2021-08-06"

    /// The container's name.
    public let container: String
    public let properties: BlobStoreProperties
    let endpoint: String
    let credential: ConnectionString.Credential
    let signer: SharedKeySigner?
    let client: HTTPClient
    let logger: Logger
    let timeout: TimeAmount
    let now: @Sendable () -> Date

    /// A store for `container` at the connection string's endpoint, sending through `client`.
    public init(
        connection: ConnectionString, container: String, client: HTTPClient,
        properties: BlobStoreProperties = BlobStoreProperties(), timeout: TimeAmount = .seconds(120),
        logger: Logger = Logger(label: "tiergate.azure"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.container = container
        self.endpoint = connection.blobEndpoint
        self.credential = connection.credential
        if case .sharedKey(let account, let key) = connection.credential {
            signer = SharedKeySigner(account: account, base64Key: key)
        } else {
            signer = nil
        }
        self.client = client
        self.properties = properties
        self.timeout = timeout
        self.logger = logger
        self.now = now
    }

    /// A request's answer: status, headers, body.
    struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Sends one request and returns its answer when the status is in `expected`; otherwise throws
    /// the service's error, classified. `blob` is nil for container-level requests.
    func send(
        _ method: HTTPMethod, blob: String?, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: [UInt8]? = nil, expected: Set<Int>, maxBody: Int = 64 << 20, wholeAccount: Bool = false
    ) async throws -> Answer {
        let what = blob.map { "\(container)/\($0)" } ?? container
        let url = URLBuilder(endpoint: endpoint, container: wholeAccount ? nil : container, blob: blob, query: query)
        var request = HTTPClientRequest(url: url.string(sas: sasToken))
        request.method = method
        var all = headers
        all.append(("x-ms-version", Self.apiVersion))
        all.append(("x-ms-date", AzureDate.rfc1123(now())))
        if let body { all.append(("Content-Length", String(body.count))) }
        for (n, v) in all { request.headers.add(name: n, value: v) }
        if let signer {
            let signable = SignableRequest(method: method.rawValue, path: url.path, query: query.map { ($0.0, $0.1) }, headers: all)
            request.headers.add(name: "Authorization", value: signer.authorization(signable))
        }
        if let body { request.body = RequestBody.body(body) }
        let response: HTTPClientResponse
        var bytes: [UInt8] = []
        do {
            response = try await client.execute(request, timeout: timeout, logger: logger)
            if method != .HEAD { bytes = try await Self.collect(response, maxBody: maxBody) }
        } catch let error as BlobStoreError {
            throw error
        } catch {
            let reason = Self.describe(error)
            let connect = reason == "connection refused" || reason == "connection timed out"
            throw BlobStoreError(
                .retryable, blob: what, code: connect ? BlobStoreError.connectFailed : "TransportError",
                message: "cannot reach \(endpoint): \(reason)")
        }
        let status = Int(response.status.code)
        if expected.contains(status) { return Answer(status: status, headers: response.headers, body: bytes) }
        throw Self.serviceError(status: status, headers: response.headers, body: bytes, what: what)
    }

    /// The response body in one array, allocated once at its announced length (collecting into
    /// a growing ByteBuffer and copying out cost two extra copies of every 16 MiB pack range).
    static func collect(_ response: HTTPClientResponse, maxBody: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length <= maxBody {
            bytes.reserveCapacity(length)
        }
        for try await fragment in response.body {
            guard bytes.count + fragment.readableBytes <= maxBody else { throw NIOTooManyBytesError(maxBytes: maxBody) }
            fragment.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    var sasToken: String? {
        if case .sas(let token) = credential { return token }
        return nil
    }

    /// The service's error from a non-success answer.
    static func serviceError(status: Int, headers: HTTPHeaders, body: [UInt8], what: String) -> BlobStoreError {
        let xml = XMLElement.parse(body)
        let code = headers.first(name: "x-ms-error-code") ?? xml?.text("Code") ?? "HTTP\(status)"
        let message = (xml?.text("Message") ?? "no message").split(separator: "\n").first.map(String.init) ?? ""
        return BlobStoreError(
            BlobStoreError.kind(status: status, code: code), blob: what, status: status, code: code,
            message: message, requestID: headers.first(name: "x-ms-request-id"),
            retryAfter: headers.first(name: "Retry-After").flatMap(Double.init))
    }

    /// A transport error in a few words.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") { return "connection timed out" }
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("remoteConnectionClosed") { return "the connection was closed mid-request" }
        if text.contains("readTimeout") || text.contains("deadlineExceeded") { return "no answer in time" }
        return text.split(separator: "\n").first.map(String.init) ?? text
    }
}
