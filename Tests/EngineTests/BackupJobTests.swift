import BlobStore
import Foundation
import Repository
import RepositoryFormat
import SampleData
import Testing

@testable import Engine

/// A generated local store in a temporary folder.
struct TempStore {
    let root = NSTemporaryDirectory() + "tiergate-store-\(UUID().uuidString)"

    func addSource(_ name: String, kind: String = "bmr") throws {
        try FileManager.default.createDirectory(atPath: "\(root)/\(name)", withIntermediateDirectories: true)
        try Data(#"{"server": "fs01.contoso.local", "kind": "\#(kind)"}"#.utf8).write(to: URL(fileURLWithPath: "\(root)/\(name)/source.json"))
    }

    func addPoint(_ source: String, _ point: String, files: [String: [UInt8]], complete: Bool = true) throws {
        let dir = "\(root)/\(source)/\(point)"
        for (path, bytes) in files {
            let full = "\(dir)/\(path)"
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: full))
        }
        if complete { try Data().write(to: URL(fileURLWithPath: "\(dir)/.complete")) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

@Suite struct BackupJobTests {
    let fast = PassphraseKDF(n: 1 << 10, r: 8, p: 1)

    func files(_ image: [UInt8]) -> [String: [UInt8]] {
        [
            "WindowsImageBackup/fs01/Backup 2026-11-21 220000/disk.vhdx": image,
            "WindowsImageBackup/fs01/Backup 2026-11-21 220000/BackupSpecs.xml": Array("<BackupSpecs/>".utf8),
            "WindowsImageBackup/fs01/empty.txt": [],
        ]
    }

    @Test func backupThenIncrementalStoresOnlyWhatChanged() async throws {
        let local = TempStore()
        defer { local.remove() }
        try local.addSource("fs01-bmr")
        let day1 = BMRImage.image(size: 16 << 20, seed: 1)
        let day2 = BMRImage.nextDay(of: day1, seed: 2)
        try local.addPoint("fs01-bmr", "2026-11-21T220000Z", files: files(day1))
        try local.addPoint("fs01-bmr", "2026-11-22T220000Z", files: files(day2))

        let cloud = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: cloud, container: "c", passphrase: "p", kdf: fast)
        let job = BackupJob(repository: repo, store: LocalStore(root: local.root), workers: 2)
        let first = try await job.run(source: "fs01-bmr", point: "2026-11-21T220000Z", index: try await repo.loadIndex())
        #expect(first.files == 3)
        #expect(first.bytesRead == Int64(day1.count + 14))
        #expect(first.bytesNew < first.bytesRead, "repeated chunks (zero runs) are stored once")
        #expect(first.bytesNew > first.bytesRead / 2)
        #expect(first.bytesUploaded < first.bytesRead, "zeroed and text regions compress")

        let second = try await job.run(source: "fs01-bmr", point: "2026-11-22T220000Z", index: try await repo.loadIndex())
        #expect(second.bytesRead == Int64(day2.count + 14))
        #expect(second.bytesNew < second.bytesRead / 4, "only the changed regions are new: \(second.bytesNew)")

        // Both points read back byte for byte from the cloud alone.
        let index = try await repo.loadIndex()
        let manifests = try await repo.loadManifests()
        #expect(manifests.map(\.manifest.point) == ["2026-11-21T220000Z", "2026-11-22T220000Z"])
        for (m, image) in zip(manifests.map(\.manifest), [day1, day2]) {
            #expect(m.kind == "bmr" && m.server == "fs01.contoso.local")
            var tree = try await repo.loadTree(m.tree, index: index)
            for step in ["WindowsImageBackup", "fs01", "Backup 2026-11-21 220000"] {
                tree = try await repo.loadTree(try #require(tree.nodes.first { $0.name == step }?.subtree), index: index)
            }
            let disk = try #require(tree.nodes.first { $0.name == "disk.vhdx" })
            #expect(disk.size == Int64(image.count))
            #expect(try await repo.readFile(disk, index: index) == image)
        }
    }

    @Test func nothingReadableReachesTheCloud() async throws {
        let local = TempStore()
        defer { local.remove() }
        try local.addSource("dc01-systemstate", kind: "system-state")
        let secret = Array(String(repeating: "TOP-SECRET-REGISTRY-VALUE ", count: 2000).utf8)
        try local.addPoint("dc01-systemstate", "2026-11-21T220000Z", files: ["Registry/SAM-secret-name.hive": secret])
        let cloud = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: cloud, container: "c", passphrase: "p", kdf: fast)
        _ = try await BackupJob(repository: repo, store: LocalStore(root: local.root)).run(source: "dc01-systemstate", point: "2026-11-21T220000Z", index: RepositoryIndex())
        for blob in try await cloud.list(prefix: "").collect() where !blob.name.hasPrefix("keys/") {
            let text = String(decoding: try await cloud.get(blob.name), as: UTF8.self)
            #expect(!text.contains("TOP-SECRET") && !text.contains("SAM-secret") && !text.contains("dc01"), "\(blob.name)")
        }
    }

    @Test func incompleteUnknownAndVanishingPointsFailWithoutAManifest() async throws {
        let local = TempStore()
        defer { local.remove() }
        try local.addSource("fs01-bmr")
        try local.addPoint("fs01-bmr", "2026-11-21T220000Z", files: ["a.bin": [1, 2, 3]], complete: false)
        let cloud = InMemoryBlobStore()
        let repo = try await Repository.initialize(store: cloud, container: "c", passphrase: "p", kdf: fast)
        let job = BackupJob(repository: repo, store: LocalStore(root: local.root))
        await #expect(throws: LocalStoreError.self) { _ = try await job.run(source: "fs01-bmr", point: "2026-11-21T220000Z", index: RepositoryIndex()) }
        await #expect(throws: LocalStoreError.self) { _ = try await job.run(source: "nope", point: "2026-11-21T220000Z", index: RepositoryIndex()) }

        // The point is expired by the backup server while it is read.
        try local.addPoint("fs01-bmr", "2026-11-22T220000Z", files: ["big.bin": BMRImage.image(size: 4 << 20, seed: 3)])
        let vanishing = BackupJob(repository: repo, store: LocalStore(root: local.root), workers: 1, progress: { _, _ in
            try? FileManager.default.removeItem(atPath: "\(local.root)/fs01-bmr/2026-11-22T220000Z")
        })
        await #expect(throws: LocalStoreError.self) { _ = try await vanishing.run(source: "fs01-bmr", point: "2026-11-22T220000Z", index: RepositoryIndex()) }
        #expect(try await cloud.list(prefix: "points/").collect().isEmpty)
    }
}
