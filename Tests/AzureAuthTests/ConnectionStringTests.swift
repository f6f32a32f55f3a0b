import AzureAuth
import Testing

@Suite struct ConnectionStringTests {
    @Test func developmentShortcut() throws {
        let cs = try ConnectionString(parsing: "UseDevelopmentStorage=true")
        #expect(cs.blobEndpoint == "http://127.0.0.1:10000/devstoreaccount1")
        #expect(cs.credential == .sharedKey(account: "devstoreaccount1", key: ConnectionString.developmentKey))
    }

    @Test func accountKeyFormWithoutEndpoint() throws {
        let cs = try ConnectionString(parsing: "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=AAAA;EndpointSuffix=core.windows.net")
        #expect(cs.blobEndpoint == "https://acme.blob.core.windows.net")
    }

    @Test func sasForm() throws {
        let cs = try ConnectionString(parsing: "BlobEndpoint=http://127.0.0.1:9/acct/;SharedAccessSignature=?sv=2021&sig=a%3D")
        #expect(cs.blobEndpoint == "http://127.0.0.1:9/acct")
        #expect(cs.credential == .sas("sv=2021&sig=a%3D"))
    }

    @Test(arguments: ["AccountName=a", "garbage", "BlobEndpoint=ftp://x;AccountName=a;AccountKey=AAAA", "AccountName=a;AccountKey=!!"])
    func malformedStringsAreRefused(_ text: String) {
        #expect(throws: ConnectionString.ParseError.self) { try ConnectionString(parsing: text) }
    }

    @Test func roundTripsThroughText() throws {
        let cs = ConnectionString.development(endpoint: "http://127.0.0.1:1234/devstoreaccount1")
        #expect(try ConnectionString(parsing: cs.text) == cs)
    }
}
