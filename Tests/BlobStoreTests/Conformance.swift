import AzureAuth
import BlobStore
import Foundation
import Testing

/// One conformance suite, run against every store: in-memory, the mock over HTTP, and a real
/// endpoint when `TIERGATE_TEST_CONNECTION_STRING` names one. Blob names are under `prefix`
/// so runs against a shared container do not collide.
struct Conformance<S: BlobStore> {
    let store: S
    let prefix: String

    func runAll() async throws {
        try await roundTripAndStat()
        try await overwriteRefusalAndIfMatch()
        try await rangedReads()
        try await missingBlobs()
        try await listingAcrossPages()
        try await blockUploadAndResume()
        try await blockRules()
        try await leases()
        try await archiveTier()
        try await awkwardNames()
    }

    func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var x = seed &+ 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return UInt8(truncatingIfNeeded: x)
        }
    }

    func expectError<T>(_ kind: BlobStoreError.Kind, _ what: String, _ op: () async throws -> T) async {
        do {
            _ = try await op()
            Issue.record("\(what): expected \(kind), got success")
        } catch let e as BlobStoreError {
            #expect(e.kind == kind, "\(what): \(e)")
        } catch {
            Issue.record("\(what): expected BlobStoreError.\(kind), got \(error)")
        }
    }

    func roundTripAndStat() async throws {
        let data = bytes(10_000, seed: 1)
        let name = prefix + "rt/one"
        let put = try await store.put(name, body: data, options: PutOptions(metadata: ["kind": "test"]))
        #expect(try await store.get(name) == data)
        let info = try await store.stat(name)
        #expect(info.size == 10_000)
        #expect(info.etag == put.etag)
        #expect(info.contentMD5 == Digest.md5(data))
        #expect(info.metadata["kind"] == "test")
        let empty = prefix + "rt/empty"
        _ = try await store.put(empty, body: [])
        #expect(try await store.get(empty) == [])
        #expect(try await store.stat(empty).size == 0)
    }

    func overwriteRefusalAndIfMatch() async throws {
        let name = prefix + "ow/x"
        let first = try await store.put(name, body: [1, 2, 3], options: PutOptions(overwrite: false))
        await expectError(.alreadyExists, "second put without overwrite") {
            try await store.put(name, body: [4], options: PutOptions(overwrite: false))
        }
        await expectError(.conditionFailed, "If-Match with a stale etag") {
            try await store.put(name, body: [4], options: PutOptions(ifMatch: "0x0000"))
        }
        _ = try await store.put(name, body: [5], options: PutOptions(ifMatch: first.etag))
        #expect(try await store.get(name) == [5])
    }

    func rangedReads() async throws {
        let data = bytes(1000, seed: 2)
        let name = prefix + "rg/x"
        _ = try await store.put(name, body: data)
        #expect(try await store.get(name, range: ByteRange(offset: 100, count: 50)) == Array(data[100..<150]))
        #expect(try await store.get(name, range: ByteRange(start: 990)) == Array(data[990...]))
        #expect(try await store.get(name, range: ByteRange(start: 995, end: 5000)) == Array(data[995...]))
        await expectError(.invalidRange, "range past the end") { try await store.get(name, range: ByteRange(start: 1000)) }
    }

    func missingBlobs() async throws {
        let name = prefix + "missing/nothing"
        await expectError(.notFound, "get missing") { try await store.get(name) }
        await expectError(.notFound, "stat missing") { try await store.stat(name) }
        await expectError(.notFound, "delete missing") { try await store.delete(name) }
        #expect(try await store.exists(name) == false)
    }

    func listingAcrossPages() async throws {
        let base = prefix + "ls/"
        let names = (0..<7).map { base + String(format: "b%02d", $0) }
        for n in names.reversed() { _ = try await store.put(n, body: Array(n.utf8)) }
        _ = try await store.put(prefix + "ls-other", body: [0])
        let listed = try await store.list(prefix: base).collect()
        #expect(listed.map(\.name) == names)
        #expect(listed.map(\.size) == names.map { Int64($0.utf8.count) })
        #expect(try await store.list(prefix: base + "b00").collect().map(\.name) == [base + "b00"])
        for n in names { try await store.delete(n) }
        #expect(try await store.list(prefix: base).collect().isEmpty)
    }

    func blockUploadAndResume() async throws {
        let blockSize = store.properties.blockSize
        let data = bytes(blockSize * 4 + 123, seed: 3)
        let name = prefix + "blk/big"
        // An earlier run staged blocks 0 and 2, then died.
        var plan = BlockUploadPlan(size: Int64(data.count), blockSize: blockSize)
        for index in [0, 2] {
            let (o, c) = plan.extent(of: index)
            let body = Array(data[Int(o)..<Int(o) + c])
            let id = BlockUploadPlan.blockID(index: index, crc64: CRC64.checksum(body))
            try await store.putBlock(name, id: id, body: body)
            plan.markStaged(index: index, id: id)
        }
        #expect(try await store.blockList(name).uncommitted.count == 2)
        let report = try await store.upload(name, from: BytesSource(data), concurrency: 3)
        #expect(report.blocksResumed == 2)
        #expect(report.blocksSent == 3)
        #expect(report.info.size == Int64(data.count))
        #expect(try await store.get(name) == data)
        let list = try await store.blockList(name)
        #expect(list.committed.count == 5)
        #expect(list.uncommitted.isEmpty)
        await expectError(.alreadyExists, "block upload without overwrite over an existing blob") {
            try await store.upload(name, from: BytesSource(data), options: PutOptions(overwrite: false))
        }
        let small = prefix + "blk/small"
        let smallReport = try await store.upload(small, from: BytesSource([9, 9]))
        #expect(smallReport.blocksSent == 1)
        #expect(try await store.get(small) == [9, 9])
    }

    func blockRules() async throws {
        let name = prefix + "rules/x"
        try await store.putBlock(name, id: Base64.encode(Array("aaaa".utf8)), body: [1])
        await expectError(.permanent, "block ids of different lengths") {
            try await store.putBlock(name, id: Base64.encode(Array("bbbbbbbb".utf8)), body: [2])
        }
        await expectError(.permanent, "commit of an unknown block id") {
            try await store.putBlockList(name, ids: [Base64.encode(Array("zzzz".utf8))], options: PutOptions())
        }
        await expectError(.permanent, "a block whose CRC-64 does not match its body") {
            try await store.putBlock(name, id: Base64.encode(Array("cccc".utf8)), body: [3], crc64: CRC64.checksum([4]))
        }
        _ = try await store.putBlockList(name, ids: [Base64.encode(Array("aaaa".utf8))], options: PutOptions())
        #expect(try await store.get(name) == [1])
    }

    func leases() async throws {
        let name = prefix + "lease/lock"
        _ = try await store.put(name, body: [0])
        let held = try await store.lease(name, .acquire(seconds: nil, proposedID: nil))
        let id = try #require(held.id)
        await expectError(.conditionFailed, "second acquire") { try await store.lease(name, .acquire(seconds: 15, proposedID: UUID().uuidString.lowercased())) }
        await expectError(.conditionFailed, "write without the lease id") { try await store.put(name, body: [1]) }
        await expectError(.conditionFailed, "delete without the lease id") { try await store.delete(name) }
        _ = try await store.put(name, body: [2], options: PutOptions(leaseID: id))
        #expect(try await store.stat(name).leaseState == "leased")
        _ = try await store.lease(name, .release(id: id))
        try await store.delete(name)
    }

    func archiveTier() async throws {
        let name = prefix + "tier/cold"
        _ = try await store.put(name, body: [7, 7])
        try await store.setTier(name, tier: .archive)
        #expect(try await store.stat(name).tier == .archive)
        await expectError(.archived, "read of an archived blob") { try await store.get(name) }
        try await store.delete(name)
    }

    func awkwardNames() async throws {
        for n in ["sp ace/x y", "unicodé/ü", "plus+and&amp/q?x=1", "deep/a/b/c/d"] {
            let name = prefix + "names/" + n
            _ = try await store.put(name, body: Array(n.utf8))
            #expect(try await store.get(name) == Array(n.utf8), "\(name)")
        }
        let listed = try await store.list(prefix: prefix + "names/").collect().map(\.name)
        #expect(listed.count == 4)
    }
}
