/// The parts of an HTTP request that Azure's SharedKey signature covers.
///
/// `path` is the request path exactly as sent on the wire (percent-encoded), without the query;
/// `query` holds the query parameters with their values already percent-decoded.
public struct SignableRequest: Sendable, Equatable {
    /// HTTP method, upper-case.
    public var method: String
    /// The request path as sent, e.g. `/devstoreaccount1/c/b%20x`.
    public var path: String
    /// Decoded query parameters in any order; a name may repeat.
    public var query: [(name: String, value: String)]
    /// Request headers in any order; names compared case-insensitively.
    public var headers: [(name: String, value: String)]

    /// A request description for signing or verifying.
    public init(
        method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// The first value of a header, case-insensitively, or nil.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// The first value of a query parameter (case-sensitive name), or nil.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    public static func == (a: SignableRequest, b: SignableRequest) -> Bool {
        a.method == b.method && a.path == b.path
            && a.query.map { [$0.name, $0.value] } == b.query.map { [$0.name, $0.value] }
            && a.headers.map { [$0.name, $0.value] } == b.headers.map { [$0.name, $0.value] }
    }
}
