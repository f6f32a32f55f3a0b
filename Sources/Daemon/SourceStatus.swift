import Catalog
import Foundation
import Policy
import Repository

/// One source's line of `tiergate status`.
public struct SourceStatus: Codable, Sendable, Equatable {
    /// One backup attempt from the job history.
    public struct Backup: Codable, Sendable, Equatable {
        public var started: Date
        public var finished: Date?
        /// `succeeded`, `failed` or `running`.
        public var outcome: String
        public var point: String?
        public var message: String?
    }

    public var source: String
    /// Its protection group; nil when no group names it (no online schedule).
    public var group: String?
    /// False when the configuration names a source the local store does not have.
    public var inStore: Bool
    public var lastBackup: Backup?
    /// The last successful one, when the last attempt failed.
    public var lastSuccess: Backup?
    public var nextBackup: Date?
    /// Cloud points of the source and their plaintext bytes.
    public var points: Int
    public var cloudBytes: Int64
    /// Bytes sent for the source's backups over the job history, and bytes read ÷ bytes sent.
    public var bytesUploaded: Int64
    public var dedupRatio: Double?
    /// Offline seeding: none yet (seeding packages are not implemented).
    public var seeding: String

    /// Status of every source the configuration, the local store or the cloud knows, sorted.
    public static func build(
        config: Configuration?, storeSources: [String], manifests: [Manifest], jobs: (String) throws -> [JobRecord], now: Date
    ) throws -> [SourceStatus] {
        let named = config?.groups.flatMap(\.members) ?? []
        let all = Set(named + storeSources + manifests.map(\.source)).sorted()
        return try all.map { source in
            let group = config?.group(of: source)
            let history = try jobs(source).filter { $0.kind == "backup" }
            let backups = history.map { Backup(started: $0.started, finished: $0.finished, outcome: $0.outcome, point: $0.point, message: $0.message) }
            let points = manifests.filter { $0.source == source }
            let read = history.compactMap(\.bytesRead).reduce(0, +)
            let sent = history.compactMap(\.bytesUploaded).reduce(0, +)
            return SourceStatus(
                source: source, group: group?.name, inStore: storeSources.contains(source),
                lastBackup: backups.first,
                lastSuccess: backups.first?.outcome == "succeeded" ? nil : backups.first { $0.outcome == "succeeded" },
                nextBackup: config.flatMap { c in group?.schedule.nextFire(after: now, calendar: c.calendar) },
                points: points.count, cloudBytes: points.reduce(0) { $0 + $1.bytes },
                bytesUploaded: sent, dedupRatio: sent > 0 ? Double(read) / Double(sent) : nil, seeding: "none")
        }
    }
}
