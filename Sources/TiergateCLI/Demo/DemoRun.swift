import AzureAuth
import BlobStore
import Foundation

/// The steps of the demo against a cloud store, printing what each did.
struct DemoRun<Cloud: BlobStore> {
    let cloud: Cloud
    let sample: SampleStore

    func run() async throws {
        let created = try await cloud.createContainer()
        print("container tiergate: \(created ? "created" : "already there")")
        let prefix = "demo/\(sample.source)/\(sample.point)/"
        let started = Date()
        var sent: Int64 = 0
        for file in sample.files {
            let report = try await cloud.upload(prefix + file.relativePath, from: try FileSource(path: file.path), options: PutOptions(overwrite: false))
            sent += report.bytesSent
        }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "uploaded %d files, %@ in %.2f s (%@/s)", sample.files.count, ByteCount.format(sent), seconds, ByteCount.format(Int64(Double(sent) / max(seconds, 0.001)))))

        var verified = 0
        for file in sample.files {
            let local = try Data(contentsOf: URL(fileURLWithPath: file.path))
            let remote = try await cloud.get(prefix + file.relativePath)
            guard Digest.md5(remote) == Digest.md5(local) else {
                throw CLIError("demo: \(file.relativePath) came back different from what was uploaded")
            }
            verified += 1
        }
        print("read back and verified \(verified) files byte for byte")

        let listed = try await cloud.list(prefix: prefix).collect()
        print("listing \(prefix): \(listed.count) blobs, \(ByteCount.format(listed.reduce(0) { $0 + $1.size }))")

        let lockName = "demo/lock"
        _ = try await cloud.put(lockName, body: [])
        let lease = try await cloud.lease(lockName, .acquire(seconds: 15, proposedID: nil))
        do {
            _ = try await cloud.put(lockName, body: [1])
            throw CLIError("demo: a write to a leased blob without its lease succeeded")
        } catch let e as BlobStoreError where e.kind == .conditionFailed {
            print("lease: held \(lease.id ?? "?"); a write without it was refused (\(e.code))")
        }
        _ = try await cloud.lease(lockName, .release(id: lease.id ?? ""))

        if let big = sample.files.max(by: { $0.size < $1.size }) {
            let name = prefix + big.relativePath
            try await cloud.setTier(name, tier: .archive)
            do {
                _ = try await cloud.get(name, range: ByteRange(offset: 0, count: 1))
                throw CLIError("demo: a read of an archived blob succeeded")
            } catch let e as BlobStoreError where e.kind == .archived {
                print("archive tier: \(big.relativePath) moved to Archive; reads refused (\(e.code)) until rehydrated")
            }
        }
        print("demo complete: the repository format (encryption, deduplication, points) builds on this client")
    }
}
