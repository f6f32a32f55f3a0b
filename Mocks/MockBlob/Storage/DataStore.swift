import Foundation
import Hummingbird

/// Holds the bytes of Put Blob bodies and blocks, each an immutable object named by a ``DataRef``.
protocol DataStore: Sendable {
    /// Starts a new object for `key`: a staged block when `blockID` is set, else a whole blob body.
    func makeWriter(for key: BlobKey, blockID: String?) throws -> any DataWriter
    /// Calls `body` with the bytes `offset..<offset+length` of `ref`, in chunks of at most `chunk` bytes.
    func read(
        _ ref: DataRef, offset: Int64, length: Int64, chunk: Int,
        _ body: (ByteBuffer) async throws -> Void
    ) async throws
    /// Makes `refs` durable before a commit refers to them.
    func sync(_ refs: [DataRef]) async throws
    /// Deletes objects nothing refers to any more.
    func remove(_ refs: [DataRef])
}

/// Receives one object's bytes; `finish` makes it visible, `abort` discards it.
protocol DataWriter: AnyObject {
    /// Appends bytes.
    func write(_ buffer: ByteBuffer) throws
    /// Completes the object (fsynced first when `sync`) and returns its reference.
    func finish(sync: Bool) async throws -> DataRef
    /// Discards everything written.
    func abort()
}

/// Runs blocking file-system work off the cooperative thread pool.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
