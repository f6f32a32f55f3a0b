import BlobStore
import Foundation
import Repository
import RepositoryFormat
import Testing

@testable import Engine

@Suite struct RestoreJobTests {
    @Test func aWholePointRestoresByteForByteWithModesTimesAndLinks() async throws {
        let fx = try await RestoreFixture()
        defer { fx.remove() }
        let to = tempDestination()
        defer { try? FileManager.default.removeItem(atPath: to) }
        let job = RestoreJob(repository: fx.repo, index: try await fx.repo.loadIndex(), destination: RestoreDestination(root: to), downloads: 3)
        let report = try await job.run(manifest: try await fx.manifest())
        #expect(try snapshot(to) == (try fx.original()))
        #expect(report.files == 5 && report.filesSkipped == 0)
        #expect(report.bytes == Int64(6 << 20) + 14 + 300_000 + 200_000)
        #expect(report.bytesDownloaded < report.bytes, "each unique chunk is fetched once, compressed")
        #expect(FileManager.default.fileExists(atPath: "\(to)/WindowsImageBackup/fs01/Catalog/GlobalCatalog"), "the WindowsImageBackup tree sits at the root")
        #expect(!FileManager.default.fileExists(atPath: "\(to)/\(RestoreDestination.markerName)"), "the marker goes when the restore completes")
    }

    @Test func includedFilesAndFoldersRestoreAtTheirPathsAlone() async throws {
        let fx = try await RestoreFixture(imageSize: 1 << 20)
        defer { fx.remove() }
        let to = tempDestination()
        defer { try? FileManager.default.removeItem(atPath: to) }
        let job = RestoreJob(repository: fx.repo, index: try await fx.repo.loadIndex(), destination: RestoreDestination(root: to))
        let report = try await job.run(manifest: try await fx.manifest(), include: ["/SystemState/registry/", "WindowsImageBackup/fs01/Catalog/GlobalCatalog"])
        let restored = try snapshot(to)
        #expect(Set(restored.keys) == ["SystemState", "SystemState/registry", "SystemState/registry/SYSTEM", "WindowsImageBackup", "WindowsImageBackup/fs01", "WindowsImageBackup/fs01/Catalog", "WindowsImageBackup/fs01/Catalog/GlobalCatalog"])
        let original = try fx.original()
        for (path, entry) in restored { #expect(entry == original[path], "\(path)") }
        #expect(report.files == 2 && report.bytes == 500_000)
    }

    @Test func anIncludeThatMatchesNothingIsRefusedBeforeAnythingIsWritten() async throws {
        let fx = try await RestoreFixture(imageSize: 1 << 20)
        defer { fx.remove() }
        let to = tempDestination()
        let job = RestoreJob(repository: fx.repo, index: try await fx.repo.loadIndex(), destination: RestoreDestination(root: to))
        await #expect(throws: RestoreError("'SystemState/nothing' is not in this point; list its files with 'tiergate ls'")) {
            _ = try await job.run(manifest: try await fx.manifest(), include: ["SystemState/nothing"])
        }
        #expect(!FileManager.default.fileExists(atPath: to))
    }

    @Test func aNonEmptyFolderIsRefusedUnlessOverwrite() async throws {
        let fx = try await RestoreFixture(imageSize: 1 << 20)
        defer { fx.remove() }
        let to = tempDestination()
        defer { try? FileManager.default.removeItem(atPath: to) }
        try FileManager.default.createDirectory(atPath: "\(to)/SystemState", withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: "\(to)/SystemState/empty.txt"))
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: "\(to)/notes.txt"))
        let job = RestoreJob(repository: fx.repo, index: try await fx.repo.loadIndex(), destination: RestoreDestination(root: to))
        let manifest = try await fx.manifest()
        await #expect(throws: RestoreError("\(to): it is not empty; choose an empty folder for --to, or pass --overwrite to restore into it")) {
            _ = try await job.run(manifest: manifest)
        }
        #expect(try String(contentsOfFile: "\(to)/SystemState/empty.txt", encoding: .utf8) == "stale", "nothing was written")
        _ = try await job.run(manifest: manifest, overwrite: true)
        var restored = try snapshot(to)
        #expect(restored.removeValue(forKey: "notes.txt") != nil, "files outside the point are left alone")
        restored["."] = nil
        var original = try fx.original()
        // The destination's own root is not part of the comparison; the point's folders are.
        original["."] = nil
        #expect(restored == original)
    }

    @Test func tooLittleFreeSpaceIsRefusedSayingHowMuchIsNeeded() async throws {
        let fx = try await RestoreFixture(imageSize: 1 << 20)
        defer { fx.remove() }
        let to = tempDestination()
        defer { try? FileManager.default.removeItem(atPath: to) }
        let destination = RestoreDestination(root: to, freeSpace: { _ in 1 << 20 })
        let job = RestoreJob(repository: fx.repo, index: try await fx.repo.loadIndex(), destination: destination)
        await #expect(throws: RestoreError("not enough space in \(to): the restore needs 1.5 MiB, 1.0 MiB are free; free space or choose another --to")) {
            _ = try await job.run(manifest: try await fx.manifest())
        }
        #expect(Array(try snapshot(to).keys) == [RestoreDestination.markerName], "nothing but the marker was written")
    }
}
