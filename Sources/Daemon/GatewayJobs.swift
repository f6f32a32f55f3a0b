import BlobStore
import Catalog
import Engine
import Foundation
import Logging
import Policy
import Repository

/// The scheduler's jobs against the real repository, local store and catalog: each backup and
/// its outcome (also a failure before any byte moved, such as a source missing from the store)
/// is recorded in the catalog's job history, which `status` reads and catch-up relies on.
public struct GatewayJobs<Store: BlobStore>: PolicyJobs {
    public let config: Configuration
    public let repository: Repository<Store>
    public let store: LocalStore
    public let catalog: Catalog
    /// Deletes unreferenced data (the pruner, under the exclusive lock); returns the bytes freed.
    public let pruneAction: @Sendable () async throws -> Int64

    public init(config: Configuration, repository: Repository<Store>, store: LocalStore, catalog: Catalog, prune: @escaping @Sendable () async throws -> Int64) {
        self.config = config
        self.repository = repository
        self.store = store
        self.catalog = catalog
        self.pruneAction = prune
    }

    public func backup(source: String, now: Date) async throws -> String? {
        let job = try catalog.startJob(kind: "backup", source: source, point: nil, at: now)
        do {
            let report = try await repository.withLock(exclusive: false) { () -> BackupReport? in
                let manifests = try await catalog.syncManifests(from: repository)
                let inCloud = Set(manifests.map { "\($0.manifest.source)/\($0.manifest.point)" })
                guard let point = try BackupPlan.points(source: source, store: store, inCloud: inCloud).last else { return nil }
                try catalog.setJobPoint(job, point: point)
                let index = try await catalog.syncIndex(from: repository)
                return try await BackupJob(repository: repository, store: store).run(source: source, point: point, index: index)
            }
            try catalog.finishJob(
                job, at: Date(), succeeded: true, bytesRead: report?.bytesRead ?? 0, bytesNew: report?.bytesNew ?? 0,
                bytesUploaded: report?.bytesUploaded ?? 0, message: report == nil ? "nothing new" : nil)
            GatewayMetrics.backup(source: source, succeeded: true, report: report, at: Date())
            return report?.point
        } catch {
            try? catalog.finishJob(job, at: Date(), succeeded: false, message: error is CancellationError ? "stopped" : "\(error)")
            GatewayMetrics.backup(source: source, succeeded: false, report: nil, at: Date())
            throw error
        }
    }

    public func applyRetention(source: String, now: Date) async throws -> Int {
        let manifests = try await catalog.syncManifests(from: repository)
        let items = RetentionRun.plan(config, manifests: manifests, now: now).filter { $0.source == source }
        let expired = try await RetentionRun.apply(items, to: repository)
        if expired > 0 { try catalog.replacePoints(RetentionRun.remaining(manifests, after: items)) }
        GatewayMetrics.points(source: source, count: items.count - expired, expired: expired)
        return expired
    }

    public func prune(now: Date) async throws {
        do {
            GatewayMetrics.prune(succeeded: true, bytesFreed: try await pruneAction())
        } catch {
            GatewayMetrics.prune(succeeded: false, bytesFreed: 0)
            throw error
        }
    }

    public func lastAttempt(source: String) async -> Date? {
        (try? catalog.jobs(source: source, limit: 50))?.first { $0.kind == "backup" }?.started
    }
}
