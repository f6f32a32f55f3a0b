import Foundation
import PageCacheProbe
import Testing

@testable import Engine

@Suite struct DropBehindTests {
    @Test func aDurableRestoreLeavesItsFileWholeAndOutOfThePageCache() throws {
        let root = NSTemporaryDirectory() + "drop-behind-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // 4 MiB in pieces of 10,007 bytes (not page-aligned), written in windows of 8 pieces
        // in reverse, with writeback (and drop-behind) every 64 KiB.
        let size = 4 << 20
        let expected = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
        let files = RestoreFiles(
            destination: RestoreDestination(root: root), files: [PlannedFile(path: "f", size: Int64(size), mode: 0o640, mtime: 0)],
            durable: true, writebackEvery: 64 << 10)
        let piece = 10_007
        let starts = Array(stride(from: 0, to: size, by: piece))
        for window in stride(from: 0, to: starts.count, by: 8) {
            for start in starts[window..<min(window + 8, starts.count)].reversed() {
                let count = min(piece, size - start)
                try expected[start..<(start + count)].withUnsafeBytes {
                    try files.write($0, count: count, file: 0, at: Int64(start))
                }
            }
        }
        #expect(files.completed == 1)
        #expect(FileManager.default.contents(atPath: root + "/f").map(Array.init) == expected)
        // Reading it back above filled the cache again; a fresh restore of it must not.
        try FileManager.default.removeItem(atPath: root + "/f")
        let again = RestoreFiles(
            destination: RestoreDestination(root: root), files: [PlannedFile(path: "f", size: Int64(size), mode: 0o640, mtime: 0)],
            durable: true, writebackEvery: 64 << 10)
        try expected.withUnsafeBytes { try again.write($0, count: size, file: 0, at: 0) }
        if PageCache.canDropPages(of: root) { #expect(PageCache.residentPages(root + "/f") == 0) }
    }
}
