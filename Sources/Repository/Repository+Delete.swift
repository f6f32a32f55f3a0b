import BlobStore
import RepositoryFormat

extension Repository {
    /// Finishes `writer` into a pack, uploads it as `data/<ab>/<sha-256>` (the format and naming
    /// `PackUploader` uses) and returns its index entry.
    public func savePack(_ writer: consuming PackWriter) async throws -> (pack: IndexFile.Pack, size: Int) {
        let entries = writer.entries
        let (bytes, id) = await PackUploader<Store>.seal(writer, key: keys.sealing)
        _ = try await store.put(IndexFile.packName(id), body: bytes, options: PutOptions(overwrite: true))
        return (IndexFile.Pack(id: id, blobs: entries), bytes.count)
    }

    /// Deletes an index file; one already gone counts as deleted (a repeated prune after a kill).
    /// Only under the exclusive lock: a running backup may depend on it.
    public func deleteIndexFile(_ name: String) async throws {
        try await deleteIfPresent(name)
    }

    /// Deletes a pack; one already gone counts as deleted. Only under the exclusive lock, and
    /// only once no index file names it.
    public func deletePack(_ id: BlobID) async throws {
        try await deleteIfPresent(IndexFile.packName(id))
    }

    private func deleteIfPresent(_ name: String) async throws {
        try Self.checkLockHeld()
        do {
            try await store.delete(name)
        } catch let error as BlobStoreError where error.kind == .notFound {
            return
        }
    }
}

extension IndexFile {
    /// The pack id of an object name `data/<ab>/<id>`, or nil for any other name.
    public static func packID(fromName name: String) -> BlobID? {
        let parts = name.split(separator: "/")
        guard parts.count == 3, parts[0] == "data", let id = BlobID(hex: String(parts[2])), parts[1] == id.hex.prefix(2) else { return nil }
        return id
    }
}
