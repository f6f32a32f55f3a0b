import ArgumentParser
import Catalog
import Engine
import Foundation
import Repository

/// `tiergate prune`: deletes cloud data no remaining point references.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Deletes cloud data that no point references, repacking packs that are mostly unused.",
        discussion: """
            Runs under the exclusive repository lock, so it is refused while any backup runs (on \
            this or another gateway); so is --dry-run, which prints the plan and writes or deletes \
            nothing.
            """)

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var stateOptions: StateOptions
    @Flag(name: .long, help: "Compute and print the plan; write and delete nothing.") var dryRun = false
    @Flag(name: .long, help: "Print one JSON object.") var json = false

    func run() async throws {
        let config = try repository.configuration()
        let report = try await repository.withRepository(config: config) { repo in
            let catalog = try Catalog(stateDirectory: stateOptions.stateDirectory(config: config), repositoryID: repo.config.id)
            return try await Pruner(repository: repo, catalog: catalog).run(dryRun: dryRun)
        }
        if json {
            try JSONOutput.print(report)
        } else {
            print(Self.describe(report))
        }
    }

    /// The report as a few lines of text.
    static func describe(_ r: PruneReport) -> String {
        let b = ByteCount.format
        var lines = [
            "\(r.points) points use \(r.blobsUsed) blobs",
            "packs: \(r.packsDeleted) deleted (\(b(r.bytesDeleted)), \(r.packsUnindexed) of them in no index), "
                + "\(r.packsRepacked) repacked (\(b(r.bytesRepacked)) into \(r.packsWritten) new, \(b(r.bytesWritten))), "
                + "\(r.packsKept) kept (\(b(r.bytesKept)), \(b(r.bytesUnusedKept)) of it unused)",
            "blobs: \(r.blobsRemoved) removed from the index, \(r.blobsRepacked) moved",
            "index files: \(r.indexFilesDeleted) replaced" + (r.indexFilesWritten.map { " by \($0)" } ?? ""),
        ]
        lines.append(r.dryRun
            ? "dry run: \(b(r.bytesFreed)) would be freed; nothing was written or deleted"
            : String(format: "%@ freed in %.1f s", b(r.bytesFreed), r.seconds))
        return lines.joined(separator: "\n")
    }
}
