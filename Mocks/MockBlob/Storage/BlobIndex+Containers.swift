import Foundation

extension BlobIndex {
    func createContainer(_ key: ContainerKey, metadata: [MetadataEntry]) throws(BlobError) -> ContainerRecord {
        guard ContainerRecord.isValidName(key.container) else { throw .invalidResourceName }
        guard containers[key] == nil else { throw .containerAlreadyExists }
        let t = now()
        let record = ContainerRecord(
            name: key.container, created: t, lastModified: t, etag: newETag(), metadata: metadata, lease: Lease())
        try persist(record, for: key)
        return record
    }

    func containerProperties(_ key: ContainerKey, leaseID: String?) throws(BlobError) -> ContainerRecord {
        let c = try container(key)
        if let e = c.record.lease.checkRead(leaseID: leaseID, at: clock()) { throw e }
        return c.record
    }

    func setContainerMetadata(_ key: ContainerKey, metadata: [MetadataEntry], leaseID: String?, conditions: Conditions)
        throws(BlobError) -> ContainerRecord
    {
        var record = try container(key).record
        if let e = record.lease.checkRead(leaseID: leaseID, at: clock()) { throw e }
        try conditions.checkWrite(etag: record.etag, lastModified: record.lastModified)
        record.metadata = metadata
        record.etag = newETag()
        record.lastModified = now()
        try persist(record, for: key)
        return record
    }

    func deleteContainer(_ key: ContainerKey, leaseID: String?, conditions: Conditions) throws(BlobError) {
        let state = try container(key)
        if let e = state.record.lease.checkWrite(leaseID: leaseID, at: clock()) { throw e }
        try conditions.checkWrite(etag: state.record.etag, lastModified: state.record.lastModified)
        do { try meta.removeContainer(key) } catch { throw .serverFailure }
        for (name, record) in state.blobs {
            try? meta.removeBlob(BlobKey(account: key.account, container: key.container, name: name))
            release(record.segments.map(\.data))
        }
        for (blobKey, list) in staged where blobKey.containerKey == key {
            staged[blobKey] = nil
            release(list.blocks.values.map(\.data))
        }
        containers[key] = nil
    }

    /// Containers of `account` in name order from `marker`, at most `max`, and the marker after them.
    func listContainers(account: String, prefix: String, marker: String?, max: Int) -> ([ContainerRecord], String?) {
        let all = containers.keys.filter { $0.account == account && $0.container.utf8.starts(with: prefix.utf8) }
            .map(\.container).sorted { $0.utf8Precedes($1) }
        let start = marker.map { m in all.firstIndex { !$0.utf8Precedes(m) } ?? all.count } ?? 0
        let page = all[start...].prefix(max)
        let next = start + page.count < all.count ? all[start + page.count] : nil
        return (page.map { containers[ContainerKey(account: account, container: $0)]!.record }, next)
    }

    func containerLease(_ key: ContainerKey, request: LeaseRequest) throws(BlobError) -> LeaseOutcome {
        var record = try container(key).record
        try request.conditions.checkWrite(etag: record.etag, lastModified: record.lastModified)
        let outcome = try request.apply(to: &record.lease, now: clock())
        try persist(record, for: key)
        return outcome
    }
}
