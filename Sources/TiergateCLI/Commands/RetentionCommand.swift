import ArgumentParser
import Catalog
import Daemon
import Foundation
import Policy

/// `tiergate retention apply`: applies the groups' retention policies to the cloud points.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Applies the groups' retention policies.", subcommands: [Apply.self])

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Expires the cloud points no retention rule keeps (their data goes at the next prune).",
            discussion: "Points of sources in no group are left alone. Each point's line names the rules that keep it.")

        @OptionGroup var repository: RepositoryOptions
        @OptionGroup var stateOptions: StateOptions
        @Flag(name: .long, help: "Show what would expire without removing anything.") var dryRun = false
        @Option(name: .long, help: ArgumentHelp("Evaluate as of this time (ISO 8601, or YYYY-MM-DD for midnight in the configured time zone); implies nothing about --dry-run.", valueName: "time"))
        var at: String?
        @Flag(name: .long, help: "Print a JSON array: source, point, keep, rules.") var json = false

        func run() async throws {
            let config = try repository.configOptions.load()
            let now = try at.map { try Self.parseTime($0, timeZone: config.timeZone) } ?? Date()
            let items = try await repository.withRepository(config: config) { repo in
                let catalog = try Catalog(stateDirectory: stateOptions.stateDirectory(config: config), repositoryID: repo.config.id)
                let manifests = try await catalog.syncManifests(from: repo)
                let items = RetentionRun.plan(config, manifests: manifests, now: now)
                if !dryRun {
                    try await RetentionRun.apply(items, to: repo)
                    try catalog.replacePoints(RetentionRun.remaining(manifests, after: items))
                }
                return items
            }
            if json {
                try JSONOutput.print(items, pretty: true)
                return
            }
            for i in items {
                print("\(i.source)\t\(i.point)\t\(i.keep ? "keep" : (dryRun ? "would expire" : "expired"))\t\(i.rules.joined(separator: ","))")
            }
            let expired = items.filter { !$0.keep }.count
            print("\(items.count) points, \(expired) \(dryRun ? "would expire" : "expired")\(expired > 0 && !dryRun ? "; run 'tiergate prune' to free their data" : "")")
        }

        /// `2026-12-01T00:00:00Z`, `2026-12-01T01:00:00+01:00`, or `2026-12-01` (midnight in `timeZone`).
        static func parseTime(_ text: String, timeZone: TimeZone) throws -> Date {
            let full = ISO8601DateFormatter()
            if let date = full.date(from: text) { return date }
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_US_POSIX")
            day.timeZone = timeZone
            day.dateFormat = "yyyy-MM-dd"
            if let date = day.date(from: text) { return date }
            throw CLIError("--at \(text): not a time; use 2026-12-01T22:00:00Z or 2026-12-01")
        }
    }
}
