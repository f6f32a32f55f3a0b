import AzureAuth
import BlobStore
import Foundation
import Repository
import RepositoryFormat
import SampleData
import Synchronization

@testable import Engine

/// What a folder holds, entry by entry: kind, permission bits, modification time and content
/// (a file's bytes, a link's target), to compare a restored tree with the original.
func snapshot(_ root: String) throws -> [String: String] {
    var out: [String: String] = [:]
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: root) else { return out }
    while let relative = walker.nextObject() as? String {
        let path = root + "/" + relative
        var st = stat()
        guard lstat(path, &st) == 0 else { continue }
        let mode = String(st.st_mode & 0o7777, radix: 8)
        let mtime = "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            let digest = Digest.sha256(Array(fm.contents(atPath: path) ?? Data())).map { String(format: "%02x", $0) }.joined()
            out[relative] = "file \(mode) \(mtime) \(st.st_size) \(digest)"
        case S_IFDIR: out[relative] = "dir \(mode) \(mtime)"
        case S_IFLNK: out[relative] = "link \((try? fm.destinationOfSymbolicLink(atPath: path)) ?? "")"
        default: out[relative] = "other"
        }
    }
    return out
}

/// A store whose ranged reads of data (64 KiB or more; tree blobs are smaller) fail after
/// `allowed` of them: a restore cut off mid-way.
final class FailingReads: ForwardingBlobStore, Sendable {
    let base: InMemoryBlobStore
    let allowed: Int
    let reads = Mutex(0)

    init(base: InMemoryBlobStore, allowed: Int) {
        self.base = base
        self.allowed = allowed
    }

    func get(_ name: String, range: ByteRange?) async throws -> [UInt8] {
        if name.hasPrefix("data/"), let range, (range.end ?? .max) - range.start + 1 >= 64 << 10, reads.withLock({ n -> Bool in n += 1; return n > allowed }) {
            throw BlobStoreError(.retryable, blob: name, code: "TransportError", message: "connection lost")
        }
        return try await base.get(name, range: range)
    }
}

/// A local store with one point of several shapes, backed up into an in-memory repository.
struct RestoreFixture {
    let local = TempStore()
    let cloud = InMemoryBlobStore()
    let repo: Repository<InMemoryBlobStore>
    let point = "2026-11-21T220000Z"
    var pointRoot: String { "\(local.root)/fs01-bmr/\(point)" }

    init(imageSize: Int = 6 << 20, seed: UInt64 = 3) async throws {
        try local.addSource("fs01-bmr")
        let spec = "WindowsImageBackup/fs01/Backup 2026-11-21 220000"
        try local.addPoint("fs01-bmr", point, files: [
            "\(spec)/disk.vhdx": BMRImage.image(size: imageSize, seed: seed),
            "\(spec)/BackupSpecs.xml": Array("<BackupSpecs/>".utf8),
            "WindowsImageBackup/fs01/Catalog/GlobalCatalog": Array(repeating: 7, count: 300_000),
            "SystemState/empty.txt": [],
            "SystemState/registry/SYSTEM": Array((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
        ])
        let dir = "\(local.root)/fs01-bmr/\(point)"
        chmod("\(dir)/SystemState/registry/SYSTEM", 0o640)
        chmod("\(dir)/SystemState/registry", 0o750)
        symlink("registry/SYSTEM", "\(dir)/SystemState/current")
        var old = [timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789), timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789)]
        utimensat(AT_FDCWD, "\(dir)/\(spec)/BackupSpecs.xml", &old, 0)
        utimensat(AT_FDCWD, "\(dir)/SystemState", &old, 0)
        repo = try await Repository.initialize(store: cloud, container: "c", passphrase: "p", kdf: PassphraseKDF(n: 1 << 10, r: 8, p: 1))
        _ = try await BackupJob(repository: repo, store: LocalStore(root: local.root), workers: 2, packSize: 1 << 20)
            .run(source: "fs01-bmr", point: point, index: RepositoryIndex())
    }

    func manifest() async throws -> Manifest { try await repo.loadManifests()[0].manifest }

    /// The original point without its `.complete` marker.
    func original() throws -> [String: String] {
        var s = try snapshot(pointRoot)
        s[".complete"] = nil
        return s
    }

    func remove() { local.remove() }
}

/// A fresh, not yet existing destination folder.
func tempDestination() -> String { NSTemporaryDirectory() + "tiergate-restore-\(UUID().uuidString)" }
