import Foundation

extension BlobStore {
    /// Downloads blob `name` into the file at `path` with parallel ranged reads, at most
    /// `concurrency` ranges of `blockSize` in memory at once. The bytes go to `path.partial` and
    /// are renamed to `path` only when complete, so an interrupted download never looks whole.
    /// Returns the number of bytes written.
    @discardableResult
    public func download(
        _ name: String, to path: String, concurrency: Int? = nil,
        progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> Int64 {
        let size = try await stat(name).size
        let partial = path + ".partial"
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileSourceError(path: partial, reason: String(cString: strerror(errno))) }
        let file = WritableFile(fd: fd, path: partial)
        do {
            let block = Int64(properties.blockSize)
            let count = Int((size + block - 1) / block)
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 0
                func launch() {
                    let offset = Int64(next) * block
                    next += 1
                    group.addTask {
                        let bytes = try await self.get(name, range: ByteRange(offset: offset, count: min(block, size - offset)))
                        try file.write(bytes, at: offset)
                        progress?(Int64(bytes.count))
                    }
                }
                while next < min(max(1, concurrency ?? properties.connectionLimit), count) { launch() }
                while try await group.next() != nil {
                    if next < count { launch() }
                }
            }
            try file.sync()
            file.close()
            guard rename(partial, path) == 0 else { throw FileSourceError(path: path, reason: String(cString: strerror(errno))) }
            return size
        } catch {
            file.close()
            unlink(partial)
            throw error
        }
    }
}

/// A file written at offsets from several tasks (pwrite is safe for disjoint ranges).
final class WritableFile: @unchecked Sendable {
    let fd: Int32
    let path: String
    private var closed = false

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    func write(_ bytes: [UInt8], at offset: Int64) throws {
        var done = 0
        try bytes.withUnsafeBytes { buf in
            while done < buf.count {
                let n = pwrite(fd, buf.baseAddress! + done, buf.count - done, off_t(offset) + off_t(done))
                if n < 0 { throw FileSourceError(path: path, reason: String(cString: strerror(errno))) }
                done += n
            }
        }
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw FileSourceError(path: path, reason: String(cString: strerror(errno))) }
    }

    func close() {
        if !closed { _ = Foundation.close(fd); closed = true }
    }
}
