import AzureAuth
import Foundation
import Hummingbird

/// A request body stored as one data object, with the digests that were asked for.
struct ReceivedBody: Sendable {
    var data: DataRef
    /// Base64 MD5, when computed.
    var md5: String?
    /// Base64 CRC-64/NVME, when computed.
    var crc64: String?

    /// Checks `Content-MD5` and `x-ms-content-crc64` of the request against the body.
    func verify(_ r: BlobRequest) throws(BlobError) {
        if let expected = r.header("content-md5"), expected != md5 { throw .md5Mismatch }
        if let expected = r.header("x-ms-content-crc64"), expected != crc64 { throw .crc64Mismatch }
    }
}

extension BlobService {
    /// Streams `body` into a new data object, computing MD5 and CRC-64 only when wanted.
    func receive(_ body: RequestBody, key: BlobKey, blockID: String?, md5 wantMD5: Bool, crc64 wantCRC: Bool, sync: Bool)
        async throws -> ReceivedBody
    {
        let writer = try data.makeWriter(for: key, blockID: blockID)
        var digest = IncrementalDigest(.md5)
        var crc = CRC64()
        do {
            for try await buffer in body {
                if wantMD5 || wantCRC {
                    buffer.withUnsafeReadableBytes { raw in
                        if wantMD5 { digest.update(raw) }
                        if wantCRC { crc.update(raw) }
                    }
                }
                try writer.write(buffer)
            }
            let ref = try await writer.finish(sync: sync)
            let md5 = wantMD5 ? Base64.encode(digest.finish()) : nil
            return ReceivedBody(data: ref, md5: md5, crc64: wantCRC ? crc.base64 : nil)
        } catch {
            writer.abort()
            throw error
        }
    }

    /// Reads a small body (a block list) into memory, refusing more than `limit` bytes.
    func collect(_ body: RequestBody, limit: Int) async throws -> ByteBuffer {
        var all = ByteBuffer()
        for try await var buffer in body {
            guard all.readableBytes + buffer.readableBytes <= limit else { throw BlobError.bodyTooLarge }
            all.writeBuffer(&buffer)
        }
        return all
    }
}
