import AzureAuth
import Foundation
import MockBlob
import Testing

@Suite struct BlockTests {
    @Test func blockIDRules() async throws {
        try await withContainer { client, _ async throws in
            #expect(try await client.putBlock("cont1", "b", id: blockID(1), [1]).status == 201)
            let shorter = try await client.putBlock("cont1", "b", id: Base64.encode([1, 2, 3]), [1])
            #expect(shorter.status == 400 && shorter.errorCode == "InvalidBlobOrBlock")
            let long = Base64.encode([UInt8](repeating: 7, count: 65))
            let tooLong = try await client.putBlock("cont1", "other", id: long, [1])
            #expect(tooLong.status == 400 && tooLong.errorCode == "InvalidBlobOrBlock")
            let sixtyFour = Base64.encode([UInt8](repeating: 7, count: 64))
            #expect(try await client.putBlock("cont1", "other", id: sixtyFour, [1]).status == 201)
            #expect(try await client.putBlock("cont1", "x", id: "not base64!", [1]).status == 400)
        }
    }

    @Test func blockListLatestCommittedUncommittedAndUnknownIDs() async throws {
        try await withContainer { client, _ async throws in
            let (a, b, c) = (testBytes(100, seed: 1), testBytes(50, seed: 2), testBytes(70, seed: 3))
            _ = try await client.putBlock("cont1", "f", id: blockID(1), a)
            _ = try await client.putBlock("cont1", "f", id: blockID(2), b)
            let unknown = try await client.putBlockList("cont1", "f", [("Latest", blockID(1)), ("Latest", blockID(9))])
            #expect(unknown.status == 400 && unknown.errorCode == "InvalidBlockList")
            #expect(try await client.getBlob("cont1", "f").status == 404)
            let md5 = Base64.encode(Digest.md5(a + b))
            let first = try await client.putBlockList("cont1", "f", [("Latest", blockID(1)), ("Uncommitted", blockID(2))], headers: [
                ("x-ms-blob-content-md5", md5), ("x-ms-blob-content-type", "application/x-backup"), ("x-ms-meta-point", "p1"),
            ])
            #expect(first.status == 201)
            let got = try await client.getBlob("cont1", "f")
            #expect(got.body == a + b && got.header("Content-MD5") == md5 && got.header("Content-Type") == "application/x-backup")
            #expect(got.header("x-ms-meta-point") == "p1")

            // Restage block 2, add block 3; Committed picks the old block 1, Latest the new block 2.
            _ = try await client.putBlock("cont1", "f", id: blockID(2), c)
            _ = try await client.putBlock("cont1", "f", id: blockID(3), c)
            let all = try await client.send("GET", "/cont1/f?comp=blocklist&blocklisttype=all")
            #expect(all.text.contains("<CommittedBlocks><Block><Name>\(blockID(1))</Name><Size>100</Size></Block><Block><Name>\(blockID(2))</Name><Size>50</Size>"))
            #expect(xmlValues(all.text, "Name").suffix(2) == [blockID(2), blockID(3)])
            #expect(try await client.putBlockList("cont1", "f", [("Committed", blockID(3))]).errorCode == "InvalidBlockList")
            #expect(try await client.putBlockList("cont1", "f", [("Committed", blockID(1)), ("Latest", blockID(2))]).status == 201)
            #expect(try await client.getBlob("cont1", "f").body == a + c)
            let after = try await client.send("GET", "/cont1/f?comp=blocklist&blocklisttype=uncommitted")
            #expect(xmlValues(after.text, "Name").isEmpty)
            let committed = try await client.send("GET", "/cont1/f?comp=blocklist")
            #expect(xmlValues(committed.text, "Size") == ["100", "70"] && committed.header("x-ms-blob-content-length") == "170")
        }
    }

    @Test func blockListBodyIntegrityIsChecked() async throws {
        try await withContainer { client, _ async throws in
            _ = try await client.putBlock("cont1", "g", id: blockID(1), [1, 2])
            let bad = try await client.putBlockList("cont1", "g", [("Latest", blockID(1))], headers: [("Content-MD5", Base64.encode(Digest.md5([0])))])
            #expect(bad.errorCode == "Md5Mismatch")
            let garbage = try await client.send("PUT", "/cont1/g?comp=blocklist", body: Array("<nope".utf8))
            #expect(garbage.status == 400)
            let noneMatch = try await client.putBlockList("cont1", "g", [("Latest", blockID(1))], headers: [("If-None-Match", "*")])
            #expect(noneMatch.status == 201)
            _ = try await client.putBlock("cont1", "g", id: blockID(1), [3])
            let exists = try await client.putBlockList("cont1", "g", [("Latest", blockID(1))], headers: [("If-None-Match", "*")])
            #expect(exists.status == 409 && exists.errorCode == "BlobAlreadyExists")
        }
    }
}
