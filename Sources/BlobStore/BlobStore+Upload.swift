import AzureAuth

/// What an upload did, for progress and benchmarks.
public struct UploadReport: Sendable, Equatable {
    /// The committed blob.
    public var info: BlobInfo
    /// Blocks sent in this run.
    public var blocksSent: Int
    /// Blocks found already staged by an earlier, interrupted run.
    public var blocksResumed: Int
    /// Bytes sent in this run.
    public var bytesSent: Int64
}

extension BlobStore {
    /// Uploads `source` as blob `name`: one Put Blob when small, else parallel Put Block and
    /// one Put Block List. At most `concurrency` blocks are in memory at once, so memory stays
    /// near `concurrency × blockSize` whatever the size. An interrupted upload resumes: blocks
    /// the service already staged with the same content are not sent again.
    public func upload(
        _ name: String, from source: any BlobSource, options: PutOptions = PutOptions(),
        concurrency: Int? = nil, progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> UploadReport {
        let props = properties
        if source.size <= Int64(props.maxSinglePutSize) {
            let body = try await source.read(offset: 0, count: Int(source.size))
            let info = try await put(name, body: body, options: options)
            progress?(source.size)
            return UploadReport(info: info, blocksSent: 1, blocksResumed: 0, bytesSent: source.size)
        }
        if !options.overwrite, try await exists(name) {
            throw BlobStoreError(.alreadyExists, blob: name, status: 409, code: "BlobAlreadyExists", message: "The specified blob already exists.")
        }
        var staged: [BlockList.Block] = []
        do {
            staged = try await blockList(name).uncommitted
        } catch let e as BlobStoreError where e.kind == .notFound {}
        var plan = BlockUploadPlan(size: source.size, blockSize: props.blockSize, alreadyStaged: staged)
        let workers = max(1, concurrency ?? props.connectionLimit)
        var sent = 0, resumed = 0
        var bytes: Int64 = 0
        try await withThrowingTaskGroup(of: (Int, String, Bool, Int).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                let snapshot = plan
                group.addTask {
                    let (offset, count) = snapshot.extent(of: index)
                    let body = try await source.read(offset: offset, count: count)
                    let crc = CRC64.checksum(body)
                    let id = BlockUploadPlan.blockID(index: index, crc64: crc)
                    if snapshot.isStaged(index: index, crc64: crc) { return (index, id, false, count) }
                    try await self.putBlock(name, id: id, body: body, crc64: crc)
                    return (index, id, true, count)
                }
            }
            while next < min(workers, plan.blockCount) { launch() }
            while let (index, id, wasSent, count) = try await group.next() {
                plan.markStaged(index: index, id: id)
                if wasSent { sent += 1; bytes += Int64(count) } else { resumed += 1 }
                progress?(Int64(count))
                if next < plan.blockCount { launch() }
            }
        }
        let info = try await putBlockList(name, ids: plan.commitList!, options: options)
        return UploadReport(info: info, blocksSent: sent, blocksResumed: resumed, bytesSent: bytes)
    }
}
