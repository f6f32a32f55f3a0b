import AsyncHTTPClient
import NIOCore

/// A request body sent in pieces of 512 KiB: each piece is copied into a buffer small enough to
/// come from (and go back to) the allocator's heap, instead of one fresh buffer the size of the
/// whole body (16 MiB for a pack), which the kernel must fault in and zero for every request.
struct RequestBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    static let pieceSize = 512 << 10

    let bytes: [UInt8]

    /// The body for AsyncHTTPClient, with its length known (sent with Content-Length).
    static func body(_ bytes: [UInt8]) -> HTTPClientRequest.Body {
        bytes.count <= pieceSize ? .bytes(ByteBuffer(bytes: bytes)) : .stream(RequestBody(bytes: bytes), length: .known(Int64(bytes.count)))
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let bytes: [UInt8]
        var offset = 0

        mutating func next() async -> ByteBuffer? {
            guard offset < bytes.count else { return nil }
            let end = Swift.min(offset + RequestBody.pieceSize, bytes.count)
            defer { offset = end }
            return ByteBuffer(bytes: bytes[offset..<end])
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes) }
}
