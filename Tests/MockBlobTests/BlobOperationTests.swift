import AzureAuth
import Foundation
import MockBlob
import Testing

@Suite struct BlobOperationTests {
    @Test func everyAnswerCarriesRequestIDVersionAndClientRequestID() async throws {
        try await withContainer { client, _ async throws in
            let a = try await client.send("GET", "/cont1/nothing", headers: [("x-ms-version", "2099-01-01"), ("x-ms-client-request-id", "abc-1")])
            #expect(a.status == 404)
            #expect(a.header("x-ms-request-id") != nil && a.header("Date") != nil)
            #expect(a.header("x-ms-version") == "2099-01-01")
            #expect(a.header("x-ms-client-request-id") == "abc-1")
            #expect(a.text.hasPrefix("<?xml") && a.text.contains("<Code>BlobNotFound</Code>"))
        }
    }

    @Test func rangesAndInvalidRanges() async throws {
        try await withContainer { client, _ async throws in
            let data = testBytes(1000)
            let put = try await client.putBlob("cont1", "r", data)
            #expect(put.header("Content-MD5") == Base64.encode(Digest.md5(data)))
            let whole = try await client.getBlob("cont1", "r")
            #expect(whole.status == 200 && whole.body == data && whole.header("Content-MD5") == put.header("Content-MD5"))
            let part = try await client.getBlob("cont1", "r", headers: [("x-ms-range", "bytes=10-19")])
            #expect(part.status == 206 && part.body == Array(data[10...19]))
            #expect(part.header("Content-Range") == "bytes 10-19/1000")
            let open = try await client.getBlob("cont1", "r", headers: [("Range", "bytes=990-")])
            #expect(open.status == 206 && open.body == Array(data[990...]))
            let clamped = try await client.getBlob("cont1", "r", headers: [("Range", "bytes=995-5000")])
            #expect(clamped.body == Array(data[995...]) && clamped.header("Content-Range") == "bytes 995-999/1000")
            let past = try await client.getBlob("cont1", "r", headers: [("x-ms-range", "bytes=1000-1010")])
            #expect(past.status == 416 && past.errorCode == "InvalidRange" && past.header("Content-Range") == "bytes */1000")
            let md5 = try await client.getBlob("cont1", "r", headers: [("x-ms-range", "bytes=0-99"), ("x-ms-range-get-content-md5", "true")])
            #expect(md5.header("Content-MD5") == Base64.encode(Digest.md5(Array(data[0...99]))))

            _ = try await client.putBlob("cont1", "empty", [])
            #expect(try await client.getBlob("cont1", "empty").status == 200)
            #expect(try await client.getBlob("cont1", "empty", headers: [("Range", "bytes=0-")]).status == 416)
        }
    }

    @Test func contentMD5AndCRC64AreChecked() async throws {
        try await withContainer { client, _ async throws in
            let data = Array("123456789".utf8)
            let badMD5 = try await client.putBlob("cont1", "m", data, headers: [("Content-MD5", Base64.encode(Digest.md5([0])))])
            #expect(badMD5.status == 400 && badMD5.errorCode == "Md5Mismatch")
            #expect(try await client.getBlob("cont1", "m").status == 404)
            let goodMD5 = try await client.putBlob("cont1", "m", data, headers: [("Content-MD5", Base64.encode(Digest.md5(data)))])
            #expect(goodMD5.status == 201)

            var crc = CRC64()
            crc.update(data)
            #expect(crc.value == 0xAE8B_1486_0A79_9888)
            let goodCRC = try await client.putBlock("cont1", "k", id: blockID(1), data, headers: [("x-ms-content-crc64", crc.base64)])
            #expect(goodCRC.status == 201 && goodCRC.header("x-ms-content-crc64") == crc.base64)
            let badCRC = try await client.putBlock("cont1", "k", id: blockID(2), data, headers: [("x-ms-content-crc64", "AAAAAAAAAAA=")])
            #expect(badCRC.status == 400 && badCRC.errorCode == "Crc64Mismatch")
            let badBlockMD5 = try await client.putBlock("cont1", "k", id: blockID(3), data, headers: [("Content-MD5", Base64.encode(Digest.md5([1])))])
            #expect(badBlockMD5.errorCode == "Md5Mismatch")
            let list = try await client.send("GET", "/cont1/k?comp=blocklist&blocklisttype=uncommitted")
            #expect(xmlValues(list.text, "Name") == [blockID(1)])
        }
    }

    @Test func conditionalWritesAndReads() async throws {
        try await withContainer { client, _ async throws in
            let first = try await client.putBlob("cont1", "c", [1], headers: [("If-None-Match", "*")])
            #expect(first.status == 201)
            let again = try await client.putBlob("cont1", "c", [2], headers: [("If-None-Match", "*")])
            #expect(again.status == 409 && again.errorCode == "BlobAlreadyExists")
            let etag = first.header("ETag")!
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            let mismatch = try await client.putBlob("cont1", "c", [3], headers: [("If-Match", "\"0x8D000000000000\"")])
            #expect(mismatch.status == 412 && mismatch.errorCode == "ConditionNotMet")
            let matched = try await client.putBlob("cont1", "c", [4], headers: [("If-Match", etag)])
            #expect(matched.status == 201 && matched.header("ETag") != etag)
            let notModified = try await client.getBlob("cont1", "c", headers: [("If-None-Match", matched.header("ETag")!)])
            #expect(notModified.status == 304 && notModified.body.isEmpty)
            let since = try await client.getBlob("cont1", "c", headers: [("If-Modified-Since", AzureDate.rfc1123(Date().addingTimeInterval(60)))])
            #expect(since.status == 304)
            #expect(try await client.getBlob("cont1", "c", headers: [("If-Match", etag)]).status == 412)
            #expect(try await client.getBlob("cont1", "c").body == [4])
        }
    }

    @Test func propertiesMetadataCopyAndDelete() async throws {
        try await withContainer { client, _ async throws in
            let put = try await client.putBlob("cont1", "dir/a%20b.txt", Array("hello".utf8), headers: [
                ("x-ms-blob-content-type", "text/plain"), ("x-ms-meta-Origin", "fs01"),
            ])
            #expect(put.status == 201)
            let head = try await client.send("HEAD", "/cont1/dir/a%20b.txt")
            #expect(head.status == 200 && head.header("Content-Length") == "5" && head.header("Content-Type") == "text/plain")
            #expect(head.header("x-ms-blob-type") == "BlockBlob" && head.header("x-ms-access-tier") == "Hot")
            #expect(head.header("x-ms-meta-Origin") == "fs01" && head.header("x-ms-lease-state") == "available")
            let meta = try await client.send("PUT", "/cont1/dir/a%20b.txt?comp=metadata", headers: [("x-ms-meta-kind", "bmr")])
            #expect(meta.status == 200 && meta.header("ETag") != head.header("ETag"))
            let head2 = try await client.send("HEAD", "/cont1/dir/a%20b.txt")
            #expect(head2.header("x-ms-meta-kind") == "bmr" && head2.header("x-ms-meta-Origin") == nil)

            let copy = try await client.send("PUT", "/cont1/copy", headers: [("x-ms-copy-source", "\(client.endpoint)/cont1/dir/a%20b.txt")])
            #expect(copy.status == 202 && copy.header("x-ms-copy-status") == "success")
            #expect(try await client.getBlob("cont1", "copy").body == Array("hello".utf8))
            let missing = try await client.send("PUT", "/cont1/copy2", headers: [("x-ms-copy-source", "\(client.endpoint)/cont1/nope")])
            #expect(missing.status == 404)

            #expect(try await client.send("DELETE", "/cont1/dir/a%20b.txt").status == 202)
            #expect(try await client.send("DELETE", "/cont1/dir/a%20b.txt").errorCode == "BlobNotFound")
            #expect(try await client.getBlob("cont1", "copy").body == Array("hello".utf8))
        }
    }

    @Test func containersAreValidatedListedAndDeleted() async throws {
        try await withContainer { client, _ async throws in
            for bad in ["ab", "Upper", "a--b", "-ab", String(repeating: "a", count: 64)] {
                let a = try await client.createContainer(bad)
                #expect(a.status == 400 && a.errorCode == "InvalidResourceName", "\(bad)")
            }
            #expect(try await client.createContainer("cont1").errorCode == "ContainerAlreadyExists")
            #expect(try await client.send("PUT", "/c-2?restype=container", headers: [("x-ms-meta-team", "ops")]).status == 201)
            let list = try await client.send("GET", "/?comp=list&include=metadata")
            #expect(xmlValues(list.text, "Name") == ["c-2", "cont1"])
            #expect(xmlValues(list.text, "Last-Modified").count == 2 && xmlValues(list.text, "team") == ["ops"])
            let props = try await client.send("GET", "/c-2?restype=container")
            #expect(props.status == 200 && props.header("x-ms-meta-team") == "ops" && props.header("ETag") != nil)
            _ = try await client.putBlob("c-2", "x", [1])
            #expect(try await client.send("DELETE", "/c-2?restype=container").status == 202)
            #expect(try await client.send("GET", "/c-2?restype=container").errorCode == "ContainerNotFound")
            #expect(try await client.putBlob("c-2", "x", [1]).errorCode == "ContainerNotFound")
            let service = try await client.send("GET", "/?restype=service&comp=properties")
            #expect(service.status == 200 && service.text.contains("StorageServiceProperties"))
        }
    }
}
