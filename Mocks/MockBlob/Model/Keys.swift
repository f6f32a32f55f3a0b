/// Names a container within an account.
struct ContainerKey: Hashable, Sendable, Codable {
    var account: String
    var container: String
}

/// Names a blob within an account.
struct BlobKey: Hashable, Sendable, Codable {
    var account: String
    var container: String
    var name: String

    var containerKey: ContainerKey { ContainerKey(account: account, container: container) }
}

/// A stored run of bytes (a Put Blob body or one block): an opaque id in the data store and its size.
struct DataRef: Hashable, Sendable, Codable {
    var id: String
    var size: Int64
}

extension String {
    /// Byte-order comparison of UTF-8, the order Azure lists names in.
    func utf8Precedes(_ other: String) -> Bool {
        self.utf8.lexicographicallyPrecedes(other.utf8)
    }
}
