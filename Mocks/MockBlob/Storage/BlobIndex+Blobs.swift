import Foundation

/// What a write sets on the blob besides its bytes.
struct BlobWriteOptions: Sendable {
    var properties = ContentProperties()
    var metadata: [MetadataEntry] = []
    var tier: AccessTier?
    var leaseID: String?
    var conditions = Conditions()
    /// False when the credential may create blobs but not replace them (a SAS with `c` but not `w`).
    var mayOverwrite = true
}

extension BlobIndex {
    /// Fails early (before a body is read) when a write to `key` cannot succeed.
    func precheckWrite(_ key: BlobKey, options: BlobWriteOptions) throws(BlobError) {
        try checkReplace(try existingBlob(key), options: options)
    }

    /// The rules for replacing (or creating) a blob: lease, conditions, overwrite permission.
    func checkReplace(_ existing: BlobRecord?, options: BlobWriteOptions) throws(BlobError) {
        if let existing, let e = existing.lease.checkWrite(leaseID: options.leaseID, at: clock()) { throw e }
        try options.conditions.checkWrite(etag: existing?.etag, lastModified: existing?.lastModified)
        if existing != nil && !options.mayOverwrite {
            throw .permissionMismatch("The SAS may create blobs but not overwrite them.")
        }
    }

    /// Builds the record replacing (or creating) `key` with `segments`.
    func newRecord(_ key: BlobKey, segments: [Segment], options: BlobWriteOptions, previous: BlobRecord?) -> BlobRecord {
        let t = now()
        var lease = previous?.lease ?? Lease()
        if lease.state(at: clock()) == .expired || lease.state(at: clock()) == .broken { lease = Lease() }
        return BlobRecord(
            name: key.name, created: previous?.created ?? t, lastModified: t, etag: newETag(),
            properties: options.properties, metadata: options.metadata, segments: segments,
            tier: options.tier ?? .hot, tierInferred: options.tier == nil, tierChanged: options.tier == nil ? nil : t,
            rehydration: nil, lease: lease, copy: nil)
    }

    /// Replaces `key` with `record`, moving references from the old segments and staged blocks.
    func commit(_ record: BlobRecord, for key: BlobKey, previous: BlobRecord?) throws(BlobError) {
        try persist(record, for: key)
        retain(record.segments.map(\.data))
        if let previous { release(previous.segments.map(\.data)) }
        if let list = staged.removeValue(forKey: key) { release(list.blocks.values.map(\.data)) }
    }

    /// Put Blob: `data` (already stored) becomes the blob's content.
    func putBlob(_ key: BlobKey, data: DataRef, options: BlobWriteOptions) throws(BlobError) -> BlobRecord {
        let previous = try existingBlob(key)
        try checkReplace(previous, options: options)
        let record = newRecord(key, segments: [Segment(blockID: nil, data: data)], options: options, previous: previous)
        try commit(record, for: key, previous: previous)
        return record
    }

    /// Starts a read: checks conditions and pins the segments until `unpin`.
    func openForReading(_ key: BlobKey, leaseID: String?, conditions: Conditions) throws(BlobError) -> BlobRecord {
        let record = try blob(key)
        if let e = record.lease.checkRead(leaseID: leaseID, at: clock()) { throw e }
        try conditions.checkRead(etag: record.etag, lastModified: record.lastModified)
        if record.isArchived { throw .blobArchived }
        retain(record.segments.map(\.data))
        return record
    }

    /// Get Blob Properties.
    func properties(_ key: BlobKey, leaseID: String?, conditions: Conditions) throws(BlobError) -> BlobRecord {
        let record = try blob(key)
        if let e = record.lease.checkRead(leaseID: leaseID, at: clock()) { throw e }
        try conditions.checkRead(etag: record.etag, lastModified: record.lastModified)
        return record
    }

    func deleteBlob(_ key: BlobKey, leaseID: String?, conditions: Conditions) throws(BlobError) {
        let record = try blob(key)
        if let e = record.lease.checkWrite(leaseID: leaseID, at: clock()) { throw e }
        try conditions.checkWrite(etag: record.etag, lastModified: record.lastModified)
        do { try meta.removeBlob(key) } catch { throw .serverFailure }
        containers[key.containerKey]?.blobs[key.name] = nil
        containers[key.containerKey]?.names.remove(key.name)
        release(record.segments.map(\.data))
        if let list = staged.removeValue(forKey: key) { release(list.blocks.values.map(\.data)) }
    }

    /// Set Blob Metadata (`metadata != nil`) or Set Blob Properties (`properties != nil`).
    func update(
        _ key: BlobKey, metadata: [MetadataEntry]?, properties: ContentProperties?, leaseID: String?,
        conditions: Conditions
    ) throws(BlobError) -> BlobRecord {
        var record = try blob(key)
        if let e = record.lease.checkWrite(leaseID: leaseID, at: clock()) { throw e }
        try conditions.checkWrite(etag: record.etag, lastModified: record.lastModified)
        if metadata != nil && record.isArchived { throw .blobArchived }
        if let metadata { record.metadata = metadata }
        if let properties { record.properties = properties }
        record.etag = newETag()
        record.lastModified = now()
        try persist(record, for: key)
        return record
    }

    /// Set Blob Tier; returns 200, or 202 when leaving Archive (rehydration).
    func setTier(_ key: BlobKey, tier: AccessTier, leaseID: String?) throws(BlobError) -> Int {
        var record = try blob(key)
        if let e = record.lease.checkWrite(leaseID: leaseID, at: clock()) { throw e }
        let t = now()
        var status = 200
        if let pending = record.rehydration {
            guard tier == pending.target else { throw .blobBeingRehydrated }
            return 202
        }
        if record.tier == .archive && tier != .archive {
            status = 202
            if rehydrationDelay <= 0 {
                record.tier = tier
                record.tierChanged = t
            } else {
                record.rehydration = Rehydration(target: tier, readyAt: clock().addingTimeInterval(rehydrationDelay))
            }
        } else if record.tier != tier {
            record.tier = tier
            record.tierChanged = t
        }
        record.tierInferred = false
        try persist(record, for: key)
        return status
    }

    func blobLease(_ key: BlobKey, request: LeaseRequest) throws(BlobError) -> LeaseOutcome {
        var record = try blob(key)
        try request.conditions.checkWrite(etag: record.etag, lastModified: record.lastModified)
        let outcome = try request.apply(to: &record.lease, now: clock())
        try persist(record, for: key)
        return outcome
    }

    /// Copy Blob within the account: the destination shares the source's stored bytes.
    func copyBlob(from source: BlobKey, to key: BlobKey, sourceURL: String, options: BlobWriteOptions, copyMetadata: Bool)
        throws(BlobError) -> BlobRecord
    {
        let src: BlobRecord
        do { src = try blob(source) } catch {
            throw error == .blobNotFound || error == .containerNotFound ? .cannotVerifyCopySource : error
        }
        if src.isArchived { throw .blobArchived }
        let previous = try existingBlob(key)
        try checkReplace(previous, options: options)
        var opts = options
        opts.properties = src.properties
        if copyMetadata { opts.metadata = src.metadata }
        var record = newRecord(key, segments: src.segments, options: opts, previous: previous)
        record.copy = CopyInfo(id: UUID().uuidString.lowercased(), source: sourceURL, completed: now(), bytes: src.size)
        try commit(record, for: key, previous: previous)
        return record
    }
}
