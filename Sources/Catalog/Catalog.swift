import Foundation
import GRDB
import Repository
import RepositoryFormat

/// The local catalog, one SQLite database per repository under the state folder: a cache of
/// the cloud's index and points, and the history of jobs. Only a cache: deleted, it is rebuilt
/// from the cloud on the next run (job history excepted, which is local by nature).
public final class Catalog: Sendable {
    let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the catalog of repository `repositoryID` under `stateDirectory`.
    public init(stateDirectory: String, repositoryID: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw CatalogError("cannot create the state folder \(stateDirectory): \((error as NSError).localizedDescription); check --state")
        }
        path = "\(stateDirectory)/catalog-\(repositoryID.prefix(16)).sqlite"
        pool = try Self.open(path)
    }

    /// Opens and migrates the database. The daemon and commands run beside it (status, points)
    /// share the file: a writer waits for another process's write (busy timeout). Two processes
    /// creating the same catalog at once can still fail — SQLite answers one of them "database
    /// is locked" at once when switching to WAL (waiting could deadlock), and both may apply the
    /// same migration — so opening is retried for up to 5 s; the second try finds the work done.
    static func open(_ path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let deadline = Date().addingTimeInterval(5)
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try migrator.migrate(pool)
                return pool
            } catch let error as DatabaseError where Self.racing.contains(error.resultCode) && Date() < deadline {
                // Lost a race with another opener (a corrupt or unreadable file fails at once).
                usleep(UInt32.random(in: 10_000...50_000))
            } catch {
                throw CatalogError("cannot open the catalog \(path): \(error); delete it to rebuild it from the cloud")
            }
        }
    }

    /// Result codes of losing a race with another opener: locked, or a migration applied meanwhile.
    static let racing: [ResultCode] = [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_ERROR]

    /// Schema versions; never edited once shipped, only appended to.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "indexFile") { t in
                t.primaryKey("name", .text)
            }
            try db.create(table: "blob") { t in
                t.autoIncrementedPrimaryKey("rowid")
                t.column("indexFile", .text).notNull().references("indexFile", onDelete: .cascade)
                t.column("id", .blob).notNull()
                t.column("pack", .blob).notNull()
                t.column("type", .integer).notNull()
                t.column("offset", .integer).notNull()
                t.column("length", .integer).notNull()
                t.column("plainLength", .integer).notNull()
            }
            try db.create(index: "blobById", on: "blob", columns: ["id"])
            try db.create(table: "point") { t in
                t.primaryKey("manifest", .text)
                t.column("source", .text).notNull().indexed()
                t.column("point", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("server", .text).notNull()
                t.column("files", .integer).notNull()
                t.column("bytes", .integer).notNull()
                t.column("uploaded", .text).notNull()
            }
            try db.create(table: "job") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("source", .text).notNull().indexed()
                t.column("point", .text)
                t.column("started", .datetime).notNull()
                t.column("finished", .datetime)
                t.column("outcome", .text)
                t.column("bytesRead", .integer)
                t.column("bytesNew", .integer)
                t.column("bytesUploaded", .integer)
                t.column("message", .text)
            }
        }
        m.registerMigration("v2") { db in
            // Prune plans per pack and rewrites index files; removing an index file deletes by name.
            try db.create(index: "blobByPack", on: "blob", columns: ["pack", "id"])
            try db.create(index: "blobByIndexFile", on: "blob", columns: ["indexFile"])
        }
        m.registerMigration("v3") { db in
            // Whole manifests, so a job downloads only the new ones (`syncManifests`).
            try db.alter(table: "point") { t in
                t.add(column: "tree", .blob)
                t.add(column: "host", .text)
            }
        }
        return m
    }
}

/// A catalog problem; one line naming it and the fix.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
