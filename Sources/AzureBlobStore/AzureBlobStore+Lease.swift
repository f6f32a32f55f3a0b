import BlobStore
import NIOHTTP1

extension AzureBlobStore {
    public func lease(_ name: String, _ request: LeaseRequest) async throws -> LeaseResponse {
        var headers: [(String, String)] = []
        let expected: Set<Int>
        switch request {
        case .acquire(let seconds, let proposed):
            headers = [("x-ms-lease-action", "acquire"), ("x-ms-lease-duration", String(seconds ?? -1))]
            if let proposed { headers.append(("x-ms-proposed-lease-id", proposed)) }
            expected = [201]
        case .renew(let id):
            headers = [("x-ms-lease-action", "renew"), ("x-ms-lease-id", id)]
            expected = [200]
        case .change(let id, let proposed):
            headers = [("x-ms-lease-action", "change"), ("x-ms-lease-id", id), ("x-ms-proposed-lease-id", proposed)]
            expected = [200]
        case .release(let id):
            headers = [("x-ms-lease-action", "release"), ("x-ms-lease-id", id)]
            expected = [200]
        case .break(let seconds):
            headers = [("x-ms-lease-action", "break")]
            if let seconds { headers.append(("x-ms-lease-break-period", String(seconds))) }
            expected = [202]
        }
        let answer = try await send(.PUT, blob: name, query: [("comp", "lease")], headers: headers, body: [], expected: expected)
        return LeaseResponse(
            id: answer.headers.first(name: "x-ms-lease-id"),
            breakSeconds: answer.headers.first(name: "x-ms-lease-time").flatMap(Int.init))
    }
}
