import Foundation
import Synchronization
import Testing

@testable import Engine

@Suite struct RestoreWriterTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "restore-writer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func manyTasksThroughATinyQueueWriteEveryPiece() async throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let piece = 1000
        let pieces = 64
        let expected = (0..<(piece * pieces)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / piece) }
        let files = RestoreFiles(
            destination: RestoreDestination(root: root), files: [PlannedFile(path: "f", size: Int64(expected.count), mode: 0o640, mtime: 0)], durable: false)
        let written = WrittenBytes()
        // A queue of one byte: every write waits until the one before it is written.
        let writer = RestoreWriter(files: files, limit: 1, written: { written.add($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in (0..<pieces).reversed() {
                group.addTask {
                    let bytes = Array(expected[(i * piece)..<((i + 1) * piece)])
                    try await writer.write(RestoreWriter.Item(bytes: bytes, count: piece, targets: [(file: 0, offset: Int64(i * piece))]))
                }
            }
            try await group.waitForAll()
        }
        try await writer.finish()
        #expect(FileManager.default.contents(atPath: root + "/f").map(Array.init) == expected)
        #expect(written.total == Int64(expected.count))
        #expect(files.completed == 1)
    }

    @Test func theFirstWriteErrorIsThrownByLaterWritesAndByFinish() async throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The file's folder does not exist, so opening its partial name fails.
        let files = RestoreFiles(
            destination: RestoreDestination(root: root), files: [PlannedFile(path: "missing/f", size: 10, mode: 0o640, mtime: 0)], durable: false)
        let writer = RestoreWriter(files: files, limit: 1)
        try await writer.write(RestoreWriter.Item(bytes: Array(repeating: 1, count: 5), count: 5, targets: [(file: 0, offset: 0)]))
        var thrown: (any Error)?
        do {
            // The failed item is written before this one is queued (the queue holds one byte).
            try await writer.write(RestoreWriter.Item(bytes: Array(repeating: 2, count: 5), count: 5, targets: [(file: 0, offset: 5)]))
            try await writer.finish()
        } catch {
            thrown = error
        }
        let error = try #require(thrown as? RestoreError)
        #expect("\(error)".hasPrefix("cannot write \(root)/missing/f: No such file or directory"), "\(error)")
        await #expect(throws: RestoreError.self) { try await writer.finish() }
    }

    @Test func abandoningDropsWhatIsQueued() async throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = RestoreFiles(
            destination: RestoreDestination(root: root), files: [PlannedFile(path: "f", size: 4, mode: 0o640, mtime: 0)], durable: false)
        let writer = RestoreWriter(files: files)
        await writer.abandon()
        await #expect(throws: RestoreError.self) {
            try await writer.write(RestoreWriter.Item(bytes: [1, 2, 3, 4], count: 4, targets: [(file: 0, offset: 0)]))
        }
        #expect(files.completed == 0)
        #expect(!FileManager.default.fileExists(atPath: root + "/f"))
    }
}

/// Bytes reported written, from the writer's thread.
final class WrittenBytes: Sendable {
    private let bytes = Mutex(Int64(0))
    func add(_ n: Int64) { bytes.withLock { $0 += n } }
    var total: Int64 { bytes.withLock { $0 } }
}
