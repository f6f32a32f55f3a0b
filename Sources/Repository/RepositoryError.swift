/// Errors of the repository layer; each description is one line naming the problem and the fix.
public enum RepositoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The container holds no repository.
    case notInitialized(container: String)
    /// `init` on a container that already holds one.
    case alreadyInitialized(container: String)
    /// No key file opens with the passphrase.
    case wrongPassphrase
    /// An object failed its checks (hash, authentication, format).
    case corruptObject(name: String, reason: String)
    /// A passphrase that cannot be used.
    case unusablePassphrase(String)
    /// The container's repository has a format version this tiergate does not read.
    case unsupportedVersion(container: String, found: Int, reads: Int)

    public var description: String {
        switch self {
        case .notInitialized(let c):
            return "container '\(c)' holds no tiergate repository; run 'tiergate init' first (or check --container)"
        case .alreadyInitialized(let c):
            return "container '\(c)' already holds a tiergate repository; refusing to overwrite it"
        case .wrongPassphrase:
            return "wrong passphrase: no key of this repository opens with it; check --passphrase-file or TIERGATE_PASSPHRASE"
        case .corruptObject(let name, let reason):
            return "cloud object \(name) is corrupt (\(reason)); run 'tiergate check --read-data' to see what it affects"
        case .unusablePassphrase(let why):
            return "passphrase unusable: \(why)"
        case .unsupportedVersion(let c, let found, let reads) where found > reads:
            return "container '\(c)' holds a repository of format version \(found), this tiergate reads version \(reads); upgrade tiergate"
        case .unsupportedVersion(let c, let found, let reads):
            return "container '\(c)' holds a repository of format version \(found), written by a pre-release tiergate; this one reads version \(reads): back up into a new container (tiergate init --container NAME)"
        }
    }
}
