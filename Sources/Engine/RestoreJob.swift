import BlobStore
import Foundation
import Repository
import RepositoryFormat
import Synchronization

/// Restores a cloud point, or a selection of it, into a folder.
///
/// The selection's files are planned first: files already there under their real names with
/// the right size and chunk ids (an earlier, interrupted run) are kept; the others need their
/// chunks, which are grouped into ranged reads of packs (`PackRanges`) and fetched `downloads`
/// at a time. Every blob is authenticated and its id checked before any byte of it is written;
/// each unique chunk is fetched once and written wherever the selection uses it; chunks of
/// zeroes are not written (files are created at full size). Files become visible under their
/// names only when whole. On failure, partial files are removed and the error names the object
/// and the files it affects.
public struct RestoreJob<Store: BlobStore>: Sendable {
    public let repository: Repository<Store>
    public let index: RepositoryIndex
    public let destination: RestoreDestination
    /// Ranged reads in flight.
    public let downloads: Int
    /// Flush each file before it is renamed into place.
    public let durable: Bool
    /// Called with bytes restored and the selection's total.
    public let progress: (@Sendable (_ bytes: Int64, _ total: Int64) -> Void)?

    public init(
        repository: Repository<Store>, index: RepositoryIndex, destination: RestoreDestination, downloads: Int = 8,
        durable: Bool = true, progress: (@Sendable (_ bytes: Int64, _ total: Int64) -> Void)? = nil
    ) {
        self.repository = repository
        self.index = index
        self.destination = destination
        self.downloads = max(1, downloads)
        self.durable = durable
        self.progress = progress
    }

    /// Restores `manifest`'s point (only `include` paths when given) into the destination.
    public func run(manifest: Manifest, include: [String] = [], overwrite: Bool = false) async throws -> RestoreReport {
        let started = Date()
        let entries = try await PointTree.entries(root: manifest.tree, repository: repository, index: index, include: include)
        try destination.prepare(source: manifest.source, point: manifest.point, overwrite: overwrite)

        let fileEntries = entries.filter { $0.node.kind == .file }
        let total = fileEntries.reduce(Int64(0)) { $0 + $1.node.size }
        var planned: [PlannedFile] = []
        var contents: [[BlobID]] = []
        var skipped = 0
        for e in fileEntries {
            let final = destination.path(e.path)
            unlink(final + RestoreDestination.partialSuffix)
            if try await isRestored(e, at: final) {
                skipped += 1
                progress?(e.node.size, total)
                continue
            }
            planned.append(PlannedFile(path: e.path, size: e.node.size, mode: e.node.mode, mtime: e.node.mtime))
            contents.append(e.node.content ?? [])
        }
        let needed = planned.reduce(Int64(0)) { $0 + $1.size }
        if let free = destination.freeBytes(), free < needed {
            throw RestoreError("not enough space in \(destination.root): the restore needs \(ByteCount.format(needed)), \(ByteCount.format(free)) are free; free space or choose another --to")
        }
        try makeFolders(entries)

        let writer = RestoreFiles(destination: destination, files: planned, durable: durable)
        let downloaded: Int64
        do {
            let uses = try chunkUses(contents, files: planned)
            for (i, file) in planned.enumerated() where file.size == 0 { try writer.writeEmpty(file: i) }
            downloaded = try await fetch(uses: uses, writer: writer, total: total)
        } catch {
            writer.abandon()
            throw error
        }
        try finishLinksAndFolders(entries)
        destination.finish()
        return RestoreReport(
            source: manifest.source, point: manifest.point, files: fileEntries.count, bytes: total,
            filesSkipped: skipped, bytesDownloaded: downloaded, seconds: Date().timeIntervalSince(started))
    }

    /// Where each needed chunk goes: file index and offset, in the order the files use them.
    struct ChunkUses {
        var order: [BlobLocation] = []
        var targets: [BlobID: [(file: Int, offset: Int64)]] = [:]
    }

    func chunkUses(_ contents: [[BlobID]], files: [PlannedFile]) throws -> ChunkUses {
        var uses = ChunkUses()
        for (i, ids) in contents.enumerated() {
            var offset: Int64 = 0
            for id in ids {
                guard let location = index.blobs[id] else {
                    throw RestoreError("chunk \(id.hex.prefix(12)) of \(files[i].path) is in no index: the cloud repository lost it; run 'tiergate check'")
                }
                if uses.targets[id] == nil { uses.order.append(location) }
                uses.targets[id, default: []].append((i, offset))
                offset += Int64(location.entry.plainLength)
            }
            guard offset == files[i].size else {
                throw RestoreError("\(files[i].path): its chunks add up to \(offset) bytes, the point says \(files[i].size); run 'tiergate check'")
            }
        }
        return uses
    }

    /// Downloads the ranges, decodes every blob and writes it where it is used; returns bytes fetched.
    func fetch(uses: ChunkUses, writer: RestoreFiles, total: Int64) async throws -> Int64 {
        let ranges = PackRanges.plan(uses.order)
        let codec = repository.keys.codec
        let store = repository.store
        let targets = uses.targets
        let files = writer.files
        let progress = self.progress
        let written: (@Sendable (Int64) -> Void)? = progress.map { report in { @Sendable bytes in report(bytes, total) } }
        let queue = RestoreWriter(files: writer, written: written)
        let fetched: Int64
        do {
            fetched = try await withThrowingTaskGroup(of: Int64.self) { group in
                var next = 0
                var fetched: Int64 = 0
                func start(_ range: PackRange) {
                    group.addTask {
                        let body = try await Self.download(range, from: store, targets: targets, files: files)
                        for e in range.entries {
                            let start = Int(Int64(e.offset) - range.offset)
                            let plain: [UInt8]
                            do {
                                plain = try body[start..<(start + Int(e.length))].withUnsafeBytes {
                                    try codec.decode($0, id: e.id, plainLength: Int(e.plainLength), recomputeID: false)
                                }
                            } catch {
                                throw RestoreError("pack \(range.name): blob \(e.id.hex.prefix(12)) is corrupt (\(error)); it holds data of \(Self.affected(range, targets: targets, files: files)); run 'tiergate check --read-data'")
                            }
                            let zero = plain.withUnsafeBytes { ZeroBytes.all($0) }
                            try await queue.write(RestoreWriter.Item(bytes: zero ? nil : plain, count: plain.count, targets: targets[e.id] ?? []))
                        }
                        return range.length
                    }
                }
                while next < ranges.count && next < downloads {
                    start(ranges[next])
                    next += 1
                }
                while let n = try await group.next() {
                    fetched += n
                    if next < ranges.count {
                        start(ranges[next])
                        next += 1
                    }
                }
                return fetched
            }
        } catch {
            await queue.abandon()
            throw error
        }
        try await queue.finish()
        return fetched
    }

    /// One ranged read of a pack; a missing or short pack is an error naming the files it affects.
    static func download(_ range: PackRange, from store: Store, targets: [BlobID: [(file: Int, offset: Int64)]], files: [PlannedFile]) async throws -> [UInt8] {
        let body: [UInt8]
        do {
            body = try await store.get(range.name, range: ByteRange(offset: range.offset, count: range.length))
        } catch let error as BlobStoreError where error.kind == .notFound {
            throw RestoreError("pack \(range.name) is missing from the container; it holds data of \(Self.affected(range, targets: targets, files: files)); run 'tiergate check'")
        }
        guard body.count == range.length else {
            throw RestoreError("pack \(range.name) is shorter than the index says; it holds data of \(Self.affected(range, targets: targets, files: files)); run 'tiergate check --read-data'")
        }
        return body
    }

    /// The files (first few, then a count) that use blobs of `range`.
    static func affected(_ range: PackRange, targets: [BlobID: [(file: Int, offset: Int64)]], files: [PlannedFile]) -> String {
        var seen = Set<Int>()
        var names: [String] = []
        for e in range.entries {
            for use in targets[e.id] ?? [] where seen.insert(use.file).inserted { names.append(files[use.file].path) }
        }
        let shown = names.prefix(3).joined(separator: ", ")
        return names.count > 3 ? "\(shown) and \(names.count - 3) more files" : shown
    }

    /// True when the file is already at its real name with the point's size and chunk ids.
    func isRestored(_ entry: PointEntry, at path: String) async throws -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int64(st.st_size) == entry.node.size else { return false }
        let expected = entry.node.content ?? []
        let codec = repository.keys.codec
        var position = 0
        var matches = true
        do {
            try await ChunkReader.read(path: path, expectedSize: entry.node.size, chunker: FastCDC(repository.config.chunker)) { chunk in
                guard matches else { return }
                matches = position < expected.count && chunk.withUnsafeBytes { codec.id(of: $0) } == expected[position]
                position += 1
            }
        } catch {
            return false
        }
        guard matches && position == expected.count else { return false }
        chmod(path, mode_t(entry.node.mode))
        var times = [RestoreFiles.timespec(nanoseconds: entry.node.mtime), RestoreFiles.timespec(nanoseconds: entry.node.mtime)]
        utimensat(AT_FDCWD, path, &times, 0)
        return true
    }

    func makeFolders(_ entries: [PointEntry]) throws {
        for e in entries where e.node.kind == .directory {
            let path = destination.path(e.path)
            var st = stat()
            if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { continue }
            if mkdir(path, 0o700) != 0 {
                throw RestoreError("cannot create the folder \(path): \(String(cString: strerror(errno))); check --to")
            }
        }
    }

    /// Symlinks, then folder modes and times, deepest folders first (writing into a folder changes its time).
    func finishLinksAndFolders(_ entries: [PointEntry]) throws {
        for e in entries where e.node.kind == .symlink {
            let path = destination.path(e.path)
            unlink(path)
            if symlink(e.node.target ?? "", path) != 0 {
                throw RestoreError("cannot create the link \(path): \(String(cString: strerror(errno))); check --to")
            }
            var times = [RestoreFiles.timespec(nanoseconds: e.node.mtime), RestoreFiles.timespec(nanoseconds: e.node.mtime)]
            utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW)
        }
        for e in entries.reversed() where e.node.kind == .directory {
            let path = destination.path(e.path)
            chmod(path, mode_t(e.node.mode))
            var times = [RestoreFiles.timespec(nanoseconds: e.node.mtime), RestoreFiles.timespec(nanoseconds: e.node.mtime)]
            utimensat(AT_FDCWD, path, &times, 0)
        }
    }
}
