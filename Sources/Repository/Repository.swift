import AzureAuth
import BlobStore
import Foundation
import RepositoryFormat

/// An opened cloud repository: a blob store, the master keys and the config.
///
/// Object names (see docs/design.md): `config`, `keys/<id>`, `data/<ab>/<id>`, `index/<id>`,
/// `points/<id>`, `locks/<id>`; `<id>` is the hex SHA-256 of the stored bytes.
public struct Repository<Store: BlobStore>: Sendable {
    public let store: Store
    public let keys: MasterKeys
    public let config: RepositoryConfig
    /// The container's name, for messages.
    public let container: String

    /// Creates the container if needed and a new repository in it; refuses when one exists.
    public static func initialize(
        store: Store, container: String, passphrase: String, kdf: PassphraseKDF = PassphraseKDF()
    ) async throws -> Repository {
        _ = try await store.createContainer()
        if try await store.exists("config") { throw RepositoryError.alreadyInitialized(container: container) }
        let keys = MasterKeys.random()
        let config = RepositoryConfig.new()
        let keyFile = try KeyFile.make(keys: keys, passphrase: passphrase, kdf: kdf)
        let repo = Repository(store: store, keys: keys, config: config, container: container)
        _ = try await repo.saveKeyFile(keyFile)
        // The config is written last: a repository exists exactly when its config does.
        let sealed = keys.sealing.seal(Array(try JSONEncoder().encode(config)))
        do {
            _ = try await store.put("config", body: sealed, options: PutOptions(overwrite: false))
        } catch let e as BlobStoreError where e.kind == .alreadyExists {
            throw RepositoryError.alreadyInitialized(container: container)
        }
        return repo
    }

    /// Opens the repository with a passphrase.
    public static func open(store: Store, container: String, passphrase: String) async throws -> Repository {
        let sealedConfig: [UInt8]
        do {
            sealedConfig = try await store.get("config")
        } catch let e as BlobStoreError where e.kind == .notFound {
            throw RepositoryError.notInitialized(container: container)
        }
        for (_, file) in try await keyFiles(store) {
            guard let keys = file.open(passphrase: passphrase) else { continue }
            guard let plain = try? keys.sealing.open(sealedConfig),
                let config = try? JSONDecoder().decode(RepositoryConfig.self, from: Data(plain))
            else { throw RepositoryError.corruptObject(name: "config", reason: "does not open with the repository's keys") }
            guard config.version == RepositoryConfig.currentVersion else {
                throw RepositoryError.unsupportedVersion(container: container, found: config.version, reads: RepositoryConfig.currentVersion)
            }
            return Repository(store: store, keys: keys, config: config, container: container)
        }
        throw RepositoryError.wrongPassphrase
    }

    /// Every readable key file of the store (unreadable ones are skipped: they open nothing).
    static func keyFiles(_ store: Store) async throws -> [(name: String, file: KeyFile)] {
        var out: [(String, KeyFile)] = []
        for try await info in store.list(prefix: "keys/") {
            let bytes = try await store.get(info.name)
            if let file = try? JSONDecoder().decode(KeyFile.self, from: Data(bytes)) { out.append((info.name, file)) }
        }
        return out
    }

    /// Writes a key file; returns its name.
    func saveKeyFile(_ file: KeyFile) async throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let bytes = Array(try encoder.encode(file))
        let name = "keys/" + BlobID(Digest.sha256(bytes))!.hex
        _ = try await store.put(name, body: bytes, options: PutOptions(overwrite: false))
        return name
    }

    /// Adds a passphrase (a new key file); returns the key file's name.
    public func addPassphrase(_ passphrase: String, kdf: PassphraseKDF = PassphraseKDF()) async throws -> String {
        try await saveKeyFile(try KeyFile.make(keys: keys, passphrase: passphrase, kdf: kdf))
    }

    /// Replaces `old` by `new`: writes the new key file first, then deletes the key files `old`
    /// opens, so a failure in between leaves both passphrases working, never neither.
    public func changePassphrase(from old: String, to new: String, kdf: PassphraseKDF = PassphraseKDF()) async throws {
        let oldFiles = try await Self.keyFiles(store).filter { $0.file.open(passphrase: old) != nil }.map(\.name)
        guard !oldFiles.isEmpty else { throw RepositoryError.wrongPassphrase }
        let added = try await addPassphrase(new, kdf: kdf)
        for name in oldFiles where name != added { try await store.delete(name) }
    }

    /// Seals `plaintext` and stores it as `<prefix>/<sha256 of the sealed bytes>`; returns the name.
    public func saveSealed(_ plaintext: [UInt8], prefix: String) async throws -> String {
        let sealed = keys.sealing.seal(plaintext)
        let name = prefix + "/" + BlobID(Digest.sha256(sealed))!.hex
        _ = try await store.put(name, body: sealed, options: PutOptions(overwrite: false))
        return name
    }

    /// Loads a sealed object, checks its name against its hash, and opens it.
    public func loadSealed(_ name: String) async throws -> [UInt8] {
        let bytes = try await store.get(name)
        try Self.checkName(name, bytes: bytes)
        do {
            return try keys.sealing.open(bytes)
        } catch {
            throw RepositoryError.corruptObject(name: name, reason: "\(error)")
        }
    }

    /// Throws when `bytes` do not hash to the id at the end of `name`.
    static func checkName(_ name: String, bytes: [UInt8]) throws {
        let id = name.split(separator: "/").last.map(String.init) ?? ""
        guard BlobID(hex: id) == BlobID(Digest.sha256(bytes)) else {
            throw RepositoryError.corruptObject(name: name, reason: "its bytes do not hash to its name")
        }
    }
}
