import AsyncHTTPClient
import AzureAuth
import BlobStore
import Foundation
import Logging
import NIOCore

/// Opens an HTTP client sized for `properties`, gives `body` a retrying Azure store for
/// `container`, and shuts the client down afterwards, whatever happens.
public func withAzureBlobStore<T: Sendable>(
    connection: ConnectionString, container: String,
    properties: BlobStoreProperties = BlobStoreProperties(),
    retry: RetryPolicy = RetryPolicy(), connectTimeout: TimeAmount = .seconds(5),
    logger: Logger = Logger(label: "tiergate.azure"),
    _ body: (RetryingBlobStore<AzureBlobStore>) async throws -> T
) async throws -> T {
    var configuration = HTTPClient.Configuration()
    configuration.httpVersion = .http1Only
    configuration.decompression = .disabled
    configuration.timeout = .init(connect: connectTimeout, read: .seconds(120))
    configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(properties.connectionLimit, 1))
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let store = AzureBlobStore(connection: connection, container: container, client: client, properties: properties, logger: logger)
    let retrying = RetryingBlobStore(store, policy: retry, logger: logger)
    do {
        let result = try await body(retrying)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
