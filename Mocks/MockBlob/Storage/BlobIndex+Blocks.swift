import AzureAuth
import Foundation

/// One entry of a Put Block List body.
struct BlockListEntry: Sendable, Equatable {
    enum Kind: String, Sendable { case latest = "Latest", committed = "Committed", uncommitted = "Uncommitted" }
    var kind: Kind
    var id: String
}

/// Which lists Get Block List returns.
enum BlockListType: String, Sendable { case committed, uncommitted, all }

extension BlobIndex {
    /// Checks a block ID: base64, at most 64 bytes decoded, and as long as the blob's other IDs.
    func checkBlockID(_ key: BlobKey, id: String) throws(BlobError) {
        guard let decoded = Base64.decode(id) else { throw .invalidBlockID }
        guard !decoded.isEmpty, decoded.count <= 64 else { throw .invalidBlobOrBlock }
        let others = (staged[key]?.blocks.keys.first).map { [$0] } ?? []
        let committed = containers[key.containerKey]?.blobs[key.name]?.segments.compactMap(\.blockID).first.map { [$0] } ?? []
        for other in others + committed where other.utf8.count != id.utf8.count {
            throw .invalidBlobOrBlock
        }
    }

    /// Fails early (before the body is read) when a Put Block cannot succeed.
    func precheckBlock(_ key: BlobKey, id: String, leaseID: String?) throws(BlobError) {
        let existing = try existingBlob(key)
        if let existing, let e = existing.lease.checkWrite(leaseID: leaseID, at: clock()) { throw e }
        try checkBlockID(key, id: id)
        if let list = staged[key], list.blocks.count >= Self.maxUncommittedBlocks, list.blocks[id] == nil {
            throw .blockCountExceedsLimit
        }
    }

    /// Put Block: `data` (already stored) becomes the staged block `id` of `key`.
    func stageBlock(_ key: BlobKey, id: String, data: DataRef, leaseID: String?) throws(BlobError) {
        try precheckBlock(key, id: id, leaseID: leaseID)
        var list = staged[key] ?? StagedBlocks()
        if let old = list.blocks[id] { release([old.data]) }
        list.blocks[id] = (data, list.next)
        list.next += 1
        staged[key] = list
        retain([data])
    }

    /// Resolves a block list against the staged and committed blocks of `key`.
    func resolve(_ key: BlobKey, _ entries: [BlockListEntry]) throws(BlobError) -> [Segment] {
        guard entries.count <= Self.maxCommittedBlocks else { throw .invalidBlockList }
        let list = staged[key]?.blocks ?? [:]
        var committed: [String: DataRef] = [:]
        for s in containers[key.containerKey]?.blobs[key.name]?.segments ?? [] {
            if let id = s.blockID { committed[id] = s.data }
        }
        return try entries.map { e throws(BlobError) in
            let found: DataRef?
            switch e.kind {
            case .latest: found = list[e.id]?.data ?? committed[e.id]
            case .committed: found = committed[e.id]
            case .uncommitted: found = list[e.id]?.data
            }
            guard let found else { throw .invalidBlockList }
            return Segment(blockID: e.id, data: found)
        }
    }

    /// Checks a Put Block List and returns the objects that must be made durable before `commitBlockList`.
    func prepareBlockList(_ key: BlobKey, entries: [BlockListEntry], options: BlobWriteOptions) throws(BlobError) -> [DataRef] {
        let previous = try existingBlob(key)
        try checkReplace(previous, options: options)
        return try resolve(key, entries).map(\.data)
    }

    /// Put Block List. Returns nil when the resolved objects changed since `durable` was synced
    /// (a block was staged again meanwhile): the caller syncs the new list and retries.
    func commitBlockList(_ key: BlobKey, entries: [BlockListEntry], options: BlobWriteOptions, durable: Set<String>)
        throws(BlobError) -> BlobRecord?
    {
        let previous = try existingBlob(key)
        try checkReplace(previous, options: options)
        let segments = try resolve(key, entries)
        if syncWrites && !segments.allSatisfy({ durable.contains($0.data.id) }) { return nil }
        let record = newRecord(key, segments: segments, options: options, previous: previous)
        try commit(record, for: key, previous: previous)
        return record
    }

    /// Get Block List: committed and uncommitted blocks with their sizes.
    func blockList(_ key: BlobKey, type: BlockListType, leaseID: String?)
        throws(BlobError) -> (committed: [(String, Int64)], uncommitted: [(String, Int64)], record: BlobRecord?)
    {
        let record = try existingBlob(key)
        if let record, let e = record.lease.checkRead(leaseID: leaseID, at: clock()) { throw e }
        let list = staged[key]
        guard record != nil || list != nil else { throw .blobNotFound }
        let committed = type == .uncommitted ? [] : (record?.segments ?? []).compactMap { s in s.blockID.map { ($0, s.data.size) } }
        let uncommitted = type == .committed ? [] : (list?.blocks ?? [:]).sorted { $0.value.order < $1.value.order }
            .map { ($0.key, $0.value.data.size) }
        return (committed, uncommitted, record)
    }
}
