import Engine
import Foundation
import Policy
import Repository

/// One point's retention decision, as `tiergate retention apply --json` prints it.
public struct RetentionItem: Codable, Sendable, Equatable {
    public var source: String
    public var point: String
    public var keep: Bool
    /// The rules that keep it (`daily`, `weekly`, `monthly`, `yearly`, `newest`); empty when it expires.
    public var rules: [String]
    /// The manifest object that makes the point visible.
    public var manifest: String
}

/// Applies the groups' retention policies to the cloud points: evaluates every point of every
/// group member at `now` and deletes the manifests of expired points (their data goes at the
/// next prune). Points of sources in no group are never touched.
public enum RetentionRun {
    /// The decisions for every point of every member source, sorted by source and point.
    public static func plan(_ config: Configuration, manifests: [(name: String, manifest: Manifest)], now: Date) -> [RetentionItem] {
        var items: [RetentionItem] = []
        for group in config.groups {
            let evaluator = RetentionEvaluator(policy: group.retention, timeZone: config.timeZone)
            for source in group.members {
                let points = manifests.filter { $0.manifest.source == source }
                    .compactMap { m in PointID.date(m.manifest.point).map { (m, $0) } }
                    .sorted { $0.0.manifest.point < $1.0.manifest.point }
                let decisions = evaluator.evaluate(points: points.map(\.1), now: now)
                for ((m, _), d) in zip(points, decisions) {
                    items.append(RetentionItem(source: source, point: m.manifest.point, keep: d.keep, rules: d.rules.map(\.rawValue), manifest: m.name))
                }
            }
        }
        return items.sorted { ($0.source, $0.point) < ($1.source, $1.point) }
    }

    /// The manifests still visible once the expired items' manifests are deleted.
    public static func remaining(_ manifests: [(name: String, manifest: Manifest)], after items: [RetentionItem]) -> [(name: String, manifest: Manifest)] {
        let expired = Set(items.filter { !$0.keep }.map(\.manifest))
        return manifests.filter { !expired.contains($0.name) }
    }

    /// Deletes the manifests of the expired items; returns how many points expired.
    @discardableResult
    public static func apply<S>(_ items: [RetentionItem], to repository: Repository<S>) async throws -> Int {
        var expired = 0
        for item in items where !item.keep {
            try await repository.deleteManifest(item.manifest)
            expired += 1
        }
        return expired
    }
}
