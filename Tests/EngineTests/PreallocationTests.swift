import Foundation
import Testing

@testable import Engine

@Suite struct ZeroRunsTests {
    @Test func runsThatTouchAreJoinedInAnyOrder() {
        var runs = ZeroRuns()
        runs.add(offset: 200, count: 100)
        runs.add(offset: 0, count: 100)
        runs.add(offset: 100, count: 100)  // joins both neighbours
        runs.add(offset: 500, count: 10)
        runs.add(offset: 400, count: 0)  // nothing
        #expect(runs.runs == [0: 300, 500: 510])
    }

    @Test func onlyWholePagesInsideARunAreFreed() {
        var runs = ZeroRuns()
        runs.add(offset: 100, count: 10_000)  // pages 4096..<8192 only
        runs.add(offset: 20_480, count: 4096)  // exactly one page
        runs.add(offset: 30_000, count: 1000)  // no whole page
        #expect(runs.pages(4096) == [4096..<8192, 20_480..<24_576])
    }
}

@Suite struct PreallocationTests {
    /// Bytes of `path` allocated on disk.
    func allocated(_ path: String) -> Int64 {
        var st = stat()
        #expect(stat(path, &st) == 0)
        return Int64(st.st_blocks) * 512
    }

    @Test func aLargeFileStaysSparseWhereItsChunksAreZeroes() throws {
        let root = NSTemporaryDirectory() + "prealloc-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // 4 MiB in 64 KiB chunks: the middle 2 MiB are zero chunks (written as nil), the rest data.
        let chunk = 64 << 10
        let size = 4 << 20
        var expected = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
        let zeroes = (1 << 20)..<(3 << 20)
        expected.replaceSubrange(zeroes, with: repeatElement(0, count: zeroes.count))
        let files = RestoreFiles(
            destination: RestoreDestination(root: root), files: [PlannedFile(path: "image", size: Int64(size), mode: 0o600, mtime: 0)], durable: true)
        // In an order other than the file's, as packs deliver them.
        let order = (0..<(size / chunk)).sorted { ($0 * 37) % 64 < ($1 * 37) % 64 }
        for i in order {
            let range = (i * chunk)..<((i + 1) * chunk)
            if zeroes.contains(range.lowerBound) {
                try files.write(nil, count: chunk, file: 0, at: Int64(range.lowerBound))
            } else {
                try expected[range].withUnsafeBytes { try files.write($0, count: chunk, file: 0, at: Int64(range.lowerBound)) }
            }
        }
        #expect(files.completed == 1)
        let path = root + "/image"
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == expected)
        // Where the file system supports allocation and holes (ext4, xfs, tmpfs), the zeroes take no room.
        #expect(allocated(path) <= Int64(size - zeroes.count) + (64 << 10), "\(allocated(path)) bytes allocated")
    }
}
