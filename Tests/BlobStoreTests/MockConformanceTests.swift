import AzureAuth
import AzureBlobStore
import BlobStore
import Foundation
import MockBlob
import NIOCore
import Testing

/// The conformance suite against the mock over HTTP, and against a real endpoint when
/// `TIERGATE_TEST_CONNECTION_STRING` names one.
@Suite struct MockConformanceTests {
    static let props = BlobStoreProperties(connectionLimit: 4, maxSinglePutSize: 64 << 10, blockSize: 64 << 10, listPageSize: 3)
    static let fastRetry = RetryPolicy(maxAttempts: 12, baseDelay: 0.001, maxDelay: 0.01)

    @Test func mockOverHTTPPassesTheSuite() async throws {
        try await withMockBlobServer { endpoint, _ in
            try await withAzureBlobStore(connection: .development(endpoint: endpoint), container: "conformance", properties: Self.props) { store in
                #expect(try await store.createContainer())
                try await Conformance(store: store, prefix: "t/").runAll()
            }
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["TIERGATE_TEST_CONNECTION_STRING"] != nil))
    func realEndpointPassesTheSuite() async throws {
        let env = ProcessInfo.processInfo.environment
        let connection = try ConnectionString(parsing: env["TIERGATE_TEST_CONNECTION_STRING"]!)
        try await withAzureBlobStore(connection: connection, container: env["TIERGATE_TEST_CONTAINER"] ?? "tiergate-conformance", properties: Self.props) { store in
            _ = try await store.createContainer()
            try await Conformance(store: store, prefix: "run-\(UUID().uuidString.lowercased())/").runAll()
        }
    }

    @Test func sasConnectionStringWorksAndIsLimitedByItsPermissions() async throws {
        try await withMockBlobServer { endpoint, _ in
            let signer = SharedKeySigner(account: ConnectionString.developmentAccount, base64Key: ConnectionString.developmentKey)!
            try await withAzureBlobStore(connection: .development(endpoint: endpoint), container: "sas") { store in
                _ = try await store.createContainer()
                _ = try await store.put("seed", body: [1, 2])
            }
            let readList = SharedAccessSignature.signed(scope: .container("sas"), permissions: [.read, .list], expiry: Date().addingTimeInterval(3600), signer: signer)
            let cs = try ConnectionString(parsing: "BlobEndpoint=\(endpoint);SharedAccessSignature=\(readList.token)")
            try await withAzureBlobStore(connection: cs, container: "sas", retry: Self.fastRetry) { store async throws -> Void in
                #expect(try await store.get("seed") == [1, 2])
                #expect(try await store.list(prefix: "").collect().map(\.name) == ["seed"])
                await #expect(throws: BlobStoreError.self) { _ = try await store.put("new", body: [3]) }
            }
        }
    }

    @Test func wrongKeyIsAnAuthenticationErrorNotRetried() async throws {
        try await withMockBlobServer { endpoint, _ in
            let bad = ConnectionString(blobEndpoint: endpoint, credential: .sharedKey(account: "devstoreaccount1", key: "AAAAAAAAAAAAAAAAAAAAAA=="))
            try await withAzureBlobStore(connection: bad, container: "c1") { store in
                do {
                    _ = try await store.createContainer()
                    Issue.record("a wrong key was accepted")
                } catch let e as BlobStoreError {
                    #expect(e.kind == .authentication)
                    #expect(e.status == 403)
                    #expect(e.code == "AuthenticationFailed")
                }
            }
        }
    }

    @Test func unreachableEndpointGivesUpWithAOneLineError() async throws {
        let closed = ConnectionString.development(endpoint: "http://127.0.0.1:1/devstoreaccount1")
        try await withAzureBlobStore(connection: closed, container: "c1", retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.001), connectTimeout: .milliseconds(500)) { store in
            do {
                _ = try await store.stat("x")
                Issue.record("an unreachable endpoint answered")
            } catch let e as BlobStoreError {
                #expect(e.kind == .retryable)
                #expect(e.code == BlobStoreError.connectFailed)
                #expect(e.description.contains("cannot reach http://127.0.0.1:1"))
                #expect(!e.description.contains("\n"))
            }
        }
    }

    @Test func multiBlockUploadSurvivesInjectedFaults() async throws {
        let config = MockBlobConfiguration(faults: FaultConfiguration(faultRate: 0.2, resetRate: 0.05, seed: 7))
        try await withMockBlobServer(config) { endpoint, _ in
            try await withAzureBlobStore(connection: .development(endpoint: endpoint), container: "faults", properties: Self.props, retry: Self.fastRetry) { store in
                _ = try await store.createContainer()
                var x: UInt32 = 1
                let data = (0..<(64 << 10) * 6 + 17).map { _ -> UInt8 in x = x &* 1_664_525 &+ 1_013_904_223; return UInt8(x >> 24) }
                let report = try await store.upload("big", from: BytesSource(data), concurrency: 4)
                #expect(report.info.size == Int64(data.count))
                #expect(try await store.get("big") == data)
                let path = NSTemporaryDirectory() + "tiergate-dl-\(UUID().uuidString)"
                defer { unlink(path) }
                #expect(try await store.download("big", to: path) == Int64(data.count))
                #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == data)
            }
        }
    }

    @Test func faultsChangedMidJobAreSeen() async throws {
        try await withMockBlobServer { endpoint, server in
            try await withAzureBlobStore(connection: .development(endpoint: endpoint), container: "mid", retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.001)) { store in
                _ = try await store.createContainer()
                _ = try await store.put("a", body: [1])
                server.faults.setFaultRate(1)
                await #expect(throws: BlobStoreError.self) { _ = try await store.put("b", body: [2]) }
                server.faults.setFaultRate(0)
                _ = try await store.put("b", body: [2])
                #expect(try await store.get("b") == [2])
            }
        }
    }
}
