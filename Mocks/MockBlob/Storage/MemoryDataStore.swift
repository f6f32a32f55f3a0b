import Foundation
import Hummingbird

/// Keeps objects as lists of received buffers, in memory.
final class MemoryDataStore: DataStore, @unchecked Sendable {
    private let lock = NSLock()
    private var objects: [String: [ByteBuffer]] = [:]

    func makeWriter(for key: BlobKey, blockID: String?) throws -> any DataWriter {
        MemoryWriter(store: self)
    }

    fileprivate func store(_ buffers: [ByteBuffer], size: Int64) -> DataRef {
        let id = UUID().uuidString
        lock.withLock { objects[id] = buffers }
        return DataRef(id: id, size: size)
    }

    func read(
        _ ref: DataRef, offset: Int64, length: Int64, chunk: Int,
        _ body: (ByteBuffer) async throws -> Void
    ) async throws {
        guard let buffers = lock.withLock({ objects[ref.id] }) else { throw BlobError.serverFailure }
        var skip = offset
        var remaining = length
        for buffer in buffers where remaining > 0 {
            let count = Int64(buffer.readableBytes)
            if skip >= count {
                skip -= count
                continue
            }
            var start = Int(skip)
            skip = 0
            while remaining > 0 && start < buffer.readableBytes {
                let n = min(chunk, buffer.readableBytes - start, Int(clamping: remaining))
                try await body(buffer.getSlice(at: buffer.readerIndex + start, length: n)!)
                start += n
                remaining -= Int64(n)
            }
        }
    }

    func sync(_ refs: [DataRef]) async throws {}

    func remove(_ refs: [DataRef]) {
        lock.withLock { for r in refs { objects[r.id] = nil } }
    }
}

private final class MemoryWriter: DataWriter {
    let store: MemoryDataStore
    var buffers: [ByteBuffer] = []
    var size: Int64 = 0

    init(store: MemoryDataStore) { self.store = store }

    func write(_ buffer: ByteBuffer) throws {
        guard buffer.readableBytes > 0 else { return }
        buffers.append(buffer)
        size += Int64(buffer.readableBytes)
    }

    func finish(sync: Bool) async throws -> DataRef {
        store.store(buffers, size: size)
    }

    func abort() { buffers = [] }
}
