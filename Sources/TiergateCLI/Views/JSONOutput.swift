import Foundation

/// `--json` output: keys sorted, slashes unescaped, dates in ISO 8601; arrays pretty-printed,
/// one-object reports on one line (so a script can read one object per line).
enum JSONOutput {
    static func print<T: Encodable>(_ value: T, pretty: Bool = false) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
