import ArgumentParser
import BlobStore
import Catalog
import Engine
import Foundation
import Repository

/// `tiergate restore`: a cloud point, or files and folders of it, into a folder.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restores a cloud recovery point, or named files and folders of it, into a folder.",
        discussion: """
            Needs only the connection string, the container and the passphrase: on a new machine \
            the local catalog is rebuilt from the cloud. A BMR or system-state point restores as \
            its WindowsImageBackup tree at the root of --to. An interrupted restore resumes when \
            run again: files already restored and verified are kept.
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var stateOptions: StateOptions
    @Option(name: .long, help: "The source whose point to restore.") var source: String
    @Option(name: .long, help: "The point id, or 'latest' (the default).") var point: String = "latest"
    @Option(name: .long, help: ArgumentHelp("The folder to restore into (created if needed; must be empty unless --overwrite).", valueName: "dir")) var to: String
    @Option(name: .long, help: ArgumentHelp("A file or folder of the point to restore (repeatable; default: the whole point).", valueName: "path")) var include: [String] = []
    @Flag(name: .long, help: "Restore into a folder that is not empty, replacing the point's files there.") var overwrite = false
    @Flag(name: .long, help: "Print a JSON object: files, bytes, seconds.") var json = false

    func run() async throws {
        let config = try repository.configuration()
        let report = try await repository.withRepository(config: config) { repo in
            let catalog = try Catalog(stateDirectory: stateOptions.stateDirectory(config: config), repositoryID: repo.config.id)
            // A shared lock: prune waits until the restore has read what it needs (none with
            // read-only credentials).
            return try await repo.withReaderLock { try await restore(from: repo, catalog: catalog) }
        }
        if json {
            try JSONOutput.print(report)
        } else {
            let skipped = report.filesSkipped > 0 ? " (\(report.filesSkipped) already restored)" : ""
            print(String(format: "%@/%@: %d files%@, %@ restored into %@ in %.1f s", report.source, report.point, report.files, skipped,
                         ByteCount.format(report.bytes), to, report.seconds))
        }
    }

    /// The restore itself, recorded in the catalog's job history.
    func restore<S: BlobStore>(from repo: Repository<S>, catalog: Catalog) async throws -> RestoreReport {
        let manifests = try await catalog.syncManifests(from: repo)
        let found = try PointLookup.find(manifests, source: source, point: point)
        // A state folder that holds no index yet (a new machine) reads the cloud's index straight
        // into memory: storing it in the catalog first cost a tenth of a 1 GiB restore, and the
        // next command that needs the catalog's index syncs it anyway.
        let index = try catalog.indexFileNames().isEmpty ? try await repo.loadIndex() : try await catalog.syncIndex(from: repo)
        let meter = ProgressMeter(label: "\(source)/\(found.manifest.point)", total: 0)
        let job = try catalog.startJob(kind: "restore", source: source, point: found.manifest.point, at: Date())
        do {
            let report = try await RestoreJob(repository: repo, index: index, destination: RestoreDestination(root: to), progress: meter.add(_:of:))
                .run(manifest: found.manifest, include: include, overwrite: overwrite)
            meter.finish()
            try catalog.finishJob(job, at: Date(), succeeded: true, bytesRead: report.bytes, bytesNew: 0, bytesUploaded: 0)
            return report
        } catch {
            meter.finish()
            try? catalog.finishJob(job, at: Date(), succeeded: false, message: "\(error)")
            throw error
        }
    }
}
