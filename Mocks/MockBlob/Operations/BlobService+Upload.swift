import AzureAuth
import Foundation
import Hummingbird

extension BlobService {
    /// Put Blob: the body becomes the whole blob.
    func putBlob(_ r: BlobRequest, _ body: RequestBody, control: RequestControl) async throws -> Response {
        let key = try blobKey(r)
        guard let type = r.header("x-ms-blob-type") else { throw BlobError.missingHeader("x-ms-blob-type") }
        guard type.lowercased() == "blockblob" else { throw BlobError.invalidBlobType }
        guard let length = r.contentLength else { throw BlobError.missingContentLength }
        guard length <= Self.maxPutBlobSize else { throw BlobError.bodyTooLarge }
        var options = BlobWriteOptions(
            properties: contentProperties(r, standard: true), metadata: r.metadata, tier: try requestedTier(r),
            leaseID: r.leaseID, conditions: r.conditions, mayOverwrite: control.mayOverwrite)
        try await index.precheckWrite(key, options: options)
        let wantCRC = r.header("x-ms-content-crc64") != nil
        let received = try await receive(body, key: key, blockID: nil, md5: true, crc64: wantCRC, sync: syncWrites)
        let record: BlobRecord
        do {
            try received.verify(r)
            if options.properties.contentMD5 == nil { options.properties.contentMD5 = received.md5 }
            record = try await index.putBlob(key, data: received.data, options: options)
        } catch {
            data.remove([received.data])
            throw error
        }
        var h = Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified)
        h += [("Content-MD5", received.md5!), ("x-ms-request-server-encrypted", "true")]
        if let crc = received.crc64 { h.append(("x-ms-content-crc64", crc)) }
        return Reply.make(201, h)
    }

    /// Put Block: the body is staged under `blockid`.
    func putBlock(_ r: BlobRequest, _ body: RequestBody) async throws -> Response {
        let key = try blobKey(r)
        guard let id = r.query("blockid"), !id.isEmpty else { throw BlobError.invalidQuery("blockid", "missing") }
        guard let length = r.contentLength else { throw BlobError.missingContentLength }
        guard length <= Self.maxBlockSize else { throw BlobError.bodyTooLarge }
        try await index.precheckBlock(key, id: id, leaseID: r.leaseID)
        let wantMD5 = r.header("content-md5") != nil
        let wantCRC = r.header("x-ms-content-crc64") != nil
        let received = try await receive(body, key: key, blockID: id, md5: wantMD5, crc64: wantCRC, sync: false)
        do {
            try received.verify(r)
            try await index.stageBlock(key, id: id, data: received.data, leaseID: r.leaseID)
        } catch {
            data.remove([received.data])
            throw error
        }
        var h: [(String, String)] = [("x-ms-request-server-encrypted", "true")]
        if let md5 = received.md5 { h.append(("Content-MD5", md5)) }
        if let crc = received.crc64 { h.append(("x-ms-content-crc64", crc)) }
        return Reply.make(201, h)
    }

    /// Put Block List: the listed blocks, in order, become the blob.
    func putBlockList(_ r: BlobRequest, _ body: RequestBody, control: RequestControl) async throws -> Response {
        let key = try blobKey(r)
        let buffer = try await collect(body, limit: 64 * 1024 * 1024)
        let bytes = Data(buffer.readableBytesView)
        if let expected = r.header("content-md5"), expected != Base64.encode(Digest.md5(bytes)) { throw BlobError.md5Mismatch }
        if let expected = r.header("x-ms-content-crc64") {
            var crc = CRC64()
            bytes.withUnsafeBytes { crc.update($0) }
            if expected != crc.base64 { throw BlobError.crc64Mismatch }
        }
        let entries = try BlockListParser.parse(bytes)
        let options = BlobWriteOptions(
            properties: contentProperties(r, standard: false), metadata: r.metadata, tier: try requestedTier(r),
            leaseID: r.leaseID, conditions: r.conditions, mayOverwrite: control.mayOverwrite)
        var durable: Set<String> = []
        for _ in 0..<8 {
            if let record = try await index.commitBlockList(key, entries: entries, options: options, durable: durable) {
                var h = Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified)
                h.append(("x-ms-request-server-encrypted", "true"))
                if let md5 = r.header("content-md5") { h.append(("Content-MD5", md5)) }
                return Reply.make(201, h)
            }
            let refs = try await index.prepareBlockList(key, entries: entries, options: options)
            try await data.sync(refs.filter { !durable.contains($0.id) })
            durable.formUnion(refs.map(\.id))
        }
        throw BlobError(409, "OperationNotAllowed", "The blocks changed while the block list was committed; retry.")
    }
}
