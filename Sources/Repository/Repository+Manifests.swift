import BlobStore

extension Repository {
    /// Deletes a point's manifest: the point is no longer visible (its data stays until prune).
    /// A manifest already gone counts as deleted.
    public func deleteManifest(_ name: String) async throws {
        precondition(name.hasPrefix("points/"), "not a manifest: \(name)")
        do {
            try await store.delete(name, leaseID: nil)
        } catch let error as BlobStoreError where error.kind == .notFound {
            return
        }
    }
}
