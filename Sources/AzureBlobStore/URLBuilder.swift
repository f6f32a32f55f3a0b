import AzureAuth

/// Builds request URLs: `endpoint/container/blob?query`, with the blob name percent-encoded.
struct URLBuilder {
    let endpoint: String
    let container: String?
    let blob: String?
    let query: [(String, String)]

    /// The path as sent on the wire (what SharedKey signs), e.g. `/devstoreaccount1/c/a%20b`.
    var path: String {
        var p = Self.pathOf(endpoint)
        if let container { p += "/" + container }
        if let blob { p += "/" + QueryString.encodePath(blob) }
        return p.isEmpty ? "/" : p
    }

    /// The full URL, with a SAS token appended when given.
    func string(sas: String?) -> String {
        var params = query.map { "\(QueryString.encode($0.0))=\(QueryString.encode($0.1))" }
        if let sas, !sas.isEmpty { params.append(sas) }
        let base = Self.originOf(endpoint) + path
        return params.isEmpty ? base : base + "?" + params.joined(separator: "&")
    }

    /// `scheme://host[:port]` of an endpoint.
    static func originOf(_ endpoint: String) -> String {
        guard let scheme = endpoint.range(of: "://") else { return endpoint }
        let rest = endpoint[scheme.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        return String(endpoint[..<slash])
    }

    /// The path part of an endpoint without a trailing slash (`/devstoreaccount1` or empty).
    static func pathOf(_ endpoint: String) -> String {
        let origin = originOf(endpoint)
        var p = String(endpoint.dropFirst(origin.count))
        while p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
