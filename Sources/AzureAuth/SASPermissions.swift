/// SAS permission letters, in the canonical order Azure requires in `sp`.
public struct SASPermissions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let read = SASPermissions(rawValue: 1 << 0)  // r
    public static let add = SASPermissions(rawValue: 1 << 1)  // a
    public static let create = SASPermissions(rawValue: 1 << 2)  // c
    public static let write = SASPermissions(rawValue: 1 << 3)  // w
    public static let delete = SASPermissions(rawValue: 1 << 4)  // d
    public static let deleteVersion = SASPermissions(rawValue: 1 << 5)  // x
    public static let permanentDelete = SASPermissions(rawValue: 1 << 6)  // y
    public static let list = SASPermissions(rawValue: 1 << 7)  // l
    public static let tags = SASPermissions(rawValue: 1 << 8)  // t
    public static let move = SASPermissions(rawValue: 1 << 9)  // m
    public static let execute = SASPermissions(rawValue: 1 << 10)  // e
    public static let ownership = SASPermissions(rawValue: 1 << 11)  // o
    public static let permissions = SASPermissions(rawValue: 1 << 12)  // p
    public static let immutability = SASPermissions(rawValue: 1 << 13)  // i
    // account SAS also knows u (update) and f (filter); kept so they parse.
    public static let update = SASPermissions(rawValue: 1 << 14)  // u
    public static let filter = SASPermissions(rawValue: 1 << 15)  // f

    /// The letters in canonical order.
    static let letters: [(Character, SASPermissions)] = [
        ("r", .read), ("a", .add), ("c", .create), ("w", .write), ("d", .delete),
        ("x", .deleteVersion), ("y", .permanentDelete), ("l", .list), ("t", .tags), ("f", .filter),
        ("m", .move), ("e", .execute), ("o", .ownership), ("p", .permissions), ("i", .immutability),
        ("u", .update),
    ]

    /// Parses `sp`; nil when a letter is unknown.
    public init?(letters: String) {
        var set: SASPermissions = []
        for ch in letters {
            guard let p = Self.letters.first(where: { $0.0 == ch })?.1 else { return nil }
            set.insert(p)
        }
        self = set
    }

    /// The `sp` value in canonical order.
    public var letters: String {
        String(Self.letters.filter { contains($0.1) }.map { $0.0 })
    }
}
