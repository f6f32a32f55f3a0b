import BlobStore
import Testing

@Suite struct InMemoryConformanceTests {
    @Test func inMemoryStorePassesTheSuite() async throws {
        try await Conformance(store: InMemoryBlobStore(), prefix: "t/").runAll()
    }

    @Test func missingContainerIsNotFound() async throws {
        let store = InMemoryBlobStore(createContainer: false)
        await #expect(throws: BlobStoreError.self) { try await store.put("x", body: [1]) }
        #expect(try await store.createContainer() == true)
        #expect(try await store.createContainer() == false)
        _ = try await store.put("x", body: [1])
    }
}
