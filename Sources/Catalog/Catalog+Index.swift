import BlobStore
import Foundation
import GRDB
import Repository
import RepositoryFormat

extension Catalog {
    /// Index files the catalog holds.
    public func indexFileNames() throws -> Set<String> {
        try pool.read { db in Set(try String.fetchAll(db, sql: "SELECT name FROM indexFile")) }
    }

    /// Adds one index file and its blobs, in one transaction.
    public func addIndexFile(_ name: String, _ file: IndexFile) throws {
        try addIndexFiles([(name, file)])
    }

    /// Adds index files and their blobs, all in one transaction.
    public func addIndexFiles(_ files: [(name: String, file: IndexFile)]) throws {
        try pool.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO blob(indexFile, id, pack, type, offset, length, plainLength) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for (name, file) in files {
                try db.execute(sql: "INSERT OR IGNORE INTO indexFile(name) VALUES (?)", arguments: [name])
                for pack in file.packs {
                    for e in pack.blobs {
                        try insert.execute(arguments: [name, Data(e.id.bytes), Data(pack.id.bytes), Int(e.type.rawValue), Int(e.offset), Int(e.length), Int(e.plainLength)])
                    }
                }
            }
        }
    }

    /// Forgets index files (and their blobs) the cloud no longer has.
    public func removeIndexFiles(_ names: Set<String>) throws {
        guard !names.isEmpty else { return }
        try pool.write { db in
            for name in names {
                try db.execute(sql: "DELETE FROM blob WHERE indexFile = ?", arguments: [name])
                try db.execute(sql: "DELETE FROM indexFile WHERE name = ?", arguments: [name])
            }
        }
    }

    /// The cached index, as the backup engine uses it.
    public func loadIndex() throws -> RepositoryIndex {
        try pool.read { db in
            var byFile: [String: [BlobID: [PackEntry]]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT indexFile, id, pack, type, offset, length, plainLength FROM blob")
            while let row = try rows.next() {
                let file: String = row[0]
                guard let id = BlobID(Array(row[1] as Data)), let pack = BlobID(Array(row[2] as Data)),
                    let type = BlobType(rawValue: UInt8(row[3] as Int))
                else { throw CatalogError("the catalog holds a malformed blob row; delete it to rebuild it from the cloud") }
                byFile[file, default: [:]][pack, default: []].append(
                    PackEntry(type: type, id: id, offset: UInt32(row[4] as Int), length: UInt32(row[5] as Int), plainLength: UInt32(row[6] as Int)))
            }
            var index = RepositoryIndex()
            for (name, packs) in byFile {
                index.add(IndexFile(packs: packs.map { IndexFile.Pack(id: $0.key, blobs: $0.value) }), from: name)
            }
            return index
        }
    }

    /// Brings the cached index up to date with the cloud: loads only index files it lacks and
    /// forgets those the cloud deleted; returns the index.
    public func syncIndex<S: BlobStore>(from repository: Repository<S>) async throws -> RepositoryIndex {
        _ = try await syncIndexFiles(from: repository)
        return try loadIndex()
    }
}
