import AzureAuth
import Foundation
import RepositoryFormat

/// One passphrase's key file, `keys/<id>`: the scrypt parameters in clear, and the master keys
/// sealed under the key they derive. Adding or changing a passphrase writes another key file;
/// data is never re-encrypted.
public struct KeyFile: Codable, Sendable, Equatable {
    /// Format version.
    public var version: Int
    /// Where and when it was made (informational).
    public var host: String
    public var created: String
    /// scrypt parameters.
    public var kdf: PassphraseKDF
    /// Base64 of the sealed master keys.
    public var masterKeys: String

    /// A key file wrapping `keys` under `passphrase`.
    public static func make(keys: MasterKeys, passphrase: String, kdf: PassphraseKDF = PassphraseKDF(), now: Date = Date()) throws -> KeyFile {
        guard !passphrase.isEmpty else { throw RepositoryError.unusablePassphrase("it is empty") }
        let wrapping = kdf.deriveKey(passphrase: passphrase)
        return KeyFile(
            version: 1, host: ProcessInfo.processInfo.hostName, created: AzureDate.iso8601(now), kdf: kdf,
            masterKeys: Base64.encode(wrapping.seal(try keys.encoded())))
    }

    /// The master keys, or nil when `passphrase` is not this file's.
    public func open(passphrase: String) -> MasterKeys? {
        guard let sealed = Base64.decode(masterKeys),
            let plain = try? kdf.deriveKey(passphrase: passphrase).open(sealed)
        else { return nil }
        return MasterKeys.decode(plain)
    }
}
