import ArgumentParser
import AzureBlobStore
import BlobStore
import Foundation
import Policy
import Repository

/// The passphrase and how to reach the repository.
struct RepositoryOptions: ParsableArguments {
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var cloud: CloudOptions

    /// The configuration when `--config` or TIERGATE_CONFIG names one: it supplies defaults for
    /// the other options (an option or environment variable wins).
    func configuration() throws -> Configuration? {
        configOptions.path() == nil ? nil : try configOptions.load()
    }

    @Option(name: .long, help: ArgumentHelp("File holding the encryption passphrase (env TIERGATE_PASSPHRASE_FILE, or the passphrase itself in TIERGATE_PASSPHRASE).", valueName: "file"))
    var passphraseFile: String?

    /// The passphrase from the file or the environment.
    func passphrase(environment: [String: String] = ProcessInfo.processInfo.environment, config: Configuration? = nil) throws -> String {
        if let path = passphraseFile ?? environment["TIERGATE_PASSPHRASE_FILE"] {
            return try Self.readPassphrase(file: path, option: "--passphrase-file")
        }
        if let text = environment["TIERGATE_PASSPHRASE"], !text.isEmpty { return text }
        if let path = config?.passphraseFile { return try Self.readPassphrase(file: path, option: "passphrase-file in the configuration") }
        throw CLIError("no passphrase: pass --passphrase-file or set TIERGATE_PASSPHRASE_FILE or TIERGATE_PASSPHRASE")
    }

    /// The passphrase in `file` without its trailing line break; `option` names the option in errors.
    static func readPassphrase(file path: String, option: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the passphrase file \(path); check \(option)")
        }
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty else { throw CLIError("the passphrase file \(path) is empty") }
        return text
    }

    /// Store properties for repository traffic: packs go up whole; big objects in 8 MiB blocks.
    static let properties = BlobStoreProperties(connectionLimit: 8, maxSinglePutSize: 32 << 20, blockSize: 8 << 20)

    /// The store as repository commands use it: with retries, and with the configuration's
    /// throttle (uploads and restores alike) when it has one.
    typealias Store = ThrottledBlobStore<RetryingBlobStore<AzureBlobStore>>

    /// Runs `body` with the opened repository.
    func withRepository<T: Sendable>(config given: Configuration? = nil, _ body: (Repository<Store>) async throws -> T) async throws -> T {
        let config = try given ?? configuration()
        let passphrase = try passphrase(config: config)
        let container = try cloud.containerName(config: config)
        return try await withAzureBlobStore(connection: try cloud.connection(config: config), container: container, properties: Self.properties) { store in
            let throttled = Self.throttled(store, by: config?.throttle, calendar: config?.calendar ?? Calendar(identifier: .gregorian))
            return try await body(try await Repository.open(store: throttled, container: container, passphrase: passphrase))
        }
    }

    /// `store` limited to the throttle's rate of the moment (work hours or other hours), the
    /// rate changing at the boundaries while a job runs; unlimited without a throttle.
    static func throttled<S: BlobStore>(_ store: S, by throttle: Throttle?, calendar: Calendar) -> ThrottledBlobStore<S> {
        guard let throttle else { return ThrottledBlobStore(store, rate: { _ in nil }) }
        return ThrottledBlobStore(
            store, rate: { throttle.rate(at: $0, calendar: calendar)?.bytesPerSecond },
            nextChange: { throttle.nextChange(after: $0, calendar: calendar) })
    }
}

/// Where the local backup store is.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The local backup store (env TIERGATE_STORE).", valueName: "dir"))
    var store: String?

    func storeRoot(environment: [String: String] = ProcessInfo.processInfo.environment, config: Configuration? = nil) throws -> String {
        guard let root = store ?? environment["TIERGATE_STORE"] ?? config?.store, !root.isEmpty else {
            throw CLIError("no local store: pass --store or set TIERGATE_STORE")
        }
        return root
    }
}

/// Where tiergate keeps its own state (the catalog).
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("tiergate's state folder: the SQLite catalog (env TIERGATE_STATE; default $XDG_STATE_HOME/tiergate or ~/.local/state/tiergate).", valueName: "dir"))
    var state: String?

    func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment, config: Configuration? = nil) -> String {
        if let dir = state ?? environment["TIERGATE_STATE"] ?? config?.state, !dir.isEmpty { return dir }
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/tiergate" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/tiergate"
    }
}
