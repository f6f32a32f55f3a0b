import ArgumentParser
import Catalog
import Engine
import Foundation
import Repository

/// `tiergate points`: the cloud recovery points.
struct PointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "points", abstract: "Lists the cloud recovery points.")

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var stateOptions: StateOptions
    @Option(name: .long, help: "Only this source.") var source: String?
    @Flag(name: .long, help: "Draw month calendars with the days that have points marked (days in UTC, like point ids).") var calendar = false
    @Flag(name: .long, help: "Print a JSON array.") var json = false

    func validate() throws {
        if calendar && json { throw ValidationError("--calendar and --json exclude each other") }
    }

    struct Row: Codable {
        var source: String
        var point: String
        var kind: String
        var server: String
        var files: Int
        var bytes: Int64
        var uploaded: String
    }

    func run() async throws {
        let config = try repository.configuration()
        let rows = try await repository.withRepository(config: config) { repo in
            // The cloud is authoritative; the catalog keeps a copy for status and schedules.
            let manifests = try await Catalog(stateDirectory: stateOptions.stateDirectory(config: config), repositoryID: repo.config.id)
                .syncManifests(from: repo)
            return manifests.map(\.manifest).filter { source == nil || $0.source == source }.map {
                Row(source: $0.source, point: $0.point, kind: $0.kind, server: $0.server, files: $0.files, bytes: $0.bytes, uploaded: $0.uploaded)
            }
        }
        if json {
            try JSONOutput.print(rows, pretty: true)
            return
        }
        if rows.isEmpty { print("no cloud recovery points\(source.map { " for \($0)" } ?? "")") }
        if calendar {
            printCalendars(rows)
            return
        }
        for r in rows {
            print("\(r.source)\t\(r.point)\t\(r.kind)\t\(r.files) files\t\(ByteCount.format(r.bytes))")
        }
    }

    /// One set of month calendars per source.
    func printCalendars(_ rows: [Row]) {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let view = PointCalendar(calendar: utc, terminal: isatty(STDOUT_FILENO) != 0)
        for s in Set(rows.map(\.source)).sorted() {
            let dates = rows.filter { $0.source == s }.compactMap { PointID.date($0.point) }
            print("\(s): \(dates.count) cloud points\(view.terminal ? "" : " (* marks a day with a point)")\n")
            print(view.render(dates))
        }
    }
}
