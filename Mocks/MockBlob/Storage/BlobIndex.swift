import Foundation
import Logging

/// The authoritative state of every account: containers, committed blobs, staged blocks, and how
/// many records refer to each stored object. All rules that need a consistent view run here;
/// bytes are streamed outside and handed in as ``DataRef``s.
actor BlobIndex {
    struct ContainerState: Sendable {
        var record: ContainerRecord
        var blobs: [String: BlobRecord] = [:]
        var names = SortedNames()
    }

    /// The uncommitted blocks of one blob.
    struct StagedBlocks: Sendable {
        var blocks: [String: (data: DataRef, order: Int)] = [:]
        var next = 0
    }

    let accounts: Set<String>
    let data: any DataStore
    let meta: any MetadataStore
    let clock: @Sendable () -> Date
    let rehydrationDelay: TimeInterval
    let syncWrites: Bool
    let logger: Logger

    var containers: [ContainerKey: ContainerState] = [:]
    var staged: [BlobKey: StagedBlocks] = [:]
    /// Records, staged lists and in-flight reads referring to each stored object.
    var references: [String: Int] = [:]
    private var lastETag: UInt64 = 0

    static let maxUncommittedBlocks = 100_000
    static let maxCommittedBlocks = 50_000

    init(
        accounts: Set<String>, data: any DataStore, meta: any MetadataStore, clock: @escaping @Sendable () -> Date,
        rehydrationDelay: TimeInterval, syncWrites: Bool, logger: Logger
    ) throws {
        self.accounts = accounts
        self.data = data
        self.meta = meta
        self.clock = clock
        self.rehydrationDelay = rehydrationDelay
        self.syncWrites = syncWrites
        self.logger = logger
        let state = try meta.load()
        for (key, record) in state.containers { containers[key] = ContainerState(record: record) }
        for (key, record) in state.blobs {
            containers[key.containerKey]?.blobs[key.name] = record
            containers[key.containerKey]?.names.insert(key.name)
            for s in record.segments { references[s.data.id, default: 0] += 1 }
        }
        for (key, blocks) in state.staged {
            var list = StagedBlocks()
            for b in blocks {
                list.blocks[b.id] = (b.data, list.next)
                list.next += 1
                references[b.data.id, default: 0] += 1
            }
            staged[key] = list
        }
    }

    /// The current time, whole seconds (HTTP dates have no fractions).
    func now() -> Date { Date(timeIntervalSince1970: clock().timeIntervalSince1970.rounded(.down)) }

    /// A new ETag, unique and increasing.
    func newETag() -> String {
        let ticks = UInt64(max(0, clock().timeIntervalSince1970 * 10_000_000)) & 0xF_FFFF_FFFF_FFFF
        lastETag = max(lastETag + 1, ticks)
        return String(format: "0x8D%013llX", lastETag)
    }

    // MARK: References

    func retain(_ refs: some Sequence<DataRef>) {
        for r in refs { references[r.id, default: 0] += 1 }
    }

    /// Drops references; objects no longer referred to are deleted in the background.
    func release(_ refs: some Sequence<DataRef>) {
        var dead: [DataRef] = []
        for r in refs {
            let n = (references[r.id] ?? 1) - 1
            if n <= 0 {
                references[r.id] = nil
                dead.append(r)
            } else {
                references[r.id] = n
            }
        }
        guard !dead.isEmpty else { return }
        let data = self.data
        Task.detached { data.remove(dead) }
    }

    /// Ends a read started by `openForReading`.
    func unpin(_ refs: [DataRef]) { release(refs) }

    // MARK: Lookups

    func container(_ key: ContainerKey) throws(BlobError) -> ContainerState {
        guard let c = containers[key] else { throw .containerNotFound }
        return c
    }

    /// The blob's record with any finished rehydration applied.
    func blob(_ key: BlobKey) throws(BlobError) -> BlobRecord {
        guard let c = containers[key.containerKey] else { throw .containerNotFound }
        guard var b = c.blobs[key.name] else { throw .blobNotFound }
        let before = b.tier
        b.settle(at: clock())
        if b.tier != before { store(b, for: key, persist: true) }
        return b
    }

    /// The blob's record, or nil when absent (the container must exist).
    func existingBlob(_ key: BlobKey) throws(BlobError) -> BlobRecord? {
        guard containers[key.containerKey] != nil else { throw .containerNotFound }
        guard containers[key.containerKey]?.blobs[key.name] != nil else { return nil }
        return try blob(key)
    }

    /// Saves a blob record in memory and, when `persist`, on disk.
    func store(_ record: BlobRecord, for key: BlobKey, persist: Bool) {
        if persist {
            do { try meta.save(record, for: key) } catch {
                logger.error("saving blob record failed", metadata: ["blob": "\(key.name)", "error": "\(error)"])
            }
        }
        containers[key.containerKey]?.blobs[key.name] = record
        containers[key.containerKey]?.names.insert(key.name)
    }

    /// Saves a blob record, failing the request when it cannot be persisted.
    func persist(_ record: BlobRecord, for key: BlobKey) throws(BlobError) {
        do { try meta.save(record, for: key) } catch {
            logger.error("saving blob record failed", metadata: ["blob": "\(key.name)", "error": "\(error)"])
            throw .serverFailure
        }
        containers[key.containerKey]?.blobs[key.name] = record
        containers[key.containerKey]?.names.insert(key.name)
    }

    /// Saves a container record, failing the request when it cannot be persisted.
    func persist(_ record: ContainerRecord, for key: ContainerKey) throws(BlobError) {
        do { try meta.save(record, for: key) } catch {
            logger.error("saving container record failed", metadata: ["container": "\(key.container)", "error": "\(error)"])
            throw .serverFailure
        }
        if containers[key] == nil {
            containers[key] = ContainerState(record: record)
        } else {
            containers[key]!.record = record
        }
    }
}
