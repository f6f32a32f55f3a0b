import BlobStore
import Foundation
import Repository
import RepositoryFormat
import Testing

@testable import Engine

/// Mounts a small tmpfs (root only): a real file system that fills up.
struct SmallDisk {
    let path = NSTemporaryDirectory() + "tiergate-small-\(UUID().uuidString)"

    static var available: Bool { geteuid() == 0 }

    init(megabytes: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.run(["/usr/bin/mount", "-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
    }

    func remove() {
        try? Self.run(["/usr/bin/umount", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    static func run(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: arguments[0])
        p.arguments = Array(arguments.dropFirst())
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw RestoreError("\(arguments.joined(separator: " ")) failed") }
    }
}

@Suite struct RestoreFailureTests {
    @Test func aRestoreCutOffMidWayResumesSkippingVerifiedFiles() async throws {
        let fx = try await RestoreFixture()
        defer { fx.remove() }
        let to = tempDestination()
        defer { try? FileManager.default.removeItem(atPath: to) }
        let index = try await fx.repo.loadIndex()
        let manifest = try await fx.manifest()
        let cut = try await Repository.open(store: FailingReads(base: fx.cloud, allowed: 3), container: "c", passphrase: "p")
        await #expect(throws: BlobStoreError.self) {
            _ = try await RestoreJob(repository: cut, index: index, destination: RestoreDestination(root: to), downloads: 1).run(manifest: manifest)
        }
        let left = try snapshot(to)
        #expect(!left.keys.contains { $0.hasSuffix(RestoreDestination.partialSuffix) }, "partial files are removed")
        #expect(left[RestoreDestination.markerName] != nil, "the marker stays, so the same restore may resume")
        let original = try fx.original()
        let whole = left.filter { $0.value.hasPrefix("file") && $0.key != RestoreDestination.markerName }
        #expect(!whole.isEmpty, "the first packs completed some files")
        for (path, entry) in whole { #expect(entry == original[path], "\(path) carries its real name only when whole") }

        let report = try await RestoreJob(repository: fx.repo, index: index, destination: RestoreDestination(root: to)).run(manifest: manifest)
        #expect(report.filesSkipped == whole.count)
        #expect(try snapshot(to) == original)
    }

    @Test(.enabled(if: SmallDisk.available, "mounting a tmpfs needs root"))
    func aDiskThatFillsMidRestoreFailsWithOneLineAndNoPartialFile() async throws {
        let fx = try await RestoreFixture(imageSize: 4 << 20, seed: 8)
        defer { fx.remove() }
        let disk = try SmallDisk(megabytes: 2)
        defer { disk.remove() }
        let to = disk.path + "/r"
        // The free-space check is told there is room, so the disk fills while files are written.
        let destination = RestoreDestination(root: to, freeSpace: { _ in 1 << 30 })
        let job = RestoreJob(repository: fx.repo, index: try await fx.repo.loadIndex(), destination: destination)
        await #expect(throws: RestoreError.self) { _ = try await job.run(manifest: try await fx.manifest()) }
        do {
            _ = try await job.run(manifest: try await fx.manifest())
        } catch {
            #expect("\(error)".hasPrefix("disk full while writing \(to)/"), "\(error)")
            #expect("\(error)".hasSuffix("; free space on \(to) and run the restore again (it resumes)"))
        }
        let left = try snapshot(to)
        #expect(!left.keys.contains { $0.hasSuffix(RestoreDestination.partialSuffix) })
        #expect(left["WindowsImageBackup/fs01/Backup 2026-11-21 220000/disk.vhdx"] == nil)
    }

    @Test func aMissingFolderTreeNamesTheFolder() async throws {
        let fx = try await RestoreFixture(imageSize: 1 << 20)
        defer { fx.remove() }
        let index = try await fx.repo.loadIndex()
        let root = try #require(index.blobs[try await fx.manifest().tree])
        try await fx.cloud.delete(IndexFile.packName(root.pack))
        let to = tempDestination()
        await #expect(throws: RestoreError.self) {
            _ = try await RestoreJob(repository: fx.repo, index: index, destination: RestoreDestination(root: to)).run(manifest: try await fx.manifest())
        }
        do {
            _ = try await PointTree.entries(root: try await fx.manifest().tree, repository: fx.repo, index: index)
        } catch {
            #expect("\(error)".hasPrefix("the root folder of this point cannot be read: "), "\(error)")
            #expect("\(error)".contains(IndexFile.packName(root.pack)))
        }
        #expect(!FileManager.default.fileExists(atPath: to), "nothing was written")
    }

    @Test func aMissingPackNamesItAndTheFilesItHolds() async throws {
        let fx = try await RestoreFixture()
        defer { fx.remove() }
        let index = try await fx.repo.loadIndex()
        let manifest = try await fx.manifest()
        // A pack of file data only (trees are written last, into the last packs).
        let treePacks = Set(index.blobs.values.filter { $0.entry.type == .tree }.map(\.pack))
        let hive = try #require(index.blobs.values.first { !treePacks.contains($0.pack) })
        try await fx.cloud.delete(IndexFile.packName(hive.pack))
        let to = tempDestination()
        defer { try? FileManager.default.removeItem(atPath: to) }
        do {
            _ = try await RestoreJob(repository: fx.repo, index: index, destination: RestoreDestination(root: to)).run(manifest: manifest)
            Issue.record("a restore with a missing pack succeeded")
        } catch {
            #expect("\(error)".hasPrefix("pack \(IndexFile.packName(hive.pack)) is missing from the container; it holds data of "))
        }
        #expect(!(try snapshot(to).keys.contains { $0.hasSuffix(RestoreDestination.partialSuffix) }))
    }
}
