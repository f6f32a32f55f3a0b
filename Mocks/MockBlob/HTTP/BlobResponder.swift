import AzureAuth
import Foundation
import Hummingbird
import Logging

/// The whole Blob service as one Hummingbird responder: admin path, faults, latency,
/// authentication, dispatch, errors and the headers every answer carries.
struct BlobResponder: HTTPResponder {
    typealias Context = MockRequestContext

    let service: BlobService
    let authenticator: Authenticator
    let faults: FaultSettings
    let logger: Logger

    static let defaultVersion = "2021-08-06"

    func respond(to request: Request, context: Context) async throws -> Response {
        let r = BlobRequest(request)
        if r.rawPath.hasPrefix(AdminEndpoint.prefix) {
            return try await AdminEndpoint(faults: faults).respond(r, request.body)
        }
        let head = r.method == "HEAD"
        let operation = Operation.classify(r)
        var control = RequestControl(drop: { context.dropConnection() })
        var response: Response
        let decision = faults.decide()
        let latency = faults.latencyMs
        if latency > 0 { try await Task.sleep(for: .milliseconds(latency)) }
        switch decision {
        case .reset:
            if operation == .getBlob {
                control.truncateDownload = true
                response = try await process(operation, r, request, control: control, head: head)
            } else {
                try await dropMidBody(r, request.body, context: context)
                throw ConnectionDropped()
            }
        case .fault(let error, let retryAfter):
            for try await _ in request.body {}
            response = Reply.error(error, head: head)
            if let retryAfter { response.headers[HeaderName("Retry-After")!] = "\(retryAfter)" }
        case .none:
            response = try await process(operation, r, request, control: control, head: head)
        }
        decorate(&response, r)
        if logger.logLevel <= .debug {
            logger.debug("\(r.method) \(r.rawPath) \(operation?.rawValue ?? "-") → \(response.status.code)")
        }
        return response
    }

    /// Authenticates and runs the operation; renders Blob errors.
    private func process(_ operation: Operation?, _ r: BlobRequest, _ request: Request, control: RequestControl, head: Bool)
        async throws -> Response
    {
        do {
            guard let operation else {
                try authenticator.authorize(r, access: .readService)
                throw BlobError.unsupportedOperation
            }
            var control = control
            if let granted = try authenticator.authorize(r, access: operation.access) {
                control.mayOverwrite = granted.contains(.write)
            }
            return try await service.handle(operation, r, request, control: control)
        } catch let error as BlobError {
            if error.status >= 500 { logger.warning("\(r.method) \(r.rawPath): \(error.code)") }
            return Reply.error(error, head: head)
        } catch let error as FileIO.FileIOError {
            logger.error("\(r.method) \(r.rawPath): \(error)")
            return Reply.error(.serverFailure, head: head)
        }
    }

    /// Reads about half of an upload's body (none for a bodiless request), then closes the connection.
    private func dropMidBody(_ r: BlobRequest, _ body: RequestBody, context: Context) async throws {
        let half = (r.contentLength ?? 0) / 2
        var read: Int64 = 0
        if half > 0 {
            for try await buffer in body {
                read += Int64(buffer.readableBytes)
                if read >= half { break }
            }
        }
        context.dropConnection()
    }

    /// The headers every answer carries.
    private func decorate(_ response: inout Response, _ r: BlobRequest) {
        response.headers[HeaderName("x-ms-request-id")!] = UUID().uuidString.lowercased()
        response.headers[HeaderName("x-ms-version")!] = r.header("x-ms-version") ?? Self.defaultVersion
        if let id = r.header("x-ms-client-request-id") {
            response.headers[HeaderName("x-ms-client-request-id")!] = id
        }
        response.headers[HeaderName("Server")!] = "tiergate-mockblob"
    }
}
