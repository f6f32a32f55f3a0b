import CWriteback
import Foundation
import PageCacheProbe
import Testing

@testable import MockBlob

@Suite struct DirectWriteStageTests {
    /// `size` bytes of a fixed pattern, written through a stage in pieces of `piece` bytes;
    /// returns the file's path and the bytes.
    func writeThroughStage(_ dir: String, name: String, size: Int, piece: Int) throws -> (String, [UInt8]) {
        let path = "\(dir)/\(name)"
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        let stage = DirectWriteStage()
        var at = 0
        while at < size {
            let n = min(piece, size - at)
            try bytes.withUnsafeBytes { try stage.append(UnsafeRawBufferPointer(rebasing: $0[at..<(at + n)]), fd: fd, path: path) }
            at += n
        }
        try stage.finish(fd: fd, path: path)
        #expect(stage.written == Int64(size))
        #expect(fsync(fd) == 0)
        return (path, bytes)
    }

    @Test(arguments: [(0, 1000), (1000, 333), (1 << 20, 65536), ((3 << 20) + 12345, 100_003)])
    func theFileHoldsExactlyWhatWasAppended(size: Int, piece: Int) throws {
        let dir = PersistenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (path, bytes) = try writeThroughStage(dir, name: "f", size: size, piece: piece)
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
    }

    @Test func wholeUnitsBypassThePageCacheWhereTheFileSystemAllowsIt() throws {
        let dir = PersistenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let probe = open("\(dir)/probe", O_WRONLY | O_CREAT, 0o600)
        let directWorks = tiergate_set_direct(probe, 1) == 0
        close(probe)
        let tail = 5000
        let (path, _) = try writeThroughStage(dir, name: "f", size: (4 << 20) + tail, piece: 200_000)
        let cached = PageCache.residentPages(path)
        if directWorks && PageCache.canDropPages(of: dir) {
            // Only the tail went through the cache: two pages, not the 1026 of the whole file.
            #expect(cached <= 2)
        } else {
            #expect(cached >= 0)
        }
    }
}
