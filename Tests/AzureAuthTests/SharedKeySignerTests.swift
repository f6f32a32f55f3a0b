import AzureAuth
import Testing

/// Known answers computed with the official Python SDK (azure-storage-blob 12.31.1)
/// for the emulator's development account at fixed dates.
@Suite struct SharedKeySignerTests {
    let signer = SharedKeySigner(account: ConnectionString.developmentAccount, base64Key: ConnectionString.developmentKey)!

    @Test func putBlockWithMetadataMatchesPythonSDK() {
        let request = SignableRequest(
            method: "PUT", path: "/devstoreaccount1/c1/dir/b%20x.bin",
            query: [("comp", "block"), ("blockid", "AAAA")],
            headers: [
                ("x-ms-date", "Sun, 22 Nov 2026 03:00:00 GMT"), ("x-ms-version", "2021-08-06"),
                ("Content-Length", "5"), ("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg=="),
                ("x-ms-meta-b", "2"), ("x-ms-meta-A", "1"),
            ])
        #expect(signer.authorization(request) == "SharedKey devstoreaccount1:GutHgFgzUa9iV+3/h8HJme3JnCut7gA7ElqSgDdwU0M=")
        #expect(signer.verify(request, authorization: signer.authorization(request)))
    }

    @Test func listWithEncodedQueryMatchesPythonSDK() {
        let request = SignableRequest(
            method: "GET", path: "/devstoreaccount1/c1",
            query: [("restype", "container"), ("comp", "list"), ("prefix", "a/b"), ("maxresults", "2")],
            headers: [
                ("x-ms-date", "Sun, 22 Nov 2026 03:00:00 GMT"), ("x-ms-version", "2021-08-06"),
                ("x-ms-client-request-id", "id1"),
            ])
        #expect(signer.signature(request) == "sliWguvvHcLoqBgBj5ecg6NjgdK/FYT3wTcAl6IpPyE=")
    }

    @Test func stringToSignLayout() {
        let request = SignableRequest(
            method: "get", path: "/acct/c", query: [("b", "2"), ("A", "1")],
            headers: [("x-ms-date", "D"), ("Date", "ignored"), ("Content-Length", "0"), ("Range", "bytes=0-1")])
        let expected = "GET\n\n\n\n\n\n\n\n\n\n\nbytes=0-1\nx-ms-date:D\n/devstoreaccount1/acct/c\na:1\nb:2"
        #expect(signer.stringToSign(request) == expected)
    }

    @Test func verifyRejectsWrongKeyAndAccount() {
        let request = SignableRequest(method: "GET", path: "/devstoreaccount1/c", headers: [("x-ms-date", "D")])
        let other = SharedKeySigner(account: "devstoreaccount1", base64Key: "AAAAAAAAAAAAAAAAAAAAAA==")!
        #expect(!signer.verify(request, authorization: other.authorization(request)))
        #expect(!signer.verify(request, authorization: "SharedKey someone:" + signer.signature(request)))
        #expect(!signer.verify(request, authorization: "Bearer x"))
    }

    @Test func nonBase64KeyIsRefused() {
        #expect(SharedKeySigner(account: "a", base64Key: "not base64!") == nil)
    }
}
