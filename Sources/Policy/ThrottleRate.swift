/// An upload bandwidth limit in bits per second, decimal units: 1 Kbps = 1,000 bit/s,
/// 1 Mbps = 1,000,000 bit/s, 1 Gbps = 1,000,000,000 bit/s.
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Bits per second.
    public var bitsPerSecond: Int

    /// A rate of `bitsPerSecond`.
    public init(bitsPerSecond: Int) { self.bitsPerSecond = bitsPerSecond }

    /// Whole bytes per second (rounded down), for a token bucket that counts bytes.
    public var bytesPerSecond: Int { bitsPerSecond / 8 }

    /// The rates product.md allows: 512Kbps–1023Mbps.
    public static let allowedRange = Rate(bitsPerSecond: 512_000)...Rate(bitsPerSecond: 1_023_000_000)

    /// The unit multipliers the configuration accepts, in bits per second.
    static let units: [(suffix: String, bits: Int)] = [
        ("Kbps", 1_000), ("kbps", 1_000), ("Mbps", 1_000_000), ("Gbps", 1_000_000_000),
    ]

    /// Parses `20Mbps`, `512Kbps` (or `512kbps`), `1Gbps`, `1.5Mbps`, optionally with a space
    /// before the unit; `nil` for anything else, including a fraction of a bit per second.
    /// The range is not checked here (see ``allowedRange``).
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        guard let unit = Self.units.first(where: { trimmed.hasSuffix($0.suffix) }) else { return nil }
        let number = String(trimmed.dropLast(unit.suffix.count)).trimmingSpaces
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              parts[0].count <= 9, parts.count == 1 || parts[1].count <= 9,
              let whole = Int(parts[0]) else { return nil }
        var bits = whole * unit.bits
        if parts.count == 2 {
            var scale = 1
            for _ in 0..<parts[1].count { scale *= 10 }
            let fraction = Int(parts[1])! * unit.bits
            guard fraction % scale == 0 else { return nil }
            bits += fraction / scale
        }
        self.bitsPerSecond = bits
    }

    /// The canonical spelling: whole `Mbps` when exact, else `Kbps` (with decimals below 1 Kbps).
    public var description: String {
        if bitsPerSecond % 1_000_000 == 0 { return "\(bitsPerSecond / 1_000_000)Mbps" }
        if bitsPerSecond % 1_000 == 0 { return "\(bitsPerSecond / 1_000)Kbps" }
        var fraction = String(bitsPerSecond % 1_000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(bitsPerSecond / 1_000).\(fraction)Kbps"
    }

    /// Slower rates sort first.
    public static func < (a: Rate, b: Rate) -> Bool { a.bitsPerSecond < b.bitsPerSecond }
}

extension Character {
    /// `0`…`9` only (not other Unicode digits).
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
