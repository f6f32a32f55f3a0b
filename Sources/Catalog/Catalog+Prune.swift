import BlobStore
import Foundation
import GRDB
import Repository
import RepositoryFormat

/// A pack as the container lists it.
public struct StoredPack: Sendable, Equatable {
    /// The pack's id (its object is `data/<ab>/<id>`).
    public var id: BlobID
    /// Stored bytes.
    public var size: Int64

    /// A listed pack.
    public init(id: BlobID, size: Int64) {
        self.id = id
        self.size = size
    }
}

/// How much of one stored pack the remaining points use.
public struct PackUsage: Sendable, Equatable {
    /// The pack's id.
    public var pack: BlobID
    /// Stored bytes (blobs, header and anything the index no longer lists).
    public var size: Int64
    /// Distinct blobs the index lists in it; 0 for a pack in no index.
    public var blobs: Int
    /// Of those, the blobs points use whose kept copy is in this pack.
    public var usedBlobs: Int
    /// Their sealed bytes.
    public var usedBytes: Int64

    /// A pack's usage, as counted by `Catalog.packUsage()`.
    public init(pack: BlobID, size: Int64, blobs: Int, usedBlobs: Int, usedBytes: Int64) {
        self.pack = pack
        self.size = size
        self.blobs = blobs
        self.usedBlobs = usedBlobs
        self.usedBytes = usedBytes
    }
}

/// What prune does with a stored pack.
public enum PackAction: Int, Sendable, Codable {
    /// Stays; the new index lists only its used blobs.
    case keep = 0
    /// Its used blobs are copied into new packs, then it is deleted.
    case repack = 1
    /// Nothing in it is used (or no index lists it): deleted.
    case delete = 2
}

/// Blobs that points use but no stored pack holds (a damaged repository: prune stops).
public struct MissingBlobs: Sendable, Equatable {
    /// How many.
    public var count: Int
    /// One of them, and the pack an index lists it in (nil: in no index).
    public var example: BlobID
    public var listedPack: BlobID?
}

/// Location lookups through SQL: the catalog answers where a blob is without loading the index.
extension Catalog: BlobLocator {
    /// The blob's first indexed location (in index-file load order), or nil.
    public func location(of id: BlobID) throws -> BlobLocation? {
        try pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT pack, type, offset, length, plainLength FROM blob WHERE id = ? ORDER BY rowid LIMIT 1",
                arguments: [Data(id.bytes)])
            else { return nil }
            guard let pack = BlobID(Array(row[0] as Data)), let type = BlobType(rawValue: UInt8(row[1] as Int)) else {
                throw Self.malformed
            }
            return BlobLocation(in: pack, entry: PackEntry(type: type, id: id, offset: UInt32(row[2] as Int), length: UInt32(row[3] as Int), plainLength: UInt32(row[4] as Int)))
        }
    }

    static let malformed = CatalogError("the catalog holds a malformed blob row; delete it to rebuild it from the cloud")
}

/// Prune's work tables and queries. The tables are TEMP tables of the catalog's writer
/// connection (on disk, private to this process, gone with it), so marking millions of blobs
/// needs no memory beyond SQLite's page cache; every call here uses the writer connection.
extension Catalog {
    /// Brings the cached index up to date with the cloud like `syncIndex`, without building the
    /// in-memory index; returns how many index files were loaded and forgotten.
    @discardableResult
    public func syncIndexFiles<S: BlobStore>(from repository: Repository<S>) async throws -> (added: Int, removed: Int) {
        let cloud = Set(try await repository.indexFileNames())
        let known = try indexFileNames()
        let gone = known.subtracting(cloud)
        try removeIndexFiles(gone)
        let new = cloud.subtracting(known).sorted()
        // Eight files are fetched and opened at once, then stored in one transaction: a new
        // machine's first sync waits for neither one download nor one fsync per file.
        for start in stride(from: 0, to: new.count, by: 8) {
            try addIndexFiles(try await repository.loadIndexFiles(Array(new[start..<min(start + 8, new.count)])))
        }
        return (new.count, gone.count)
    }

    /// Creates (or empties) the work tables.
    public func beginPrune() throws {
        try pool.write { db in
            try db.execute(sql: """
                CREATE TEMP TABLE IF NOT EXISTS pruneMark(id BLOB PRIMARY KEY, pack BLOB, length INTEGER) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS temp.pruneMarkByPack ON pruneMark(pack);
                CREATE TEMP TABLE IF NOT EXISTS pruneTree(id BLOB PRIMARY KEY) WITHOUT ROWID;
                CREATE TEMP TABLE IF NOT EXISTS prunePack(id BLOB PRIMARY KEY, size INTEGER NOT NULL, action INTEGER) WITHOUT ROWID;
                CREATE TEMP TABLE IF NOT EXISTS pruneDrop(name TEXT PRIMARY KEY);
                DELETE FROM pruneMark; DELETE FROM pruneTree; DELETE FROM prunePack; DELETE FROM pruneDrop;
                """)
        }
    }

    /// Drops the work tables.
    public func endPrune() throws {
        try pool.write { db in
            try db.execute(sql: """
                DROP TABLE IF EXISTS temp.pruneMark; DROP TABLE IF EXISTS temp.pruneTree;
                DROP TABLE IF EXISTS temp.prunePack; DROP TABLE IF EXISTS temp.pruneDrop;
                """)
        }
    }

    /// Marks blobs as used and trees as visited, in one transaction.
    public func mark(blobs: [BlobID], trees: [BlobID]) throws {
        try pool.write { db in
            let blob = try db.makeStatement(sql: "INSERT OR IGNORE INTO pruneMark(id) VALUES (?)")
            for id in blobs { try blob.execute(arguments: [Data(id.bytes)]) }
            let tree = try db.makeStatement(sql: "INSERT OR IGNORE INTO pruneTree(id) VALUES (?)")
            for id in trees { try tree.execute(arguments: [Data(id.bytes)]) }
        }
    }

    /// True when the tree was marked visited.
    public func isTreeMarked(_ id: BlobID) throws -> Bool {
        try pool.write { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM pruneTree WHERE id = ?)", arguments: [Data(id.bytes)]) ?? false
        }
    }

    /// Number of blobs marked used.
    public func markedCount() throws -> Int {
        try pool.write { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pruneMark") ?? 0 }
    }

    /// Records packs the container holds.
    public func recordStoredPacks(_ packs: [StoredPack]) throws {
        try pool.write { db in
            let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO prunePack(id, size, action) VALUES (?, ?, NULL)")
            for p in packs { try insert.execute(arguments: [Data(p.id.bytes), p.size]) }
        }
    }

    /// Chooses one copy of every used blob: its first indexed location in a stored pack. Returns
    /// the used blobs no stored pack holds, or nil when there are none.
    public func locateMarked() throws -> MissingBlobs? {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE pruneMark SET (pack, length) = (
                    SELECT b.pack, b.length FROM blob b JOIN prunePack p ON p.id = b.pack
                    WHERE b.id = pruneMark.id ORDER BY b.rowid LIMIT 1)
                """)
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pruneMark WHERE pack IS NULL") ?? 0
            guard count > 0,
                let row = try Row.fetchOne(db, sql: "SELECT m.id, (SELECT b.pack FROM blob b WHERE b.id = m.id LIMIT 1) FROM pruneMark m WHERE m.pack IS NULL LIMIT 1"),
                let id = BlobID(Array(row[0] as Data))
            else { return nil }
            let listed = (row[1] as Data?).flatMap { BlobID(Array($0)) }
            return MissingBlobs(count: count, example: id, listedPack: listed)
        }
    }

    /// Every stored pack with its usage, in pack id order.
    public func packUsage() throws -> [PackUsage] {
        try pool.write { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.size,
                    (SELECT COUNT(DISTINCT b.id) FROM blob b WHERE b.pack = p.id),
                    (SELECT COUNT(*) FROM pruneMark m WHERE m.pack = p.id),
                    (SELECT COALESCE(SUM(m.length), 0) FROM pruneMark m WHERE m.pack = p.id)
                FROM prunePack p ORDER BY p.id
                """)
            var out: [PackUsage] = []
            while let row = try rows.next() {
                guard let id = BlobID(Array(row[0] as Data)) else { throw Self.malformed }
                out.append(PackUsage(pack: id, size: row[1], blobs: row[2], usedBlobs: row[3], usedBytes: row[4]))
            }
            return out
        }
    }

    /// Records the plan's action for each pack.
    public func setPackActions(_ actions: [(pack: BlobID, action: PackAction)]) throws {
        try pool.write { db in
            let update = try db.makeStatement(sql: "UPDATE prunePack SET action = ? WHERE id = ?")
            for (pack, action) in actions { try update.execute(arguments: [action.rawValue, Data(pack.bytes)]) }
        }
    }

    /// Moves the chosen copy of used blobs out of packs that go (repacked or deleted) to a copy
    /// in a kept pack where one exists, so duplicates are not copied again; returns how many moved.
    @discardableResult
    public func preferKeptCopies() throws -> Int {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE pruneMark SET (pack, length) = (
                    SELECT b.pack, b.length FROM blob b JOIN prunePack p ON p.id = b.pack
                    WHERE b.id = pruneMark.id AND p.action = 0 ORDER BY b.rowid LIMIT 1)
                WHERE pack IN (SELECT id FROM prunePack WHERE action <> 0)
                    AND EXISTS (SELECT 1 FROM blob b JOIN prunePack p ON p.id = b.pack WHERE b.id = pruneMark.id AND p.action = 0)
                """)
            return db.changesCount
        }
    }

    /// Decides which index files prune replaces: every file listing anything but the chosen
    /// copy of a used blob in a kept pack. Returns their names; the others stay as they are.
    public func planIndexFiles() throws -> [String] {
        try pool.write { db in
            try db.execute(sql: """
                DELETE FROM pruneDrop;
                INSERT INTO pruneDrop(name) SELECT i.name FROM indexFile i WHERE EXISTS (
                    SELECT 1 FROM blob b LEFT JOIN prunePack p ON p.id = b.pack LEFT JOIN pruneMark m ON m.id = b.id
                    WHERE b.indexFile = i.name AND (p.action IS NOT 0 OR m.pack IS NOT b.pack));
                """)
            return try String.fetchAll(db, sql: "SELECT name FROM pruneDrop ORDER BY name")
        }
    }

    /// The used blobs whose chosen copy is in `pack`, in pack order.
    public func usedEntries(pack: BlobID) throws -> [PackEntry] {
        try entries(pack: pack, uncoveredOnly: false)
    }

    /// The used blobs of a kept `pack` that no index file staying in place lists: what the new
    /// index files must name.
    public func uncoveredEntries(pack: BlobID) throws -> [PackEntry] {
        try entries(pack: pack, uncoveredOnly: true)
    }

    private func entries(pack: BlobID, uncoveredOnly: Bool) throws -> [PackEntry] {
        let uncovered = """
             AND NOT EXISTS (SELECT 1 FROM blob k WHERE k.pack = m.pack AND k.id = m.id
                AND k.indexFile NOT IN (SELECT name FROM pruneDrop))
            """
        return try pool.write { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT b.id, b.type, b.offset, b.length, b.plainLength
                FROM pruneMark m JOIN blob b ON b.pack = m.pack AND b.id = m.id
                WHERE m.pack = ?\(uncoveredOnly ? uncovered : "")
                GROUP BY m.id ORDER BY b.offset
                """, arguments: [Data(pack.bytes)])
            var out: [PackEntry] = []
            while let row = try rows.next() {
                guard let id = BlobID(Array(row[0] as Data)), let type = BlobType(rawValue: UInt8(row[1] as Int)) else { throw Self.malformed }
                out.append(PackEntry(type: type, id: id, offset: UInt32(row[2] as Int), length: UInt32(row[3] as Int), plainLength: UInt32(row[4] as Int)))
            }
            return out
        }
    }
}
