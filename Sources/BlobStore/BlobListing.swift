/// The blobs under a prefix, as an async sequence that fetches one page at a time.
public struct BlobListing: AsyncSequence, Sendable {
    public typealias Element = BlobInfo

    /// A page of results and the marker of the next page (nil when done).
    public typealias Page = (blobs: [BlobInfo], nextMarker: String?)

    private let fetch: @Sendable (_ marker: String?) async throws -> Page

    /// A listing that calls `fetch` with nil, then with each returned marker, until none is returned.
    public init(fetch: @escaping @Sendable (_ marker: String?) async throws -> Page) {
        self.fetch = fetch
    }

    /// Fetches one page directly: the first with nil, the next with the marker returned before.
    public func page(after marker: String?) async throws -> Page { try await fetch(marker) }

    public func makeAsyncIterator() -> Iterator { Iterator(fetch: fetch) }

    /// Walks the pages.
    public struct Iterator: AsyncIteratorProtocol {
        let fetch: @Sendable (String?) async throws -> Page
        var buffer: [BlobInfo] = []
        var index = 0
        var marker: String?
        var done = false

        public mutating func next() async throws -> BlobInfo? {
            while index == buffer.count {
                if done { return nil }
                let page = try await fetch(marker)
                buffer = page.blobs
                index = 0
                marker = page.nextMarker
                done = page.nextMarker?.isEmpty ?? true
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    /// Every blob of the listing in an array.
    public func collect() async throws -> [BlobInfo] {
        var all: [BlobInfo] = []
        for try await blob in self { all.append(blob) }
        return all
    }
}
