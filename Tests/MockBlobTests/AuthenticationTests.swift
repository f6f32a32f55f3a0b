import AzureAuth
import Foundation
import MockBlob
import Testing

@Suite struct AuthenticationTests {
    @Test func wrongKeyUnknownAccountAndNoCredentialsAreRefused() async throws {
        try await withContainer { client, _ async throws in
            var wrong = client
            wrong.key = "AAAAAAAAAAAAAAAAAAAAAA=="
            let a = try await wrong.send("GET", "/cont1?restype=container")
            #expect(a.status == 403 && a.errorCode == "AuthenticationFailed")
            #expect(a.text.contains("<Code>AuthenticationFailed</Code>"))
            var stranger = client
            stranger.account = "someoneelse"
            #expect(try await stranger.send("GET", "/?comp=list").status == 403)
            let none = try await client.send("GET", "/cont1?restype=container", auth: .none)
            #expect(none.status == 403 && none.errorCode == "AuthenticationFailed")
        }
    }

    @Test func headErrorsCarryTheCodeButNoBody() async throws {
        try await withContainer { client, _ async throws in
            let a = try await client.send("HEAD", "/cont1/missing")
            #expect(a.status == 404 && a.errorCode == "BlobNotFound" && a.body.isEmpty)
        }
    }

    @Test func aStaleDateIsRefused() async throws {
        try await withContainer { client, _ async throws in
            var old = client
            old.clock = { Date().addingTimeInterval(-16 * 60) }
            let a = try await old.send("GET", "/cont1?restype=container")
            #expect(a.status == 403 && a.errorCode == "AuthenticationFailed")
            old.clock = { Date().addingTimeInterval(-14 * 60) }
            #expect(try await old.send("GET", "/cont1?restype=container").status == 200)
        }
    }

    @Test func extraAccountsAreAccepted() async throws {
        let other = MockAccount(name: "backupacct", key: Base64.encode(Array("0123456789abcdef0123456789abcdef".utf8)))
        try await withMockBlobServer(.init(accounts: [.development, other])) { endpoint, _ async throws in
            var client = TestClient(endpoint: endpoint)
            client.account = other.name
            client.key = other.key
            #expect(try await client.createContainer("mine").status == 201)
            #expect(try await TestClient(endpoint: endpoint).send("GET", "/mine?restype=container").status == 404)
        }
    }

    @Test func serviceSASChecksExpiryStartAndPermissions() async throws {
        let clock = ManualClock()
        try await withContainer(.init(now: { clock.now }), clock: { clock.now }) { client, _ async throws in
            #expect(try await client.putBlob("cont1", "b", [1, 2, 3]).status == 201)
            let signer = SharedKeySigner(account: client.account, base64Key: client.key)!
            let read = SharedAccessSignature.signed(
                scope: .blob(container: "cont1", blob: "b"), permissions: .read, expiry: clock.now.addingTimeInterval(60), signer: signer)
            let ok = try await client.send("GET", "/cont1/b", auth: .sas(read.token))
            #expect(ok.status == 200 && ok.body == [1, 2, 3])

            let write = try await client.send("PUT", "/cont1/b", headers: [("x-ms-blob-type", "BlockBlob")], body: [9], auth: .sas(read.token))
            #expect(write.status == 403 && write.errorCode == "AuthorizationPermissionMismatch")
            let delete = try await client.send("DELETE", "/cont1/b", auth: .sas(read.token))
            #expect(delete.status == 403 && delete.errorCode == "AuthorizationPermissionMismatch")

            let otherBlob = try await client.send("GET", "/cont1/other", auth: .sas(read.token))
            #expect(otherBlob.status == 403 && otherBlob.errorCode == "AuthenticationFailed")

            clock.advance(by: 61)
            let expired = try await client.send("GET", "/cont1/b", auth: .sas(read.token))
            #expect(expired.status == 403 && expired.errorCode == "AuthenticationFailed")

            let later = SharedAccessSignature.signed(
                scope: .container("cont1"), permissions: [.read, .list], expiry: clock.now.addingTimeInterval(600),
                start: clock.now.addingTimeInterval(300), signer: signer)
            #expect(try await client.send("GET", "/cont1/b", auth: .sas(later.token)).errorCode == "AuthenticationFailed")
            clock.advance(by: 301)
            #expect(try await client.send("GET", "/cont1?restype=container&comp=list", auth: .sas(later.token)).status == 200)

            var tampered = later
            tampered.fields["sp"] = "racwdl"
            #expect(try await client.send("DELETE", "/cont1/b", auth: .sas(tampered.token)).errorCode == "AuthenticationFailed")
        }
    }

    @Test func createOnlySASAddsBlobsButCannotReplaceThem() async throws {
        try await withContainer { client, _ async throws in
            let signer = SharedKeySigner(account: client.account, base64Key: client.key)!
            let create = SharedAccessSignature.signed(
                scope: .container("cont1"), permissions: .create, expiry: Date().addingTimeInterval(600), signer: signer)
            let put = { (blob: String) async throws -> Answer in
                try await client.send("PUT", "/cont1/\(blob)", headers: [("x-ms-blob-type", "BlockBlob")], body: [1], auth: .sas(create.token))
            }
            #expect(try await put("new").status == 201)
            let again = try await put("new")
            #expect(again.status == 403 && again.errorCode == "AuthorizationPermissionMismatch")
            #expect(try await client.getBlob("cont1", "new").body == [1])
        }
    }

    @Test func accountSASNeedsTheResourceType() async throws {
        try await withContainer { client, _ async throws in
            let signer = SharedKeySigner(account: client.account, base64Key: client.key)!
            let objects = SharedAccessSignature.signed(
                scope: .account(services: "b", resourceTypes: "o"), permissions: [.read, .write, .create, .list],
                expiry: Date().addingTimeInterval(600), signer: signer)
            let put = try await client.send("PUT", "/cont1/x", headers: [("x-ms-blob-type", "BlockBlob")], body: [1], auth: .sas(objects.token))
            #expect(put.status == 201)
            let list = try await client.send("GET", "/?comp=list", auth: .sas(objects.token))
            #expect(list.status == 403 && list.errorCode == "AuthorizationPermissionMismatch")

            let all = SharedAccessSignature.signed(
                scope: .account(services: "b", resourceTypes: "sco"), permissions: [.read, .list, .create, .delete],
                expiry: Date().addingTimeInterval(600), signer: signer)
            let listed = try await client.send("GET", "/?comp=list", auth: .sas(all.token))
            #expect(listed.status == 200 && xmlValues(listed.text, "Name") == ["cont1"])
            #expect(try await client.send("PUT", "/cont2?restype=container", auth: .sas(all.token)).status == 201)
            #expect(try await client.send("DELETE", "/cont2?restype=container", auth: .sas(all.token)).status == 202)
        }
    }
}
