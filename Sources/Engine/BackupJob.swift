import AzureAuth
import BlobStore
import Foundation
import Repository
import RepositoryFormat
import Synchronization

/// Uploads one complete recovery point of the local store into the repository.
///
/// Pipeline: the reader walks the point, cuts each file with the chunker and computes each
/// chunk's keyed id; chunks the repository or this job already holds are skipped; new chunks
/// are compressed and sealed by a bounded group of workers and handed to the `PackUploader`.
/// Memory is bounded by the read buffer plus `workers × 2` chunks in flight plus the packs
/// being filled and sent. Then trees (bottom-up), the last pack, the index, and — last — the
/// manifest, which makes the point visible. A point that vanishes or loses `.complete` while it
/// is read fails the job before the manifest is written.
public struct BackupJob<Store: BlobStore>: Sendable {
    public let repository: Repository<Store>
    public let store: LocalStore
    /// Compress-and-seal workers.
    public let workers: Int
    /// Called with plaintext bytes read and the point's total bytes, for progress.
    public let progress: (@Sendable (_ bytes: Int64, _ total: Int64) -> Void)?

    /// Pack size and packs per index checkpoint (smaller in tests).
    public let packSize: Int
    public let checkpointPacks: Int

    public init(
        repository: Repository<Store>, store: LocalStore, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        packSize: Int = 16 << 20, checkpointPacks: Int = 16, progress: (@Sendable (_ bytes: Int64, _ total: Int64) -> Void)? = nil
    ) {
        self.repository = repository
        self.store = store
        self.workers = max(1, workers)
        self.packSize = packSize
        self.checkpointPacks = checkpointPacks
        self.progress = progress
    }

    /// Backs up `point` of `source` against the repository's `index`.
    public func run(source: String, point: String, index: RepositoryIndex) async throws -> BackupReport {
        let started = Date()
        let info = try store.info(source)
        guard store.isComplete(source: source, point: point) else {
            throw LocalStoreError("point \(source)/\(point) is not complete (no .complete) or does not exist; list points with 'ls \(store.root)/\(source)'")
        }
        let root = store.path(source: source, point: point)
        let entries = try PointScanner.scan(root: root)
        let totalBytes = entries.reduce(Int64(0)) { $0 + ($1.kind == .file ? $1.size : 0) }
        let uploader = PackUploader(repository: repository, targetSize: packSize, checkpointPacks: checkpointPacks)
        let codec = repository.keys.codec
        let chunker = FastCDC(repository.config.chunker)
        let counters = ByteCounters()
        let zeroIDs = ZeroChunkIDs()
        // Chunk ordinal → id, filled in as workers finish; each file owns a range of ordinals.
        var ids: [BlobID?] = []
        var ranges: [String: Range<Int>] = [:]

        try await withThrowingTaskGroup(of: (Int, BlobID).self) { group in
            var inFlight = 0
            for entry in entries where entry.kind == .file {
                let first = ids.count
                try await ChunkReader.read(path: root + "/" + entry.path, expectedSize: entry.size, chunker: chunker) { chunk in
                    let ordinal = ids.count
                    ids.append(nil)
                    counters.addRead(chunk.count)
                    progress?(Int64(chunk.count), totalBytes)
                    if inFlight >= workers * 2 {
                        let (done, id) = try await group.next()!
                        ids[done] = id
                        inFlight -= 1
                    }
                    inFlight += 1
                    group.addTask { [chunk] in
                        // Id, dedup, compress and seal all run in the workers, off the reader.
                        let id = chunk.withUnsafeBytes { raw in
                            ZeroBytes.all(raw) ? zeroIDs.id(length: raw.count) { codec.id(of: raw) } : codec.id(of: raw)
                        }
                        if index.contains(id) { return (ordinal, id) }
                        guard await uploader.claim(id) else { return (ordinal, id) }
                        let sealed = chunk.withUnsafeBytes { codec.encode($0, id: id, compressor: ZstdCompressor.forCurrentThread()) }
                        try await uploader.addClaimed(type: .data, id: id, sealed: sealed, plainLength: chunk.count)
                        counters.addNew(chunk.count)
                        return (ordinal, id)
                    }
                }
                ranges[entry.path] = first..<ids.count
            }
            while let (done, id) = try await group.next() { ids[done] = id }
        }
        var contents: [String: [BlobID]] = [:]
        for (path, range) in ranges { contents[path] = ids[range].map { $0! } }

        let rootTree = try await saveTrees(entries: entries, contents: contents, uploader: uploader, index: index, codec: codec)
        guard store.isComplete(source: source, point: point) else {
            throw LocalStoreError("point \(source)/\(point) vanished while it was read (the backup server expired it); nothing was committed, the next run picks a point that exists")
        }
        try await uploader.uploadPack()
        try await uploader.flushIndex()
        let totals = counters.totals
        let manifest = Manifest(
            source: source, kind: info.kind, server: info.server, point: point,
            uploaded: AzureDate.iso8601(Date()), tree: rootTree,
            files: entries.filter { $0.kind == .file }.count, bytes: totals.read, host: ProcessInfo.processInfo.hostName)
        let name = try await repository.saveManifest(manifest)
        return BackupReport(
            source: source, point: point, files: manifest.files, bytesRead: totals.read, bytesNew: totals.new,
            bytesUploaded: await uploader.bytesUploaded, seconds: Date().timeIntervalSince(started), manifest: name)
    }

    /// Writes the tree blobs bottom-up; returns the root tree's id.
    func saveTrees(entries: [ScannedEntry], contents: [String: [BlobID]], uploader: PackUploader<Store>, index: RepositoryIndex, codec: BlobCodec) async throws -> BlobID {
        var children: [String: [Tree.Node]] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let compressor = ZstdCompressor()
        // Deepest folders first, so each folder's subtrees exist when it is written.
        for entry in entries.reversed() {
            let parent = entry.path.split(separator: "/").dropLast().joined(separator: "/")
            let name = String(entry.path.split(separator: "/").last ?? "")
            var node = Tree.Node(name: name, kind: .file, mode: entry.mode, mtime: entry.mtime, size: entry.size)
            switch entry.kind {
            case .file:
                node.content = contents[entry.path] ?? []
            case .symlink:
                node.kind = .symlink
                node.target = entry.target
            case .directory:
                let tree = Tree(nodes: children.removeValue(forKey: entry.path) ?? [])
                let bytes = Array(try encoder.encode(tree))
                let id = bytes.withUnsafeBytes { codec.id(of: $0) }
                if !index.contains(id) {
                    let sealed = bytes.withUnsafeBytes { codec.encode($0, id: id, compressor: compressor) }
                    try await uploader.add(type: .tree, id: id, sealed: sealed, plainLength: bytes.count)
                }
                if entry.path.isEmpty { return id }
                node.kind = .directory
                node.subtree = id
            }
            children[parent, default: []].append(node)
        }
        throw LocalStoreError("point has no root folder")
    }
}

extension ZstdCompressor {
    /// A compressor per worker thread: contexts are reused, never shared.
    static func forCurrentThread() -> ZstdCompressor {
        let key = "tiergate.zstd"
        if let existing = Thread.current.threadDictionary[key] as? ZstdCompressor { return existing }
        let made = ZstdCompressor()
        Thread.current.threadDictionary[key] = made
        return made
    }
}

/// Ids of all-zero chunks by length: disk images repeat them by the thousand, and a zero chunk
/// of a given length always has the same id, so each length is hashed once per job.
final class ZeroChunkIDs: Sendable {
    private let ids = Mutex([Int: BlobID]())
    func id(length: Int, compute: () -> BlobID) -> BlobID {
        if let known = ids.withLock({ $0[length] }) { return known }
        let id = compute()
        ids.withLock { $0[length] = id }
        return id
    }
}

/// Bytes read and bytes new, shared by the reader and the workers.
final class ByteCounters: Sendable {
    private let state = Mutex((read: Int64(0), new: Int64(0)))
    func addRead(_ n: Int) { state.withLock { $0.read += Int64(n) } }
    func addNew(_ n: Int) { state.withLock { $0.new += Int64(n) } }
    var totals: (read: Int64, new: Int64) { state.withLock { $0 } }
}
