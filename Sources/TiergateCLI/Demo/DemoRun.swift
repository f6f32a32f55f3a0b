import BlobStore
import Engine
import Foundation
import Repository
import RepositoryFormat
import SampleData

/// The demo's steps against a cloud store, printing what each did: init, a first full backup,
/// the next day's incremental backup, the points, and both points restored from the cloud.
struct DemoRun<Cloud: BlobStore> {
    let cloud: Cloud
    let sample: SampleStore
    let imageBytes: Int

    func run() async throws {
        let repo = try await Repository.initialize(store: cloud, container: "tiergate", passphrase: "demo passphrase")
        print("tiergate init: repository \(repo.config.id.prefix(12)) (AES-256-GCM, scrypt-wrapped keys, chunks of 16-256 KiB)")
        let local = LocalStore(root: sample.root)
        let day1 = BMRImage.image(size: imageBytes, seed: 1)
        let day2 = BMRImage.nextDay(of: day1, seed: 2)
        let points = [("2026-11-21T220000Z", day1), ("2026-11-22T220000Z", day2)]
        for (point, image) in points {
            try sample.addPoint(point, image: image)
            let report = try await BackupJob(repository: repo, store: local).run(source: sample.source, point: point, index: try await repo.loadIndex())
            print(String(format: "tiergate backup %@/%@: %@ read, %@ new, %@ uploaded in %.2f s", sample.source, point,
                         ByteCount.format(report.bytesRead), ByteCount.format(report.bytesNew), ByteCount.format(report.bytesUploaded), report.seconds))
        }
        let index = try await repo.loadIndex()
        let manifests = try await repo.loadManifests()
        print("tiergate points: \(manifests.map { "\($0.manifest.source) \($0.manifest.point)" }.joined(separator: ", "))")
        // Restore both points as on a new machine would: from the cloud alone, into a new folder.
        for ((point, image), entry) in zip(points, manifests) {
            let destination = RestoreDestination(root: "\(sample.root)-restored/\(point)")
            let report = try await RestoreJob(repository: repo, index: index, destination: destination).run(manifest: entry.manifest)
            let restored = FileManager.default.contents(atPath: destination.path(SampleStore.imagePath(host: sample.host)))
            guard restored.map({ Array($0) == image }) ?? false else { throw CLIError("demo: the image of point \(point) came back different") }
            print(String(format: "tiergate restore %@/%@: %d files, %@ into %@ in %.2f s, byte for byte identical", sample.source, point,
                         report.files, ByteCount.format(report.bytes), destination.root, report.seconds))
        }
        let objects = try await cloud.list(prefix: "").collect()
        print("container: \(objects.count) objects, \(ByteCount.format(objects.reduce(0) { $0 + $1.size })); none readable without the passphrase")
    }
}
