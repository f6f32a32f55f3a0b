import AzureAuth
import Foundation
import Hummingbird

/// An HTTP header field and its name, reached through `HTTPFields` (re-exported by Hummingbird).
typealias HeaderField = HTTPFields.Element
typealias HeaderName = HTTPFields.Element.Name

/// A request as the Blob service sees it: account, container, blob, query and headers.
struct BlobRequest: Sendable {
    let method: String
    /// The path exactly as sent, percent-encoded, without the query.
    let rawPath: String
    /// Decoded query pairs in order.
    let query: [(name: String, value: String)]
    /// Headers in order, names as sent.
    let headerList: [(name: String, value: String)]
    private let headerMap: [String: String]
    /// The Host the client addressed, for `ServiceEndpoint` in listings.
    let authority: String
    let account: String?
    let container: String?
    let blob: String?

    init(_ request: Request) {
        method = request.method.rawValue
        authority = request.head.authority ?? "127.0.0.1"
        let target = request.head.path ?? "/"
        let q = target.firstIndex(of: "?")
        rawPath = q.map { String(target[..<$0]) } ?? target
        query = q.map { QueryString.parse(String(target[target.index(after: $0)...])) } ?? []
        var list: [(String, String)] = []
        var map: [String: String] = [:]
        for field in request.headers {
            list.append((field.name.rawName, field.value))
            let lower = field.name.canonicalName
            if map[lower] == nil { map[lower] = field.value }
        }
        headerList = list
        headerMap = map
        let parts = rawPath.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        // parts[0] is "" (before the leading slash).
        account = parts.count > 1 && !parts[1].isEmpty ? QueryString.decode(parts[1], plusIsSpace: false) : nil
        container = parts.count > 2 && !parts[2].isEmpty ? Self.firstSegment(parts[2]) : nil
        blob = parts.count > 2 ? Self.blobName(parts[2]) : nil
    }

    private static func firstSegment(_ rest: Substring) -> String? {
        let seg = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return seg.isEmpty ? nil : QueryString.decode(seg, plusIsSpace: false)
    }

    private static func blobName(_ rest: Substring) -> String? {
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let name = rest[rest.index(after: slash)...]
        return name.isEmpty ? nil : QueryString.decode(name, plusIsSpace: false)
    }

    /// The first value of a header (name case-insensitive).
    func header(_ name: String) -> String? { headerMap[name.lowercased()] }

    /// The first value of a query parameter.
    func query(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// The request as the SharedKey signer sees it.
    var signable: SignableRequest {
        SignableRequest(method: method, path: rawPath, query: query, headers: headerList)
    }

    /// `x-ms-meta-*` headers, in order, names without the prefix (case kept).
    var metadata: [MetadataEntry] {
        headerList.compactMap { h in
            guard h.name.lowercased().hasPrefix("x-ms-meta-") else { return nil }
            return MetadataEntry(name: String(h.name.dropFirst("x-ms-meta-".count)), value: h.value)
        }
    }

    /// The conditional headers.
    var conditions: Conditions {
        Conditions(
            ifMatch: header("if-match"), ifNoneMatch: header("if-none-match"),
            ifModifiedSince: header("if-modified-since").flatMap(HTTPDate.parse),
            ifUnmodifiedSince: header("if-unmodified-since").flatMap(HTTPDate.parse))
    }

    /// `x-ms-lease-id`, when sent.
    var leaseID: String? { header("x-ms-lease-id") }

    /// `Content-Length` as a number, when sent.
    var contentLength: Int64? { header("content-length").flatMap { Int64($0) } }
}
