import AsyncHTTPClient
import AzureAuth
import Foundation
import MockBlob

/// A clock tests move by hand (leases, rehydration, SAS expiry).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// An answer: status, headers, body.
struct Answer: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    var errorCode: String? { header("x-ms-error-code") }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Signs and sends Blob requests to a mock with AsyncHTTPClient.
struct TestClient: Sendable {
    /// `http://127.0.0.1:PORT/devstoreaccount1`.
    let endpoint: String
    var account = ConnectionString.developmentAccount
    var key = ConnectionString.developmentKey
    /// The time written into `x-ms-date`.
    var clock: @Sendable () -> Date = { Date() }

    /// `http://127.0.0.1:PORT` without the account.
    var origin: String { String(endpoint[..<endpoint.range(of: "/", options: .backwards)!.lowerBound]) }

    /// Sends `method` to `/ACCOUNT` + `path` (which may carry a query). `auth`: SharedKey (default),
    /// a SAS token appended to the query, or nothing.
    func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [], auth: Auth = .sharedKey
    ) async throws -> Answer {
        var target = "/\(account)\(path)"
        if case .sas(let token) = auth { target += (target.contains("?") ? "&" : "?") + token }
        let q = target.firstIndex(of: "?")
        let rawPath = q.map { String(target[..<$0]) } ?? target
        let query = q.map { QueryString.parse(String(target[target.index(after: $0)...])) } ?? []
        var all = headers
        if !all.contains(where: { $0.0.lowercased() == "x-ms-date" }) { all.append(("x-ms-date", AzureDate.rfc1123(clock()))) }
        if !all.contains(where: { $0.0.lowercased() == "x-ms-version" }) { all.append(("x-ms-version", "2021-08-06")) }
        if !body.isEmpty || method == "PUT" { all.append(("Content-Length", "\(body.count)")) }
        if case .sharedKey = auth {
            let signer = SharedKeySigner(account: account, base64Key: key)!
            all.append(("Authorization", signer.authorization(SignableRequest(method: method, path: rawPath, query: query, headers: all))))
        }
        var request = HTTPClientRequest(url: origin + target)
        request.method = .init(rawValue: method)
        for (n, v) in all { request.headers.add(name: n, value: v) }
        if !body.isEmpty { request.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 64 << 20)
        return Answer(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(collected.readableBytesView))
    }

    enum Auth: Sendable {
        case sharedKey
        case sas(String)
        case none
    }

    // Shorthands.
    func createContainer(_ name: String) async throws -> Answer { try await send("PUT", "/\(name)?restype=container") }
    func putBlob(_ container: String, _ blob: String, _ body: [UInt8], headers: [(String, String)] = []) async throws -> Answer {
        try await send("PUT", "/\(container)/\(blob)", headers: [("x-ms-blob-type", "BlockBlob")] + headers, body: body)
    }
    func getBlob(_ container: String, _ blob: String, headers: [(String, String)] = []) async throws -> Answer {
        try await send("GET", "/\(container)/\(blob)", headers: headers)
    }
    func putBlock(_ container: String, _ blob: String, id: String, _ body: [UInt8], headers: [(String, String)] = []) async throws -> Answer {
        try await send("PUT", "/\(container)/\(blob)?comp=block&blockid=\(QueryString.encode(id))", headers: headers, body: body)
    }
    func putBlockList(_ container: String, _ blob: String, _ entries: [(String, String)], headers: [(String, String)] = []) async throws -> Answer {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>" + entries.map { "<\($0.0)>\($0.1)</\($0.0)>" }.joined() + "</BlockList>"
        return try await send("PUT", "/\(container)/\(blob)?comp=blocklist", headers: headers, body: Array(xml.utf8))
    }
}

/// A block ID of the usual fixed length.
func blockID(_ n: Int) -> String { Base64.encode(Array(String(format: "block-%06d", n).utf8)) }

/// Deterministic test bytes.
func testBytes(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
}

/// Runs `body` against an in-memory mock with a fresh container `c1`.
func withContainer(
    _ configuration: MockBlobConfiguration = .init(), clock: (@Sendable () -> Date)? = nil,
    _ body: @Sendable (TestClient, MockBlobServer) async throws -> Void
) async throws {
    try await withMockBlobServer(configuration) { endpoint, server async throws in
        let client = TestClient(endpoint: endpoint, clock: clock ?? configuration.now)
        let made = try await client.createContainer("cont1")
        guard made.status == 201 else { throw TestFailure("create container: \(made.status) \(made.text)") }
        try await body(client, server)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Values of `<Element>` in an XML text, in order.
func xmlValues(_ text: String, _ element: String) -> [String] {
    var out: [String] = []
    var rest = Substring(text)
    while let open = rest.range(of: "<\(element)>"), let close = rest.range(of: "</\(element)>", range: open.upperBound..<rest.endIndex) {
        out.append(String(rest[open.upperBound..<close.lowerBound]))
        rest = rest[close.upperBound...]
    }
    return out
}
