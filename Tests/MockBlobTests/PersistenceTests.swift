#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AzureAuth
import Foundation
import MockBlob
import Testing

@Suite struct PersistenceTests {
    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "mockblob-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func blobsStagedBlocksAndContainersSurviveARestart() async throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = MockBlobConfiguration(storage: .directory(dir))
        let (a, b) = (testBytes(300_000, seed: 1), testBytes(123_457, seed: 2))
        try await withContainer(config) { client, _ async throws in
            #expect(try await client.putBlob("cont1", "whole", a, headers: [("x-ms-meta-k", "v")]).status == 201)
            #expect(try await client.putBlock("cont1", "blocks", id: blockID(1), a).status == 201)
            #expect(try await client.putBlock("cont1", "blocks", id: blockID(2), b).status == 201)
            #expect(try await client.putBlockList("cont1", "blocks", [("Latest", blockID(1)), ("Latest", blockID(2))]).status == 201)
            #expect(try await client.putBlock("cont1", "staged", id: blockID(7), b).status == 201)
            #expect(try await client.putBlob("cont1", "gone", [1]).status == 201)
            #expect(try await client.send("DELETE", "/cont1/gone").status == 202)
        }
        try await withMockBlobServer(config) { endpoint, _ async throws in
            let client = TestClient(endpoint: endpoint)
            let whole = try await client.getBlob("cont1", "whole")
            #expect(whole.body == a && whole.header("x-ms-meta-k") == "v")
            #expect(try await client.getBlob("cont1", "blocks").body == a + b)
            #expect(try await client.getBlob("cont1", "blocks", headers: [("x-ms-range", "bytes=299990-300009")]).body == Array((a + b)[299_990...300_009]))
            #expect(try await client.getBlob("cont1", "gone").status == 404)
            let staged = try await client.send("GET", "/cont1/staged?comp=blocklist&blocklisttype=uncommitted")
            #expect(xmlValues(staged.text, "Name") == [blockID(7)])
            #expect(try await client.putBlockList("cont1", "staged", [("Uncommitted", blockID(7))]).status == 201)
            #expect(try await client.getBlob("cont1", "staged").body == b)
            let listed = try await client.send("GET", "/cont1?restype=container&comp=list")
            #expect(xmlValues(listed.text, "Name") == ["blocks", "staged", "whole"])
        }
    }

    @Test func anAbortedUploadLeavesNoBlob() async throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = MockBlobConfiguration(storage: .directory(dir))
        try await withContainer(config) { client, _ async throws in
            try await Self.sendHalfAnUpload(client, blob: "half", length: 4 << 20) { () async throws in
                // Mid-upload the body is streaming into a temporary file, not into a visible blob.
                let inFlight = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/tmp")) ?? []
                #expect(inFlight.count == 1)
                #expect(try await client.getBlob("cont1", "half").status == 404)
            }
            // The server notices the closed connection and discards the temporary file.
            var left: [String] = []
            for _ in 0..<100 {
                left = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/tmp")) ?? []
                if left.isEmpty { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(left.isEmpty)
            #expect(try await client.getBlob("cont1", "half").status == 404)
        }
        try await withMockBlobServer(config) { endpoint, _ async throws in
            let listed = try await TestClient(endpoint: endpoint).send("GET", "/cont1?restype=container&comp=list")
            #expect(listed.status == 200 && xmlValues(listed.text, "Name").isEmpty)
        }
    }

    /// Sends a signed Put Blob announcing `length` bytes, half the body, then closes the socket.
    static func sendHalfAnUpload(
        _ client: TestClient, blob: String, length: Int, whileOpen: () async throws -> Void
    ) async throws {
        let path = "/\(client.account)/cont1/\(blob)"
        var headers = [
            ("x-ms-date", AzureDate.rfc1123(Date())), ("x-ms-version", "2021-08-06"), ("x-ms-blob-type", "BlockBlob"),
            ("Content-Length", "\(length)"),
        ]
        let signer = SharedKeySigner(account: client.account, base64Key: client.key)!
        headers.append(("Authorization", signer.authorization(SignableRequest(method: "PUT", path: path, headers: headers))))
        let port = UInt16(URL(string: client.endpoint)!.port!)
        let head = "PUT \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n" + headers.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n"
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        let bytes = Array(head.utf8) + testBytes(length / 2)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            sent += n
        }
        #expect(sent == bytes.count)
        try await Task.sleep(for: .milliseconds(200))
        try await whileOpen()
        close(fd)
    }
}
