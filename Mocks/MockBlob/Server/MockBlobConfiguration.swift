import AzureAuth
import Foundation

/// A storage account the mock accepts: its name and base64 key.
public struct MockAccount: Sendable, Hashable {
    /// The account name, the first path segment of every request.
    public var name: String
    /// The base64 account key SharedKey and SAS signatures are checked with.
    public var key: String

    /// An account with a name and base64 key.
    public init(name: String, key: String) {
        self.name = name
        self.key = key
    }

    /// The Azure storage emulator's well-known development account.
    public static let development = MockAccount(
        name: ConnectionString.developmentAccount, key: ConnectionString.developmentKey)
}

/// Where the mock keeps blob data.
public enum MockStorage: Sendable, Equatable {
    /// In memory; lost when the server stops.
    case inMemory
    /// Under a directory that survives restarts; writes are atomic.
    case directory(String)
}

/// Initial fault-injection settings; change them at run time through ``MockBlobServer/faults``.
public struct FaultConfiguration: Sendable, Equatable {
    /// Share of requests (0...1) answered with 503 ServerBusy or 500 OperationTimedOut.
    public var faultRate: Double
    /// Share of requests (0...1) whose connection is dropped mid-body.
    public var resetRate: Double
    /// Delay added before every answer, in milliseconds.
    public var latencyMs: Int
    /// Seed of the fault generator: the same seed gives the same sequence of decisions.
    public var seed: UInt64

    /// Fault settings; the default injects nothing.
    public init(faultRate: Double = 0, resetRate: Double = 0, latencyMs: Int = 0, seed: UInt64 = 1) {
        self.faultRate = faultRate
        self.resetRate = resetRate
        self.latencyMs = latencyMs
        self.seed = seed
    }
}

/// Everything a ``MockBlobServer`` needs to run.
public struct MockBlobConfiguration: Sendable {
    /// Address to bind; `127.0.0.1` by default.
    public var host: String
    /// Port to bind; 0 picks a free one (the default, for tests).
    public var port: Int
    /// In memory (default) or a directory.
    public var storage: MockStorage
    /// Accounts accepted; the first one names the endpoint. Default: the development account.
    public var accounts: [MockAccount]
    /// Initial fault-injection settings.
    public var faults: FaultConfiguration
    /// How long leaving the Archive tier takes.
    public var rehydrationDelay: Duration
    /// When true (default), a commit (Put Blob, Put Block List, metadata) is fsynced before it is
    /// acknowledged; staged blocks are fsynced by the Put Block List that names them.
    public var syncWrites: Bool
    /// The server's clock: leases, rehydration, SAS expiry, `x-ms-date` skew and `Last-Modified`.
    public var now: @Sendable () -> Date

    /// A configuration; every parameter has a test-friendly default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        storage: MockStorage = .inMemory,
        accounts: [MockAccount] = [.development],
        faults: FaultConfiguration = .init(),
        rehydrationDelay: Duration = .seconds(0),
        syncWrites: Bool = true,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.storage = storage
        self.accounts = accounts
        self.faults = faults
        self.rehydrationDelay = rehydrationDelay
        self.syncWrites = syncWrites
        self.now = now
    }
}
