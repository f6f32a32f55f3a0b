/// Every problem found while loading a configuration, section by section in the order product.md
/// lists the keys.
///
/// Each line names the key path, what is wrong and what is allowed, e.g.
/// `groups[1].retention.weekly.keep: 6000 is out of range 1–5163`.
public struct ConfigurationErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line per problem.
    public var lines: [String]

    /// The errors from their lines.
    public init(lines: [String]) { self.lines = lines }

    /// The lines, one per line.
    public var description: String { lines.joined(separator: "\n") }
}
