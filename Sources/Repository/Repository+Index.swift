import BlobStore
import Foundation
import RepositoryFormat

extension Repository {
    /// Loads every index file of the repository.
    public func loadIndex() async throws -> RepositoryIndex {
        var index = RepositoryIndex()
        for (name, file) in try await loadIndexFiles(try await indexFileNames()) { index.add(file, from: name) }
        return index
    }

    /// The named index files, checked and decoded, eight at a time.
    public func loadIndexFiles(_ names: [String]) async throws -> [(name: String, file: IndexFile)] {
        try await loadEach(names) { try await self.loadIndexFile($0) }.map { ($0.key, $0.value) }
    }

    /// `load` applied to each key, `atOnce` at a time (a new machine reads thousands of index
    /// files and manifests, a prune thousands of trees: one round trip per batch, not per
    /// object); in the order of `keys`.
    public func loadEach<Key: Sendable, T: Sendable>(
        _ keys: [Key], atOnce: Int = 8, _ load: @escaping @Sendable (Key) async throws -> T
    ) async throws -> [(key: Key, value: T)] {
        var out: [(key: Key, value: T)] = []
        out.reserveCapacity(keys.count)
        let step = max(1, atOnce)
        for start in stride(from: 0, to: keys.count, by: step) {
            let batch = Array(keys[start..<min(start + step, keys.count)])
            let loaded = try await withThrowingTaskGroup(of: (Int, T).self) { group in
                for (i, key) in batch.enumerated() { group.addTask { (i, try await load(key)) } }
                var values = [T?](repeating: nil, count: batch.count)
                for try await (i, value) in group { values[i] = value }
                return values
            }
            for (key, value) in zip(batch, loaded) { out.append((key, value!)) }
        }
        return out
    }

    /// Names of the repository's index files.
    public func indexFileNames() async throws -> [String] {
        try await store.list(prefix: "index/").collect().map(\.name)
    }

    /// One index file, checked and decoded.
    public func loadIndexFile(_ name: String) async throws -> IndexFile {
        let plain = try await loadSealed(name)
        guard let file = IndexFile(decoding: plain) else {
            throw RepositoryError.corruptObject(name: name, reason: "not an index file")
        }
        return file
    }

    /// Writes an index file; returns its name.
    public func saveIndex(_ file: IndexFile) async throws -> String {
        try Self.checkLockHeld()
        return try await saveSealed(file.encoded(), prefix: "index")
    }

    /// Reads one blob from its pack with a ranged read, authenticated and checked against its id.
    public func loadBlob(_ location: BlobLocation) async throws -> [UInt8] {
        let e = location.entry
        let name = IndexFile.packName(location.pack)
        let sealed = try await store.get(name, range: ByteRange(offset: Int64(e.offset), count: Int64(e.length)))
        do {
            return try sealed.withUnsafeBytes { try keys.codec.decode($0, id: e.id, plainLength: Int(e.plainLength)) }
        } catch {
            throw RepositoryError.corruptObject(name: name, reason: "blob \(e.id.hex.prefix(12)): \(error)")
        }
    }
}

extension Repository {
    /// Writes a manifest (last, after its data and index); returns its name.
    public func saveManifest(_ manifest: Manifest) async throws -> String {
        try Self.checkLockHeld()
        return try await saveSealed(Array(try JSONEncoder().encode(manifest)), prefix: "points")
    }

    /// Every manifest of the repository, with its object name; those in `known` (cached by name:
    /// a name is the hash of the sealed content, so it never changes) are not downloaded again.
    public func loadManifests(known: [String: Manifest] = [:]) async throws -> [(name: String, manifest: Manifest)] {
        var out: [(String, Manifest)] = []
        var missing: [String] = []
        for try await info in store.list(prefix: "points/") {
            if let m = known[info.name] { out.append((info.name, m)) } else { missing.append(info.name) }
        }
        for (name, m) in try await loadEach(missing, { try await self.loadManifest($0) }) { out.append((name, m)) }
        return out.sorted { ($0.1.source, $0.1.point) < ($1.1.source, $1.1.point) }
    }

    /// One manifest, opened and decoded.
    func loadManifest(_ name: String) async throws -> Manifest {
        let plain = try await loadSealed(name)
        guard let m = try? JSONDecoder().decode(Manifest.self, from: Data(plain)) else {
            throw RepositoryError.corruptObject(name: name, reason: "not a manifest")
        }
        return m
    }

    /// A tree blob, decoded.
    public func loadTree(_ id: BlobID, index: RepositoryIndex) async throws -> Tree {
        try await loadTree(id, locator: index)
    }
}

extension Repository {
    /// A file's whole content, from its chunks (small files and tests; restore streams instead).
    public func readFile(_ node: Tree.Node, index: RepositoryIndex) async throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Int(node.size))
        for id in node.content ?? [] {
            guard let location = index.blobs[id] else {
                throw RepositoryError.corruptObject(name: "chunk \(id.hex.prefix(12)) of \(node.name)", reason: "not in the index")
            }
            out += try await loadBlob(location)
        }
        return out
    }
}
