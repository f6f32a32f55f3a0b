#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AzureAuth
import Foundation
import Hummingbird

/// Blob data and records under a directory, surviving restarts.
///
/// Layout:
/// - `tmp/` — bodies being received; emptied at start, so an interrupted upload leaves nothing.
/// - `containers/<account>/<container>.json` — container records.
/// - `blobs/<hh>/<hash>.json` — one manifest per committed blob (its key and record).
/// - `data/<hh>/<hash>/key.json` — the blob key the folder belongs to;
///   `data/<hh>/<hash>/<hex block id>.<seq>` — staged (and, once listed, committed) blocks;
///   `data/<hh>/<hash>/blob.<seq>` — Put Blob bodies. `<hash>` is SHA-256 of the blob key.
///
/// A body is streamed into `tmp/`, then renamed into `data/`; a commit fsyncs the data it lists,
/// then writes the manifest atomically (temporary file, fsync, rename). Staged blocks are not
/// fsynced when written (the kernel writes them back; a commit fsyncs the ones it names), so
/// Put Block runs at page-cache speed.
final class DirectoryStore: DataStore, MetadataStore, @unchecked Sendable {
    let root: String
    private let lock = NSLock()
    private var lastSequence: UInt64 = 0
    private var knownFolders: Set<String> = []
    private let encoder = JSONEncoder()

    /// Whether records are fsynced when saved.
    let syncRecords: Bool
    /// Large data files leave the page cache once on disk.
    let dropBehind = DropBehind()

    init(root: String, sync: Bool = true) throws {
        syncRecords = sync
        self.root = (root as NSString).standardizingPath
        for sub in ["tmp", "containers", "blobs", "data"] {
            try FileIO.makeDirectory(self.root + "/" + sub)
        }
    }

    // MARK: Naming

    static func hash(_ key: BlobKey) -> String {
        hex(Digest.sha256(Array("\(key.account)\u{0}\(key.container)\u{0}\(key.name)".utf8)))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func folder(_ key: BlobKey) -> String {
        let h = Self.hash(key)
        return "data/\(h.prefix(2))/\(h)"
    }

    private func manifestPath(_ key: BlobKey) -> String {
        let h = Self.hash(key)
        return "\(root)/blobs/\(h.prefix(2))/\(h).json"
    }

    private func containerPath(_ key: ContainerKey) -> String {
        "\(root)/containers/\(key.account)/\(key.container).json"
    }

    private func nextSequence() -> String {
        lock.withLock {
            let now = UInt64(max(0, Date().timeIntervalSince1970 * 1_000_000_000))
            lastSequence = max(lastSequence + 1, now)
            return String(format: "%016llx", lastSequence)
        }
    }


    private static func unhex(_ text: Substring) -> String? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var i = text.startIndex
        while i < text.endIndex {
            let j = text.index(i, offsetBy: 2)
            guard let b = UInt8(text[i..<j], radix: 16) else { return nil }
            bytes.append(b)
            i = j
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    /// Creates a blob's data folder and its key file once.
    private func ensureFolder(_ key: BlobKey) throws -> String {
        let rel = folder(key)
        if lock.withLock({ knownFolders.contains(rel) }) { return rel }
        let abs = root + "/" + rel
        try FileIO.makeDirectory(abs)
        let keyPath = abs + "/key.json"
        if !FileManager.default.fileExists(atPath: keyPath) {
            try FileIO.writeAtomically(try JSONEncoder().encode(key), to: keyPath, sync: false)
        }
        lock.withLock { _ = knownFolders.insert(rel) }
        return rel
    }

    // MARK: DataStore

    func makeWriter(for key: BlobKey, blockID: String?) throws -> any DataWriter {
        let tmp = "\(root)/tmp/\(nextSequence())"
        let fd = try FileIO.create(tmp)
        return FileWriter(store: self, key: key, blockID: blockID, fd: fd, tmpPath: tmp)
    }

    /// Moves a finished temporary file to its place in `data/`.
    fileprivate func place(tmpPath: String, key: BlobKey, blockID: String?, sync: Bool) throws -> String {
        let rel = try ensureFolder(key)
        let name = blockID.map { "\(Self.hex(Array($0.utf8))).\(nextSequence())" } ?? "blob.\(nextSequence())"
        let target = "\(rel)/\(name)"
        try FileIO.check(rename(tmpPath, root + "/" + target), "rename", target)
        if sync { try FileIO.fsyncPath(root + "/" + rel, directory: true) }
        return target
    }

    func read(
        _ ref: DataRef, offset: Int64, length: Int64, chunk: Int,
        _ body: (ByteBuffer) async throws -> Void
    ) async throws {
        let path = root + "/" + ref.id
        let fd = try FileIO.openForReading(path)
        defer { close(fd) }
        var position = offset
        let end = offset + length
        while position < end {
            let buffer = try FileIO.read(fd, offset: position, count: Int(min(Int64(chunk), end - position)), path: path)
            guard buffer.readableBytes > 0 else { throw FileIO.FileIOError(operation: "read", path: path, code: EIO) }
            position += Int64(buffer.readableBytes)
            try await body(buffer)
        }
    }

    func sync(_ refs: [DataRef]) async throws {
        let root = self.root
        let paths = refs.map { root + "/" + $0.id }
        let folders = Set(paths.map { ($0 as NSString).deletingLastPathComponent })
        try await blocking {
            for p in paths { try FileIO.fsyncPath(p) }
            for f in folders { try FileIO.fsyncPath(f, directory: true) }
        }
    }

    func remove(_ refs: [DataRef]) {
        for r in refs { unlink(root + "/" + r.id) }
    }

    // MARK: MetadataStore

    private struct Manifest: Codable {
        var key: BlobKey
        var record: BlobRecord
    }

    func save(_ record: ContainerRecord, for key: ContainerKey) throws {
        let path = containerPath(key)
        try ensureDirectory((path as NSString).deletingLastPathComponent)
        let data = try lock.withLock { try encoder.encode(record) }
        try FileIO.writeAtomically(data, to: path, sync: syncRecords)
    }

    func removeContainer(_ key: ContainerKey) throws {
        unlink(containerPath(key))
    }

    func save(_ record: BlobRecord, for key: BlobKey) throws {
        let path = manifestPath(key)
        try ensureDirectory((path as NSString).deletingLastPathComponent)
        let data = try lock.withLock { try encoder.encode(Manifest(key: key, record: record)) }
        try FileIO.writeAtomically(data, to: path, sync: syncRecords)
    }

    /// Creates a directory once per run.
    private func ensureDirectory(_ path: String) throws {
        if lock.withLock({ knownFolders.contains(path) }) { return }
        try FileIO.makeDirectory(path)
        lock.withLock { _ = knownFolders.insert(path) }
    }

    func removeBlob(_ key: BlobKey) throws {
        let path = manifestPath(key)
        try FileIO.check(unlink(path), "unlink", path)
        if syncRecords { try FileIO.fsyncPath((path as NSString).deletingLastPathComponent, directory: true) }
    }

    func load() throws -> PersistedState {
        let fm = FileManager.default
        var state = PersistedState()
        // Interrupted uploads and half-written records.
        for name in (try? fm.contentsOfDirectory(atPath: root + "/tmp")) ?? [] {
            unlink(root + "/tmp/" + name)
        }
        let decoder = JSONDecoder()
        for account in (try? fm.contentsOfDirectory(atPath: root + "/containers")) ?? [] {
            let dir = root + "/containers/" + account
            for file in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
                if file.contains(".tmp-") { unlink(dir + "/" + file); continue }
                guard file.hasSuffix(".json"), let data = fm.contents(atPath: dir + "/" + file),
                      let record = try? decoder.decode(ContainerRecord.self, from: data) else { continue }
                state.containers[ContainerKey(account: account, container: record.name)] = record
            }
        }
        var referenced: Set<String> = []
        for shard in (try? fm.contentsOfDirectory(atPath: root + "/blobs")) ?? [] {
            let dir = root + "/blobs/" + shard
            for file in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
                if file.contains(".tmp-") { unlink(dir + "/" + file); continue }
                guard let data = fm.contents(atPath: dir + "/" + file),
                      let manifest = try? decoder.decode(Manifest.self, from: data) else { continue }
                guard state.containers[manifest.key.containerKey] != nil else {
                    unlink(dir + "/" + file)
                    continue
                }
                state.blobs[manifest.key] = manifest.record
                for s in manifest.record.segments { referenced.insert(s.data.id) }
            }
        }
        try loadStaged(into: &state, referenced: referenced)
        return state
    }

    /// Rebuilds staged block lists from `data/`, deleting objects nothing can reach.
    private func loadStaged(into state: inout PersistedState, referenced: Set<String>) throws {
        let fm = FileManager.default
        let decoder = JSONDecoder()
        for shard in (try? fm.contentsOfDirectory(atPath: root + "/data")) ?? [] {
            for hash in (try? fm.contentsOfDirectory(atPath: "\(root)/data/\(shard)")) ?? [] {
                let rel = "data/\(shard)/\(hash)"
                let abs = root + "/" + rel
                let key = fm.contents(atPath: abs + "/key.json").flatMap { try? decoder.decode(BlobKey.self, from: $0) }
                var latest: [String: (seq: String, name: String)] = [:]
                var live = 0
                for name in (try? fm.contentsOfDirectory(atPath: abs)) ?? [] where name != "key.json" {
                    if referenced.contains("\(rel)/\(name)") { live += 1; continue }
                    let parts = name.split(separator: ".")
                    guard let key, state.containers[key.containerKey] != nil, parts.count == 2, parts[0] != "blob",
                          let id = Self.unhex(parts[0]) else {
                        unlink(abs + "/" + name)
                        continue
                    }
                    let seq = String(parts[1])
                    if let old = latest[id] {
                        if old.seq > seq { unlink(abs + "/" + name); continue }
                        unlink(abs + "/" + old.name)
                        live -= 1
                    }
                    latest[id] = (seq, name)
                    live += 1
                }
                if let key, !latest.isEmpty {
                    state.staged[key] = latest.sorted { $0.value.seq < $1.value.seq }.compactMap { id, v in
                        guard let size = (try? fm.attributesOfItem(atPath: abs + "/" + v.name))?[.size] as? Int64 else { return nil }
                        return (id, DataRef(id: "\(rel)/\(v.name)", size: size))
                    }
                }
                if live == 0 {
                    unlink(abs + "/key.json")
                    rmdir(abs)
                }
            }
        }
    }
}

/// Streams one body into `tmp/`, then renames it into `data/`.
private final class FileWriter: DataWriter {
    let store: DirectoryStore
    let key: BlobKey
    let blockID: String?
    var fd: Int32
    let tmpPath: String
    var size: Int64 = 0
    /// Gathers bytes into whole units written past the page cache.
    let stage = DirectWriteStage()

    init(store: DirectoryStore, key: BlobKey, blockID: String?, fd: Int32, tmpPath: String) {
        self.store = store
        self.key = key
        self.blockID = blockID
        self.fd = fd
        self.tmpPath = tmpPath
    }

    func write(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { try stage.append($0, fd: fd, path: tmpPath) }
        size += Int64(buffer.readableBytes)
    }

    func finish(sync: Bool) async throws -> DataRef {
        let fd = self.fd
        do { try stage.finish(fd: fd, path: tmpPath) } catch {
            abort()
            throw error
        }
        self.fd = -1
        let (store, tmpPath, key, blockID, size) = (self.store, self.tmpPath, self.key, self.blockID, self.size)
        do {
            let id: String
            if sync {
                id = try await blocking {
                    defer { store.dropBehind.finished(fd, size: size) }
                    try FileIO.check(fsync(fd), "fsync", tmpPath)
                    return try store.place(tmpPath: tmpPath, key: key, blockID: blockID, sync: true)
                }
            } else {
                store.dropBehind.finished(fd, size: size)
                id = try store.place(tmpPath: tmpPath, key: key, blockID: blockID, sync: false)
            }
            return DataRef(id: id, size: size)
        } catch {
            unlink(tmpPath)
            throw error
        }
    }

    func abort() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(tmpPath)
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(tmpPath)
        }
    }
}
