import Foundation

/// A container's stored state.
struct ContainerRecord: Codable, Sendable {
    var name: String
    var created: Date
    var lastModified: Date
    var etag: String
    var metadata: [MetadataEntry]
    var lease: Lease

    /// Checks a container name: 3–63 characters, lower-case letters, digits and single dashes,
    /// starting and ending with a letter or digit (`$root` is allowed too).
    static func isValidName(_ name: String) -> Bool {
        if name == "$root" || name == "$logs" || name == "$web" { return true }
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        let ok = bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        guard ok, bytes.first != 0x2D, bytes.last != 0x2D else { return false }
        return !name.contains("--")
    }
}

/// One `x-ms-meta-*` entry, the name's case kept as sent.
struct MetadataEntry: Codable, Sendable, Equatable {
    var name: String
    var value: String
}
