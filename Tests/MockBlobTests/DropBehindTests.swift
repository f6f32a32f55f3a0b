import Foundation
import PageCacheProbe
import Testing

@testable import MockBlob

@Suite struct MockDropBehindTests {
    /// A file of `size` bytes, written and flushed to disk; returns its descriptor.
    func writeFile(_ path: String, size: Int) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(fd >= 0)
        let bytes = [UInt8](repeating: 0xA5, count: size)
        #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress, size) } == size)
        #expect(fsync(fd) == 0)
        return fd
    }

    @Test func largeFilesLeaveTheCacheKeepFilesLaterAndSmallOnesAreOnlyClosed() throws {
        let dir = PersistenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let drop = DropBehind(minimum: 1 << 20, keep: 2)
        var fds: [Int32] = []
        for i in 0..<5 {
            let fd = writeFile("\(dir)/large\(i)", size: 1 << 20)
            fds.append(fd)
            drop.finished(fd, size: 1 << 20)
        }
        // The last `keep` large files are still open (their pages not dropped yet).
        #expect(fds.suffix(2).allSatisfy { fcntl($0, F_GETFD) != -1 })
        // A small file is closed at once (checked before anything can reuse its number).
        let small = writeFile("\(dir)/small", size: 1000)
        drop.finished(small, size: 1000)
        #expect(fcntl(small, F_GETFD) == -1)
        if PageCache.canDropPages(of: dir) {
            for i in 0..<3 { #expect(PageCache.residentPages("\(dir)/large\(i)") == 0) }
            // Not dropped yet: still cached after being written.
            #expect(PageCache.residentPages("\(dir)/large4") == 256)
        }
    }
}
