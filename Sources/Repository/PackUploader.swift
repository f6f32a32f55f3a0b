import AzureAuth
import BlobStore
import RepositoryFormat

/// Gathers sealed blobs into packs of about `targetSize` and uploads each full pack; keeps the
/// index entries of uploaded packs until they are written as an index file.
///
/// Order of durability: a pack is uploaded before any index names it; `flushIndex` writes only
/// uploaded packs. Blobs handed in but not yet in an uploaded pack are "pending": `contains`
/// answers for them too, so one backup never stores a chunk twice.
public actor PackUploader<Store: BlobStore> {
    let repository: Repository<Store>
    let targetSize: Int
    private var writer: PackWriter
    private var pendingIDs: Set<BlobID> = []
    private var uploaded: [IndexFile.Pack] = []
    /// Bytes of packs sent so far.
    public private(set) var bytesUploaded: Int64 = 0
    /// Packs sent so far.
    public private(set) var packsUploaded = 0
    /// Packs being sent now, at most `maxUploads` (bounds memory: each is ~`targetSize`).
    private var uploading = 0
    private let maxUploads: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Storage of uploaded packs, kept for the next packs (at most one per upload slot).
    private var spare: [[UInt8]] = []

    /// An uploader into `repository` making packs of about `targetSize` bytes.
    /// Packs after which an index checkpoint is written, so a killed job's successor finds
    /// what was stored (16 packs of 16 MiB: at most 256 MiB sent again after a kill).
    let checkpointPacks: Int

    public init(repository: Repository<Store>, targetSize: Int = 16 << 20, maxUploads: Int = 2, checkpointPacks: Int = 16) {
        self.repository = repository
        self.targetSize = targetSize
        self.maxUploads = max(1, maxUploads)
        self.checkpointPacks = max(1, checkpointPacks)
        // Reserved once per pack: growing by doubling would copy and fault in the body again.
        writer = PackWriter(reservingCapacity: targetSize + (1 << 20))
    }

    /// True when the blob is in this uploader's packs (uploaded or being filled).
    public func contains(_ id: BlobID) -> Bool { pendingIDs.contains(id) }

    /// Adds a sealed blob unless it is already pending; uploads the pack when it is full.
    /// Returns false when the blob was a duplicate.
    @discardableResult
    public func add(type: BlobType, id: BlobID, sealed: [UInt8], plainLength: Int) async throws -> Bool {
        guard claim(id) else { return false }
        try await addClaimed(type: type, id: id, sealed: sealed, plainLength: plainLength)
        return true
    }

    /// Reserves `id` for the caller, who will seal the blob and `addClaimed` it; false when
    /// another caller already did (so concurrent workers never store one chunk twice).
    public func claim(_ id: BlobID) -> Bool { pendingIDs.insert(id).inserted }

    /// Adds a sealed blob whose id the caller claimed; uploads the pack when it is full.
    public func addClaimed(type: BlobType, id: BlobID, sealed: [UInt8], plainLength: Int) async throws {
        writer.add(type: type, id: id, sealed: sealed, plainLength: plainLength)
        if writer.size >= targetSize { try await uploadPack() }
    }

    /// Uploads the pack being filled, if any.
    public func uploadPack() async throws {
        // Wait for a free upload slot before taking the pack, so callers wait (back-pressure)
        // instead of queuing full packs in memory.
        while uploading >= maxUploads {
            await withCheckedContinuation { waiting.append($0) }
        }
        guard !writer.entries.isEmpty else { return }
        let full = writer
        writer = spare.isEmpty
            ? PackWriter(reservingCapacity: targetSize + (1 << 20))
            : PackWriter(reusing: spare.removeLast(), reservingCapacity: targetSize + (1 << 20))
        uploading += 1
        defer {
            uploading -= 1
            if !waiting.isEmpty { waiting.removeFirst().resume() }
        }
        let entries = full.entries
        let (bytes, id) = await Self.seal(full, key: repository.keys.sealing)
        // The actor is reentrant across this await: new blobs go into the fresh writer.
        do {
            _ = try await repository.store.put(IndexFile.packName(id), body: bytes, options: PutOptions(overwrite: true))
        } catch {
            // Those blobs are not stored: forget them, so nothing is deduplicated against them.
            pendingIDs.subtract(entries.map(\.id))
            throw error
        }
        uploaded.append(IndexFile.Pack(id: id, blobs: entries))
        bytesUploaded += Int64(bytes.count)
        if spare.count < maxUploads { spare.append(bytes) }
        packsUploaded += 1
        if uploaded.count >= checkpointPacks { try await flushIndex() }
    }

    /// Finishes a pack and hashes its tail for its name, off the actor so workers keep adding blobs.
    nonisolated static func seal(_ writer: consuming PackWriter, key: SealingKey) async -> ([UInt8], BlobID) {
        let bytes = writer.finish(key: key)
        return (bytes, bytes.withUnsafeBytes { PackReader.id(ofPack: $0)! })
    }

    /// Writes an index file for the packs uploaded since the last flush; returns its name, or nil
    /// when there was nothing to write.
    @discardableResult
    public func flushIndex() async throws -> String? {
        guard !uploaded.isEmpty else { return nil }
        let file = IndexFile(packs: uploaded)
        uploaded = []
        return try await repository.saveIndex(file)
    }
}
