import ArgumentParser
import AzureBlobStore
import BlobStore
import Foundation
import Repository

/// The passphrase and how to reach the repository.
struct RepositoryOptions: ParsableArguments {
    @OptionGroup var cloud: CloudOptions

    @Option(name: .long, help: ArgumentHelp("File holding the encryption passphrase (env TIERGATE_PASSPHRASE_FILE, or the passphrase itself in TIERGATE_PASSPHRASE).", valueName: "file"))
    var passphraseFile: String?

    /// The passphrase from the file or the environment.
    func passphrase(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let path = passphraseFile ?? environment["TIERGATE_PASSPHRASE_FILE"] {
            return try Self.readPassphrase(file: path, option: "--passphrase-file")
        }
        if let text = environment["TIERGATE_PASSPHRASE"], !text.isEmpty { return text }
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

    /// Runs `body` with the opened repository.
    func withRepository<T: Sendable>(_ body: (Repository<RetryingBlobStore<AzureBlobStore>>) async throws -> T) async throws -> T {
        let passphrase = try passphrase()
        let container = try cloud.containerName()
        return try await withAzureBlobStore(connection: try cloud.connection(), container: container, properties: Self.properties) { store in
            try await body(try await Repository.open(store: store, container: container, passphrase: passphrase))
        }
    }
}

/// Where the local backup store is.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The local backup store (env TIERGATE_STORE).", valueName: "dir"))
    var store: String?

    func storeRoot(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let root = store ?? environment["TIERGATE_STORE"], !root.isEmpty else {
            throw CLIError("no local store: pass --store or set TIERGATE_STORE")
        }
        return root
    }
}

/// Where tiergate keeps its own state (the catalog).
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("tiergate's state folder: the SQLite catalog (env TIERGATE_STATE; default $XDG_STATE_HOME/tiergate or ~/.local/state/tiergate).", valueName: "dir"))
    var state: String?

    func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = state ?? environment["TIERGATE_STATE"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/tiergate" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state/tiergate"
    }
}
