import ArgumentParser
import BlobStore
import Catalog
import Engine
import Foundation
import Repository

/// `tiergate backup`: uploads new complete points.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Uploads each source's newest complete point not yet in the cloud (--all-new: every newer one, oldest first).")

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var local: StoreOptions
    @OptionGroup var stateOptions: StateOptions
    @Option(name: .long, help: "A source to back up (repeatable; default: every source in the store).") var source: [String] = []
    @Option(name: .long, help: "The point to upload (with one --source).") var point: String?
    @Flag(name: .long, help: "Upload every complete point newer than the newest in the cloud, oldest first.") var allNew = false
    @Flag(name: .long, help: "Print one JSON object per uploaded point.") var json = false

    func validate() throws {
        if point != nil && source.count != 1 { throw ValidationError("--point needs exactly one --source") }
        if point != nil && allNew { throw ValidationError("--point and --all-new exclude each other") }
    }

    func run() async throws {
        let config = try repository.configuration()
        let store = LocalStore(root: try local.storeRoot(config: config))
        let sources = source.isEmpty ? try store.sources() : source
        try await repository.withRepository(config: config) { repo in
            let catalog = try Catalog(stateDirectory: stateOptions.stateDirectory(config: config), repositoryID: repo.config.id)
            // A shared lock: prune (exclusive) never deletes what this job may reference. The
            // index is read under it, so a prune that just ended cannot hide a deleted chunk.
            try await repo.withLock(exclusive: false) {
                let inCloud = Set(try await catalog.syncManifests(from: repo).map { "\($0.manifest.source)/\($0.manifest.point)" })
                let index = try await catalog.syncIndex(from: repo)
                try await backUp(sources, from: store, into: repo, catalog: catalog, inCloud: inCloud, index: index)
            }
        }
    }

    /// Backs up each source's planned points, recording each job in the catalog.
    func backUp<S: BlobStore>(
        _ sources: [String], from store: LocalStore, into repo: Repository<S>, catalog: Catalog,
        inCloud: Set<String>, index initial: RepositoryIndex
    ) async throws {
        var index = initial
        // The catalog learns a job's new index files before the next job (which deduplicates
        // against them), not after the last one: the next command syncs it anyway.
        var indexIsStale = false
        for s in sources {
            let todo = try BackupPlan.points(source: s, store: store, inCloud: inCloud, point: point, allNew: allNew)
            if todo.isEmpty, !json { print("\(s): nothing new") }
            for p in todo {
                let meter = ProgressMeter(label: "\(s)/\(p)", total: 0)
                if indexIsStale { index = try await catalog.syncIndex(from: repo) }
                let job = try catalog.startJob(kind: "backup", source: s, point: p, at: Date())
                let report: BackupReport
                do {
                    report = try await BackupJob(repository: repo, store: store, progress: meter.add(_:of:)).run(source: s, point: p, index: index)
                } catch {
                    meter.finish()
                    try? catalog.finishJob(job, at: Date(), succeeded: false, message: "\(error)")
                    throw error
                }
                meter.finish()
                try catalog.finishJob(job, at: Date(), succeeded: true, bytesRead: report.bytesRead, bytesNew: report.bytesNew, bytesUploaded: report.bytesUploaded)
                indexIsStale = true
                if json {
                    try JSONOutput.print(report)
                } else {
                    print(String(format: "%@/%@: %d files, %@ read, %@ new, %@ uploaded in %.1f s", s, p, report.files,
                                 ByteCount.format(report.bytesRead), ByteCount.format(report.bytesNew), ByteCount.format(report.bytesUploaded), report.seconds))
                }
            }
        }
    }
}
