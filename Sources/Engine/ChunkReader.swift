import Foundation
import RepositoryFormat

/// Reads a file sequentially through a fixed buffer and hands its chunks, in order, to `body`.
enum ChunkReader {
    static let bufferSize = 8 << 20

    /// Cuts the file at `path` into chunks; fails when it vanishes, shrinks or grows mid-read.
    static func read(path: String, expectedSize: Int64, chunker: FastCDC, _ body: ([UInt8]) async throws -> Void) async throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw LocalStoreError("\(path) vanished or is unreadable while the point was read (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: bufferSize + chunker.parameters.maxSize)
        var filled = 0
        var total: Int64 = 0
        var eof = false
        while true {
            while !eof && filled < buffer.count {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, $0.count - filled, off_t(total)) }
                if n < 0 { throw LocalStoreError("\(path): read failed (\(String(cString: strerror(errno))))") }
                if n == 0 { eof = true } else {
                    filled += n
                    total += Int64(n)
                }
            }
            var start = 0
            while start < filled {
                let cut: Int? = buffer.withUnsafeBytes { raw in
                    chunker.cut(UnsafeRawBufferPointer(rebasing: raw[start..<filled]), isFinal: eof)
                }
                guard let cut else { break }
                try await body(Array(buffer[start..<(start + cut)]))
                start += cut
            }
            if start > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    memmove(base, base + start, filled - start)
                }
                filled -= start
            }
            if eof && filled == 0 { break }
        }
        guard total == expectedSize else {
            throw LocalStoreError("\(path) changed size while the point was read (\(expectedSize) → \(total) bytes)")
        }
    }
}
