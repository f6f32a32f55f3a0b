import ArgumentParser
import Catalog
import Daemon
import Engine
import Foundation
import Policy

/// `tiergate status`: per source, the last and next online backup, points, cloud bytes, dedup.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Shows per source the last and next online backup, cloud points and bytes, and dedup ratio.")

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var local: StoreOptions
    @OptionGroup var stateOptions: StateOptions
    @Flag(name: .long, help: "Print a JSON array, one object per source.") var json = false

    func run() async throws {
        let config = try repository.configuration()
        let storeSources = (try? local.storeRoot(config: config)).flatMap { try? LocalStore(root: $0).sources() } ?? []
        let rows = try await repository.withRepository(config: config) { repo in
            let catalog = try Catalog(stateDirectory: stateOptions.stateDirectory(config: config), repositoryID: repo.config.id)
            let manifests = try await catalog.syncManifests(from: repo)
            return try SourceStatus.build(
                config: config, storeSources: storeSources, manifests: manifests.map(\.manifest),
                jobs: { try catalog.jobs(source: $0, limit: 1000) }, now: Date())
        }
        if json {
            try JSONOutput.print(rows, pretty: true)
            return
        }
        let time = ISO8601DateFormatter()
        for r in rows {
            var line = "\(r.source)"
            line += r.group.map { "  group \($0)" } ?? "  no group"
            if !r.inStore { line += "  MISSING from the local store" }
            print(line)
            let last = r.lastBackup.map { "\(time.string(from: $0.started)) \($0.outcome)\($0.point.map { " \($0)" } ?? "")\($0.message.map { ": \($0)" } ?? "")" } ?? "never"
            print("  last backup: \(last)")
            if let ok = r.lastSuccess { print("  last success: \(time.string(from: ok.started))\(ok.point.map { " \($0)" } ?? "")") }
            print("  next backup: \(r.nextBackup.map(time.string(from:)) ?? "not scheduled")")
            let ratio = r.dedupRatio.map { String(format: "%.1fx", $0) } ?? "-"
            print("  cloud: \(r.points) points, \(ByteCount.format(r.cloudBytes)); uploaded \(ByteCount.format(r.bytesUploaded)), dedup \(ratio); seeding: \(r.seeding)")
        }
    }
}
