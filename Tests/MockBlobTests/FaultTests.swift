import AsyncHTTPClient
import Foundation
import MockBlob
import Testing

@Suite struct FaultTests {
    /// Statuses of `count` sequential small reads.
    static func statuses(_ client: TestClient, count: Int) async throws -> [Int] {
        var out: [Int] = []
        for _ in 0..<count { out.append(try await client.getBlob("cont1", "f").status) }
        return out
    }

    @Test func seededFaultRateIsReproducible() async throws {
        var runs: [[Int]] = []
        for _ in 0..<2 {
            runs.append(try await withMockBlobServer { endpoint, server async throws -> [Int] in
                let client = TestClient(endpoint: endpoint)
                _ = try await client.createContainer("cont1")
                _ = try await client.putBlob("cont1", "f", [1])
                server.faults.setFaultRate(0.3)
                server.faults.reseed(42)
                let statuses = try await Self.statuses(client, count: 200)
                server.faults.setFaultRate(0)
                #expect(try await client.getBlob("cont1", "f").status == 200)
                return statuses
            })
        }
        #expect(runs[0] == runs[1])
        let failures = runs[0].filter { $0 != 200 }
        #expect((35...85).contains(failures.count), "expected about 60 faults of 200, got \(failures.count)")
        #expect(Set(failures) == [500, 503])
    }

    @Test func faultsCarryAzureErrorCodesAndSometimesRetryAfter() async throws {
        try await withContainer(.init(faults: .init(faultRate: 0, seed: 5))) { client, server async throws in
            server.faults.setFaultRate(1)
            var codes: Set<String> = []
            var retryAfter = 0
            for _ in 0..<8 {
                let a = try await client.getBlob("cont1", "whatever")
                codes.insert(a.errorCode ?? "")
                if a.header("Retry-After") != nil { retryAfter += 1 }
            }
            #expect(codes == ["ServerBusy", "OperationTimedOut"])
            #expect(retryAfter > 0 && retryAfter < 8)
        }
    }

    @Test func resetsDropDownloadsMidBodyAndUploadsWithoutAnswer() async throws {
        try await withContainer { client, server async throws in
            let data = testBytes(1 << 20)
            _ = try await client.putBlob("cont1", "big", data)
            server.faults.setResetRate(1)
            await #expect(throws: (any Error).self) { _ = try await client.getBlob("cont1", "big") }
            await #expect(throws: (any Error).self) { _ = try await client.putBlob("cont1", "up", data) }
            await #expect(throws: (any Error).self) { _ = try await client.send("GET", "/cont1?restype=container") }
            server.faults.setResetRate(0)
            #expect(server.faults.injected.resets == 3)
            #expect(try await client.getBlob("cont1", "big").body == data)
            #expect(try await client.getBlob("cont1", "up").status == 404)
        }
    }

    @Test func adminEndpointChangesFaultsWhileRunning() async throws {
        try await withContainer { client, server async throws in
            var request = HTTPClientRequest(url: client.origin + "/__admin/faults?fault-rate=1&latency-ms=40&seed=9")
            request.method = .PUT
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 4096))
            #expect(response.status.code == 200 && body.contains("\"fault-rate\":1.0"))
            #expect(server.faults.faultRate == 1 && server.faults.latencyMs == 40 && server.faults.seed == 9)
            let start = ContinuousClock.now
            #expect(try await client.getBlob("cont1", "x").status >= 500)
            #expect(ContinuousClock.now - start >= .milliseconds(40))
            var bad = HTTPClientRequest(url: client.origin + "/__admin/faults?fault-rate=2")
            bad.method = .PUT
            #expect(try await HTTPClient.shared.execute(bad, timeout: .seconds(10)).status.code == 400)
            server.faults.setFaultRate(0)
            server.faults.setLatency(.zero)
            #expect(try await client.getBlob("cont1", "x").status == 404)
        }
    }
}
