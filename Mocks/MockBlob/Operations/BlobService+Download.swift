import AzureAuth
import Foundation
import Hummingbird

extension BlobService {
    /// The range a Get Blob asks for: `x-ms-range` wins over `Range`; a malformed `Range` is ignored.
    func requestedRange(_ r: BlobRequest) throws(BlobError) -> ByteRange? {
        if let text = r.header("x-ms-range") {
            guard let range = ByteRange(header: text) else { throw .invalidHeaderValue("x-ms-range", text) }
            return range
        }
        return r.header("range").flatMap(ByteRange.init(header:))
    }

    /// Get Blob, whole or ranged, streamed from the data store.
    func getBlob(_ r: BlobRequest, control: RequestControl) async throws -> Response {
        let key = try blobKey(r)
        let range = try requestedRange(r)
        let record = try await index.openForReading(key, leaseID: r.leaseID, conditions: r.conditions)
        let refs = record.segments.map(\.data)
        let size = record.size
        var headers = Reply.blobHeaders(record, now: clock())
        let selected: ClosedRange<Int64>?
        do {
            selected = try range.map { range throws(BlobError) in try range.resolve(size: size) }
        } catch {
            await index.unpin(refs)
            throw error
        }
        var status = 200
        var length = size
        var offset: Int64 = 0
        if let selected {
            status = 206
            offset = selected.lowerBound
            length = selected.upperBound - selected.lowerBound + 1
            headers.append(("Content-Range", "bytes \(selected.lowerBound)-\(selected.upperBound)/\(size)"))
            if let i = headers.firstIndex(where: { $0.0 == "Content-MD5" }) {
                headers[i].0 = "x-ms-blob-content-md5"
            }
        }
        headers.append(("Content-Length", "\(length)"))
        let segments = record.segments
        let (data, index) = (self.data, self.index)
        if selected != nil, r.header("x-ms-range-get-content-md5")?.lowercased() == "true" {
            guard length <= 4 * 1024 * 1024 else {
                await index.unpin(refs)
                throw BlobError(400, "OutOfRangeInput", "x-ms-range-get-content-md5 needs a range of at most 4 MiB.")
            }
            var all = ByteBuffer()
            do {
                try await Self.stream(segments, data: data, offset: offset, length: length) { b in
                    var b = b
                    all.writeBuffer(&b)
                }
            } catch {
                await index.unpin(refs)
                throw error
            }
            await index.unpin(refs)
            headers.append(("Content-MD5", Base64.encode(Digest.md5(Data(all.readableBytesView)))))
            return Reply.make(status, headers, body: .init(byteBuffer: all))
        }
        let limit = control.truncateDownload ? length / 2 : Int64.max
        let (start, count) = (offset, length)
        let drop = control.drop
        let body = ResponseBody(contentLength: Int(length)) { writer in
            do {
                var sent: Int64 = 0
                try await Self.stream(segments, data: data, offset: start, length: count) { buffer in
                    var buffer = buffer
                    if sent + Int64(buffer.readableBytes) > limit {
                        if let part = buffer.readSlice(length: Int(limit - sent)), part.readableBytes > 0 {
                            try await writer.write(part)
                        }
                        drop()
                        throw ConnectionDropped()
                    }
                    sent += Int64(buffer.readableBytes)
                    try await writer.write(buffer)
                }
                if limit < Int64.max {
                    drop()
                    throw ConnectionDropped()
                }
                try await writer.finish(nil)
            } catch {
                await index.unpin(refs)
                throw error
            }
            await index.unpin(refs)
        }
        return Reply.make(status, headers, body: body)
    }

    /// Calls `body` with the bytes `offset..<offset+length` of the concatenated segments.
    static func stream(
        _ segments: [Segment], data: any DataStore, offset: Int64, length: Int64,
        _ body: (ByteBuffer) async throws -> Void
    ) async throws {
        var skip = offset
        var remaining = length
        for s in segments where remaining > 0 {
            if skip >= s.data.size {
                skip -= s.data.size
                continue
            }
            let n = min(s.data.size - skip, remaining)
            try await data.read(s.data, offset: skip, length: n, chunk: readChunk, body)
            remaining -= n
            skip = 0
        }
    }

    /// Get Blob Properties (HEAD) and Get Blob Metadata.
    func blobProperties(_ r: BlobRequest) async throws -> Response {
        let record = try await index.properties(try blobKey(r), leaseID: r.leaseID, conditions: r.conditions)
        if r.query("comp") == "metadata" {
            return Reply.make(200, Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified) + Reply.metadataHeaders(record.metadata))
        }
        return Reply.make(200, Reply.blobHeaders(record, now: clock()) + [("Content-Length", "\(record.size)")])
    }

    /// Get Block List.
    func getBlockList(_ r: BlobRequest) async throws -> Response {
        let typeText = r.query("blocklisttype") ?? "committed"
        guard let type = BlockListType(rawValue: typeText.lowercased()) else {
            throw BlobError.invalidQuery("blocklisttype", typeText)
        }
        let (committed, uncommitted, record) = try await index.blockList(try blobKey(r), type: type, leaseID: r.leaseID)
        var w = XMLWriter()
        w.open("BlockList")
        for (name, list) in [("CommittedBlocks", committed), ("UncommittedBlocks", uncommitted)] {
            if (name == "CommittedBlocks" && type == .uncommitted) || (name == "UncommittedBlocks" && type == .committed) { continue }
            w.open(name)
            for (id, size) in list {
                w.open("Block")
                w.element("Name", id)
                w.element("Size", "\(size)")
                w.close("Block")
            }
            w.close(name)
        }
        w.close("BlockList")
        var h: [(String, String)] = []
        if let record {
            h = Reply.versionHeaders(etag: record.etag, lastModified: record.lastModified)
            h.append(("x-ms-blob-content-length", "\(record.size)"))
        }
        return Reply.xml(200, w.text, h)
    }
}
