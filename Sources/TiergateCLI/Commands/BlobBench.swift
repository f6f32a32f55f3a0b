import ArgumentParser
import AzureBlobStore
import BlobStore
import Foundation

/// `tiergate blob bench`: small-request throughput of an endpoint (Put Blob, then Get Blob).
struct BlobBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measures small Put Blob and Get Blob requests per second against the endpoint.")

    @OptionGroup var cloud: CloudOptions
    @Option(help: "Requests of each kind.") var count = 10_000
    @Option(help: "Bytes per blob.") var size = 4096
    @Option(help: "Requests in flight at once.") var concurrency = 16

    func run() async throws {
        let body = [UInt8](repeating: 0x5A, count: size)
        let props = BlobStoreProperties(connectionLimit: concurrency)
        try await withAzureBlobStore(connection: try cloud.connection(), container: try cloud.containerName(), properties: props) { store in
            _ = try await store.createContainer()
            for (label, op) in [("Put Blob", true), ("Get Blob", false)] {
                let started = Date()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    var next = 0
                    func launch() {
                        let name = "bench/\(next % count)"
                        next += 1
                        group.addTask {
                            if op { _ = try await store.put(name, body: body) } else { _ = try await store.get(name) }
                        }
                    }
                    while next < min(concurrency, count) { launch() }
                    while try await group.next() != nil { if next < count { launch() } }
                }
                let seconds = Date().timeIntervalSince(started)
                print(String(format: "%@ of %d B: %d requests in %.2f s = %.0f requests/s (concurrency %d)", label, size, count, seconds, Double(count) / seconds, concurrency))
            }
        }
    }
}
