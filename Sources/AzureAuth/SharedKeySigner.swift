/// Azure Storage SharedKey signing (the Blob service's string-to-sign), pure and deterministic.
///
/// The same code signs in the client and verifies in the mock server.
public struct SharedKeySigner: Sendable {
    /// The storage account name.
    public let account: String
    private let key: [UInt8]

    /// A signer for `account` with its base64 account key; nil when the key is not base64.
    public init?(account: String, base64Key: String) {
        guard let key = Base64.decode(base64Key), !key.isEmpty else { return nil }
        self.account = account
        self.key = key
    }

    /// The standard headers, in the order the string-to-sign lists them.
    static let standardHeaders = [
        "content-encoding", "content-language", "content-length", "content-md5", "content-type",
        "date", "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range",
    ]

    /// Byte-order comparison of two strings' UTF-8 encodings.
    public static func byteOrder(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }

    /// The string-to-sign for `request`. `sortHeaders` orders `x-ms-*` names; the default is byte order.
    public func stringToSign(
        _ request: SignableRequest,
        sortHeaders: (String, String) -> Bool = SharedKeySigner.byteOrder
    ) -> String {
        var lines: [String] = [request.method.uppercased()]
        for name in Self.standardHeaders {
            var value = request.header(name) ?? ""
            if name == "content-length" && value == "0" { value = "" }
            if name == "date" && request.header("x-ms-date") != nil { value = "" }
            lines.append(value)
        }
        var out = lines.joined(separator: "\n") + "\n"
        var canonical: [String: String] = [:]
        for h in request.headers where h.name.lowercased().hasPrefix("x-ms-") {
            let name = h.name.lowercased()
            let value = h.value.trimmingWhitespace()
            canonical[name] = canonical[name].map { $0 + "," + value } ?? value
        }
        for name in canonical.keys.sorted(by: sortHeaders) {
            out += "\(name):\(canonical[name]!)\n"
        }
        out += canonicalResource(request)
        return out
    }

    /// `/account/path` followed by each query parameter, sorted by lower-cased name.
    func canonicalResource(_ request: SignableRequest) -> String {
        var out = "/" + account + request.path
        var params: [String: [String]] = [:]
        for q in request.query { params[q.name.lowercased(), default: []].append(q.value) }
        for name in params.keys.sorted(by: Self.byteOrder) {
            out += "\n\(name):" + params[name]!.sorted(by: Self.byteOrder).joined(separator: ",")
        }
        return out
    }

    /// The base64 signature of `request`.
    public func signature(
        _ request: SignableRequest,
        sortHeaders: (String, String) -> Bool = SharedKeySigner.byteOrder
    ) -> String {
        Digest.signature(base64Key: key, stringToSign: stringToSign(request, sortHeaders: sortHeaders))
    }

    /// The `Authorization` header value: `SharedKey account:signature`.
    public func authorization(_ request: SignableRequest) -> String {
        "SharedKey \(account):\(signature(request))"
    }

    /// Signs an arbitrary string with the account key (SAS signatures use it).
    public func sign(_ stringToSign: String) -> String {
        Digest.signature(base64Key: key, stringToSign: stringToSign)
    }

    /// True when `authorization` is a valid SharedKey header for `request`: byte-order or
    /// case-insensitive ordering of `x-ms-*` names are both accepted, as clients differ.
    public func verify(_ request: SignableRequest, authorization: String) -> Bool {
        guard authorization.hasPrefix("SharedKey ") else { return false }
        let rest = authorization.dropFirst("SharedKey ".count)
        guard let colon = rest.firstIndex(of: ":"), rest[..<colon] == account else { return false }
        let given = String(rest[rest.index(after: colon)...])
        if constantTimeEqual(signature(request), given) { return true }
        let caseless: (String, String) -> Bool = {
            let (a, b) = ($0.replacingOccurrences(of: "-", with: ""), $1.replacingOccurrences(of: "-", with: ""))
            return a == b ? Self.byteOrder($0, $1) : Self.byteOrder(a, b)
        }
        return constantTimeEqual(signature(request, sortHeaders: caseless), given)
    }
}

/// Compares two strings in time independent of where they differ.
public func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<x.count { diff |= x[i] ^ y[i] }
    return diff == 0
}

extension String {
    /// The string without leading or trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let ws: Set<Character> = [" ", "\t", "\r", "\n"]
        var s = Substring(self)
        while let f = s.first, ws.contains(f) { s = s.dropFirst() }
        while let l = s.last, ws.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
