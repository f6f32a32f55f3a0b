import BlobStore
import Catalog
import Repository
import RepositoryFormat

extension Pruner {
    /// Copies the used blobs of `packs` into new packs, each blob authenticated first; returns
    /// the packs and bytes written. Only the used parts of a pack are read (`PackRanges`: close
    /// blobs share a ranged read). A corrupt blob stops the prune before anything is deleted.
    func repack(_ packs: [PackUsage], index: inout PruneIndexWriter<Store, Index>) async throws -> (packs: Int, bytes: Int64) {
        let codec = repository.keys.codec
        var writer = PackWriter(reservingCapacity: packSize + (1 << 20))
        var written: (packs: Int, bytes: Int64) = (0, 0)
        for usage in packs {
            let name = IndexFile.packName(usage.pack)
            let locations = try catalog.usedEntries(pack: usage.pack).map { BlobLocation(in: usage.pack, entry: $0) }
            for range in PackRanges.plan(locations) {
                let bytes = try await repository.store.get(name, range: ByteRange(offset: range.offset, count: range.length))
                guard bytes.count == Int(range.length) else {
                    throw RepositoryError.corruptObject(name: name, reason: "\(bytes.count) bytes read at \(range.offset), \(range.length) expected")
                }
                for e in range.entries {
                    let start = Int(Int64(e.offset) - range.offset)
                    let sealed = Array(bytes[start..<(start + Int(e.length))])
                    do {
                        _ = try sealed.withUnsafeBytes { try codec.decode($0, id: e.id, plainLength: Int(e.plainLength), recomputeID: false) }
                    } catch {
                        throw RepositoryError.corruptObject(name: name, reason: "blob \(e.id.hex.prefix(12)): \(error)")
                    }
                    writer.add(type: e.type, id: e.id, sealed: sealed, plainLength: Int(e.plainLength))
                    if writer.size >= packSize {
                        let full = writer
                        writer = PackWriter(reservingCapacity: packSize + (1 << 20))
                        try await save(full, index: &index, written: &written)
                    }
                }
            }
        }
        if !writer.entries.isEmpty { try await save(writer, index: &index, written: &written) }
        return written
    }

    private func save(_ writer: PackWriter, index: inout PruneIndexWriter<Store, Index>, written: inout (packs: Int, bytes: Int64)) async throws {
        let (pack, size) = try await repository.savePack(writer)
        written.packs += 1
        written.bytes += Int64(size)
        try await index.add(pack)
    }
}
