import Foundation

/// Percent-encoding and parsing of URL query strings.
public enum QueryString {
    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    public static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s
    }

    /// Percent-encodes a blob name for a URL path: `/` stays, everything else but unreserved is escaped.
    public static func encodePath(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: "/"))) ?? s
    }

    /// Decodes a percent-encoded component (and `+` as space in queries when `plusIsSpace`).
    public static func decode(_ s: Substring, plusIsSpace: Bool = true) -> String {
        let text = plusIsSpace ? s.replacingOccurrences(of: "+", with: " ") : String(s)
        return text.removingPercentEncoding ?? text
    }

    /// Splits `a=1&b=2` into decoded name/value pairs, keeping order and repeats.
    public static func parse(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            if let eq = part.firstIndex(of: "=") {
                return (decode(part[..<eq]), decode(part[part.index(after: eq)...]))
            }
            return (decode(part), "")
        }
    }
}
