import ArgumentParser
import AzureBlobStore
import BlobStore
import Engine
import Foundation

/// `tiergate blob`: low-level blob operations on the container, for diagnosis and benchmarks.
struct BlobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blob",
        abstract: "Low-level blob operations on the container (diagnosis, benchmarks); they bypass the repository format.",
        subcommands: [BlobPut.self, BlobGet.self, BlobList.self, BlobDelete.self, BlobBench.self]
    )
}

/// Options shared by blob transfers.
struct TransferOptions: ParsableArguments {
    @Option(help: "Requests in flight at once.")
    var concurrency: Int = 16

    @Option(help: "Block size in MiB for block uploads and ranged downloads.")
    var blockSizeMiB: Int = 8

    func validate() throws {
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be 1-256") }
        guard (1...4000).contains(blockSizeMiB) else { throw ValidationError("--block-size-mi-b must be 1-4000") }
    }

    var properties: BlobStoreProperties {
        BlobStoreProperties(connectionLimit: concurrency, maxSinglePutSize: blockSizeMiB << 20, blockSize: blockSizeMiB << 20)
    }
}

struct BlobPut: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Uploads a local file as a blob (parallel blocks, resumable).")

    @OptionGroup var cloud: CloudOptions
    @OptionGroup var transfer: TransferOptions
    @Argument(help: "The local file.") var file: String
    @Option(help: "Blob name (default: the file's name).") var name: String?
    @Flag(help: "Refuse to replace an existing blob.") var noOverwrite = false
    @Flag(help: "Print a JSON summary.") var json = false

    func run() async throws {
        let connection = try cloud.connection()
        let container = try cloud.containerName()
        let source: FileSource
        do { source = try FileSource(path: file) } catch { throw CLIError("cannot read \(file): \(error)") }
        let blobName = name ?? URL(fileURLWithPath: file).lastPathComponent
        let started = Date()
        let meter = ProgressMeter(label: "upload", total: source.size)
        let report = try await withAzureBlobStore(connection: connection, container: container, properties: transfer.properties) { store in
            _ = try await store.createContainer()
            return try await store.upload(blobName, from: source, options: PutOptions(overwrite: !noOverwrite), progress: meter.add)
        }
        meter.finish()
        let seconds = Date().timeIntervalSince(started)
        if json {
            try JSONOutput.print(Summary(
                blob: blobName, bytes: source.size, bytesSent: report.bytesSent, blocksSent: report.blocksSent,
                blocksResumed: report.blocksResumed, seconds: (seconds * 1000).rounded() / 1000))
        } else {
            print("uploaded \(blobName): \(ByteCount.format(source.size)) in \(String(format: "%.2f", seconds)) s (\(report.blocksSent) blocks sent, \(report.blocksResumed) resumed)")
        }
    }
}

extension BlobPut {
    /// The `--json` object.
    struct Summary: Encodable {
        var blob: String
        var bytes: Int64
        var bytesSent: Int64
        var blocksSent: Int
        var blocksResumed: Int
        var seconds: Double
    }
}

struct BlobGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Downloads a blob to a local file (parallel ranged reads).")

    @OptionGroup var cloud: CloudOptions
    @OptionGroup var transfer: TransferOptions
    @Argument(help: "The blob name.") var name: String
    @Option(help: "Local file to write (default: the blob's last path component).") var to: String?

    func run() async throws {
        let path = to ?? String(name.split(separator: "/").last ?? "blob")
        let started = Date()
        let bytes = try await withAzureBlobStore(connection: try cloud.connection(), container: try cloud.containerName(), properties: transfer.properties) { store in
            try await store.download(name, to: path)
        }
        print("downloaded \(name): \(ByteCount.format(bytes)) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}

struct BlobList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "Lists blobs by prefix.")

    @OptionGroup var cloud: CloudOptions
    @Option(help: "Only blobs whose names start with this.") var prefix = ""

    func run() async throws {
        try await withAzureBlobStore(connection: try cloud.connection(), container: try cloud.containerName()) { store in
            for try await blob in store.list(prefix: prefix) {
                print("\(blob.size)\t\(blob.tier?.rawValue ?? "-")\t\(blob.name)")
            }
        }
    }
}

struct BlobDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Deletes a blob.")

    @OptionGroup var cloud: CloudOptions
    @Argument(help: "The blob name.") var name: String

    func run() async throws {
        try await withAzureBlobStore(connection: try cloud.connection(), container: try cloud.containerName()) { store in
            try await store.delete(name)
        }
    }
}
