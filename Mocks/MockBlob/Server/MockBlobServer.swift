import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The mock Azure Blob server: a ServiceLifecycle `Service` that serves until cancelled or
/// gracefully shut down.
public final class MockBlobServer: Service, @unchecked Sendable {
    /// The configuration the server was created with.
    public let configuration: MockBlobConfiguration
    /// Fault injection, changeable while the server runs.
    public let faults: FaultSettings
    private let logger: Logger
    private let lock = NSLock()
    private var boundPort: Int?
    private var failure: (any Error)?
    private var waiters: [CheckedContinuation<Int, any Error>] = []

    /// A server for `configuration`; nothing is bound or loaded until `run()`.
    public init(configuration: MockBlobConfiguration, logger: Logger) {
        self.configuration = configuration
        self.faults = FaultSettings(configuration.faults)
        self.logger = logger
    }

    /// Serves until the task is cancelled or a graceful shutdown is requested.
    public func run() async throws {
        do {
            try await serve()
        } catch {
            resolve(.failure(error))
            throw error
        }
        resolve(.failure(CancellationError()))
    }

    private func serve() async throws {
        let c = configuration
        let data: any DataStore
        let meta: any MetadataStore
        switch c.storage {
        case .inMemory:
            data = MemoryDataStore()
            meta = NoMetadataStore()
        case .directory(let path):
            let store = try DirectoryStore(root: path, sync: c.syncWrites)
            data = store
            meta = store
        }
        let delay = c.rehydrationDelay.components
        let index = try BlobIndex(
            accounts: Set(c.accounts.map(\.name)), data: data, meta: meta, clock: c.now,
            rehydrationDelay: TimeInterval(delay.seconds) + TimeInterval(delay.attoseconds) / 1e18,
            syncWrites: c.storage != .inMemory && c.syncWrites, logger: logger)
        let service = BlobService(index: index, data: data, syncWrites: c.storage != .inMemory && c.syncWrites, clock: c.now, logger: logger)
        let responder = BlobResponder(
            service: service, authenticator: Authenticator(accounts: c.accounts, clock: c.now), faults: faults, logger: logger)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(c.host, port: c.port), serverName: nil),
            onServerRunning: { [self] channel in
                resolve(.success(channel.localAddress?.port ?? c.port))
            },
            logger: logger)
        try await app.run()
    }

    private func resolve(_ result: Result<Int, any Error>) {
        let pending: [CheckedContinuation<Int, any Error>] = lock.withLock {
            switch result {
            case .success(let port): boundPort = port
            case .failure(let error): if boundPort == nil && failure == nil { failure = error }
            }
            defer { waiters = [] }
            return waiters
        }
        for w in pending {
            switch result {
            case .success(let port): w.resume(returning: port)
            case .failure(let error): w.resume(throwing: error)
            }
        }
    }

    /// Waits until the server listens and returns its port; throws if it failed to start.
    public func waitUntilListening() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let immediate: Result<Int, any Error>? = lock.withLock {
                if let boundPort { return .success(boundPort) }
                if let failure { return .failure(failure) }
                waiters.append(continuation)
                return nil
            }
            if let immediate { continuation.resume(with: immediate) }
        }
    }

    /// The port the server listens on, once it does.
    public var port: Int? { lock.withLock { boundPort } }

    /// The endpoint of the first configured account, e.g. `http://127.0.0.1:10000/devstoreaccount1`, once listening.
    public var endpoint: String? {
        port.map { p in
            let host = configuration.host == "0.0.0.0" || configuration.host == "::" ? "127.0.0.1" : configuration.host
            return "http://\(host):\(p)/\(configuration.accounts.first?.name ?? MockAccount.development.name)"
        }
    }
}
