import ArgumentParser
import AzureAuth
import AzureBlobStore
import BlobStore
import Foundation
import Logging
import MockBlob
import SampleData

/// `tiergate demo`: the job end to end on an embedded endpoint and a generated sample store.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Runs the whole job on an embedded mock endpoint and a generated sample store.",
        discussion: """
            Starts the bundled mock Azure Blob server on 127.0.0.1 (a free port, in memory, with \
            a share of requests failing so that retries show), generates a sample local backup \
            store with a bare-metal-recovery source, creates an encrypted repository, backs up \
            the first day's point, then the next day's (incrementally: only what changed goes \
            up), lists the cloud points and reads both disk images back, checking every byte. \
            Nothing outside a temporary folder is touched.
            """
    )

    @Option(help: "Size of the sample disk image in MiB.") var imageMiB = 96
    @Option(help: "Share of requests (0-0.5) the embedded endpoint fails, to exercise retries.") var faultRate = 0.05
    @Option(help: "Keep the sample store in this folder instead of a temporary one.") var store: String?

    func validate() throws {
        guard (1...4096).contains(imageMiB) else { throw ValidationError("--image-mi-b must be 1-4096") }
        guard (0...0.5).contains(faultRate) else { throw ValidationError("--fault-rate must be 0-0.5") }
    }

    func run() async throws {
        let root = store ?? NSTemporaryDirectory() + "tiergate-demo-\(ProcessInfo.processInfo.processIdentifier)"
        let sample = try SampleStore(root: root)
        print("sample store: \(root) (source \(sample.source), a \(imageMiB) MiB disk image per point)")
        let config = MockBlobConfiguration(faults: FaultConfiguration(faultRate: faultRate, seed: 42))
        try await withMockBlobServer(config) { endpoint, server in
            print("embedded endpoint: \(endpoint) (fault rate \(faultRate))")
            let props = BlobStoreProperties(connectionLimit: 8, maxSinglePutSize: 4 << 20, blockSize: 4 << 20, listPageSize: 5000)
            let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.01, maxDelay: 0.2)
            try await withAzureBlobStore(connection: .development(endpoint: endpoint), container: "tiergate", properties: props, retry: policy) { cloud in
                try await DemoRun(cloud: cloud, sample: sample, imageBytes: imageMiB << 20).run()
            }
            server.faults.setFaultRate(0)
        }
        if store == nil {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: root + "-restored")
        }
    }
}
