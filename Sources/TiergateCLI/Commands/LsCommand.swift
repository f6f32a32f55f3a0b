import ArgumentParser
import Catalog
import Engine
import Foundation
import Repository

/// `tiergate ls`: the files of a cloud point, without restoring them.
struct LsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "Lists the files and folders of a cloud recovery point.")

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var stateOptions: StateOptions
    @Option(name: .long, help: "The source.") var source: String
    @Option(name: .long, help: "The point id, or 'latest' (the default).") var point: String = "latest"
    @Argument(help: ArgumentHelp("Folders or files of the point to list (default: all).", valueName: "path")) var paths: [String] = []
    @Flag(name: .long, help: "Print a JSON array: path, kind, size, mode, mtime.") var json = false

    struct Row: Codable {
        var path: String
        var kind: String
        var size: Int64
        var mode: String
        var mtime: String
    }

    func run() async throws {
        let config = try repository.configuration()
        let rows = try await repository.withRepository(config: config) { repo in
            let catalog = try Catalog(stateDirectory: stateOptions.stateDirectory(config: config), repositoryID: repo.config.id)
            let found = try PointLookup.find(try await catalog.syncManifests(from: repo), source: source, point: point)
            let index = try await catalog.syncIndex(from: repo)
            return try await PointTree.entries(root: found.manifest.tree, repository: repo, index: index, include: paths).map { e in
                Row(path: e.path, kind: e.node.kind.rawValue, size: e.node.size, mode: String(e.node.mode, radix: 8),
                    mtime: Self.iso(e.node.mtime))
            }
        }
        if json {
            try JSONOutput.print(rows, pretty: true)
            return
        }
        for r in rows {
            let size = r.kind == "file" ? ByteCount.format(r.size) : "-"
            print("\(r.kind.prefix(1))\t\(r.mode)\t\(size)\t\(r.mtime)\t\(r.path)\(r.kind == "directory" ? "/" : "")")
        }
    }

    /// Nanoseconds since 1970 as `2026-11-21T22:00:00Z`.
    static func iso(_ nanoseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(nanoseconds) / 1e9))
    }
}
