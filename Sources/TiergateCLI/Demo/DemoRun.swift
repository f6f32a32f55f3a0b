import BlobStore
import Engine
import Foundation
import Repository
import RepositoryFormat
import SampleData

/// The demo's steps against a cloud store, printing what each did: init, a first full backup,
/// the next day's incremental backup, the points, and both points read back from the cloud.
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
        for ((point, image), entry) in zip(points, manifests) {
            var tree = try await repo.loadTree(entry.manifest.tree, index: index)
            let parts = SampleStore.imagePath(host: sample.host).split(separator: "/").map(String.init)
            for step in parts.dropLast() {
                guard let next = tree.nodes.first(where: { $0.name == step })?.subtree else { throw CLIError("demo: \(step) missing from point \(point)") }
                tree = try await repo.loadTree(next, index: index)
            }
            guard let node = tree.nodes.first(where: { $0.name == parts.last! }), try await repo.readFile(node, index: index) == image else {
                throw CLIError("demo: the image of point \(point) came back different")
            }
        }
        print("read both points' disk images back from the cloud: byte for byte identical")
        let objects = try await cloud.list(prefix: "").collect()
        print("container: \(objects.count) objects, \(ByteCount.format(objects.reduce(0) { $0 + $1.size })); none readable without the passphrase")
    }
}
