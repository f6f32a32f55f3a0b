import Foundation
import Logging
import ServiceLifecycle

/// Runs a server for the duration of `body`, giving its endpoint
/// (`http://127.0.0.1:PORT/devstoreaccount1` by default) and the server (for its ``FaultSettings``).
/// The server stops when `body` returns or throws.
public func withMockBlobServer<T: Sendable>(
    _ configuration: MockBlobConfiguration = .init(),
    _ body: @Sendable (_ endpoint: String, _ server: MockBlobServer) async throws -> T
) async throws -> T {
    var logger = Logger(label: "tiergate-mockblob")
    logger.logLevel = ProcessInfo.processInfo.environment["MOCKBLOB_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    let server = MockBlobServer(configuration: configuration, logger: logger)
    let services = ServiceGroup(configuration: .init(services: [server], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
        group.addTask { try await services.run() }
        let result: Result<T, any Error>
        do {
            _ = try await server.waitUntilListening()
            result = .success(try await body(server.endpoint!, server))
        } catch {
            result = .failure(error)
        }
        await services.triggerGracefulShutdown()
        try? await group.waitForAll()
        return try result.get()
    }
}
