import Foundation

/// Bytes to upload, read by offset so that blocks can be read in parallel and read again on retry.
public protocol BlobSource: Sendable {
    /// Total size in bytes.
    var size: Int64 { get }
    /// Reads exactly `count` bytes at `offset`; throws if the source changed or vanished.
    func read(offset: Int64, count: Int) async throws -> [UInt8]
}

/// A source over bytes in memory.
public struct BytesSource: BlobSource {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var size: Int64 { Int64(bytes.count) }
    public func read(offset: Int64, count: Int) async throws -> [UInt8] {
        Array(bytes[Int(offset)..<Int(offset) + count])
    }
}

/// A source over a local file, read with `pread`; fails cleanly when the file shrinks or vanishes.
public final class FileSource: BlobSource {
    public let path: String
    public let size: Int64
    private let fd: Int32

    /// Opens `path` for reading.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileSourceError(path: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw FileSourceError(path: path, reason: String(cString: strerror(errno)))
        }
        self.fd = fd
        self.path = path
        self.size = Int64(st.st_size)
    }

    public func read(offset: Int64, count: Int) async throws -> [UInt8] {
        // Uninitialized storage: pread fills every byte or the read throws.
        try [UInt8](unsafeUninitializedCapacity: count) { buf, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buf.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if n < 0 { throw FileSourceError(path: path, reason: String(cString: strerror(errno))) }
                if n == 0 { throw FileSourceError(path: path, reason: "file shrank while it was read") }
                done += n
            }
            initialized = count
        }
    }

    deinit { close(fd) }
}

/// A local file could not be read; one line naming it.
public struct FileSourceError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
