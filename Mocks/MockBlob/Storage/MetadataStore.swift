/// What a restart recovers: containers, committed blobs and staged blocks.
struct PersistedState: Sendable {
    var containers: [ContainerKey: ContainerRecord] = [:]
    var blobs: [BlobKey: BlobRecord] = [:]
    /// Staged blocks per blob, oldest first.
    var staged: [BlobKey: [(id: String, data: DataRef)]] = [:]
}

/// Persists container and blob records so they survive a restart; every save is atomic.
protocol MetadataStore: Sendable {
    /// Reads everything stored, discarding leftovers of interrupted writes.
    func load() throws -> PersistedState
    func save(_ record: ContainerRecord, for key: ContainerKey) throws
    func removeContainer(_ key: ContainerKey) throws
    func save(_ record: BlobRecord, for key: BlobKey) throws
    func removeBlob(_ key: BlobKey) throws
}

/// The in-memory configuration persists nothing.
struct NoMetadataStore: MetadataStore {
    func load() throws -> PersistedState { PersistedState() }
    func save(_ record: ContainerRecord, for key: ContainerKey) throws {}
    func removeContainer(_ key: ContainerKey) throws {}
    func save(_ record: BlobRecord, for key: BlobKey) throws {}
    func removeBlob(_ key: BlobKey) throws {}
}
