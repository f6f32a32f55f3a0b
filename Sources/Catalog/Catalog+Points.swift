import BlobStore
import Foundation
import GRDB
import Repository
import RepositoryFormat

extension Catalog {
    /// Brings the cached points up to date with the cloud and returns every manifest, sorted by
    /// source and point. Manifests are named by the hash of their content, so one already cached
    /// under its name is not downloaded again: a listing and the new manifests, instead of one
    /// GET per point for every job (a source may hold close to 9,999 points).
    public func syncManifests<S: BlobStore>(from repository: Repository<S>) async throws -> [(name: String, manifest: Manifest)] {
        let manifests = try await repository.loadManifests(known: try cachedManifests())
        try replacePoints(manifests)
        return manifests
    }

    /// The cached manifests by object name (rows cached before the tree and host were kept are
    /// left out, so they are downloaded once more).
    public func cachedManifests() throws -> [String: Manifest] {
        try pool.read { db in
            var out: [String: Manifest] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT * FROM point WHERE tree IS NOT NULL AND host IS NOT NULL") {
                guard let data = r["tree"] as Data?, let tree = BlobID(Array(data)) else { continue }
                out[r["manifest"]] = Manifest(
                    source: r["source"], kind: r["kind"], server: r["server"], point: r["point"], uploaded: r["uploaded"],
                    tree: tree, files: r["files"], bytes: r["bytes"], host: r["host"])
            }
            return out
        }
    }

    /// Replaces the cached points with the cloud's manifests.
    public func replacePoints(_ manifests: [(name: String, manifest: Manifest)]) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM point")
            for (name, m) in manifests {
                try db.execute(
                    sql: "INSERT INTO point(manifest, source, point, kind, server, files, bytes, uploaded, tree, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [name, m.source, m.point, m.kind, m.server, m.files, m.bytes, m.uploaded, Data(m.tree.bytes), m.host])
            }
        }
    }

    /// Cached points of a source (or all), oldest first: (source, point).
    public func points(source: String? = nil) throws -> [(source: String, point: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT source, point FROM point WHERE (? IS NULL OR source = ?) ORDER BY source, point", arguments: [source, source])
                .map { ($0[0], $0[1]) }
        }
    }
}
