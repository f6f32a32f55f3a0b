import BlobStore
import Catalog
import Repository

/// Gathers the packs prune keeps or writes into index files of about `limit` blobs each (a
/// pack is never split), writes each file and adds it to the catalog.
struct PruneIndexWriter<Store: BlobStore, Index: PruneCatalog> {
    let repository: Repository<Store>
    let catalog: Index
    let limit: Int
    private var packs: [IndexFile.Pack] = []
    private var blobs = 0
    /// Index files written so far.
    private(set) var written = 0

    init(repository: Repository<Store>, catalog: Index, limit: Int) {
        self.repository = repository
        self.catalog = catalog
        self.limit = limit
    }

    mutating func add(_ pack: IndexFile.Pack) async throws {
        packs.append(pack)
        blobs += pack.blobs.count
        if blobs >= limit { try await flush() }
    }

    /// Writes the gathered packs, if any, as one index file.
    mutating func flush() async throws {
        guard !packs.isEmpty else { return }
        let file = IndexFile(packs: packs)
        let name = try await repository.saveIndex(file)
        try catalog.addIndexFile(name, file)
        packs = []
        blobs = 0
        written += 1
    }
}
